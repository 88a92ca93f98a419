"""The database itself refuses bad rows: enums, non-negative counts, dates in order, names."""

from __future__ import annotations

import asyncpg
import pytest

from fivesoc.db import connect


@pytest.fixture
async def conn(migrated_url: str):
    connection = await connect.connect(migrated_url)
    yield connection
    await connection.close()


async def _province(conn: asyncpg.Connection, name: str = "浙江省") -> int:
    region_id: int = await conn.fetchval(
        "insert into region (level, name) values ('province', $1) returning id", name
    )
    return region_id


async def _community(conn: asyncpg.Connection, region_id: int, name: str) -> int:
    community_id: int = await conn.fetchval(
        "with a as (insert into actor (kind) values ('community') returning id) "
        "insert into community (id, region_id, name) select id, $1, $2 from a returning id",
        region_id,
        name,
    )
    return community_id


async def test_region_levels_must_follow_the_tree(conn: asyncpg.Connection) -> None:
    province = await _province(conn)
    with pytest.raises(asyncpg.CheckViolationError, match="a township region cannot be inside"):
        await conn.execute(
            "insert into region (parent_id, level, name) values ($1, 'township', '康乾街道')",
            province,
        )


async def test_region_path_lists_its_ancestors(conn: asyncpg.Connection) -> None:
    province = await _province(conn)
    city = await conn.fetchval(
        "insert into region (parent_id, level, name) values ($1, 'city', '湖州市') returning id",
        province,
    )
    assert await conn.fetchval("select path::text from region where id = $1", city) == (
        f"{province}.{city}"
    )


async def test_names_are_unique_within_their_parent(conn: asyncpg.Connection) -> None:
    province = await _province(conn)
    other = await _province(conn, "贵州省")
    await _community(conn, province, "新村")
    await _community(conn, other, "新村")  # same name, other parent: allowed
    with pytest.raises(asyncpg.UniqueViolationError):
        await _community(conn, province, "新村")


async def test_counts_must_not_be_negative(conn: asyncpg.Connection) -> None:
    province = await _province(conn)
    community = await _community(conn, province, "干丰社区")
    with pytest.raises(asyncpg.CheckViolationError):
        await conn.execute("update community set resident_population = -1 where id = $1", community)


async def test_dates_must_be_in_order(conn: asyncpg.Connection) -> None:
    province = await _province(conn)
    with pytest.raises(asyncpg.CheckViolationError):
        await conn.execute(
            "insert into project (region_id, name, domain, starts_on, ends_on) "
            "values ($1, '幸福管家', 'elderly', '2024-01-01', '2023-01-01')",
            province,
        )


async def test_enum_values_must_be_known(conn: asyncpg.Connection) -> None:
    province = await _province(conn)
    with pytest.raises(asyncpg.CheckViolationError):
        await conn.execute(
            "insert into service_site (region_id, kind, name) values ($1, 'casino', 'x')", province
        )


async def test_an_actor_row_must_match_its_kind(conn: asyncpg.Connection) -> None:
    province = await _province(conn)
    actor = await conn.fetchval("insert into actor (kind) values ('organization') returning id")
    with pytest.raises(asyncpg.ForeignKeyViolationError):
        await conn.execute(
            "insert into community (id, region_id, name) values ($1, $2, 'x')", actor, province
        )


async def test_an_allocation_goes_to_exactly_one_recipient(conn: asyncpg.Connection) -> None:
    province = await _province(conn)
    community = await _community(conn, province, "干丰社区")
    resource = await conn.fetchval(
        "with a as (insert into actor (kind) values ('charity_resource') returning id) "
        "insert into charity_resource (id, region_id, kind, source, name, amount) "
        "select id, $1, 'funds', 'donor', '慈善基金', 1000 from a returning id",
        province,
    )
    with pytest.raises(asyncpg.CheckViolationError):
        await conn.execute(
            "insert into resource_allocation (resource_id, amount, allocated_on) "
            "values ($1, 10, '2024-01-01')",
            resource,
        )
    await conn.execute(
        "insert into resource_allocation (resource_id, community_id, amount, allocated_on) "
        "values ($1, $2, 10, '2024-01-01')",
        resource,
        community,
    )


@pytest.mark.parametrize(
    ("status", "dates", "constraint"),
    [
        ("referred", "'2024-01-02', null", "need_referred_to_check"),
        ("closed", "null, null", "need_closed_on_check"),
    ],
)
async def test_a_referred_need_names_where_and_a_closed_one_when(
    conn: asyncpg.Connection, status: str, dates: str, constraint: str
) -> None:
    province = await _province(conn)
    household = await conn.fetchval(
        "insert into household (region_id, categories, head_name) "
        "values ($1, '{living_alone}', '示例') returning id",
        province,
    )
    with pytest.raises(asyncpg.CheckViolationError) as refused:
        await conn.execute(
            "insert into need (household_id, kind, status, opened_on, referred_on, closed_on) "
            f"values ($1, 'care', '{status}', '2024-01-01', {dates})",
            household,
        )
    assert refused.value.constraint_name == constraint


async def test_updated_at_moves_on_update(conn: asyncpg.Connection) -> None:
    province = await _province(conn)
    community = await _community(conn, province, "干丰社区")
    before = await conn.fetchval("select updated_at from community where id = $1", community)
    await conn.execute("update community set resident_population = 6012 where id = $1", community)
    after = await conn.fetchval("select updated_at from community where id = $1", community)
    assert after > before


async def test_every_foreign_key_has_an_index(conn: asyncpg.Connection) -> None:
    missing = await conn.fetch(
        """
        select c.conrelid::regclass::text as tbl, a.attname as col
        from pg_constraint c
        join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
        where c.contype = 'f' and c.connamespace = 'public'::regnamespace
          and not exists (
              select from pg_index i
              where i.indrelid = c.conrelid and i.indkey[0] = c.conkey[1])
        """
    )
    assert [(row["tbl"], row["col"]) for row in missing] == []
