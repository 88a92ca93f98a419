"""The embedded server: started when no DATABASE_URL is given, its data kept for the next run."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

from fivesoc.db import connect, migrate
from fivesoc.db.embedded import embedded_server
from tests import served


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


def test_serve_stops_its_embedded_server_on_sigterm(tmp_path: Path) -> None:
    """A service manager stops `fivesoc serve` with SIGTERM: the server shuts down and
    stops the embedded PostgreSQL it started, then exits with 128 + 15."""
    port = served.free_port()
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env |= {"FIVESOC_DATA_DIR": str(tmp_path / "data"), "FIVESOC_LOG_LEVEL": "warning"}
    process = served.start(env, port)
    pid_file = tmp_path / "data" / "pgdata" / "postmaster.pid"
    try:
        served.wait_until_healthy(port, 120)
        assert pid_file.exists(), "the embedded server runs"
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=60) == 128 + signal.SIGTERM
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=30)
        left_running = pid_file.exists()
        if left_running:  # stop it (fast shutdown), so that a failure leaves nothing behind
            os.kill(int(pid_file.read_text().split()[0]), signal.SIGINT)
    assert not left_running, "the embedded server was stopped"
