"""Each actor's measures as columns: what a stored analysis keeps of every actor, whether a
server restores it whole (`fivesoc.graph.stored.StoredNetwork`) or reads it by pages
(`fivesoc.graph.paged.PagedNetwork`). Both are `ActorMeasures` with more columns of their
own; the database names the same fields' columns (`fivesoc.db.analyses.ACTOR_MEASURES`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

__all__ = ["MEASURES", "ActorMeasures"]


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
