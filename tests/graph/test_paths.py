"""Shortest and strongest paths and ego networks, on graphs small enough to trace by hand."""

from __future__ import annotations

import networkx as nx
import pytest

from fivesoc.graph.errors import ActorNotFound, NoPath
from fivesoc.graph.paths import ego_network, shortest_path, strongest_path


def _weighted(edges: list[tuple[int, int, float]]) -> nx.Graph:
    G = nx.Graph()
    G.add_weighted_edges_from(edges)
    return G


def test_shortest_path_ties_go_to_the_lower_ids() -> None:
    """1 → 4 by 2 or by 3; 1 → 6 by 2-4 or 3-5 (or 3-4): the lowest-id sequence wins, whatever
    the insertion order."""
    edges = [(1, 3), (3, 4), (1, 2), (2, 4), (3, 5), (5, 6), (4, 6)]
    for order in (edges, list(reversed(edges))):
        G = nx.Graph(order)
        assert shortest_path(G, 1, 4).actors == (1, 2, 4)
        assert shortest_path(G, 1, 6).actors == (1, 2, 4, 6)
        assert shortest_path(G, 6, 1).actors == (6, 4, 2, 1)
        assert shortest_path(G, 5, 2).actors == (5, 3, 1, 2)


def test_shortest_path_weights_and_strength() -> None:
    """1 –2– 2 –4– 3, heaviest link 4: strength (2/4)(4/4) = 1/2."""
    p = shortest_path(_weighted([(1, 2, 2.0), (2, 3, 4.0)]), 1, 3)
    assert (p.actors, p.weights, p.hops, p.strength) == ((1, 2, 3), (2.0, 4.0), 2, 0.5)


def test_strongest_path_prefers_strong_ties() -> None:
    """1–3 directly (weight 1) or through 2 (weights 4 and 2); heaviest 4:
    direct 1/4 = 0.25, through 2 (4/4)(2/4) = 0.5."""
    G = _weighted([(1, 3, 1.0), (1, 2, 4.0), (2, 3, 2.0)])
    p = strongest_path(G, 1, 3)
    assert (p.actors, p.weights, p.strength) == ((1, 2, 3), (4.0, 2.0), 0.5)
    assert shortest_path(G, 1, 3).actors == (1, 3)


def test_strongest_path_ties() -> None:
    """All weights equal: every chain has strength 1, so fewer links win (1–3 direct), and
    between 1-2-4 and 1-3-4 the lower-id actor before 4 (2)."""
    G = nx.Graph([(1, 2), (2, 3), (1, 3)])
    assert strongest_path(G, 1, 3).actors == (1, 3)
    square = nx.Graph([(1, 3), (3, 4), (1, 2), (2, 4)])
    assert strongest_path(square, 1, 4).actors == (1, 2, 4)


def test_path_to_itself() -> None:
    G = nx.Graph([(1, 2)])
    for find in (shortest_path, strongest_path):
        p = find(G, 1, 1)
        assert (p.actors, p.weights, p.hops, p.strength) == ((1,), (), 0, 1.0)


def test_missing_actor_and_no_path() -> None:
    G = nx.Graph([(1, 2), (3, 4)])
    for find in (shortest_path, strongest_path):
        with pytest.raises(NoPath, match="no path joins actor 1 and actor 4"):
            find(G, 1, 4)
        with pytest.raises(nx.NetworkXNoPath):
            find(G, 1, 3)
        with pytest.raises(ActorNotFound, match="actor 9 is not in the network"):
            find(G, 1, 9)
        with pytest.raises(ActorNotFound):
            find(G, 9, 1)
        with pytest.raises(ActorNotFound):
            find(nx.Graph(), 1, 1)


def test_ego_network() -> None:
    """Path 1 – 2 – 3 – 4 – 5 and a triangle corner 6 on 2 and 3."""
    G = nx.Graph([(1, 2), (2, 3), (3, 4), (4, 5), (2, 6), (3, 6)])
    e = ego_network(G, 2, 1)
    assert e.hops == {2: 0, 1: 1, 3: 1, 6: 1}
    assert e.links == ((1, 2, 1.0), (2, 3, 1.0), (2, 6, 1.0), (3, 6, 1.0))
    assert ego_network(G, 1, 2).hops == {1: 0, 2: 1, 3: 2, 6: 2}
    assert ego_network(G, 5, 0) == ego_network(G, 5, 0)
    assert ego_network(G, 5, 0).hops == {5: 0}
    assert ego_network(G, 5, 0).links == ()


def test_ego_network_refuses_bad_arguments() -> None:
    G = nx.Graph([(1, 2)])
    with pytest.raises(ActorNotFound):
        ego_network(G, 3, 1)
    with pytest.raises(ValueError, match="radius"):
        ego_network(G, 1, -2)
