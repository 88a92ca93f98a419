"""Each actor's measures as columns: what a stored analysis keeps of every actor, whether a
server restores it whole (`fivesoc.graph.stored.StoredNetwork`) or reads it by pages
(`fivesoc.graph.paged.PagedNetwork`). Both are `ActorMeasures` with more columns of their
own; the database names the same fields' columns (`fivesoc.db.analyses.ACTOR_MEASURES`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fivesoc.graph.analysis import Analysis

__all__ = ["MEASURES", "ActorMeasures", "measures_of"]


@dataclasses.dataclass(frozen=True, slots=True)
class ActorMeasures:
    """Per actor, in ascending id: the centralities, `cluster` (None outside every cluster),
    Burt's `constraint` and `effective_size` (None without links), and how often the actor
    brokers in each of the four roles."""

    degree: Sequence[int]
    strength: Sequence[float]
    betweenness: Sequence[float]
    pagerank: Sequence[float]
    cluster: Sequence[int | None]
    constraint: Sequence[float | None]
    effective_size: Sequence[float | None]
    coordinator: Sequence[int]
    itinerant: Sequence[int]
    representative_gatekeeper: Sequence[int]
    liaison: Sequence[int]


MEASURES: tuple[str, ...] = tuple(field.name for field in dataclasses.fields(ActorMeasures))
"""The names of the measures, in their order."""


def measures_of(actors: Sequence[int], analysis: Analysis) -> dict[str, Sequence[Any]]:
    """The measures of `actors` (ascending ids) in `analysis`, by name (`ActorMeasures`'
    fields): the centralities as the analysis holds its columns, the others as lists.

    Examples
    --------
    >>> import networkx as nx
    >>> from fivesoc.graph.analysis import analyse
    >>> G = nx.Graph([(1, 2), (2, 3)])
    >>> nx.set_node_attributes(G, {1: "community", 2: "social_worker", 3: "volunteer"},
    ...     "society")
    >>> m = measures_of([1, 2, 3], analyse(G))
    >>> list(m) == list(MEASURES), list(m["degree"]), m["cluster"]
    (True, [1, 2, 1], [0, 0, 0])
    """
    centrality = analysis.centrality
    columns = centrality.columns
    if list(centrality.actors) != list(actors):  # pragma: no cover - a Centrality made otherwise
        columns = {m: [getattr(centrality.actors[a], m) for a in actors] for m in columns}
    brokerage = analysis.brokerage.actors
    rows = [brokerage[actor] for actor in actors]
    membership = analysis.clusters.membership
    return {
        "degree": columns["degree"],
        "strength": columns["strength"],
        "betweenness": columns["betweenness"],
        "pagerank": columns["pagerank"],
        "cluster": [membership.get(actor) for actor in actors],
        "constraint": [row.constraint for row in rows],
        "effective_size": [row.effective_size for row in rows],
        "coordinator": [row.roles.coordinator for row in rows],
        "itinerant": [row.roles.itinerant for row in rows],
        "representative_gatekeeper": [row.roles.representative_gatekeeper for row in rows],
        "liaison": [row.roles.liaison for row in rows],
    }
