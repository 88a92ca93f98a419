"""Nested lookups are batched: the SQL statements of a request do not grow with page size.

The apps here run without costs and budgets (`max_cost=0`), so that the statements counted
are those that read the answer; fair use adds exactly one, which tests/test_fair_use.py counts.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import AsyncIterator

import asyncpg
import httpx
import pytest
from strawberry import relay

from fivesoc.app import create_app
from fivesoc.db import connect
from fivesoc.settings import Settings
from tests.conftest import GraphQLClient, StatementLog, serve

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

# communities page; regions by id (one per level: region, parent); compounds count (a
# connection asked only for totalCount reads no rows); grids page + count; micro-grids page +
# count; service sites page.
STATEMENTS = 9

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
    settings = Settings(
        pool_min_size=1, pool_max_size=1, max_cost=0, reads="executed"
    ).with_database_url(demo_url)
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


FOUR_LEVELS = """
query($n: Int!) {
  communities(first: $n) {
    nodes {
      name
      organizations(first: $n) {
        nodes {
          name
          projects(first: $n) { nodes { name updates(first: 3) { nodes { title postedAt } } } }
        }
      }
    }
  }
}
"""

# communities page; organizations page; projects page; updates page.
FOUR_LEVEL_STATEMENTS = 4

ADD_ORGANIZATIONS = """
with township as (select id from region where name = '康乾街道'),
     made as (
         insert into actor (kind) select 'organization' from generate_series(1, 120) returning id
     ),
     numbered as (select id, row_number() over (order by id) as n from made)
insert into organization (id, region_id, kind, name)
select numbered.id, township.id, 'social_work_agency', '测试机构' || n from numbered, township
"""

# Each test community links to two organizations; each organization leads two projects, each
# with four updates.
ADD_LINKS = """
insert into collaboration_link (source_id, target_id, kind, evidence, is_illustrative)
select o.id, c.id, 'partnership', '测试', true
from (select id, row_number() over (order by id) as n from community where name like '测试社区%') c
join (select id, row_number() over (order by id) as n from organization where name like '测试机构%') o
  on o.n in (2 * c.n - 1, 2 * c.n)
"""

ADD_PROJECTS = """
insert into project (region_id, lead_id, name, domain)
select o.region_id, o.id, o.name || '项目' || k, 'elderly'
from organization o, generate_series(1, 2) as k where o.name like '测试机构%'
"""

ADD_PARTICIPANTS = """
insert into project_participant (project_id, actor_id, role)
select p.id, p.lead_id, 'lead' from project p where p.name like '测试机构%'
"""

ADD_UPDATES = """
insert into project_update (project_id, posted_at, title)
select p.id, timestamptz '2024-01-01' + make_interval(days => k), '进展' || k
from project p, generate_series(1, 4) as k where p.name like '测试机构%'
"""


@pytest.fixture
async def networked(bigger: None, demo_url: str) -> None:
    conn: asyncpg.Connection = await connect.connect(demo_url)
    try:
        for sql in (ADD_ORGANIZATIONS, ADD_LINKS, ADD_PROJECTS, ADD_PARTICIPANTS, ADD_UPDATES):
            await conn.execute(sql)
    finally:
        await conn.close()


async def test_four_levels_cost_four_statements_at_any_page_size(
    networked: None, demo_url: str, statement_log: StatementLog
) -> None:
    settings = Settings(
        pool_min_size=1, pool_max_size=1, max_cost=0, reads="executed"
    ).with_database_url(demo_url)
    app = create_app(settings, connection_init=statement_log.attach)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://fivesoc.test") as http:
            client = GraphQLClient(http)
            await client.data(FOUR_LEVELS, {"n": 50})  # warm asyncpg's type cache
            counts = {}
            updates = {}
            for n in (5, 50):
                statement_log.statements.clear()
                data = await client.data(FOUR_LEVELS, {"n": n})
                counts[n] = len(statement_log.statements)
                updates[n] = sum(
                    len(project["updates"]["nodes"])
                    for community in data["communities"]["nodes"]
                    for org in community["organizations"]["nodes"]
                    for project in org["projects"]["nodes"]
                )
    assert updates[50] > 5 * updates[5], "the larger page really is larger"
    assert counts == {5: FOUR_LEVEL_STATEMENTS, 50: FOUR_LEVEL_STATEMENTS}


@contextlib.asynccontextmanager
async def one_connection(
    demo_url: str, log: StatementLog, reads: str
) -> AsyncIterator[GraphQLClient]:
    """A client of an app reading as `reads` says, its pool holding one connection."""
    settings = Settings(
        pool_min_size=1, pool_max_size=1, max_cost=0, reads=reads
    ).with_database_url(demo_url)
    async with serve(settings, connection_init=log.attach) as http:
        yield GraphQLClient(http)


# The other queries of bench/api_vs_floor.py, with their page sizes as variables: a node by id
# with three counts, a filtered and ordered root list, a Chinese name search.
NODE_COUNTS = """
query($id: ID!, $n: Int!) {
  node(id: $id) {
    id
    ... on Community {
      name
      grids(first: $n) { totalCount }
      organizations(first: $n) { totalCount }
      servingProjects(first: $n) { totalCount }
    }
  }
}
"""

ROOT_LIST = """
query($n: Int!) {
  organizations(first: $n, filter: {kind: SOCIAL_WORK_AGENCY}, orderBy: {field: NAME}) {
    nodes { id name kind foundedOn version }
  }
}
"""

SEARCH = """
query($n: Int!) { organizations(search: "测试机构", first: $n) { nodes { name kind } } }
"""


async def test_a_node_with_three_counts_reads_no_page_when_executed(
    demo_url: str, statement_log: StatementLog
) -> None:
    variables = {"id": await _community_id(demo_url, "干丰社区"), "n": 5}
    async with one_connection(demo_url, statement_log, "executed") as client:
        await client.data(NODE_COUNTS, variables)  # warm asyncpg's type cache
        statement_log.statements.clear()
        data = await client.data(NODE_COUNTS, variables)
    assert data["node"]["name"] == "干丰社区"
    # The community by id, then one count per connection; no page of rows.
    statements = statement_log.statements
    assert len(statements) == 4, "\n".join(statements)
    assert statements[0].split(" from ")[1].startswith("community t where t.id = any")
    assert all(" (select count(*) from " in sql for sql in statements[1:])


async def _community_id(demo_url: str, name: str) -> str:
    conn = await connect.connect(demo_url)
    try:
        community = await conn.fetchval("select id from community where name = $1", name)
    finally:
        await conn.close()
    return str(relay.GlobalID("Community", str(community)))


@pytest.mark.parametrize(
    "query",
    [NESTED, FOUR_LEVELS, NODE_COUNTS, ROOT_LIST, SEARCH],
    ids=["nested", "page", "node_counts", "root_list", "search"],
)
async def test_a_compiled_query_is_one_statement_at_any_page_size(
    networked: None, demo_url: str, statement_log: StatementLog, query: str
) -> None:
    variables = {"id": await _community_id(demo_url, "干丰社区")} if "$id" in query else {}
    async with one_connection(demo_url, statement_log, "compiled") as client:
        await client.data(query, {**variables, "n": 50})  # warm asyncpg's type cache
        counts = {}
        found = {}
        for n in (1, 5, 50):
            statement_log.statements.clear()
            data = await client.data(query, {**variables, "n": n})
            counts[n] = [sql.split("(", 1)[0] for sql in statement_log.statements]
            found[n] = json.dumps(data, ensure_ascii=False).count('"name"')
    assert counts == {n: ["select json_build_object"] for n in (1, 5, 50)}
    assert found[1] >= 1, "the query finds something"


# `regions` is executed (its resolver reads the tree); the two aliased lists around it compile.
MIXED = """
query {
  first: communities(first: 2) { nodes { name } }
  regions(first: 2) { totalCount nodes { name } }
  last: communities(last: 1) { nodes { name } }
}
"""


async def test_an_operation_mixing_both_compiles_its_compiled_root_fields(
    demo_url: str, statement_log: StatementLog
) -> None:
    answers = {}
    statements = {}
    for reads in ("executed", "compiled"):
        async with one_connection(demo_url, statement_log, reads) as client:
            await client.data(MIXED)  # warm asyncpg's type cache
            statement_log.statements.clear()
            answers[reads] = await client.execute(MIXED)
            statements[reads] = list(statement_log.statements)
    assert answers["compiled"] == answers["executed"]
    assert list(answers["compiled"]["data"]) == ["first", "regions", "last"]
    # The demo data's communities, by id: 西五里头村 first, 金鹅湖社区 last.
    assert answers["compiled"]["data"]["first"]["nodes"][0] == {"name": "西五里头村"}
    assert answers["compiled"]["data"]["last"] == {"nodes": [{"name": "金鹅湖社区"}]}
    # Executed alone: two community pages, the regions page, its count. Mixed: one statement
    # builds both community lists; `regions` reads its page and count as it always does.
    executed, compiled = statements["executed"], statements["compiled"]
    regions = [sql for sql in executed if "from community t" not in sql]
    assert (len(executed), len(regions)) == (4, 2)
    assert compiled[0].startswith("select json_build_object")
    assert compiled[1:] == regions


LINKAGES = """
query($region: ID!, $n: Int!) {
  communities(first: $n, filter: {region: $region}) { nodes { name linkage { index } } }
}
"""


async def test_the_linkages_of_a_county_read_its_network_once(
    demo_url: str, statement_log: StatementLog
) -> None:
    conn = await connect.connect(demo_url)
    county = await conn.fetchval("select id from region where name = '德清县'")
    await conn.close()
    variables = {"region": str(relay.GlobalID("Region", str(county)))}
    async with one_connection(demo_url, statement_log, "executed") as client:
        statement_log.statements.clear()
        await client.data(LINKAGES, {**variables, "n": 4})  # builds the county's network
        cold = list(statement_log.statements)
        counts = {}
        for n in (1, 4):
            statement_log.statements.clear()
            data = await client.data(LINKAGES, {**variables, "n": n})
            assert len(data["communities"]["nodes"]) == n
            counts[n] = len(statement_log.statements)
    # Cold, the four communities read (and build) their county's network once: one
    # read-only transaction.
    assert sum(sql.startswith("BEGIN") for sql in cold) == 1
    # Warm, whatever the page size: the communities page, their counties (one batch), and the
    # network's data version; the analysis is cached.
    assert counts == {1: 3, 4: 3}
