"""centrality and ranked on graphs with hand-worked values, and networkx as a cross-check."""

from __future__ import annotations

import networkx as nx
import pytest

from fivesoc.graph.centrality import centrality, ranked


def test_path_of_three() -> None:
    """0 – 1 – 2: the pair (0, 2) runs through 1; normalised by (n − 1)(n − 2)/2 = 1.

    PageRank (α = 0.85): y = 0.05 + 0.85 · 2x and x = 0.05 + 0.85 · y/2 for the ends x and
    the middle y, so y = 18/37 and x = 19/74.
    """
    c = centrality(nx.path_graph(3))
    assert c.pivots is None
    assert [c.actors[v].betweenness for v in (0, 1, 2)] == [0.0, 1.0, 0.0]
    assert [c.actors[v].degree for v in (0, 1, 2)] == [1, 2, 1]
    assert c.actors[1].pagerank == pytest.approx(18 / 37, abs=1e-9)
    assert c.actors[0].pagerank == pytest.approx(19 / 74, abs=1e-9)


def test_disconnected_parts_and_strength() -> None:
    """1 – 2 – 3 (weights 2 and 3) and 4 – 5 (weight 0.5): n = 5.

    Only the pair (1, 3) runs through 2: 1 · 2 / ((5 − 1)(5 − 2)) = 1/6.
    """
    G = nx.Graph()
    G.add_weighted_edges_from([(1, 2, 2.0), (2, 3, 3.0), (4, 5, 0.5)])
    c = centrality(G)
    assert c.actors[2].betweenness == pytest.approx(1 / 6)
    assert c.actors[4].betweenness == 0.0
    assert (c.actors[2].strength, c.actors[2].degree) == (5.0, 2)
    assert c.actors[5].strength == 0.5
    assert sum(a.pagerank for a in c.actors.values()) == pytest.approx(1.0)


def test_isolated_actor_pagerank() -> None:
    """Edge a – b and an isolated z, whose rank is spread evenly: PR_z = 0.05 + 0.85 · PR_z/3,
    so PR_z = 3/43, and a and b share the rest: 20/43 each."""
    G = nx.Graph([("a", "b")])
    G.add_node("z")
    c = centrality(G)
    assert c.actors["z"].pagerank == pytest.approx(3 / 43, abs=1e-9)
    assert c.actors["a"].pagerank == pytest.approx(20 / 43, abs=1e-9)


def test_weighted_pagerank() -> None:
    """a –1– b –3– c: b sends 1/4 of its rank to a and 3/4 to c.

    PR_b = 0.05 + 0.85 (PR_a + PR_c) = 0.05 + 0.85 (1 − PR_b), so PR_b = 0.9 / 1.85 = 18/37;
    PR_a = 0.05 + 0.85 · PR_b / 4 = 227/1480; PR_c = 0.05 + 0.85 · 3 PR_b / 4 = 533/1480.
    """
    G = nx.Graph()
    G.add_weighted_edges_from([("a", "b", 1.0), ("b", "c", 3.0)])
    c = centrality(G)
    assert c.actors["b"].pagerank == pytest.approx(18 / 37, abs=1e-9)
    assert c.actors["a"].pagerank == pytest.approx(227 / 1480, abs=1e-9)
    assert c.actors["c"].pagerank == pytest.approx(533 / 1480, abs=1e-9)


def test_exact_betweenness_matches_networkx() -> None:
    G = nx.karate_club_graph()
    c = centrality(G)
    expected = nx.betweenness_centrality(G)
    for v, value in expected.items():
        assert c.actors[v].betweenness == pytest.approx(value, abs=1e-12)


def test_sampled_betweenness_is_networkx_sampling() -> None:
    """Beyond `exact_up_to` actors, `pivots` sources drawn with the seed, rescaled as networkx
    does for the same k and seed (nodes here are in ascending order, as build_graph makes)."""
    G = nx.karate_club_graph()
    c = centrality(G, seed=3, exact_up_to=10, pivots=8)
    assert c.pivots == 8
    expected = nx.betweenness_centrality(G, k=8, seed=3)
    for v, value in expected.items():
        assert c.actors[v].betweenness == pytest.approx(value, abs=1e-12)
    assert centrality(G, seed=3, exact_up_to=10, pivots=8) == c
    assert centrality(G, seed=4, exact_up_to=10, pivots=8) != c


def test_empty_single_pair() -> None:
    assert centrality(nx.Graph()).actors == {}
    one = centrality(nx.empty_graph([9])).actors[9]
    assert (one.degree, one.strength, one.betweenness, one.pagerank) == (0, 0.0, 0.0, 1.0)
    pair = centrality(nx.Graph([(1, 2)])).actors
    assert pair[1].betweenness == 0.0
    assert pair[1].pagerank == pytest.approx(0.5)


def test_ranked_breaks_ties_by_id() -> None:
    """Star with centre 0 and leaves 1..4: the leaves tie at degree 1, lowest id first."""
    c = centrality(nx.star_graph(4))
    assert ranked(c, "degree", 3) == ((0, 4.0), (1, 1.0), (2, 1.0))
    assert ranked(c, "betweenness", 2) == ((0, 1.0), (1, 0.0))
    assert ranked(c, "strength", 0) == ()
    assert len(ranked(c, "pagerank", 10)) == 5


def test_order_lists_every_actor_once_ties_by_id() -> None:
    """Nodes added 5, 3, 9, 1: 3 – 9 – 1 and 5 alone. Degrees 9: 2, 1 and 3: 1, 5: 0."""
    G = nx.Graph()
    G.add_nodes_from([5, 3, 9, 1])
    G.add_edges_from([(3, 9), (9, 1)])
    c = centrality(G)
    assert list(c.actors) == [1, 3, 5, 9]
    assert c.order("degree") == (9, 1, 3, 5)
    assert c.order("betweenness") == (9, 1, 3, 5)  # 9 is between 3 and 1: 1 / 3
    assert c.order("degree") is c.order("degree")  # sorted once, then kept
    assert 7 not in c.actors
    assert 5 in c.actors
    with pytest.raises(KeyError):
        c.actors[7]


def test_bad_arguments() -> None:
    c = centrality(nx.path_graph(3))
    with pytest.raises(ValueError, match="unknown measure"):
        ranked(c, "closeness", 3)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="k must be"):
        ranked(c, "degree", -1)
    with pytest.raises(ValueError, match="at least 2 pivots"):
        centrality(nx.path_graph(3), pivots=1)
