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
        # 54 tables: the domain model with the aliases of regions, communities and
        # organizations, honours, government funds, practices and policy events, the pinyin
        # of Chinese characters, its change log, the revoked tokens, the cost budgets, the
        # stored answers of keyed writes, the networks asked for, their stored analyses and
        # the actor rows of the largest (50), and the job queue's four (Procrastinate's),
        # each once.
        assert await conns[0].fetchval(TABLE_COUNT) == 54
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


def test_migration_files_are_numbered_without_gaps() -> None:
    versions = [m.version for m in migrate.available()]
    assert versions == list(range(1, max(versions) + 1))


# A database of migration 0016: an organization with an honour, a worker with an honour, and
# the province's higher-level funds stored as a charity resource flowing to its department.
BEFORE_HONOURS = """
insert into region (level, name) values ('province', '贵州省');
insert into actor (kind) values ('organization'), ('social_worker'), ('charity_resource');
insert into organization (id, region_id, kind, name) values (1, 1, 'civil_affairs_bureau', '民政厅');
insert into social_worker (id, region_id, full_name) values (2, 1, '某社工');
insert into charity_resource (id, region_id, kind, source, name, amount, year)
values (3, 1, 'funds', 'higher_level_funds', '上级资金', 660000, 2023);
insert into collaboration_link (source_id, target_id, kind, evidence)
values (3, 1, 'resource_flow', '购买社会工作服务');
insert into organization_honour (organization_id, honour, year, awarded_by)
values (1, 'national_top100_social_work_agency', 2023, '民政部');
insert into social_worker_honour (social_worker_id, honour, year)
values (2, 'county_leading_talent', 2023);
"""


async def test_honours_and_government_money_move_when_migrated(
    blank_url: str, tmp_path: Path
) -> None:
    for script in migrate.MIGRATIONS_DIR.glob("*.sql"):
        if int(script.name[:4]) <= 16:
            (tmp_path / script.name).write_text(script.read_text())
    conn = await connect.connect(blank_url)
    try:
        await migrate.migrate(conn, tmp_path)
        await conn.execute(BEFORE_HONOURS)
        await migrate.migrate(conn)
        honours = await conn.fetch(
            "select actor_id, award, title, awarded_by, year from honour order by id"
        )
        assert [tuple(row) for row in honours] == [
            (1, "national_top100_social_work_agency", "全国百强社工机构", "民政部", 2023),
            (2, "county_leading_talent", "社会工作领军人才", None, 2023),
        ]
        fund = await conn.fetchrow(
            "select origin, name, amount, year, spent_by_id from government_fund"
        )
        assert tuple(fund) == ("higher_level", "上级资金", 660000, 2023, 1)
        # Government money is no charity resource, no actor and no link any more.
        assert await conn.fetchval("select count(*) from charity_resource") == 0
        assert await conn.fetchval("select count(*) from actor") == 2
        assert await conn.fetchval("select count(*) from collaboration_link") == 0
    finally:
        await conn.close()
