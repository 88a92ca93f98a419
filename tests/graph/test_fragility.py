"""Bridges, articulation points and society gateways, worked out by hand and, on small random
graphs, checked against removing each actor in turn."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from fivesoc.graph.fragility import fragility, society_gateways
from fivesoc.kinds import SOCIETIES


def _network() -> nx.Graph:
    """
    community 1, organization 2, worker 3 form a triangle; worker 3 leads to volunteer team 4,
    which leads to team 5; organization 2 leads to charity resource 6, then community 7, then
    university 8.

        5 – 4 – 3 – 1          cut vertices: 2, 3, 4, 6, 7
                 \\ /           bridges: 3–4, 4–5, 2–6, 6–7, 7–8
                  2 – 6 – 7 – 8

    Apart: community 9 with workers 10 and 11, both linked to team 12 (a 4-cycle), and
    community 13 on its own.
    """
    G = nx.Graph([(1, 2), (1, 3), (2, 3), (3, 4), (4, 5), (2, 6), (6, 7), (7, 8)])
    G.add_edges_from([(9, 10), (9, 11), (10, 12), (11, 12)])
    G.add_node(13)
    society = {
        1: "community",
        2: "social_organization",
        3: "social_worker",
        4: "volunteer",
        5: "volunteer",
        6: "charity_resource",
        7: "community",
        8: "partner",
        9: "community",
        10: "social_worker",
        11: "social_worker",
        12: "volunteer",
        13: "community",
    }
    nx.set_node_attributes(G, society, "society")
    return G


def test_bridges_and_articulation_points() -> None:
    f = fragility(_network())
    assert f.bridges == ((2, 6), (3, 4), (4, 5), (6, 7), (7, 8))
    assert f.articulation_points == (2, 3, 4, 6, 7)


def test_society_gateways_by_hand() -> None:
    gateways = society_gateways(_network())
    assert list(gateways) == [1, 7, 9, 13]
    assert gateways[1] == {
        # the only other community, 7, lies behind 2 and 6; losing 7 itself loses it too
        "community": (2, 6, 7),
        # 2 is in the triangle with 1: nothing between them, but it is the only one
        "social_organization": (2,),
        "social_worker": (3,),
        # both teams lie behind 3; 4 stands before 5, so losing 4 loses both
        "volunteer": (3, 4),
        "charity_resource": (2, 6),
        "partner": (2, 6, 7, 8),
    }
    assert gateways[7] == {
        "community": (1, 2, 6),
        "social_organization": (2, 6),
        "social_worker": (2, 3, 6),
        "volunteer": (2, 3, 4, 6),
        "charity_resource": (6,),
        "partner": (8,),
    }
    # two workers by two routes: no single loss cuts 9 off from workers; one team, 12
    assert gateways[9] == {"social_worker": (), "volunteer": (12,)}
    # reaches nothing
    assert gateways[13] == {}


def test_empty_and_single() -> None:
    f = fragility(nx.Graph())
    assert (f.bridges, f.articulation_points, f.gateways) == ((), (), {})
    G = nx.empty_graph([4])
    G.nodes[4]["society"] = "community"
    assert fragility(G).gateways == {4: {}}


def _by_removal(G: nx.Graph) -> dict[int, dict[str, tuple[int, ...]]]:
    """The definition, literally: remove each other actor and look again."""
    result = {}
    for c in sorted(G):
        if G.nodes[c]["society"] != "community":
            continue
        reach = nx.node_connected_component(G, c)
        per_society = {}
        for s in SOCIETIES:
            targets = {x for x in reach if x != c and G.nodes[x]["society"] == s}
            if not targets:
                continue
            cut = []
            for v in sorted(reach - {c}):
                H = G.copy()
                H.remove_node(v)
                if not (targets - {v}) & nx.node_connected_component(H, c):
                    cut.append(v)
            per_society[s] = tuple(cut)
        result[c] = per_society
    return result


@pytest.mark.parametrize("seed", range(60))
def test_gateways_agree_with_removing_actors_one_by_one(seed: int) -> None:
    rng = random.Random(seed)
    n = rng.randint(2, 16)
    if seed % 3 == 0:
        G = nx.random_labeled_tree(n, seed=seed)
    else:
        G = nx.gnm_random_graph(n, rng.randint(0, 2 * n), seed=seed)
    G = nx.relabel_nodes(G, {v: 100 - 3 * v for v in G})
    for v in G:
        G.nodes[v]["society"] = rng.choice((*SOCIETIES, "community"))
    assert society_gateways(G) == _by_removal(G)
