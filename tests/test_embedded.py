"""The embedded server: started when no DATABASE_URL is given, its data kept for the next run."""

from __future__ import annotations

import asyncio
from pathlib import Path

from fivesoc.db import connect, migrate
from fivesoc.db.embedded import embedded_server


async def _migrate_and_count(url: str) -> int:
    database = await connect.ensure_database(url, "fivesoc")
    conn = await connect.connect(database)
    try:
        await migrate.migrate(conn)
        count: int = await conn.fetchval("select count(*) from schema_migration")
        return count
    finally:
        await conn.close()


async def _ledger(url: str) -> int:
    conn = await connect.connect(connect.with_database(url, "fivesoc"))
    try:
        count: int = await conn.fetchval("select count(*) from schema_migration")
        return count
    finally:
        await conn.close()


def test_embedded_server_keeps_its_data_between_runs(tmp_path: Path) -> None:
    pgdata = tmp_path / "data" / "pgdata"
    with embedded_server(pgdata) as url:
        assert asyncio.run(_migrate_and_count(url)) == len(migrate.available())
    assert (pgdata / "PG_VERSION").exists()
    assert not (pgdata / "postmaster.pid").exists(), "the server was stopped on exit"
    with embedded_server(pgdata) as url:
        assert asyncio.run(_ledger(url)) == len(migrate.available())
