"""Rows of a spreadsheet file, streamed: CSV (UTF-8 with or without BOM, or GB18030) or XLSX.

A file is a sequence of tables, each a title, a header row and its data rows numbered as the
spreadsheet numbers them (the header is row 1). A CSV file holds one table, titled by the
file's name; an XLSX file one per worksheet. Cells come as text (XLSX numbers and dates as
their usual spelling), blank cells as "".
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import dataclasses
import datetime as dt
import io
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

import openpyxl

# Bytes read at a time when deciding a CSV file's encoding.
_CHUNK = 1 << 16


class UnreadableFile(Exception):
    """The file is neither a CSV file in a known encoding nor an XLSX workbook."""


@dataclasses.dataclass(frozen=True, slots=True)
class Table:
    """One table of a file: its title, header cells and data rows `(number, cells)`."""

    title: str
    header: tuple[str, ...]
    rows: Iterator[tuple[int, tuple[str, ...]]]


def encoding_of(stream: IO[bytes]) -> str:
    """`utf-8-sig` when the whole stream decodes as UTF-8 (with or without BOM), else
    `gb18030`, which Chinese offices' software still writes. The stream is rewound."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while chunk := stream.read(_CHUNK):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
        found = "utf-8-sig"
    except UnicodeDecodeError:
        found = "gb18030"
    stream.seek(0)
    return found


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return format(Decimal(repr(value)).normalize(), "f") if value == value else ""
    return str(value).strip()


@contextlib.contextmanager
def _csv_tables(stream: IO[bytes], title: str) -> Iterator[list[Table]]:
    encoding = encoding_of(stream)
    text = io.TextIOWrapper(stream, encoding=encoding, newline="")
    try:
        reader = csv.reader(text)
        try:
            header = tuple(cell.strip() for cell in next(reader, []))
        except csv.Error as error:
            raise UnreadableFile(f"the CSV file cannot be read: {error}") from error
        rows = ((number, tuple(row)) for number, row in enumerate(reader, start=2))
        yield [Table(title, header, _nonblank(_csv_checked(rows)))]
    finally:
        text.detach()


def _csv_checked(
    rows: Iterator[tuple[int, tuple[str, ...]]],
) -> Iterator[tuple[int, tuple[str, ...]]]:
    try:
        yield from rows
    except csv.Error as error:
        raise UnreadableFile(f"the CSV file cannot be read: {error}") from error


def _nonblank(
    rows: Iterator[tuple[int, tuple[str, ...]]],
) -> Iterator[tuple[int, tuple[str, ...]]]:
    for number, cells in rows:
        stripped = tuple(cell.strip() for cell in cells)
        if any(stripped):
            yield number, stripped


@contextlib.contextmanager
def _xlsx_tables(stream: IO[bytes]) -> Iterator[list[Table]]:
    try:
        workbook = openpyxl.load_workbook(stream, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise UnreadableFile(f"the file is not an XLSX workbook: {error}") from error
    try:
        made = []
        for worksheet in workbook.worksheets:
            values = worksheet.iter_rows(values_only=True)
            header = tuple(_text(cell) for cell in next(values, ()))
            rows = (
                (number, tuple(_text(cell) for cell in row))
                for number, row in enumerate(values, start=2)
            )
            made.append(Table(worksheet.title, header, _nonblank(rows)))
        yield made
    finally:
        workbook.close()


def tables(stream: IO[bytes], filename: str) -> contextlib.AbstractContextManager[list[Table]]:
    """The tables of a file by its name's suffix, `.csv` or `.xlsx`, while it is open; each
    table's rows are read as they are iterated."""
    suffix = Path(filename).suffix.lower()
    if suffix == ".csv":
        return _csv_tables(stream, Path(filename).stem)
    if suffix == ".xlsx":
        return _xlsx_tables(stream)
    raise UnreadableFile(f"{filename}: only .csv and .xlsx files can be imported")
