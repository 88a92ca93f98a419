"""The orders the API lists a network's actors and communities in, declared once.

A server pages through them in memory (`fivesoc.schema.network.results`); a worker writes
each actor's place in them beside its row (`fivesoc.graph.paged`), so that a server pages a
network too large to hold by those places instead. Both read the orders here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal, cast

from fivesoc.graph.analysis import Analysis
from fivesoc.graph.centrality import Measure
from fivesoc.graph.linkage import Linkage

__all__ = ["ORDERS", "Order", "linkage_order", "ranking"]

Order = Literal[
    "id", "degree", "strength", "betweenness", "pagerank", "constraint", "effective_size",
    "brokerage",
]  # fmt: skip
ORDERS: tuple[Order, ...] = (
    "id", "degree", "strength", "betweenness", "pagerank", "constraint", "effective_size",
    "brokerage",
)  # fmt: skip


def ranking(analysis: Analysis, order: Order) -> Sequence[int]:
    """Every actor, highest `order` first (least constrained first), ties by ascending id;
    "id" lists them by id.

    The centralities' orders are `Centrality.order`'s; "constraint" and "effective_size"
    list the actors with links by `Brokerage.by_constraint` and `by_effective_size`, then
    those without links (whose constraint and effective size are undefined) in id order.

    Examples
    --------
    >>> import networkx as nx
    >>> from fivesoc.graph.analysis import analyse
    >>> G = nx.path_graph(3)
    >>> G.add_node(3)
    >>> a = analyse(G)
    >>> list(ranking(a, "betweenness")), list(ranking(a, "constraint"))
    ([1, 0, 2, 3], [1, 0, 2, 3])
    """
    centrality = analysis.centrality
    if order == "id":
        return tuple(centrality.actors)
    if order in ("constraint", "effective_size"):
        brokerage = analysis.brokerage
        first = brokerage.by_constraint if order == "constraint" else brokerage.by_effective_size
        listed = set(first)
        return first + tuple(key for key in centrality.actors if key not in listed)
    if order == "brokerage":
        return analysis.brokerage.by_brokerage
    return centrality.order(cast(Measure, order))


def linkage_order(linkage: Mapping[int, Linkage]) -> list[int]:
    """The communities, weakest linkage index first, ties by ascending id.

    Examples
    --------
    >>> from fivesoc.graph.linkage import Linkage
    >>> linkage_order({9: Linkage(9, 0.5, (), (), ()), 4: Linkage(4, 0.5, (), (), ()),
    ...                1: Linkage(1, 0.75, (), (), ())})
    [4, 9, 1]
    """
    return sorted(linkage, key=lambda key: (linkage[key].index, key))
