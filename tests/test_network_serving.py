"""Serving networks: one build per data version, and other requests answered meanwhile."""

from __future__ import annotations

import asyncio
import time

import asyncpg

from fivesoc.db import connect, events, synthetic
from fivesoc.schema.network.inputs import NetworkRequest
from fivesoc.schema.network.service import NetworkCache
from fivesoc.settings import Settings
from tests.conftest import SECRET_KEY, GraphQLClient, StatementLog, serve


async def test_one_build_per_data_version(demo_url: str) -> None:
    pool = await connect.create_pool(demo_url, min_size=1, max_size=2)
    try:
        cache = NetworkCache(pool)
        deqing = await pool.fetchval("select id from region where name = '德清县'")
        request = NetworkRequest(region_id=deqing)
        first = await cache.get(request)
        second = await cache.get(request)
        assert second is first
        assert cache.builds == 1
        analysis = await first.analysis()
        assert await first.analysis() is analysis
        assert first.analyses == 1
        # What is derived from a cached network (an order, the pairs of a kind) is made once.
        made: list[str] = []
        assert first.kept("order", lambda: made.append("order") or [3, 1]) == [3, 1]
        assert first.kept("order", lambda: made.append("again") or []) == [3, 1]
        assert made == ["order"]
        # Concurrent requests for a new entry wait for one build.
        other = NetworkRequest(region_id=deqing, kinds=("guidance",))
        together = await asyncio.gather(*(cache.get(other) for _ in range(5)))
        assert all(entry is together[0] for entry in together)
        assert cache.builds == 2
        # A committed write moves the version: the next request builds afresh.
        async with pool.acquire() as conn:
            await events.append(conn, "project.status_changed", "Project", 1, None, {})
        third = await cache.get(request)
        assert third is not first
        assert cache.builds == 3
        assert third.version[0] > first.version[0]
    finally:
        await pool.close()


async def test_the_cache_keeps_a_bounded_number_of_networks(demo_url: str) -> None:
    pool = await connect.create_pool(demo_url, min_size=1, max_size=2)
    try:
        cache = NetworkCache(pool, size=2)
        regions = [r[0] for r in await pool.fetch("select id from region order by id limit 3")]
        for region in regions:
            await cache.get(NetworkRequest(region_id=region))
        assert cache.builds == 3
        await cache.get(NetworkRequest(region_id=regions[2]))  # still cached
        assert cache.builds == 3
        await cache.get(NetworkRequest(region_id=regions[0]))  # evicted: least recently used
        assert cache.builds == 4
    finally:
        await pool.close()


async def test_a_query_is_answered_while_a_network_is_analysed(migrated_url: str) -> None:
    """The county's analysis runs in a worker thread: a small query started after it
    finishes first, while the event loop keeps serving."""
    conn = await asyncpg.connect(migrated_url)
    try:
        await synthetic.generate(conn, "county", 3)
    finally:
        await conn.close()
    settings = Settings(secret_key=SECRET_KEY).with_database_url(migrated_url)
    async with serve(settings) as http:
        client = GraphQLClient(http)
        finished: dict[str, float] = {}

        async def timed(name: str, query: str) -> None:
            await client.data(query)
            finished[name] = time.perf_counter()

        analysis = asyncio.create_task(
            timed("network", "{ network { summary { nodes } modularity } }")
        )
        await asyncio.sleep(0.2)  # the build and analysis are under way
        await timed("small", "{ regions(first: 1) { totalCount } }")
        await analysis
        assert finished["small"] < finished["network"]


async def test_a_scope_larger_than_the_limit_is_refused_before_loading(
    demo_url: str, statement_log: StatementLog
) -> None:
    """Deqing holds 16 actors itself (浙江工商大学 is a partner elsewhere): with a limit of
    15 its network is refused, naming the scope, and no row of it is read; 16 pass."""
    for limit, refused in ((15, True), (16, False)):
        settings = Settings(secret_key=SECRET_KEY, max_network_actors=limit)
        async with serve(
            settings.with_database_url(demo_url), connection_init=statement_log.attach
        ) as http:
            client = GraphQLClient(http)
            regions = await client.data('{ regions(search: "德清县", first: 1) { nodes { id } } }')
            deqing = regions["regions"]["nodes"][0]["id"]
            statement_log.statements.clear()
            body = await client.execute(
                "query($r: ID!) { network(scope: {region: $r}) { summary { nodes } } }",
                {"r": deqing},
            )
            if refused:
                assert body["data"] is None
                assert body["errors"][0]["message"] == (
                    "this scope holds 16 actors, more than the 15 a network may have here: "
                    "choose a smaller region, or a community's neighbourhood"
                )
                assert body["errors"][0]["extensions"]["argument"] == "scope"
                assert not any("from collaboration_link" in q for q in statement_log.statements)
            else:
                assert body["data"]["network"]["summary"]["nodes"] == 17
                assert any("from collaboration_link" in q for q in statement_log.statements)


async def test_builds_take_turns_without_holding_connections(demo_url: str) -> None:
    """Five distinct networks asked for at once: one is built at a time (max_builds=1), and
    a pooled connection stays free for other requests meanwhile."""
    pool = await connect.create_pool(demo_url, min_size=1, max_size=2)
    try:
        cache = NetworkCache(pool, max_builds=1)
        deqing = await pool.fetchval("select id from region where name = '德清县'")
        kinds = ("partnership", "agreement", "co_participation", "guidance", "membership")
        requests = [NetworkRequest(region_id=deqing, kinds=(kind,)) for kind in kinds]
        flood = asyncio.gather(*(cache.get(request) for request in requests))
        await asyncio.sleep(0)
        assert await asyncio.wait_for(pool.fetchval("select 1"), timeout=2) == 1
        await flood
        assert (cache.builds, cache.peak_builds, cache.building) == (5, 1, 0)
    finally:
        await pool.close()
