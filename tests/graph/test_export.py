"""GraphML, GEXF and node-link exports load back, in networkx and through our readers."""

from __future__ import annotations

import io
from collections.abc import Callable

import networkx as nx
import pytest

from fivesoc.graph.analysis import analyse
from fivesoc.graph.build import build_graph
from fivesoc.graph.export import (
    ACTOR_COLUMNS,
    actor_attributes,
    from_gexf,
    from_graphml,
    to_gexf,
    to_graphml,
    to_node_link,
)


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
    (1, 2): {
        "weight": 2.5,
        "kinds": "co_participation,membership",
        "w_co_participation": 0.5,
        "w_membership": 2.0,
    },
    (1, 3): {
        "weight": 1.0,
        "kinds": "co_participation,guidance",
        "w_co_participation": 0.5,
        "w_guidance": 0.5,
    },
    (2, 3): {"weight": 0.5, "kinds": "co_participation", "w_co_participation": 0.5},
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


def _path() -> nx.Graph:
    """Community 1 employs worker 2 (weight 2), who guides community 3 (weight 1); university
    4, a partner elsewhere, has no links."""
    return build_graph(
        [
            (1, "community", "community", "干丰社区"),
            (2, "social_worker", "social_worker", "王芳"),
            (3, "community", "community", "洛漾社区"),
            (4, "university", "partner", "浙江工商大学"),
        ],
        [(1, 2, "employment", 2.0), (2, 3, "guidance", 1.0)],
    )


def _columns() -> dict[int, dict[str, object]]:
    G = _path()
    ids = {1: "Q29tbXVuaXR5OjE=", 2: "U29jaWFsV29ya2VyOjI="}
    return dict(actor_attributes(G, analyse(G), boundary={4}, global_ids=ids))


def test_actor_attributes_are_the_analysis_by_hand() -> None:
    columns = _columns()
    worker = columns[2]
    # 2 lies on the one shortest path between the 3 other pairs' only linked one, 1–3:
    # betweenness 1 / ((n − 1)(n − 2) / 2) = 1/3. It brokers the pair (1, 3), two
    # communities, being of another society: itinerant. Constraint Σ p² = (2/3)² + (1/3)².
    # Without it 1 and 3 fall apart: a cut vertex.
    assert {key: worker[key] for key in worker if key != "pagerank"} == {
        "globalId": "U29jaWFsV29ya2VyOjI=",
        "boundary": False,
        "articulationPoint": True,
        "degree": 2,
        "strength": 3.0,
        "betweenness": pytest.approx(1 / 3),
        "cluster": 0,
        "constraint": pytest.approx(5 / 9),
        "effectiveSize": 2.0,
        "brokerageCoordinator": 0,
        "brokerageItinerant": 1,
        "brokerageRepresentativeGatekeeper": 0,
        "brokerageLiaison": 0,
        "brokerageTotal": 1,
        "brokerageRole": "itinerant",
    }
    # PageRank solved by hand: p = 0.15/4 + 0.85 (p4/4 + Σ p_u w_uv / s_u), the isolated 4's
    # rank spread over all: p4 = 1/21 = 37/777, p1 = 241/777, p2 = 360/777, p3 = 139/777.
    ranks = {v: columns[v]["pagerank"] for v in columns}
    expected = {1: 241 / 777, 2: 360 / 777, 3: 139 / 777, 4: 37 / 777}
    assert ranks == pytest.approx(expected, abs=1e-9)
    # The community at the end of the path: one partner, fully constrained, brokering nothing.
    assert columns[1]["constraint"] == 1.0
    assert columns[1]["articulationPoint"] is False
    assert "brokerageRole" not in columns[1]
    # The university: on the boundary, no global id given, no constraint without links.
    assert columns[4]["boundary"] is True
    assert columns[4]["degree"] == 0
    assert not {"globalId", "constraint", "effectiveSize"} & set(columns[4])


def test_files_declare_typed_columns_once_and_load_back() -> None:
    G, columns = _path(), _columns()
    graphml = to_graphml(G, columns).decode()
    gexf = to_gexf(G, columns).decode()
    for name, typed in [("degree", "long"), ("strength", "double"), ("boundary", "boolean")]:
        assert graphml.count(f'attr.name="{name}"') == 1
        assert f'attr.name="{name}" attr.type="{typed}"' in graphml
        assert gexf.count(f'title="{name}"') == 1
        assert f'title="{name}" type="{typed}"' in gexf
    for H in (
        nx.read_graphml(io.BytesIO(graphml.encode()), node_type=int),
        nx.read_gexf(io.BytesIO(gexf.encode()), node_type=int),
    ):
        assert H.nodes[2]["label"] == "王芳"
        assert H.nodes[2]["society"] == "social_worker"
        assert H.nodes[2]["globalId"] == "U29jaWFsV29ya2VyOjI="
        assert H.nodes[2]["betweenness"] == columns[2]["betweenness"]
        assert H.nodes[2]["pagerank"] == columns[2]["pagerank"]
        assert H.nodes[2]["brokerageItinerant"] == 1
        assert H.nodes[4]["boundary"] is True
        assert "constraint" not in H.nodes[4]
        # What the graph holds itself comes back as it was.
        assert from_graphml(graphml.encode()).nodes[2] == G.nodes[2]


def test_node_link_carries_every_column() -> None:
    G, columns = _path(), _columns()
    nodes = to_node_link(G, columns)["nodes"]
    assert [list(node) for node in nodes] == [["id", *(c.name for c in ACTOR_COLUMNS)]] * 4
    assert nodes[3]["constraint"] is None
    assert nodes[3]["globalId"] is None
    assert nodes[1]["label"] == "王芳"
    assert nodes[1]["brokerageRole"] == "itinerant"


def test_an_unknown_or_mistyped_column_is_refused() -> None:
    with pytest.raises(ValueError, match="'colour' is not an actor column"):
        to_graphml(_path(), {1: {"colour": "red"}})
    with pytest.raises(TypeError, match="degree must be an int, got True"):
        to_gexf(_path(), {1: {"degree": True}})
    with pytest.raises(TypeError, match="boundary must be a bool, got 1"):
        to_node_link(_path(), {1: {"boundary": 1}})


def test_links_say_whether_they_are_bridges() -> None:
    # A triangle 1–2–3 with a tail 3–4: only the tail is a bridge.
    G = build_graph(
        [(v, "community", "community", f"c{v}") for v in (1, 2, 3, 4)],
        [(1, 2, "guidance", 1.0), (2, 3, "guidance", 1.0), (1, 3, "guidance", 1.0),
         (4, 3, "guidance", 1.0)],
    )  # fmt: skip
    bridges = analyse(G).fragility.bridge_set
    assert bridges == {(3, 4)}
    flags = {
        (link["source"], link["target"]): link["bridge"]
        for link in to_node_link(G, {}, bridges)["links"]
    }
    assert flags == {(1, 2): False, (1, 3): False, (2, 3): False, (3, 4): True}
    graph = nx.read_graphml(io.BytesIO(to_graphml(G, {}, bridges)), node_type=int)
    assert {(u, v) for u, v, bridge in graph.edges(data="bridge") if bridge} == {(3, 4)}
    # Without bridges given, links carry no such attribute.
    assert "bridge" not in to_node_link(G)["links"][0]
