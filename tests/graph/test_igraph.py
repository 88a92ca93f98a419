"""The conversion to igraph and the breadth-first renumbering, on graphs small enough to
check by hand."""

from __future__ import annotations

import igraph
import networkx as nx

from fivesoc.graph._igraph import betweenness_from, breadth_first, to_igraph


def test_conversion_orders_vertices_and_edges_whatever_the_insertion_order() -> None:
    G = nx.Graph()
    G.add_node(30, society="volunteer")
    G.add_edge(20, 10, weight=2.0, kinds={"partnership": 2.0})
    G.add_edge(30, 10)
    G.nodes[10]["society"] = "community"
    ix = to_igraph(G)
    assert ix.actors == (10, 20, 30)
    assert ix.societies == ("community", None, "volunteer")
    assert ix.edges == ((0, 1), (0, 2))
    assert ix.weights == (2.0, 1.0)
    assert ix.by_link_kind == {"partnership": 1}
    assert ix.graph.get_edgelist() == [(0, 1), (0, 2)]


def test_breadth_first_starts_at_the_hub_then_each_part_in_turn() -> None:
    """0 – 1 – 2 – 3 with 1 – 4, 5 alone, 6 – 7. The hub 1 comes first, then its partners
    0, 2, 4, then 3; then 5; then 6 and 7."""
    g = igraph.Graph(n=8, edges=[(0, 1), (1, 2), (2, 3), (1, 4), (6, 7)])
    h, new_of = breadth_first(g)
    assert new_of == [1, 0, 2, 4, 3, 5, 6, 7]
    assert sorted(tuple(sorted(e)) for e in h.get_edgelist()) == [
        (0, 1),
        (0, 2),
        (0, 3),
        (2, 4),
        (6, 7),
    ]
    assert [h.betweenness()[new_of[v]] for v in range(8)] == g.betweenness()
    empty, none = breadth_first(igraph.Graph())
    assert (empty.vcount(), none) == (0, [])


def test_betweenness_dealt_out_to_two_processes_adds_up_to_one_process() -> None:
    """A path 0 – 1 – 2 – 3 from the sources 0 and 3: the pairs (0, 2), (0, 3), (3, 1),
    (3, 0) pass through 1 or 2; igraph halves undirected sums, so 1 and 2 hold 1.5 each."""
    g = igraph.Graph(n=4, edges=[(0, 1), (1, 2), (2, 3)])
    assert betweenness_from(g, [0, 3]) == [0.0, 1.5, 1.5, 0.0]
    assert betweenness_from(g, [0, 3], processes=2) == [0.0, 1.5, 1.5, 0.0]
