"""Nested lookups are batched: the SQL statements of a request do not grow with page size."""

from __future__ import annotations

from collections.abc import AsyncIterator

import asyncpg
import httpx
import pytest

from fivesoc.app import create_app
from fivesoc.db import connect
from fivesoc.settings import Settings
from tests.conftest import GraphQLClient, StatementLog

NESTED = """
query($n: Int!) {
  communities(first: $n) {
    nodes {
      name
      region { name parent { name } }
      compounds { totalCount }
      grids(first: $n) {
        totalCount
        nodes { name microGrids(first: $n) { totalCount nodes { name } } }
      }
      serviceSites(first: $n) { nodes { name } }
    }
  }
}
"""

# communities page; regions by id (one per level: region, parent); compounds page + count; grids
# page + count; micro-grids page + count; service sites page. Pages are fetched even where only
# totalCount is asked for.
STATEMENTS = 10

ADD_COMMUNITIES = """
with township as (select id from region where name = '康乾街道'),
     made as (
         insert into actor (kind) select 'community' from generate_series(1, 60) returning id
     ),
     numbered as (select id, row_number() over (order by id) as n from made)
insert into community (id, region_id, name)
select numbered.id, township.id, '测试社区' || n from numbered, township
"""

ADD_GRIDS = """
insert into grid (community_id, name)
select c.id, '网格' || g from community c, generate_series(1, 6) as g where c.name like '测试社区%'
"""

ADD_MICRO_GRIDS = """
insert into micro_grid (grid_id, name)
select grid.id, '微网格' || m from grid, generate_series(1, 3) as m
where grid.name like '网格%' and grid.community_id in (select id from community where name like '测试社区%')
"""


@pytest.fixture
async def bigger(demo_url: str) -> None:
    conn: asyncpg.Connection = await connect.connect(demo_url)
    try:
        await conn.execute(ADD_COMMUNITIES)
        await conn.execute(ADD_GRIDS)
        await conn.execute(ADD_MICRO_GRIDS)
    finally:
        await conn.close()


async def _statements(client: GraphQLClient, log: StatementLog, n: int) -> tuple[int, int]:
    log.statements.clear()
    data = await client.data(NESTED, {"n": n})
    nodes = data["communities"]["nodes"]
    grids = sum(len(node["grids"]["nodes"]) for node in nodes)
    return len(log.statements), len(nodes) + grids


@pytest.fixture
async def one_connection_client(
    bigger: None, demo_url: str, statement_log: StatementLog
) -> AsyncIterator[GraphQLClient]:
    """A client of an app whose pool holds one connection.

    asyncpg fills its type cache with a few statements of its own the first time a connection
    meets a type; with one connection and one warm-up request, the requests measured after it
    show only the statements the request itself needs.
    """
    settings = Settings(pool_min_size=1, pool_max_size=1).with_database_url(demo_url)
    app = create_app(settings, connection_init=statement_log.attach)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://fivesoc.test") as http:
            client = GraphQLClient(http)
            await client.data(NESTED, {"n": 50})
            yield client


async def test_statements_do_not_grow_with_page_size(
    one_connection_client: GraphQLClient, statement_log: StatementLog
) -> None:
    client = one_connection_client
    small, small_objects = await _statements(client, statement_log, 5)
    large, large_objects = await _statements(client, statement_log, 50)
    assert large_objects > 10 * small_objects, "the larger page really is larger"
    assert (small, large) == (STATEMENTS, STATEMENTS), "\n".join(statement_log.statements)
