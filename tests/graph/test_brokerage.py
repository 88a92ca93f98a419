"""Brokerage on small hand-built networks: roles counted by hand, Burt's measures against
networkx on the same graph."""

from __future__ import annotations

import doctest

import networkx as nx
import pytest

from fivesoc.graph import brokerage as module
from fivesoc.graph.brokerage import Roles, brokerage


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
