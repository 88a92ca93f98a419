"""build_graph and ego_scope on rows small enough to add up by hand."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from fivesoc.graph.build import build_graph, ego_scope
from fivesoc.graph.errors import ActorNotFound

ACTORS = [
    (1, "community", "community", "干丰社区"),
    (2, "organization", "social_organization", "启明社工"),
    (3, "social_worker", "social_worker", "王芳"),
    (4, "volunteer_team", "volunteer", "银龄志愿队"),
    (5, "university", "partner", "浙江工商大学"),
]


def test_attributes_and_parallel_links_add_up() -> None:
    """1–2 partnership 2 + agreement 1 + partnership 0.5 the other way: weight 3.5."""
    G = build_graph(
        ACTORS,
        [
            (1, 2, "partnership", 2.0),
            (1, 2, "agreement", 1.0),
            (2, 1, "partnership", 0.5),
            (4, 1, "membership", 1.0),
        ],
    )
    assert G.nodes[2] == {
        "society": "social_organization",
        "kind": "organization",
        "label": "启明社工",
    }
    assert G.edges[1, 2] == {"weight": 3.5, "kinds": {"partnership": 2.5, "agreement": 1.0}}
    assert G.edges[1, 4] == {"weight": 1.0, "kinds": {"membership": 1.0}}
    assert G.number_of_edges() == 2


def test_links_outside_the_actors_and_self_links_are_dropped() -> None:
    G = build_graph(ACTORS, [(1, 99, "partnership", 1.0), (3, 3, "guidance", 1.0)])
    assert G.number_of_edges() == 0
    assert sorted(G) == [1, 2, 3, 4, 5]


def test_shared_work_weighs_one_over_n_minus_one() -> None:
    """Project 7 has 3 participants: each pair gets 1/2. Activity 9 has 4 (one of them, 99,
    outside the actors): each pair inside gets 1/3, pairs with 99 are dropped.
    1–2 shares both: 1/2 + 1/3 = 5/6."""
    G = build_graph(
        ACTORS,
        [],
        [
            ("project:7", 1),
            ("project:7", 2),
            ("project:7", 3),
            ("project:7", 3),  # listed twice, counted once
            ("activity:9", 1),
            ("activity:9", 2),
            ("activity:9", 4),
            ("activity:9", 99),
        ],
    )
    assert G.edges[1, 2]["kinds"] == {"co_participation": pytest.approx(5 / 6)}
    assert G.edges[1, 3]["weight"] == pytest.approx(1 / 2)
    assert G.edges[2, 4]["weight"] == pytest.approx(1 / 3)
    assert sorted(G.edges) == [(1, 2), (1, 3), (1, 4), (2, 3), (2, 4)]


def test_work_of_one_actor_links_nobody() -> None:
    G = build_graph(ACTORS, [], [("project:1", 1)])
    assert G.number_of_edges() == 0


def test_order_of_rows_does_not_matter() -> None:
    links = [(1, 2, "partnership", 0.1), (3, 1, "guidance", 0.2), (2, 1, "partnership", 0.7)]
    works = [("project:1", 4), ("project:1", 1), ("project:2", 3), ("project:2", 1)]
    a = build_graph(ACTORS, links, works)
    b = build_graph(list(reversed(ACTORS)), list(reversed(links)), list(reversed(works)))
    assert list(a.nodes(data=True)) == list(b.nodes(data=True))
    assert list(a.edges(data=True)) == list(b.edges(data=True))
    assert list(b) == [1, 2, 3, 4, 5]
    assert list(b.edges) == [(1, 2), (1, 3), (1, 4)]
    # 0.1 + 0.7 rounded once: the exactly rounded sum, not (0.1 + 0.7) in floating point.
    assert b.edges[1, 2]["weight"] == math.fsum([0.1, 0.7])


def test_empty_and_single() -> None:
    assert build_graph([], []).number_of_nodes() == 0
    G = build_graph(ACTORS[:1], [(1, 2, "partnership", 1.0)])
    assert list(G.nodes) == [1]
    assert G.number_of_edges() == 0


@pytest.mark.parametrize(
    ("actors", "links", "message"),
    [
        ([(1, "community", "village", "x")], [], "unknown society"),
        ([(1, "bureau", "partner", "x")], [], "unknown actor kind"),
        (ACTORS[:1] + ACTORS[:1], [], "listed twice"),
        (ACTORS, [(1, 2, "friendship", 1.0)], "unknown link kind"),
        (ACTORS, [(1, 2, "partnership", 0.0)], "is not > 0"),
        (ACTORS, [(1, 2, "partnership", -1.0)], "is not > 0"),
        (ACTORS, [(1, 2, "partnership", float("nan"))], "is not > 0"),
    ],
)
def test_bad_rows_are_refused(
    actors: list[tuple[int, str, str, str]], links: list[tuple[int, int, str, float]], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        build_graph(actors, links)


def _path_network() -> nx.Graph:
    """1 – 2 – 3 – 4, and 5 on its own."""
    return build_graph(
        ACTORS,
        [(1, 2, "partnership", 1.0), (2, 3, "employment", 2.0), (3, 4, "guidance", 1.0)],
    )


def test_ego_scope_within_radius() -> None:
    G = _path_network()
    assert list(ego_scope(G, 2, 1)) == [1, 2, 3]
    assert list(ego_scope(G, 2, 1).edges) == [(1, 2), (2, 3)]
    assert list(ego_scope(G, 1, 2)) == [1, 2, 3]
    assert list(ego_scope(G, 1, 10)) == [1, 2, 3, 4]
    assert list(ego_scope(G, 3, 0)) == [3]
    assert list(ego_scope(G, 5, 3)) == [5]
    assert ego_scope(G, 2, 1).nodes[3] == G.nodes[3]


def test_ego_scope_is_a_copy() -> None:
    G = _path_network()
    H = ego_scope(G, 2, 1)
    H.edges[2, 3]["kinds"]["referral"] = 5.0
    H.nodes[2]["label"] = "changed"
    assert G.edges[2, 3]["kinds"] == {"employment": 2.0}
    assert G.nodes[2]["label"] == "启明社工"


def test_ego_scope_refuses_bad_arguments() -> None:
    G = _path_network()
    with pytest.raises(ActorNotFound, match="actor 99 is not in the network"):
        ego_scope(G, 99, 1)
    with pytest.raises(nx.NodeNotFound):
        ego_scope(G, 99, 1)
    with pytest.raises(ValueError, match="radius"):
        ego_scope(G, 1, -1)
