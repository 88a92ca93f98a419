"""A network and its analysis as one row per actor, for networks too large to restore.

A server restores a stored county or city whole (`fivesoc.graph.stored.restore`) and pages
through it in memory. A province, a million actors, would cost each server process
gigabytes; it is stored instead as one row per actor: its description, its measures, its
place in each ranking the API lists actors by (`fivesoc.graph.rankings`), and, for a
community, its linkage index and place among the communities. A server then reads one page
of a ranking, or one community's linkage, without holding the network. The network-wide
figures (`fivesoc.graph.stored.network_facts`) are stored beside them.
"""

from __future__ import annotations

import dataclasses
from array import array
from collections.abc import Sequence
from typing import Any

from fivesoc.graph.analysis import Analysis
from fivesoc.graph.measures import ActorMeasures, measures_of
from fivesoc.graph.rankings import ORDERS, linkage_order, ranking
from fivesoc.graph.stored import linkage_facts, network_facts

__all__ = ["PagedNetwork", "paged_of"]


@dataclasses.dataclass(frozen=True, slots=True)
class PagedNetwork(ActorMeasures):
    """Per actor, in ascending id: its measures (`ActorMeasures`), `actor_id`, `kind`,
    `society`, `label`, `boundary`, `articulation_point`, its
    place in each ranking (`by_id` … `by_brokerage`, from 0), and for a community its
    `linkage` (as `fivesoc.graph.stored.linkage_facts` gives it) and `by_linkage`, its place
    weakest first (None for other actors). `facts`: the network-wide figures."""

    actor_id: Sequence[int]
    kind: Sequence[str]
    society: Sequence[str]
    label: Sequence[str]
    boundary: Sequence[bool]
    articulation_point: Sequence[bool]
    by_id: Sequence[int]
    by_degree: Sequence[int]
    by_strength: Sequence[int]
    by_betweenness: Sequence[int]
    by_pagerank: Sequence[int]
    by_constraint: Sequence[int]
    by_effective_size: Sequence[int]
    by_brokerage: Sequence[int]
    linkage: Sequence[dict[str, Any] | None]
    by_linkage: Sequence[int | None]
    facts: dict[str, Any]

    def rows(self) -> list[str]:
        """The names of the per-actor columns, in the order of the fields."""
        return [f.name for f in dataclasses.fields(self) if f.name != "facts"]


def paged_of(
    actors: Sequence[int],
    kinds: Sequence[str],
    societies: Sequence[str],
    labels: Sequence[str],
    boundary: frozenset[int],
    analysis: Analysis,
) -> PagedNetwork:
    """The network of `actors` (ascending ids, with each one's kind, society and label),
    its boundary actors and its analysis, as rows (see `PagedNetwork`).

    Examples
    --------
    >>> import networkx as nx
    >>> from fivesoc.graph.analysis import analyse
    >>> G = nx.Graph([(1, 2), (2, 3)])
    >>> nx.set_node_attributes(G, {1: "community", 2: "social_worker", 3: "volunteer"},
    ...     "society")
    >>> p = paged_of([1, 2, 3], ["community", "social_worker", "volunteer_team"],
    ...     ["community", "social_worker", "volunteer"], ["C", "W", "V"], frozenset({3}),
    ...     analyse(G))
    >>> list(p.by_betweenness), list(p.articulation_point), list(p.boundary)
    ([1, 0, 2], [False, True, False], [False, False, True])
    >>> p.linkage[0]["index"], list(p.by_linkage)
    (0.1875, [0, None, None])
    """
    n = len(actors)
    index = {actor: i for i, actor in enumerate(actors)}
    centrality = analysis.centrality
    if list(centrality.actors) != list(actors):  # pragma: no cover - a caller's mistake
        raise ValueError("the analysis is not of these actors")
    places: dict[str, array[int]] = {}
    for order in ORDERS:
        place = array("l", bytes(8 * n))
        for r, actor in enumerate(ranking(analysis, order)):
            place[index[actor]] = r
        places[order] = place
    cut = analysis.fragility.cut_vertices
    linkage: list[dict[str, Any] | None] = [None] * n
    by_linkage: list[int | None] = [None] * n
    for r, community in enumerate(linkage_order(analysis.linkage)):
        i = index[community]
        linkage[i] = linkage_facts(analysis.linkage[community])
        by_linkage[i] = r
    return PagedNetwork(
        actor_id=actors,
        kind=kinds,
        society=societies,
        label=labels,
        boundary=[actor in boundary for actor in actors],
        articulation_point=[actor in cut for actor in actors],
        **measures_of(actors, analysis),
        by_id=places["id"],
        by_degree=places["degree"],
        by_strength=places["strength"],
        by_betweenness=places["betweenness"],
        by_pagerank=places["pagerank"],
        by_constraint=places["constraint"],
        by_effective_size=places["effective_size"],
        by_brokerage=places["brokerage"],
        linkage=linkage,
        by_linkage=by_linkage,
        facts=network_facts(analysis),
    )
