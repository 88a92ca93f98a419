"""GraphML, GEXF and node-link exports load back, in networkx and through our readers."""

from __future__ import annotations

import io
from collections.abc import Callable

import networkx as nx
import pytest

from fivesoc.graph.build import build_graph
from fivesoc.graph.export import from_gexf, from_graphml, to_gexf, to_graphml, to_node_link


def _network() -> nx.Graph:
    """Three actors sharing project 7 (1/2 per pair), a membership 2–1 of 2 and a guidance
    1–3 of 0.5; a university (4) with no links. Labels with XML's special characters."""
    return build_graph(
        [
            (1, "community", "community", "干丰社区 <A&B>"),
            (2, "volunteer_team", "volunteer", "银龄志愿队"),
            (3, "social_worker", "social_worker", '王"芳"'),
            (4, "university", "partner", "浙江工商大学"),
        ],
        [(2, 1, "membership", 2.0), (1, 3, "guidance", 0.5)],
        [("project:7", 1), ("project:7", 2), ("project:7", 3)],
    )


NODES = [
    (1, {"society": "community", "kind": "community", "label": "干丰社区 <A&B>"}),
    (2, {"society": "volunteer", "kind": "volunteer_team", "label": "银龄志愿队"}),
    (3, {"society": "social_worker", "kind": "social_worker", "label": '王"芳"'}),
    (4, {"society": "partner", "kind": "university", "label": "浙江工商大学"}),
]
FLAT_EDGES = {
    (1, 2): {"weight": 2.5, "w_co_participation": 0.5, "w_membership": 2.0},
    (1, 3): {"weight": 1.0, "w_co_participation": 0.5, "w_guidance": 0.5},
    (2, 3): {"weight": 0.5, "w_co_participation": 0.5},
}


def test_graphml_loads_in_networkx() -> None:
    H = nx.read_graphml(io.BytesIO(to_graphml(_network())), node_type=int)
    assert sorted(H.nodes(data=True)) == NODES
    assert {(u, v): data for u, v, data in H.edges(data=True)} == FLAT_EDGES


def test_gexf_loads_in_networkx() -> None:
    H = nx.read_gexf(io.BytesIO(to_gexf(_network())), node_type=int)
    assert sorted(H.nodes(data=True)) == NODES
    edges = {(u, v): data for u, v, data in H.edges(data=True)}
    # GEXF gives every edge an id of its own
    assert {pair: {k: v for k, v in data.items() if k != "id"} for pair, data in edges.items()} == (
        FLAT_EDGES
    )


@pytest.mark.parametrize(("write", "read"), [(to_graphml, from_graphml), (to_gexf, from_gexf)])
def test_round_trip_restores_kinds(
    write: Callable[[nx.Graph], bytes], read: Callable[[bytes], nx.Graph]
) -> None:
    G = _network()
    H = read(write(G))
    assert list(H.nodes(data=True)) == list(G.nodes(data=True))
    assert list(H.edges(data=True)) == list(G.edges(data=True))
    assert H.edges[1, 2]["kinds"] == {"co_participation": 0.5, "membership": 2.0}
    assert read(write(nx.Graph())).number_of_nodes() == 0


def test_node_link() -> None:
    data = to_node_link(_network())
    assert data["directed"] is False
    assert data["nodes"][0] == {
        "id": 1,
        "society": "community",
        "kind": "community",
        "label": "干丰社区 <A&B>",
    }
    assert [node["id"] for node in data["nodes"]] == [1, 2, 3, 4]
    assert data["links"] == [
        {
            "source": 1,
            "target": 2,
            "weight": 2.5,
            "kinds": {"co_participation": 0.5, "membership": 2.0},
        },
        {
            "source": 1,
            "target": 3,
            "weight": 1.0,
            "kinds": {"co_participation": 0.5, "guidance": 0.5},
        },
        {"source": 2, "target": 3, "weight": 0.5, "kinds": {"co_participation": 0.5}},
    ]
    assert to_node_link(nx.Graph()) == {"directed": False, "nodes": [], "links": []}
