"""Spreadsheet files for the tests, made in Python: CSV text and XLSX workbooks."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

import asyncpg
import openpyxl

from fivesoc.auth import Viewer
from fivesoc.sheets import exporting
from fivesoc.sheets.importing import import_file
from fivesoc.sheets.layout import SHEETS
from fivesoc.sheets.report import Report

ADMIN = Viewer(subject="tester", role="admin")


def csv_bytes(rows: Sequence[Sequence[str]], encoding: str = "utf-8") -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(sheets: dict[str, Sequence[Sequence[str]]]) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for title, rows in sheets.items():
        worksheet = workbook.create_sheet(title)
        for row in rows:
            worksheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


async def load(
    conn: asyncpg.Connection,
    content: bytes,
    filename: str,
    kind: str,
    viewer: Viewer = ADMIN,
    *,
    dry_run: bool = False,
) -> Report:
    return await import_file(conn, io.BytesIO(content), filename, kind, viewer, dry_run=dry_run)


async def exported(
    conn: asyncpg.Connection, kind: str, viewer: Viewer = ADMIN, region: int | None = None
) -> list[dict[str, str]]:
    """The CSV export of a sheet, read back as one dict per row (English headers)."""
    chunks = []
    async with conn.transaction():
        async for chunk in exporting.csv_chunks(conn, SHEETS[kind], viewer, region, "en"):
            chunks.append(chunk)
    text = b"".join(chunks).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


async def count(conn: asyncpg.Connection, table: str) -> int:
    value: int = await conn.fetchval(f"select count(*) from {table}")
    return value
