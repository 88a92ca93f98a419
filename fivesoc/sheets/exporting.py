"""A sheet's rows as CSV or XLSX, streamed, in the form an import reads back.

The columns are the sheet's (`fivesoc.sheets.layout`), headed in English or Chinese, after a
`version` column; a reference is written as the name of what it names. Personal data goes
only to those `fivesoc.permissions` lets read it: a personal sheet (households, members)
holds only the rows in the caller's regions (and needs a grant to read any), and a personal
column of a public sheet (a volunteer's name) is left blank in rows outside them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator, Sequence
from typing import Any

from openpyxl import Workbook

from fivesoc import permissions
from fivesoc.auth import Viewer
from fivesoc.db import sheets as sql
from fivesoc.db.listing import Filter
from fivesoc.db.network import Conn
from fivesoc.permissions import PERSONAL, READ
from fivesoc.sheets.cells import text_of
from fivesoc.sheets.layout import VERSION, VERSION_ZH, Sheet

FORMATS = ("csv", "xlsx")


class ExportRefused(Exception):
    """The caller may not read the sheet's records at all."""


def check_may_read(sheet: Sheet, viewer: Viewer) -> None:
    """Refuse a personal sheet to a caller who may read no personal records at all."""
    if sheet.personal and not permissions.grants(viewer, READ, PERSONAL):
        raise ExportRefused(f"your token may not read {sheet.name}: they are personal data")


async def count(
    conn: Conn,
    sheet: Sheet,
    viewer: Viewer,
    region_id: int | None,
    filters: Sequence[tuple[Filter, object]] = (),
) -> int:
    """How many rows an export of `sheet` gives `viewer` (what it costs)."""
    check_may_read(sheet, viewer)
    readable = permissions.regions(viewer, READ, PERSONAL) if sheet.personal else None
    return await sql.count_rows(
        conn, sheet.record, region_id, readable, all_rows=not sheet.personal, filters=filters
    )


def header(sheet: Sheet, lang: str) -> list[str]:
    return [VERSION_ZH if lang == "zh" else VERSION, *(c.header(lang) for c in sheet.columns)]


async def rows(
    conn: Conn,
    sheet: Sheet,
    viewer: Viewer,
    region_id: int | None,
    filters: Sequence[tuple[Filter, object]] = (),
) -> AsyncIterator[list[str]]:
    """The sheet's rows as text, in key order, as `viewer` may read them (inside the caller's
    transaction)."""
    personal_sheet = sheet.personal
    has_personal = personal_sheet or any(col.personal for col in sheet.columns)
    check_may_read(sheet, viewer)
    readable = permissions.regions(viewer, READ, PERSONAL) if has_personal else None
    columns = [col.column for col in sheet.columns]
    async for row in sql.export_rows(
        conn,
        sheet.record,
        columns,
        region_id,
        readable,
        all_rows=not personal_sheet,
        filters=filters,
    ):
        shown = row["readable"]
        yield [
            str(row["version"]),
            *(
                "" if col.personal and not shown else text_of(col, row[col.column])
                for col in sheet.columns
            ),
        ]


async def csv_chunks(
    conn: Conn,
    sheet: Sheet,
    viewer: Viewer,
    region_id: int | None,
    lang: str,
    filters: Sequence[tuple[Filter, object]] = (),
) -> AsyncIterator[bytes]:
    """The sheet as UTF-8 CSV with a BOM (so spreadsheet programs read its Chinese), in
    chunks of about 64 KiB."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow(header(sheet, lang))
    async for row in rows(conn, sheet, viewer, region_id, filters):
        writer.writerow(row)
        if buffer.tell() > 1 << 16:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


async def xlsx_bytes(
    conn: Conn,
    sheet: Sheet,
    viewer: Viewer,
    region_id: int | None,
    lang: str,
    filters: Sequence[tuple[Filter, object]] = (),
) -> bytes:
    """The sheet as an XLSX workbook of one worksheet, written row by row (write-only)."""
    workbook = Workbook(write_only=True)
    worksheet: Any = workbook.create_sheet(sheet.title(lang))
    worksheet.append(header(sheet, lang))
    async for row in rows(conn, sheet, viewer, region_id, filters):
        worksheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
