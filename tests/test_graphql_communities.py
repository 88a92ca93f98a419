"""Reading communities, regions and service sites; Relay nodes and cursor connections."""

from __future__ import annotations

import base64

from tests.conftest import GraphQLClient

FIRST_COMMUNITIES = """
{
  communities(first: 10) {
    totalCount
    nodes { name grids { totalCount } microGrids { totalCount } }
  }
}
"""


async def test_first_communities_with_grid_and_micro_grid_counts(client: GraphQLClient) -> None:
    data = await client.data(FIRST_COMMUNITIES)
    counts = {
        node["name"]: (node["grids"]["totalCount"], node["microGrids"]["totalCount"])
        for node in data["communities"]["nodes"]
    }
    assert counts["干丰社区"] == (8, 42)


async def test_grids_hold_all_micro_grids_of_their_community(client: GraphQLClient) -> None:
    data = await client.data(
        """{ communities(first: 10) { nodes { name grids { nodes { microGrids { totalCount } } } } } }"""
    )
    ganfeng = next(n for n in data["communities"]["nodes"] if n["name"] == "干丰社区")
    per_grid = [grid["microGrids"]["totalCount"] for grid in ganfeng["grids"]["nodes"]]
    assert len(per_grid) == 8
    assert sum(per_grid) == 42


async def test_region_tree_from_province_to_community(client: GraphQLClient) -> None:
    data = await client.data(
        """
        { communities(first: 10) { nodes { name region { name level depth
              parent { name level parent { name level parent { name level parent { name } } } } } } } }
        """
    )
    ganfeng = next(n for n in data["communities"]["nodes"] if n["name"] == "干丰社区")
    region = ganfeng["region"]
    chain = []
    while region is not None:
        chain.append((region["name"], region["level"]))
        region = region.get("parent")
    assert chain == [
        ("康乾街道", "TOWNSHIP"),
        ("德清县", "COUNTY"),
        ("湖州市", "CITY"),
        ("浙江省", "PROVINCE"),
    ]
    assert ganfeng["region"]["depth"] == 3


async def test_regions_without_arguments_are_the_provinces(client: GraphQLClient) -> None:
    data = await client.data("{ regions { totalCount nodes { name level depth } } }")
    provinces = data["regions"]["nodes"]
    assert {node["level"] for node in provinces} == {"PROVINCE"}
    assert {node["depth"] for node in provinces} == {0}
    assert {"安徽省", "河南省", "浙江省", "贵州省"} <= {node["name"] for node in provinces}


async def _region_id(client: GraphQLClient, level: str, name: str) -> str:
    data = await client.data(
        "query($level: RegionLevel) { regions(level: $level, first: 100) { nodes { id name } } }",
        {"level": level},
    )
    return next(n["id"] for n in data["regions"]["nodes"] if n["name"] == name)


async def test_communities_of_a_region_subtree(client: GraphQLClient) -> None:
    deqing = await _region_id(client, "COUNTY", "德清县")
    data = await client.data(
        """
        query($region: ID!) {
          communities(filter: {region: $region}, first: 20) { totalCount nodes { name status } }
          node(id: $region) { ... on Region { communities { totalCount } } }
        }
        """,
        {"region": deqing},
    )
    statuses = {n["name"]: n["status"] for n in data["communities"]["nodes"]}
    assert statuses == {
        "干丰社区": "ACTIVE",
        "洛漾社区": "ACTIVE",
        "东港社区": "ACTIVE",
        "金鹅湖社区": "ACTIVE",
    }
    assert data["communities"]["totalCount"] == 4
    assert data["node"]["communities"]["totalCount"] == 4


async def test_node_and_nodes_resolve_global_ids(client: GraphQLClient) -> None:
    data = await client.data("{ communities(first: 1) { nodes { id name } } }")
    community = data["communities"]["nodes"][0]
    type_name, _, raw_id = base64.b64decode(community["id"]).decode().partition(":")
    assert type_name == "Community"
    missing = base64.b64encode(b"Community:999999").decode()
    data = await client.data(
        "query($ids: [ID!]!, $id: ID!) { node(id: $id) { id ... on Community { name } }"
        " nodes(ids: $ids) { id } }",
        {"id": community["id"], "ids": [community["id"], missing]},
    )
    assert data["node"] == {"id": community["id"], "name": community["name"]}
    assert data["nodes"] == [{"id": community["id"]}, None]
    assert raw_id.isdigit()


async def test_an_id_that_is_not_a_global_id_is_refused(client: GraphQLClient) -> None:
    body = await client.execute('{ node(id: "not-an-id") { id } }')
    assert body["data"] is None or body["data"]["node"] is None
    assert len(body["errors"]) == 1


async def test_a_region_argument_must_name_a_region(client: GraphQLClient) -> None:
    data = await client.data("{ communities(first: 1) { nodes { id } } }")
    community_id = data["communities"]["nodes"][0]["id"]
    body = await client.execute(
        "query($r: ID!) { communities(filter: {region: $r}) { totalCount } }", {"r": community_id}
    )
    assert body["errors"][0]["message"] == (
        "`filter.region` must be the id of a Region, got one of a Community"
    )
    assert body["errors"][0]["extensions"] == {
        "code": "BAD_USER_INPUT",
        "argument": "filter.region",
    }
