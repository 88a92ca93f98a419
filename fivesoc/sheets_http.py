"""Spreadsheets over HTTP: `GET /sheets/export` and `GET /sheets/template`.

`/sheets/export?kind=K&format=csv|xlsx[&region=R][&lang=en|zh][&filter.F=V…]` streams a
list as `fivesoc export` writes it, narrowed by its root list's filters
(`fivesoc.sheets.filters`), to the caller the token names: personal rows and fields only as
`fivesoc.permissions` lets it read them. `region` is a region's exact name (德清县) or
global id. `/sheets/template?kind=K[&lang=zh|en]` is the XLSX template of `fivesoc import
template`, and `/hsds/export[?region=R]` the HSDS 3.0 data package of `fivesoc export
--format hsds` (public records only). A bad parameter is a 400 and a refusal a 403, each a
GraphQL error document with its `extensions.code`, as `/network/export` answers.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from typing import Any

import asyncpg
from starlette.responses import JSONResponse, Response, StreamingResponse

from fivesoc.auth import Viewer
from fivesoc.db import hsds as hsds_rows
from fivesoc.db.names import regions_named
from fivesoc.sheets import exporting, filters, hsds
from fivesoc.sheets.layout import KINDS, SHEETS
from fivesoc.sheets.templates import template

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"


class Refused(Exception):
    """A request refused: its status, message, code and the argument at fault."""

    def __init__(self, status: int, message: str, code: str, argument: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code
        self.argument = argument

    def response(self) -> Response:
        extensions: dict[str, Any] = {"code": self.code}
        if self.argument is not None:
            extensions["argument"] = self.argument
        return JSONResponse(
            {"errors": [{"message": self.message, "extensions": extensions}]}, self.status
        )


def _bad(message: str, argument: str) -> Refused:
    return Refused(400, message, "BAD_USER_INPUT", argument)


def _choice(params: Mapping[str, str], name: str, choices: Any, default: str | None) -> str:
    value = params.get(name, default)
    if value is None or value not in choices:
        raise _bad(f"`{name}` must be one of: {', '.join(choices)}", name)
    return value


async def _region(pool: asyncpg.Pool, value: str | None) -> int | None:
    if not value:
        return None
    try:
        type_name, _, key = base64.b64decode(value, validate=True).decode().partition(":")
    except (binascii.Error, ValueError, UnicodeError):
        type_name, key = "", ""
    if type_name == "Region" and key.isdigit():
        return int(key)
    async with pool.acquire() as conn:
        found = await regions_named(conn, value)
    if len(found) == 1:
        return found[0].key
    if not found:
        raise _bad(f"no region is named {value!r}", "region")
    places = "; ".join(
        "/".join(named.place) + " (" + base64.b64encode(f"Region:{named.key}".encode()).decode()
        + ")"
        for named in found
    )  # fmt: skip
    raise _bad(f"{len(found)} regions are named {value!r}: {places}", "region")


# Charges an export's cost (one point a row) to the caller's budget: None when it is paid,
# else the refusal to answer with (`fivesoc.app`, as for `/network/export`).
Pay = Callable[[int], Awaitable[Response | None]]


async def export(
    request_params: Mapping[str, str], pool: asyncpg.Pool, viewer: Viewer, pay: Pay
) -> Response:
    """The answer to `GET /sheets/export`: one point of the caller's budget a row."""
    try:
        kind = _choice(request_params, "kind", SHEETS, None)
        fmt = _choice(request_params, "format", exporting.FORMATS, "csv")
        lang = _choice(request_params, "lang", ("en", "zh"), "en")
        region = await _region(pool, request_params.get("region"))
        sheet = SHEETS[kind]
        own = {"kind", "format", "lang", "region"}
        for name in request_params:
            if name not in own and not name.startswith("filter."):
                raise _bad(f"/sheets/export takes no parameter `{name}`", name)
        narrowed = filters.given(
            sheet,
            {
                name.removeprefix("filter."): value
                for name, value in request_params.items()
                if name.startswith("filter.")
            },
        )
        exporting.check_may_read(sheet, viewer)
    except filters.BadFilter as bad:
        return _bad(bad.message, bad.argument).response()
    except Refused as refused:
        return refused.response()
    except exporting.ExportRefused as refused:
        return Refused(403, str(refused), "FORBIDDEN").response()
    async with pool.acquire() as conn:
        rows = await exporting.count(conn, sheet, viewer, region, narrowed)
    unpaid = await pay(rows)
    if unpaid is not None:
        return unpaid
    disposition = {
        "content-disposition": f'attachment; filename="{kind}.{fmt}"',
        "x-rows": str(rows),
    }
    if fmt == "xlsx":
        async with pool.acquire() as conn, conn.transaction():
            content = await exporting.xlsx_bytes(conn, sheet, viewer, region, lang, narrowed)
        return Response(content, media_type=XLSX, headers=disposition)

    async def chunks() -> AsyncIterator[bytes]:
        async with pool.acquire() as conn, conn.transaction():
            async for chunk in exporting.csv_chunks(conn, sheet, viewer, region, lang, narrowed):
                yield chunk

    return StreamingResponse(chunks(), media_type=CSV, headers=disposition)


async def hsds_export(request_params: Mapping[str, str], pool: asyncpg.Pool, pay: Pay) -> Response:
    """The answer to `GET /hsds/export`: the HSDS 3.0 data package as a ZIP file, one point
    of the caller's budget a record."""
    try:
        region = await _region(pool, request_params.get("region"))
    except Refused as refused:
        return refused.response()
    async with pool.acquire() as conn:
        unpaid = await pay(await hsds_rows.records(conn, region))
    if unpaid is not None:
        return unpaid
    async with pool.acquire() as conn, conn.transaction(isolation="repeatable_read"):
        content = await hsds.package(conn, region)
    disposition = {"content-disposition": 'attachment; filename="hsds.zip"'}
    return Response(content, media_type="application/zip", headers=disposition)


def template_response(request_params: Mapping[str, str]) -> Response:
    """The answer to `GET /sheets/template`."""
    try:
        kind = _choice(request_params, "kind", KINDS, None)
        lang = _choice(request_params, "lang", ("zh", "en"), "zh")
    except Refused as refused:
        return refused.response()
    disposition = {"content-disposition": f'attachment; filename="{kind}.{lang}.xlsx"'}
    return Response(template(kind, lang), media_type=XLSX, headers=disposition)
