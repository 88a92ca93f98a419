"""Exports of a scoped network over HTTP and from the command line, loaded back with networkx:
scopes by global id or by name, and every actor's columns against the GraphQL `network` field.

Deqing's network (see tests/test_network_api.py): 17 actors, 27 links.
"""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path

import asyncpg
import httpx
import networkx as nx

from fivesoc.db import connect
from fivesoc.schema.network.export import FORMATS, export_network, parse_export
from fivesoc.schema.network.service import NetworkCache
from tests.conftest import GraphQLClient, token
from tests.test_cli import run_fivesoc

REGION = "query($q: String!) { regions(search: $q, first: 5) { nodes { id name } } }"


async def _deqing(client: GraphQLClient) -> str:
    data = await client.data(REGION, {"q": "德清县"})
    return str(next(n["id"] for n in data["regions"]["nodes"] if n["name"] == "德清县"))


async def test_gexf_and_graphml_load_back_with_the_same_nodes_and_links(
    client: GraphQLClient,
) -> None:
    deqing = await _deqing(client)
    http: httpx.AsyncClient = client.http
    loaded = {}
    for fmt, read in (("gexf", nx.read_gexf), ("graphml", nx.read_graphml)):
        response = await http.get("/network/export", params={"format": fmt, "region": deqing})
        assert response.status_code == 200
        assert response.headers["content-disposition"].endswith(f'.{fmt}"')
        loaded[fmt] = read(io.BytesIO(response.content), node_type=int)
    json_response = await http.get("/network/export", params={"format": "json", "region": deqing})
    node_link = json_response.json()
    assert len(node_link["nodes"]) == 17
    assert len(node_link["links"]) == 27
    for graph in loaded.values():
        assert graph.number_of_nodes() == 17
        assert graph.number_of_edges() == 27
        assert set(graph.nodes) == {n["id"] for n in node_link["nodes"]}
        assert {frozenset((u, v)) for u, v in graph.edges} == {
            frozenset((link["source"], link["target"])) for link in node_link["links"]
        }
    # 德清县百强社工机构1 (214) and 干丰社区 (209): two co-participation links, weights 3 and 1.
    assert loaded["gexf"].edges[209, 214]["weight"] == 4.0
    assert loaded["graphml"].nodes[209]["society"] == "community"
    assert loaded["graphml"].nodes[209]["label"] == "干丰社区"
    # Sent compressed to a client that accepts gzip, plain to one that does not.
    plain = await http.get(
        "/network/export",
        params={"format": "json", "region": deqing},
        headers={"accept-encoding": "identity"},
    )
    assert "content-encoding" not in plain.headers
    assert json_response.headers["content-encoding"] == "gzip"
    assert plain.json() == node_link


async def test_an_export_with_bad_parameters_is_refused(client: GraphQLClient) -> None:
    http: httpx.AsyncClient = client.http
    for params, message in [
        ({"format": "pdf"}, "`format` must be one of graphml, gexf, json, got 'pdf'"),
        ({"asOf": "yesterday"}, "`asOf` must be a date as YYYY-MM-DD, got 'yesterday'"),
        ({"kinds": "friendship"}, "`kinds` must be a comma-separated list of partnership"),
        ({"region": "UmVnaW9uOjk5OTk5"}, "`scope.region` names no region"),
    ]:
        response = await http.get("/network/export", params=params)
        assert response.status_code == 400
        (error,) = response.json()["errors"]
        assert error["message"].startswith(message)
        assert error["extensions"]["code"] == "BAD_USER_INPUT"


def test_the_command_writes_a_gexf_file(demo_url: str, tmp_path: Path) -> None:
    target = tmp_path / "deqing.gexf"
    # Region:14 is 德清县 in the demo data (global id "UmVnaW9uOjE0").
    result = run_fivesoc(
        "network",
        "export",
        "--format",
        "gexf",
        "--region",
        "UmVnaW9uOjE0",
        "--kind",
        "guidance",
        "--output",
        str(target),
        env={"DATABASE_URL": demo_url},
    )
    assert result.returncode == 0, result.stderr
    graph = nx.read_gexf(target, node_type=int)
    # The bureau guides 8 actors: 干丰社区, 3 other communities, 百强社工机构1–3, 品牌社会组织1.
    assert graph.number_of_edges() == 8
    assert {graph.degree(node) for node in graph if graph.degree(node)} == {8, 1}
    bad = run_fivesoc("network", "export", "--as-of", "soon", env={"DATABASE_URL": demo_url})
    assert bad.returncode == 1
    assert bad.stderr.strip() == "fivesoc: error: `asOf` must be a date as YYYY-MM-DD, got 'soon'"


# Global ids of the demo data: Region:14 德清县, Community:209 干丰社区 (in 康乾街道, 德清县),
# Region:9 干河陈街道 (源汇区, 漯河市), Organization:213 德清县民政局.
DEQING = "UmVnaW9uOjE0"
GANFENG = "Q29tbXVuaXR5OjIwOQ=="
GANHECHEN = "UmVnaW9uOjk="
BUREAU = "T3JnYW5pemF0aW9uOjIxMw=="

CREATE_COMMUNITY = """
mutation($input: CreateCommunityInput!) {
  createCommunity(input: $input) { community { id } userErrors { message } }
}
"""


def _node_link(response: httpx.Response) -> dict:
    assert response.status_code == 200, response.text
    document: dict = json.loads(response.content)
    return document


def _refusal(response: httpx.Response) -> dict:
    assert response.status_code == 400, response.text
    (error,) = response.json()["errors"]
    assert isinstance(error, dict)
    return error


async def test_a_region_or_community_by_name_is_the_one_of_its_global_id(
    client: GraphQLClient,
) -> None:
    http: httpx.AsyncClient = client.http
    for name, key, global_id in [("region", "德清县", DEQING), ("community", "干丰社区", GANFENG)]:
        by_name = await http.get("/network/export", params={"format": "json", name: key})
        by_id = await http.get("/network/export", params={"format": "json", name: global_id})
        assert _node_link(by_name) == _node_link(by_id)
        # The file is named by the scope's key either way.
        assert by_name.headers["content-disposition"] == by_id.headers["content-disposition"]
        # And it costs what the same scope by its id costs.
        assert by_name.headers["x-cost"] == by_id.headers["x-cost"]
    deqing = _node_link(
        await http.get("/network/export", params={"region": "德清县", "format": "json"})
    )
    assert (len(deqing["nodes"]), len(deqing["links"])) == (17, 27)
    assert deqing["nodes"][0]["label"] == "干丰社区"


async def test_a_name_that_names_nothing_is_refused(client: GraphQLClient) -> None:
    http: httpx.AsyncClient = client.http
    # Names and aliases are matched exactly: 德清市 is neither 德清县 nor its alias 德清,
    # and 干丰 is not 干丰社区.
    for name, value in [("region", "德清市"), ("community", "干丰")]:
        error = _refusal(await http.get("/network/export", params={name: value}))
        assert error == {
            "message": f"no {name} is named '{value}': give its exact name or its global id",
            "extensions": {"code": "BAD_USER_INPUT", "argument": name},
        }
    error = _refusal(
        await http.get("/network/export", params={"region": "德清县", "community": "干丰社区"})
    )
    assert error["message"] == "name a region or a community as the scope, not both"


async def test_a_name_two_communities_share_lists_both(client: GraphQLClient) -> None:
    admin = client.as_viewer(token("admin", []))
    created = await admin.data(
        CREATE_COMMUNITY, {"input": {"regionId": GANHECHEN, "name": "干丰社区"}}
    )
    other = created["createCommunity"]["community"]["id"]
    http: httpx.AsyncClient = client.http
    error = _refusal(await http.get("/network/export", params={"community": "干丰社区"}))
    assert error == {
        "message": (
            "2 communities are named '干丰社区'; give the global id of the one you mean: "
            f"{GANFENG} (浙江省/湖州市/德清县/康乾街道); {other} (河南省/漯河市/源汇区/干河陈街道)"
        ),
        "extensions": {"code": "BAD_USER_INPUT", "argument": "community"},
    }
    # Either one by its global id is served.
    chosen = await http.get("/network/export", params={"community": other, "format": "json"})
    assert [node["label"] for node in _node_link(chosen)["nodes"]] == ["干丰社区"]


NETWORK_NODES = """
query($region: ID!) {
  network(scope: {region: $region}) {
    nodes(first: 100) {
      totalCount
      nodes {
        id label society boundary articulationPoint degree strength betweenness pagerank
        cluster constraint effectiveSize
        brokerage { coordinator itinerant representativeGatekeeper liaison total }
      }
    }
  }
}
"""

# A GraphQL `NetworkNode` field → the export's column (brokerage's roles flattened).
FIELDS = {
    "id": "globalId",
    "label": "label",
    "boundary": "boundary",
    "articulationPoint": "articulationPoint",
    "degree": "degree",
    "strength": "strength",
    "betweenness": "betweenness",
    "pagerank": "pagerank",
    "cluster": "cluster",
    "constraint": "constraint",
    "effectiveSize": "effectiveSize",
}
ROLES = {
    "coordinator": "brokerageCoordinator",
    "itinerant": "brokerageItinerant",
    "representativeGatekeeper": "brokerageRepresentativeGatekeeper",
    "liaison": "brokerageLiaison",
    "total": "brokerageTotal",
}


def _as_exported(node: dict) -> dict:
    """A GraphQL network node as the export's columns say it (society in lower case)."""
    columns = {column: node[field] for field, column in FIELDS.items()}
    columns.update({column: node["brokerage"][role] for role, column in ROLES.items()})
    columns["society"] = node["society"].lower()
    return columns


async def test_exported_actors_carry_what_the_network_field_answers(
    client: GraphQLClient,
) -> None:
    data = await client.data(NETWORK_NODES, {"region": DEQING})
    answered = {node["id"]: _as_exported(node) for node in data["network"]["nodes"]["nodes"]}
    assert data["network"]["nodes"]["totalCount"] == len(answered) == 17
    http: httpx.AsyncClient = client.http
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        response = await http.get("/network/export", params={"format": fmt, "region": "德清县"})
        assert response.status_code == 200
        graph = read(io.BytesIO(response.content), node_type=int)
        bureau = graph.nodes[213]
        # 德清县民政局, a civil affairs bureau (a partner of the five societies): 11 partners,
        # links of weight 16 in all; of the 49 pairs of its partners it brokers, 21 are of
        # one society it does not belong to (itinerant), its most frequent role.
        assert bureau["label"] == "德清县民政局"
        assert bureau["globalId"] == BUREAU
        assert (bureau["society"], bureau["kind"], bureau["boundary"]) == (
            "partner",
            "organization",
            False,
        )
        assert (bureau["degree"], bureau["strength"]) == (11, 16.0)
        assert (bureau["brokerageItinerant"], bureau["brokerageLiaison"]) == (21, 19)
        assert (bureau["brokerageTotal"], bureau["brokerageRole"]) == (49, "itinerant")
        # Every column of every actor equals the GraphQL answer, floats to the last digit.
        for key, columns in graph.nodes(data=True):
            expected = answered[columns["globalId"]]
            assert {name: columns[name] for name in expected} == expected, key
        # 浙江工商大学 (Hangzhou) partners Deqing from outside: on the boundary.
        assert [graph.nodes[v]["label"] for v in graph if graph.nodes[v]["boundary"]] == [
            "浙江工商大学"
        ]
        # Links keep their weight and kinds: 干丰社区–德清县百强社工机构1 shares two works.
        assert graph.edges[209, 214]["weight"] == 4.0
        assert graph.edges[209, 214]["kinds"] == "co_participation"
        # The bureau is Deqing's one cut vertex, and 4 of the 27 links are bridges.
        assert [v for v in graph if graph.nodes[v]["articulationPoint"]] == [213]
        assert sum(bridge for _, _, bridge in graph.edges(data="bridge")) == 4


async def test_exports_share_the_networks_one_analysis(demo_url: str) -> None:
    pool = await connect.create_pool(demo_url, min_size=1, max_size=2)
    try:
        cache = NetworkCache(pool)
        request, fmt = await parse_export(pool, {"region": "德清县", "format": "gexf"})
        assert (request.region_id, fmt) == (14, "gexf")
        written = {each: await export_network(cache, request, each) for each in FORMATS}
        computed = await cache.get(request)
        assert (cache.builds, computed.analyses) == (1, 1)
        # Each file is written once and kept with the network: asked again, the same bytes.
        for each in FORMATS:
            again = await export_network(cache, request, each)
            assert again.gzipped is written[each].gzipped
    finally:
        await pool.close()


def test_the_command_takes_names(demo_url: str, tmp_path: Path) -> None:
    env = {"DATABASE_URL": demo_url}
    target = tmp_path / "ganfeng.graphml"
    community = ["--community", "干丰社区", "--radius", "1"]
    result = run_fivesoc(
        "network", "export", "--format", "graphml", *community, "-o", str(target), env=env
    )
    assert result.returncode == 0, result.stderr
    graph = nx.read_graphml(target, node_type=int)
    # Radius 1: 干丰社区 and its 10 partners.
    assert graph.number_of_nodes() == 11
    assert graph.nodes[209]["label"] == "干丰社区"
    assert graph.nodes[209]["degree"] == 10
    unknown = run_fivesoc("network", "export", "--region", "德清市", env=env)
    assert unknown.returncode == 1
    assert unknown.stderr.strip() == (
        "fivesoc: error: no region is named '德清市': give its exact name or its global id"
    )
    # The report's short name of a county, an alias, names it as its full name does.
    by_alias = tmp_path / "weining-alias.json"
    by_name = tmp_path / "weining-name.json"
    for value, path in [("威宁自治县", by_alias), ("威宁彝族回族苗族自治县", by_name)]:
        result = run_fivesoc(
            "network", "export", "--format", "json", "--region", value, "-o", str(path), env=env
        )
        assert result.returncode == 0, result.stderr
    assert by_alias.read_text() == by_name.read_text()
    assert len(json.loads(by_alias.read_text())["nodes"]) > 0


async def test_the_command_lists_the_regions_a_name_may_mean(
    demo_conn: asyncpg.Connection, demo_url: str
) -> None:
    # A second 德清县, under 漯河市 (Region:4).
    other = await demo_conn.fetchval(
        "insert into region (parent_id, level, name) values (4, 'county', '德清县') returning id"
    )
    result = run_fivesoc("network", "export", "--region", "德清县", env={"DATABASE_URL": demo_url})
    assert result.returncode == 1
    other_id = base64.b64encode(f"Region:{other}".encode()).decode()
    assert result.stderr.strip() == (
        "fivesoc: error: 2 regions are named '德清县'; give the global id of the one you mean: "
        f"{DEQING} (浙江省/湖州市/德清县); {other_id} (河南省/漯河市/德清县)"
    )
