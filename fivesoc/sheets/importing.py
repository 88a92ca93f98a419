"""Import a register all or nothing: every row checked, every bad cell reported, and the rows
written in one transaction only when every one is good.

Each row goes through the mutations' own write path (`fivesoc.db.entities`): its references
are found by name, its natural key finds the row it stands for (none: it is created; one: it
is updated, naming the version read where the sheet has a `version` column), the write
grant of `fivesoc.permissions` is checked for its region, and the row is written with its
event, inside a savepoint. A row the database refuses (a blank name, a negative count, a
duplicate) is reported with the constraint's own message, blamed on the column at fault, and
checking goes on with the next row. At the end the transaction commits only if nothing was
wrong and this is no dry run. Rows are read as they are checked, so a large file needs
memory for one row at a time (and for the report).
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Callable, Sequence
from typing import IO, Any

import asyncpg

from fivesoc import permissions
from fivesoc.auth import Viewer
from fivesoc.db import entities as db
from fivesoc.db import operations
from fivesoc.db import sheets as sql
from fivesoc.db.errors import WriteError
from fivesoc.permissions import PERSONAL, PUBLIC, WRITE
from fivesoc.sheets import read
from fivesoc.sheets.cells import BadCell, value_of
from fivesoc.sheets.header import Layout, is_example, layout_of, plan
from fivesoc.sheets.layout import KINDS, VERSION, Sheet, SheetColumn
from fivesoc.sheets.report import Counts, Problem, Report, chinese

# Names looked up are remembered per sheet, up to this many.
_CACHED = 10_000


class Rollback(Exception):
    """Raised to undo the import's transaction: a problem was found, or it is a dry run."""


def _global_id(type_name: str, key: int) -> str:
    return base64.b64encode(f"{type_name}:{key}".encode()).decode()


class Importer:
    """One import: its connection (inside the transaction), caller, report and name cache."""

    def __init__(self, conn: asyncpg.Connection, viewer: Viewer, report: Report) -> None:
        self.conn = conn
        self.viewer = viewer
        self.report = report
        self.names: dict[tuple[str, str, str | None], list[sql.Candidate]] = {}
        self.regions: dict[tuple[str, int | None], int | None] = {}
        self.paths: dict[int | None, tuple[int, ...]] = {}
        self.lang = "en"
        self.on_row: Callable[[], None] | None = None

    def problem(
        self, sheet: Sheet, row: int, col: SheetColumn | None, value: str, en: str, zh: str
    ) -> None:
        header = None if col is None else col.header(self.lang)
        self.report.add(Problem(sheet.title(self.lang), row, header, value, en, zh))

    # -- names --------------------------------------------------------------------------

    async def resolve(
        self, sheet: Sheet, row: int, col: SheetColumn, text: str, region: int | None
    ) -> int | None:
        assert col.ref is not None
        parent, _, name = text.rpartition("/")
        cached = (col.ref, name.strip(), parent.strip() or None)
        if cached not in self.names:
            if len(self.names) >= _CACHED:
                self.names.clear()
            self.names[cached] = await sql.candidates(self.conn, *cached)
        found = self.names[cached]
        if len(found) > 1 and region is not None:
            near = [each for each in found if region in each.path_ids]
            found = near or found
        if len(found) == 1:
            return found[0].key
        if not found:
            self.problem(sheet, row, col, text, "names nothing", "找不到此名称")
            return None
        listed = "; ".join(
            f"{'/'.join(each.place)} ({_global_id(each.type_name, each.key)})" for each in found
        )
        self.problem(
            sheet, row, col, text,
            f"names {len(found)} rows: {listed}; write `parent/name` to choose one",
            f"同名记录有 {len(found)} 条：{listed}；请写作“上级/名称”以区分",
        )  # fmt: skip
        return None

    # -- a row --------------------------------------------------------------------------

    async def row(self, layout: Layout, number: int, cells: Sequence[str]) -> str | None:
        """Check and write one row; what it did (`created`, `updated`, `unchanged`) or None."""
        sheet = layout.sheet
        if is_example(layout, cells):
            return None
        texts = {col.column: (cells[at] if at < len(cells) else "") for at, col in layout.positions}
        columns = {col.column: col for _, col in layout.positions}
        values: dict[str, Any] = {}
        bad = False
        for name, text in texts.items():
            col = columns[name]
            if not text and col.required:
                self.problem(sheet, number, col, "", "must be filled", "必须填写")
                bad = True
            if not text or col.ref is not None:
                continue
            try:
                values[name] = value_of(col, text)
            except BadCell as problem:
                self.problem(sheet, number, col, text, problem.en, problem.zh)
                bad = True
        version = None
        if layout.version_at is not None and layout.version_at < len(cells):
            version_text = cells[layout.version_at]
            if version_text:
                if version_text.isdigit():
                    version = int(version_text)
                else:
                    self.report.add(
                        Problem(sheet.title(self.lang), number, VERSION, version_text,
                                "must be a whole number", "须为整数")
                    )  # fmt: skip
                    bad = True
        # The row's region first (where it names one), to choose among namesakes in it.
        region_column = sheet.table.region_column
        ordered = sorted(
            (col for col in columns.values() if col.ref is not None),
            key=lambda col: col.column != region_column,
        )
        region: int | None = None
        for col in ordered:
            text = texts[col.column]
            if not text:
                continue
            key = await self.resolve(sheet, number, col, text, region)
            if key is None:
                bad = True
            else:
                values[col.column] = key
                if col.column == region_column and col.ref == "Region":
                    region = key
        if bad:
            return None
        try:
            return await self.write(sheet, number, columns, texts, values, version)
        except WriteError as error:
            culprit = next(
                (c for c in columns.values() if db.field_name(c.column) == error.field), None
            )
            value = texts.get(culprit.column, "") if culprit is not None else ""
            self.problem(sheet, number, culprit, value, error.message, chinese(error.message))
        except asyncpg.PostgresError as error:
            self.problem(
                sheet, number, None, "", f"the database refused the row: {error}",
                f"数据库拒绝此行：{error}",
            )  # fmt: skip
        return None

    async def write(
        self,
        sheet: Sheet,
        number: int,
        columns: dict[str, SheetColumn],
        texts: dict[str, str],
        values: dict[str, Any],
        version: int | None,
    ) -> str | None:
        if sheet.operation:
            return await self.participate(sheet, number, columns, values)
        table = sheet.table
        of = PERSONAL if table.personal else PUBLIC
        blanks = {name: None for name, text in texts.items() if not text and columns[name].nullable}
        if all(name in columns for name in sheet.key):
            found = await sql.keyed(self.conn, sheet.record, sheet.key, {**blanks, **values})
        else:
            found = []
        if len(found) > 1:
            self.problem(
                sheet, number, None, "",
                "stands for several rows already recorded (same natural key)",
                "对应多条已有记录（自然键相同）",
            )  # fmt: skip
            return None
        if not found:
            missing = [col for col in sheet.columns if col.required and col.column not in values]
            for col in missing:
                self.problem(sheet, number, col, "", "must be filled", "必须填写")
            if missing:
                return None
            region = await self.region_for(table, values.get(table.region_column))
            if not await self.may_write(region, of):
                self.refused(sheet, number)
                return None
            async with self.conn.transaction():  # a savepoint: a refused row leaves nothing
                await db.insert(self.conn, table, values)
            return "created"
        key = found[0]
        current = await db.lock(self.conn, table, key)
        if not await self.may_write(current.region_id, of):
            self.refused(sheet, number)
            return None
        if table.region_column in values:
            moved = await self.region_for(table, values[table.region_column])
            if not await self.may_write(moved, of):
                self.refused(sheet, number)
                return None
        changes = {**blanks, **values}
        if version is not None and version != current.version:
            self.report.add(
                Problem(
                    sheet.title(self.lang), number, VERSION, str(version),
                    f"the row is at version {current.version} now: export it again",
                    f"该记录已更新至版本 {current.version}，请重新导出",
                )
            )  # fmt: skip
            return None
        db.check_version(table, current, current.version)
        if all(value == current.values[name] for name, value in changes.items()):
            return "unchanged"
        async with self.conn.transaction():
            await db.update(self.conn, table, key, current, changes)
        return "updated"

    async def participate(
        self, sheet: Sheet, number: int, columns: dict[str, SheetColumn], values: dict[str, Any]
    ) -> str | None:
        """A project's participant, through the operations `addProjectParticipant` and
        `endProjectParticipation` write: added once per project, actor and role, and ended
        once (an import may end a participation; it never moves its dates)."""
        table = sheet.table
        project, actor, role = values["project_id"], values["actor_id"], values["role"]
        region = await self.region_for(table, project)
        if not await self.may_write(region, PUBLIC):
            self.refused(sheet, number)
            return None
        found = await sql.keyed(self.conn, sheet.record, sheet.key, values)
        joined_on, left_on = values.get("joined_on"), values.get("left_on")
        if not found:
            async with self.conn.transaction():
                added = await operations.add_participant(
                    self.conn, project, actor, role, joined_on or dt.date.today()
                )
                if left_on is not None:
                    await operations.end_participation(self.conn, added.id, left_on)
            return "created"
        current = await sql.participation(self.conn, found[0])
        if joined_on is not None and joined_on != current.joined_on:
            self.problem(
                sheet, number, columns["joined_on"], joined_on.isoformat(),
                f"the participation began on {current.joined_on}; an import does not move it",
                f"该参与始于 {current.joined_on}，导入不能更改",
            )  # fmt: skip
            return None
        if left_on is None or left_on == current.left_on:
            return "unchanged"
        async with self.conn.transaction():
            await operations.end_participation(self.conn, found[0], left_on)
        return "updated"

    async def region_for(self, table: Any, key: int | None) -> int | None:
        """The region a row with `key` in its region column lies in (kept for the sheet)."""
        cached = (table.name, key)
        if cached not in self.regions:
            if len(self.regions) >= _CACHED:
                self.regions.clear()
            self.regions[cached] = await db.region_for(self.conn, table, key)
        return self.regions[cached]

    async def may_write(self, region: int | None, of: permissions.RecordClass) -> bool:
        if region not in self.paths:
            if len(self.paths) >= _CACHED:
                self.paths.clear()
            self.paths[region] = await sql.region_path(self.conn, region)
        return permissions.allows(self.viewer, WRITE, of, self.paths[region])

    def refused(self, sheet: Sheet, number: int) -> None:
        self.problem(
            sheet, number, None, "",
            f"your token may not write {sheet.name} in this region",
            "您的令牌无权在此地区写入此类记录",
        )  # fmt: skip

    # -- a table ------------------------------------------------------------------------

    async def table(self, sheet: Sheet, table: read.Table) -> None:
        self.names.clear()
        self.regions.clear()
        layout, problems = layout_of(sheet, table.header)
        for problem in problems:
            self.report.add(problem)
        counts = self.report.counts.setdefault(sheet.name, Counts())
        if layout is None:
            return
        self.lang = layout.lang
        for number, cells in table.rows:
            done = await self.row(layout, number, cells)
            if done is not None:
                setattr(counts, done, getattr(counts, done) + 1)
            if self.on_row is not None:
                self.on_row()


async def import_file(
    conn: asyncpg.Connection,
    stream: IO[bytes],
    filename: str,
    kind: str,
    viewer: Viewer,
    *,
    dry_run: bool = False,
    on_row: Any = None,
) -> Report:
    """Import the file `stream` (named `filename`, `.csv` or `.xlsx`) as `kind`, as `viewer`.

    Every row is checked; the rows are written, in one transaction, only when none is wrong
    and this is not a dry run. The report lists every problem and counts the rows.
    """
    report = Report(dry_run=dry_run)
    sheets = KINDS[kind]
    if not any(permissions.grants(viewer, WRITE, _class(s)) for s in sheets):
        report.add(
            Problem(sheets[0].name, 0, None, "",
                    f"your token may not write {kind}", "您的令牌无权写入此类记录")
        )  # fmt: skip
        return report
    try:
        with read.tables(stream, filename) as tables:
            importer = Importer(conn, viewer, report)
            importer.on_row = on_row
            try:
                async with conn.transaction():
                    unplaced: list[Problem] = []
                    placed = list(plan(kind, tables, unplaced))
                    for problem in unplaced:
                        report.add(problem)
                    for sheet, table in placed:
                        await importer.table(sheet, table)
                    if not report.ok or dry_run:
                        raise Rollback
                    report.written = True
            except Rollback:
                pass
    except read.UnreadableFile as error:
        report.add(Problem(filename, 0, None, "", str(error), f"无法读取文件：{error}"))
    return report


def _class(sheet: Sheet) -> permissions.RecordClass:
    return PERSONAL if sheet.table.personal else PUBLIC
