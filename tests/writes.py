"""What the write tests share: global ids, row and event counts, an admin client."""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from typing import Any

import asyncpg

from tests.conftest import GraphQLClient, token


def gid(type_name: str, key: int) -> str:
    """The global id of row `key` of `type_name`."""
    return base64.b64encode(f"{type_name}:{key}".encode()).decode()


async def scalar(conn: asyncpg.Connection, sql: str, *args: object) -> int:
    value: int = await conn.fetchval(sql, *args)
    return value


async def counts(conn: asyncpg.Connection, tables: Sequence[str]) -> dict[str, int]:
    """How many rows each table holds (table names are the tests' own constants)."""
    return {table: await scalar(conn, f"select count(*) from {table}") for table in tables}


async def events(conn: asyncpg.Connection) -> list[tuple[str, str, dict[str, Any]]]:
    """The change log: (type, entity type, summary) in order."""
    rows = await conn.fetch(
        "select type, entity_type, summary::text as summary from change_event order by id"
    )
    return [(row["type"], row["entity_type"], json.loads(row["summary"])) for row in rows]


def admin(client: GraphQLClient) -> GraphQLClient:
    return client.as_viewer(token("admin", []))
