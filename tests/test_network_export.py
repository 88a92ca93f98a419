"""Exports of a scoped network over HTTP and from the command line, loaded back with networkx.

Deqing's network (see tests/test_network_api.py): 17 actors, 27 links.
"""

from __future__ import annotations

import io
from pathlib import Path

import httpx
import networkx as nx

from tests.conftest import GraphQLClient
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
    # 德清县百强社工机构1 (209) and 干丰社区 (204): two co-participation links, weights 3 and 1.
    assert loaded["gexf"].edges[204, 209]["weight"] == 4.0
    assert loaded["graphml"].nodes[204]["society"] == "community"
    assert loaded["graphml"].nodes[204]["label"] == "干丰社区"


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
    # Region:16 is 德清县 in the demo data (global id "UmVnaW9uOjE2").
    result = run_fivesoc(
        "network",
        "export",
        "--format",
        "gexf",
        "--region",
        "UmVnaW9uOjE2",
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
