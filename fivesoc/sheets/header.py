"""How a file's tables map onto a kind's sheets, and a table's header onto a sheet's columns.

A worksheet holds the sheet its title names (in English or Chinese); a file of one table
holds the only sheet of a one-sheet kind whatever its title. A header cell names a column by
its English or Chinese header (or its column name); `version` (`版本`) is the version a row was
exported at. The template's example row, left as it was, is not a row to import.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence

from fivesoc.sheets import read
from fivesoc.sheets.examples import example
from fivesoc.sheets.layout import (
    KINDS,
    VALUES,
    VALUES_ZH,
    VERSION,
    VERSION_ZH,
    Sheet,
    SheetColumn,
    sheet_by_title,
)
from fivesoc.sheets.report import Problem


@dataclasses.dataclass(frozen=True, slots=True)
class Layout:
    """How a table's header maps onto its sheet: the column of each cell position, where its
    `version` is, the language of its headers, and the template's example rows."""

    sheet: Sheet
    positions: tuple[tuple[int, SheetColumn], ...]
    version_at: int | None
    lang: str
    examples: tuple[tuple[str, ...], ...] = ()


def is_example(layout: Layout, cells: Sequence[str]) -> bool:
    """Whether a row is the template's example row, left as it was (it is not imported)."""
    given = tuple(cells[at] if at < len(cells) else "" for at, _ in layout.positions)
    return given in layout.examples


def layout_of(sheet: Sheet, header: Sequence[str]) -> tuple[Layout | None, list[Problem]]:
    """The layout of a table of `sheet` with this header, or None and what is wrong with it
    (an unknown column, one named twice, a required one missing)."""
    lang = "zh" if any(cell in {col.zh for col in sheet.columns} for cell in header) else "en"
    title = sheet.title(lang)
    by_header: dict[str, SheetColumn] = {}
    for col in sheet.columns:
        by_header[col.en.casefold()] = col
        by_header[col.zh] = col
        by_header[col.column.casefold()] = col
    positions: list[tuple[int, SheetColumn]] = []
    version_at = None
    problems: list[Problem] = []
    for at, cell in enumerate(header):
        if not cell:
            continue
        if cell.casefold() == VERSION or cell == VERSION_ZH:
            version_at = at
            continue
        named = by_header.get(cell.casefold()) or by_header.get(cell)
        if named is None:
            expected = ", ".join(c.header(lang) for c in sheet.columns)
            problems.append(
                Problem(title, 1, cell, cell,
                        f"is not a column of this sheet; its columns are: {expected}",
                        f"不是此表的列；此表的列为：{expected}")
            )  # fmt: skip
        elif any(col is named for _, col in positions):
            problems.append(
                Problem(title, 1, named.header(lang), cell, "appears twice", "重复出现")
            )
        else:
            positions.append((at, named))
    seen = {col.column for _, col in positions}
    for col in sheet.columns:
        if col.required and col.column not in seen:
            problems.append(
                Problem(title, 1, col.header(lang), "",
                        "is a required column and is missing", "是必填列，但缺少此列")
            )  # fmt: skip
    if problems:
        return None, problems
    shown = tuple(tuple(example(col, each) for _, col in positions) for each in ("en", "zh"))
    return Layout(sheet, tuple(positions), version_at, lang, shown), []


def plan(
    kind: str, tables: Sequence[read.Table], problems: list[Problem]
) -> Iterator[tuple[Sheet, read.Table]]:
    """Each sheet of `kind` with the table of the file that holds it, parents first; a
    table that holds none of them is a problem."""
    sheets = KINDS[kind]
    tables = [table for table in tables if table.title not in (VALUES, VALUES_ZH)]
    if len(tables) == 1 and len(sheets) == 1:
        yield sheets[0], tables[0]
        return
    by_sheet = {}
    for table in tables:
        found = sheet_by_title(table.title)
        if found is None or found not in sheets:
            names = ", ".join(f"{s.name} ({s.zh})" for s in sheets)
            problems.append(
                Problem(table.title, 0, None, "",
                        f"is not a sheet of {kind}; its sheets are: {names}",
                        f"不是此类导入的工作表；应为：{names}")
            )  # fmt: skip
            continue
        by_sheet[found.name] = table
    for each in sheets:
        if each.name in by_sheet:
            yield each, by_sheet[each.name]
