"""Brokerage on small hand-built networks: roles counted by hand, Burt's measures against
networkx on the same graph."""

from __future__ import annotations

import doctest
import itertools
import math
import random

import networkx as nx
import pytest

from fivesoc.graph import brokerage as module
from fivesoc.graph.brokerage import Roles, brokerage, ranked


def _societies(G: nx.Graph, societies: dict[int, str]) -> nx.Graph:
    nx.set_node_attributes(G, societies, "society")
    return G


def test_roles_of_a_hub_counted_by_hand() -> None:
    # Hub 0 (partner) with two communities (1, 2), two organizations (3, 4) and another
    # partner (5); communities 1 and 2 are linked to each other.
    G = _societies(
        nx.Graph([(0, 1), (0, 2), (0, 3), (0, 4), (0, 5), (1, 2)]),
        {0: "partner", 1: "community", 2: "community", 3: "social_organization",
         4: "social_organization", 5: "partner"},
    )  # fmt: skip
    roles = brokerage(G).actors[0].roles
    # 10 pairs, 1 linked (1–2). Partner 5 with one of the 4 others: 4 representative or
    # gatekeeper; organizations 3–4: 1 itinerant; a community with an organization: 4 liaison.
    assert roles == Roles(coordinator=0, itinerant=1, representative_gatekeeper=4, liaison=4)
    assert roles.total == 9
    # Three partners in a row: the middle one is a coordinator.
    H = _societies(nx.path_graph(3), dict.fromkeys(range(3), "partner"))
    assert brokerage(H).actors[1].roles == Roles(coordinator=1)


def test_burt_measures_match_networkx() -> None:
    G = nx.Graph()
    G.add_weighted_edges_from([(1, 2, 2.0), (1, 3, 1.0), (2, 3, 1.0), (3, 4, 3.0), (4, 5, 1.0)])
    _societies(G, {1: "community", 2: "volunteer", 3: "social_worker", 4: "partner", 5: "partner"})
    G.add_node(6, society="community")  # alone
    found = brokerage(G)
    constraint = nx.constraint(G, weight="weight")
    effective = nx.effective_size(G, weight="weight")
    for actor in range(1, 6):
        assert found.actors[actor].constraint == pytest.approx(constraint[actor])
        assert found.actors[actor].effective_size == pytest.approx(effective[actor])
    assert found.actors[6].constraint is None
    assert found.actors[6].effective_size is None
    # Actor 5 has one partner: constraint 1, effective size 1.
    assert found.actors[5].constraint == pytest.approx(1.0)
    assert 6 not in found.by_constraint


def test_empty_and_single() -> None:
    empty = brokerage(nx.Graph())
    assert (empty.actors, empty.totals, empty.by_brokerage) == ({}, Roles(), ())
    one = brokerage(_societies(nx.empty_graph(1), {0: "community"}))
    assert one.actors[0].roles == Roles()
    assert one.by_brokerage == (0,)


def test_docstring_examples() -> None:
    result = doctest.testmod(module)
    assert result.failed == 0
    assert result.attempted > 0


def _roles_by_walking_every_pair(G: nx.Graph, b: int) -> Roles:
    """The definition, pair by pair: what the per-society counts must add up to."""
    counts = dict.fromkeys(("coordinator", "itinerant", "representative_gatekeeper", "liaison"), 0)
    for a, c in itertools.combinations(G[b], 2):
        if G.has_edge(a, c):
            continue
        ga, gb, gc = (G.nodes[x].get("society") for x in (a, b, c))
        if ga == gc:
            counts["coordinator" if ga == gb else "itinerant"] += 1
        elif gb in (ga, gc):
            counts["representative_gatekeeper"] += 1
        else:
            counts["liaison"] += 1
    return Roles(**counts)


@pytest.mark.parametrize("seed", range(8))
def test_random_graphs_against_networkx_and_the_definition(seed: int) -> None:
    # Disconnected parts, isolated actors, unequal weights and actors without a society.
    r = random.Random(seed)
    G = nx.gnm_random_graph(25, 50, seed=seed)
    for u, v in G.edges:
        G[u][v]["weight"] = r.choice([0.5, 1.0, 2.0, 3.25])
    societies = ("community", "social_organization", "social_worker", "volunteer", "partner")
    for v in G:
        if r.random() < 0.9:
            G.nodes[v]["society"] = r.choice(societies)
    found = brokerage(G)
    constraint = nx.constraint(G, weight="weight")
    effective = nx.effective_size(G, weight="weight")
    for v in G:
        if G.degree(v) == 0:
            assert math.isnan(constraint[v])
            assert found.actors[v].constraint is None
        else:
            assert found.actors[v].constraint == pytest.approx(constraint[v], abs=1e-12)
            assert found.actors[v].effective_size == pytest.approx(effective[v], abs=1e-12)
        assert found.actors[v].roles == _roles_by_walking_every_pair(G, v)


def test_equal_weights_give_borgatti_effective_size_and_ties_go_by_id() -> None:
    # A square 1–2–3–4–1 with the diagonal 1–3: actor 1 has partners 2, 3, 4 and two links
    # among them (2–3, 3–4): n − 2t/n = 3 − 4/3. Actor 2: partners 1, 3, linked: 2 − 2/2 = 1.
    G = nx.Graph([(1, 2), (2, 3), (3, 4), (4, 1), (1, 3)])
    found = brokerage(G)
    assert found.actors[1].effective_size == pytest.approx(3 - 4 / 3)
    assert found.actors[2].effective_size == pytest.approx(1.0)
    # 1 and 3 broker 2 … 4 (one pair each), 2 and 4 nothing: ties by id.
    assert found.by_brokerage == (1, 3, 2, 4)
    assert ranked(found, "brokerage", 2) == ((1, 1.0), (3, 1.0))
    assert [actor for actor, _ in ranked(found, "effective_size")] == [1, 3, 2, 4]
    with pytest.raises(ValueError, match="unknown measure"):
        ranked(found, "size", 1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="k must be 0 or more"):
        ranked(found, "constraint", -1)


def test_a_county_sized_graph_adds_up() -> None:
    # 10,000 actors, about 50,000 links (the speed check lives in bench/, not here).
    G = nx.barabasi_albert_graph(10_000, 5, seed=1)
    societies = ("social_organization", "social_worker", "volunteer", "charity_resource", "partner")
    for v in G:
        G.nodes[v]["society"] = "community" if v % 33 == 0 else societies[v % 5]
    found = brokerage(G)
    triangles = sum(nx.triangles(G).values()) // 3
    pairs = sum(d * (d - 1) // 2 for _, d in G.degree)
    # Every pair of partners is brokered unless linked; each triangle links three pairs.
    assert found.totals.total == pairs - 3 * triangles
    assert len(found.by_constraint) == 10_000
