"""Migrations: applied once each, in order, safely from two processes at once."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from fivesoc.db import connect, migrate
from fivesoc.db.errors import MigrationError

TABLE_COUNT = """
select count(*) from pg_tables where schemaname = 'public' and tablename <> 'schema_migration'
"""


async def test_migrate_twice_changes_nothing_the_second_time(blank_url: str) -> None:
    conn = await connect.connect(blank_url)
    try:
        first = await migrate.migrate(conn)
        tables = await conn.fetchval(TABLE_COUNT)
        second = await migrate.migrate(conn)
        assert [m.version for m in first] == [m.version for m in migrate.available()]
        assert second == []
        assert await conn.fetchval(TABLE_COUNT) == tables
        assert await migrate.applied_versions(conn) == [m.version for m in migrate.available()]
    finally:
        await conn.close()


async def test_two_migrations_at_once_leave_one_set_of_tables(blank_url: str) -> None:
    conns = [await connect.connect(blank_url) for _ in range(2)]
    try:
        results = await asyncio.gather(*(migrate.migrate(conn) for conn in conns))
        applied = sorted(len(result) for result in results)
        assert applied == [0, len(migrate.available())]
        ledger = await conns[0].fetch("select version from schema_migration")
        assert len(ledger) == len(migrate.available())
        # 50 tables: the domain model with the aliases of regions, communities and
        # organizations, its change log, the revoked tokens, the cost budgets, the stored
        # answers of keyed writes, the networks asked for and their stored analyses (46),
        # and the job queue's four (Procrastinate's), each once.
        assert await conns[0].fetchval(TABLE_COUNT) == 50
        queue = await conns[0].fetchval(
            "select count(*) from pg_tables where tablename like 'procrastinate_%'"
        )
        assert queue == 4
    finally:
        for conn in conns:
            await conn.close()


async def test_a_failing_migration_writes_nothing_of_itself(blank_url: str, tmp_path: Path) -> None:
    (tmp_path / "0001_good.sql").write_text("create table good (id int);")
    (tmp_path / "0002_bad.sql").write_text("create table half (id int); select 1 / 0;")
    conn = await connect.connect(blank_url)
    try:
        with pytest.raises(MigrationError, match="0002_bad failed: division by zero"):
            await migrate.migrate(conn, tmp_path)
        assert await conn.fetchval("select to_regclass('good') is not null")
        assert await conn.fetchval("select to_regclass('half') is null")
        assert await migrate.applied_versions(conn) == [1]
    finally:
        await conn.close()


async def test_an_edited_migration_is_refused(blank_url: str, tmp_path: Path) -> None:
    script = tmp_path / "0001_first.sql"
    script.write_text("create table first (id int);")
    conn = await connect.connect(blank_url)
    try:
        await migrate.migrate(conn, tmp_path)
        script.write_text("create table first (id bigint);")
        with pytest.raises(MigrationError, match="was changed after it was applied"):
            await migrate.migrate(conn, tmp_path)
    finally:
        await conn.close()


# Numbers handed out to work landing in parallel, not all of which is in this tree yet.
RESERVED = frozenset(range(17, 24))


def test_migration_files_are_numbered_without_gaps() -> None:
    versions = [m.version for m in migrate.available()]
    expected = [v for v in range(1, max(versions) + 1) if v not in RESERVED or v in versions]
    assert versions == expected
