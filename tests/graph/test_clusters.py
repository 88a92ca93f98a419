"""Louvain clusters on graphs whose best split and modularity can be worked out by hand."""

from __future__ import annotations

import networkx as nx
import pytest

from fivesoc.graph.clusters import clusters


def _two_triangles() -> nx.Graph:
    """Triangles 1-2-3 and 4-5-6 joined by the link 3–4: m = 7."""
    return nx.Graph([(1, 2), (2, 3), (1, 3), (4, 5), (5, 6), (4, 6), (3, 4)])


def test_two_triangles() -> None:
    """Each triangle holds 3 of the 7 links and strength 7 of 14:
    Q = 2 · (3/7 − (7/14)²) = 5/14."""
    c = clusters(_two_triangles())
    assert c.clusters == ((1, 2, 3), (4, 5, 6))
    assert c.membership == {1: 0, 2: 0, 3: 0, 4: 1, 5: 1, 6: 1}
    assert c.modularity == pytest.approx(5 / 14)
    assert c.modularity == pytest.approx(
        nx.community.modularity(_two_triangles(), [{1, 2, 3}, {4, 5, 6}])
    )


def test_low_resolution_merges() -> None:
    """With γ the split scores 6/7 − γ/2 and one cluster 1 − γ; below γ = 2/7 one cluster
    wins: at γ = 0.1, Q = 0.9."""
    c = clusters(_two_triangles(), resolution=0.1)
    assert c.clusters == ((1, 2, 3, 4, 5, 6),)
    assert c.modularity == pytest.approx(0.9)


def test_larger_cluster_first() -> None:
    """A 4-clique (6 links) and a separate triangle (3 links): m = 9.
    Q = (6/9 − (12/18)²) + (3/9 − (6/18)²) = 2/9 + 2/9 = 4/9."""
    G = nx.Graph([(7, 8), (8, 9), (7, 9)])
    G.add_edges_from(nx.complete_graph([10, 11, 12, 13]).edges)
    c = clusters(G)
    assert c.clusters == ((10, 11, 12, 13), (7, 8, 9))
    assert c.modularity == pytest.approx(4 / 9)


def test_weights_decide() -> None:
    """A 4-cycle 1-2-3-4 with heavy links 1–2 and 3–4 (weight 10) and light 2–3, 4–1 (1):
    m = 22, each pair holds 10 and strength 11 + 11 = 22: Q = 2 · (10/22 − (22/44)²) = 9/22."""
    G = nx.Graph()
    G.add_weighted_edges_from([(1, 2, 10.0), (3, 4, 10.0), (2, 3, 1.0), (4, 1, 1.0)])
    c = clusters(G)
    assert c.clusters == ((1, 2), (3, 4))
    assert c.modularity == pytest.approx(9 / 22)


def test_same_seed_same_answer() -> None:
    G = nx.les_miserables_graph()
    G = nx.convert_node_labels_to_integers(G, ordering="sorted")
    a = clusters(G, seed=5)
    assert clusters(G, seed=5) == a
    assert a.modularity == pytest.approx(
        nx.community.modularity(G, [set(c) for c in a.clusters], weight="weight")
    )
    sizes = [len(members) for members in a.clusters]
    assert sizes == sorted(sizes, reverse=True)


def test_no_links_empty_single() -> None:
    c = clusters(nx.empty_graph([3, 1, 2]))
    assert c.clusters == ((1,), (2,), (3,))
    assert c.modularity == 0.0
    assert clusters(nx.Graph()).clusters == ()
    assert clusters(nx.empty_graph([5])).membership == {5: 0}


@pytest.mark.parametrize("resolution", [0.0, -1.0, float("nan"), float("inf")])
def test_bad_resolution(resolution: float) -> None:
    with pytest.raises(ValueError, match="resolution"):
        clusters(_two_triangles(), resolution=resolution)
