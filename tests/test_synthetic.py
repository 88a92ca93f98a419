"""Synthetic networks: the structure the scale promises, the same rows for the same seed."""

from __future__ import annotations

import asyncpg
import pytest

from fivesoc.db import connect, synthetic
from tests.conftest import Clones

COUNTS = """
select (select count(*) from region where name like '合成%') as regions,
       (select count(*) from actor) as actors,
       (select count(*) from community) as communities,
       (select count(*) from service_site where kind = 'social_work_station') as stations,
       (select count(*) from social_worker) as workers,
       (select count(*) from collaboration_link) as links,
       (select count(*) from micro_grid) as micro_grids,
       (select count(*) from grid) as grids,
       (select count(*) from government_fund) as government_funds,
       (select count(*) from charity_resource
        where source not in ('donor', 'social_donation')) as government_charity,
       (select count(*) from social_worker where not is_illustrative) as counted_workers,
       (select count(*) from honour) as honours,
       (select count(*) from practice) as practices
"""

# Populations and links are drawn from the seed; names are not.
FINGERPRINT = """
select md5((select string_agg(resident_population::text, ',' order by name) from community)
           || (select string_agg(source_id || '-' || target_id, ',' order by source_id, target_id)
               from collaboration_link))
"""

DEGREES = """
select max(d) as top, percentile_disc(0.5) within group (order by d) as median,
       count(*) filter (where d = 1) as leaves
from (select a, count(*) as d from (
    select source_id as a from collaboration_link union all select target_id from collaboration_link
) ends group by a) degrees
"""


async def _generate(url: str, scale: str, seed: int) -> synthetic.Generated:
    conn = await connect.connect(url)
    try:
        return await synthetic.generate(conn, scale, seed)
    finally:
        await conn.close()


async def _fetchrow(url: str, sql: str) -> asyncpg.Record:
    conn = await connect.connect(url)
    try:
        row = await conn.fetchrow(sql)
        assert row is not None
        return row
    finally:
        await conn.close()


async def test_the_tiny_scale_has_the_structure_it_promises(migrated_url: str) -> None:
    size = synthetic.SCALES["tiny"]
    result = await _generate(migrated_url, "tiny", 3)
    counts = await _fetchrow(migrated_url, COUNTS)
    # 1 province, 1 city, 1 county and 2 townships.
    assert counts["regions"] == 5
    assert counts["communities"] == 2 * size.communities_per_township == 8
    assert counts["stations"] == 2, "one social-work station per township"
    assert counts["workers"] == 2 * size.workers_per_station == 6
    assert counts["micro_grids"] == 5 * counts["grids"]
    # Each township's government money is a government fund, never a charity resource; the
    # made-up workers' certificates are illustrative.
    assert counts["government_funds"] == 2 * 2
    assert counts["government_charity"] == 0
    assert counts["counted_workers"] == 0
    # The agencies (every fifth of 2 × 10 organizations) honoured; a practice per township.
    assert (counts["honours"], counts["practices"]) == (4, 2)
    assert counts["actors"] == 8 + 2 * 10 + 6 + 8 * 2 + 2 * 6 == 62
    # Preferential attachment: the actors joining at positions 6 to 61 link to 5 distinct
    # earlier ones, those at 10, 20, …, 60 (the fringe) to one.
    assert counts["links"] == 5 * (56 - 6) + 6 == 256
    assert result.rows["collaboration_link"] == counts["links"]
    assert result.loaded


async def test_generating_twice_changes_nothing(migrated_url: str) -> None:
    await _generate(migrated_url, "tiny", 3)
    before = await _fetchrow(migrated_url, COUNTS)
    again = await _generate(migrated_url, "tiny", 3)
    assert (again.loaded, again.rows) == (False, {})
    assert await _fetchrow(migrated_url, COUNTS) == before


async def test_the_same_seed_gives_the_same_network(
    migrated_url: str, clones: Clones, empty_template: str
) -> None:
    other = await clones.clone(empty_template)
    await _generate(migrated_url, "tiny", 3)
    await _generate(other, "tiny", 3)
    first = await _fetchrow(migrated_url, FINGERPRINT)
    second = await _fetchrow(other, FINGERPRINT)
    assert first == second
    assert (await _fetchrow(migrated_url, COUNTS)) == (await _fetchrow(other, COUNTS))
    third = await clones.clone(empty_template)
    await _generate(third, "tiny", 4)
    assert await _fetchrow(third, FINGERPRINT) != first


async def test_a_county_has_heavy_tailed_partnerships(migrated_url: str) -> None:
    result = await _generate(migrated_url, "county", 1)
    actors = sum(
        result.rows[table]
        for table in (
            "community",
            "organization",
            "social_worker",
            "volunteer_team",
            "charity_resource",
        )
    )
    assert actors == 9795
    # Positions 6 to 9794 join; the 979 at multiples of 10 with one link, 8810 with five.
    assert result.rows["collaboration_link"] == 8810 * 5 + 979 == 45_029
    degrees = await _fetchrow(migrated_url, DEGREES)
    assert degrees["top"] >= 20 * degrees["median"]
    # Most of the fringe stays on its one link (later actors seldom draw a leaf's one end):
    # each is a bridge, and its partner a cut vertex.
    assert 979 // 3 <= degrees["leaves"] <= 979


async def test_it_sits_beside_the_demo_data(demo_url: str) -> None:
    result = await _generate(demo_url, "tiny", 3)
    assert result.loaded
    provinces = await _fetchrow(
        demo_url, "select count(*) as n from region where level = 'province'"
    )
    assert provinces["n"] == 5


async def test_an_unknown_scale_is_refused(migrated_url: str) -> None:
    with pytest.raises(
        ValueError, match="unknown scale 'planet'; choose one of tiny, county, city, province"
    ):
        await _generate(migrated_url, "planet", 1)
    counts = await _fetchrow(migrated_url, COUNTS)
    assert counts["actors"] == 0
