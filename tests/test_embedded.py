"""The embedded server: started when no DATABASE_URL is given, its data kept for the next run."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
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


TRIGRAMS_OF_CHINESE = """
import asyncio, sys
from pathlib import Path
from fivesoc.db import connect
from fivesoc.db.embedded import embedded_server

async def trigrams(url):
    conn = await connect.connect(url)
    try:
        await conn.execute("create extension if not exists pg_trgm")
        return await conn.fetchval("select cardinality(show_trgm('干丰社区'))")
    finally:
        await conn.close()

with embedded_server(Path(sys.argv[1])) as url:
    print(asyncio.run(trigrams(url)))
"""


def test_embedded_server_extracts_trigrams_of_chinese_without_a_locale(tmp_path: Path) -> None:
    """With no LANG or LC_* set, the cluster is still created with a UTF-8 character type."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LANG", "LC_"))}
    result = subprocess.run(
        [sys.executable, "-c", TRIGRAMS_OF_CHINESE, str(tmp_path / "pgdata")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    # 干丰社区 gives five trigrams: "  干", " 干丰", "干丰社", "丰社区", "社区 ".
    assert result.stdout.strip() == "5"
