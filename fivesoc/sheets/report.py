"""What an import found and did: every bad cell, in English and Chinese, and the counts."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import Any

# The most problems a report keeps; it still counts every one.
KEPT = 10_000

# The Chinese of the rules' messages (`fivesoc.db.records.shared` and the entities'
# constraints); a message without one is shown in English in both.
_ZH_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), zh)
    for pattern, zh in (
        (r"^must not be blank$", "不能为空"),
        (r"^must not be negative$", "不能为负数"),
        (r"^must not be null$", "不能为空"),
        (r"^must be a year between (\d+) and (\d+)$", r"须为 \1 至 \2 之间的年份"),
        (r"^must be at least 1$", "至少为 1"),
        (r"^must be more than 0$", "须大于 0"),
        (r"^must name at least one category$", "至少填写一个类别"),
        (r"^must not be before (\w+)$", r"不能早于 \1"),
        (r"^must not be the source itself$", "不能是发起方自身"),
        (r"^another .* has this name$", "已有同名记录"),
        (
            r"^is set exactly when certificationLevel is not NONE$",
            "有职业资格等级时须填取证年份，反之不填",
        ),
        (r"^the .* already has this .*$", "该记录已存在"),
        (r"^these actors already have .*$", "这两方已有此合作关系"),
        (r"^the region already reports this metric for this period$", "该地区此期间已有此指标"),
        (r"^a number is too large for its field$", "数值过大"),
        (r"^no (.+) has the id (\d+)$", r"找不到 id 为 \2 的记录"),
        (r"^the .+ is archived$", "该记录已归档，不能更改"),
        (r"^must be at least (\S+), .*$", r"不能小于 \1"),
        (r"^the actor already has this role in the project$", "该参与方在此项目中已有此角色"),
        (r"^the participation already ended on (\S+)$", r"该参与已于 \1 结束"),
        (r"^must not be before the actor joined.*$", "不能早于加入日期"),
        (r"^is too large$", "数值过大"),
        (r"^must be lower-case letters.*$", "须为小写字母、数字和下划线，以字母开头"),
    )
)


def chinese(message: str) -> str:
    """The Chinese of a rule's English message, or the message itself when none is known."""
    for pattern, zh in _ZH_RULES:
        if pattern.match(message):
            return pattern.sub(zh, message)
    return message


@dataclasses.dataclass(frozen=True, slots=True)
class Problem:
    """A bad cell (or row, when `column` is None): where it is, what it holds, what is wrong."""

    sheet: str
    row: int
    column: str | None
    value: str
    en: str
    zh: str

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def line(self) -> str:
        # Row 0: the file or the sheet as a whole.
        where = (f"{self.sheet}!{self.row}" if self.row else self.sheet) + (
            f" {self.column}" if self.column else ""
        )
        value = f" = {self.value!r}" if self.value else ""
        return f"{where}{value}: {self.en} / {self.zh}"


@dataclasses.dataclass
class Counts:
    """Rows of a sheet by what their import did (or would do)."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclasses.dataclass
class Report:
    """The outcome of an import: problems (the first `KEPT`, and how many), counts per sheet,
    and whether anything was written."""

    dry_run: bool
    counts: dict[str, Counts] = dataclasses.field(default_factory=dict)
    problems: list[Problem] = dataclasses.field(default_factory=list)
    problem_count: int = 0
    written: bool = False

    def add(self, problem: Problem) -> None:
        self.problem_count += 1
        if len(self.problems) < KEPT:
            self.problems.append(problem)

    @property
    def ok(self) -> bool:
        return self.problem_count == 0

    @property
    def counts_pending(self) -> bool:
        """Whether the counts say what would be done, not what was (nothing was written)."""
        return not self.written

    def lines(self) -> Iterator[str]:
        for name, counts in self.counts.items():
            if not self.counts_pending:
                yield (
                    f"{name}: {counts.created} created, {counts.updated} updated, "
                    f"{counts.unchanged} unchanged"
                )
            else:
                yield (
                    f"{name}: {counts.created} to create, {counts.updated} to update, "
                    f"{counts.unchanged} unchanged"
                    + ("" if self.ok else " (of the rows without problems)")
                )
        for problem in self.problems:
            yield problem.line()
        if self.problem_count > len(self.problems):
            yield f"… and {self.problem_count - len(self.problems)} more problems"
        if not self.ok:
            yield (
                f"{self.problem_count} problem{'s' if self.problem_count != 1 else ''}: "
                "nothing was written / 有错误，未写入任何数据"
            )
        elif self.dry_run:
            yield "dry run: every row is good; nothing was written / 试运行：全部正确，未写入"
        else:
            yield "imported: every row written / 导入成功"

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "dryRun": self.dry_run,
            "written": self.written,
            "counts": {name: dataclasses.asdict(c) for name, c in self.counts.items()},
            "problemCount": self.problem_count,
            "problems": [problem.as_dict() for problem in self.problems],
        }
