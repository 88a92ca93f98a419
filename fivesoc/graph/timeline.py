"""The network over time: its summary and every community's linkage index, date by date."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable

import networkx as nx

from fivesoc.graph._gc import without_collection
from fivesoc.graph.linkage import Linkage, linkage_all
from fivesoc.graph.summary import Summary, summary


@dataclasses.dataclass(frozen=True, slots=True)
class Change:
    """What changed since the previous date: figures now less figures then.

    `linkage[c]` is the change of community c's index, for communities there on both dates;
    `appeared` and `disappeared` list (ascending) the communities there on one date only.
    """

    nodes: int
    links: int
    density: float
    components: int
    linkage: dict[int, float]
    appeared: tuple[int, ...]
    disappeared: tuple[int, ...]


@dataclasses.dataclass(frozen=True, slots=True)
class Moment:
    """The network on one date; `change` is None on the first date."""

    date: dt.date
    summary: Summary
    linkage: dict[int, Linkage]
    change: Change | None


@without_collection
def timeline(snapshots: Iterable[tuple[dt.date, nx.Graph]]) -> tuple[Moment, ...]:
    """`summary(G)` and `linkage_all(G)` of each dated graph, with the change from the one before.

    The caller builds one graph per date (for instance the network of the links in force on
    that date). Each change is a plain difference of the figures: nodes, links, density,
    components, and each community's linkage index.

    Raises
    ------
    ValueError
        The dates are not in strictly ascending order, or mix dates with datetimes.

    Examples
    --------
    >>> before = nx.Graph()
    >>> before.add_node(1, society="community")
    >>> after = nx.Graph([(1, 2)])
    >>> nx.set_node_attributes(after, {1: "community", 2: "volunteer"}, "society")
    >>> first, second = timeline([(dt.date(2023, 1, 1), before), (dt.date(2024, 1, 1), after)])
    >>> first.change is None, second.change.links, second.change.linkage
    (True, 1, {1: 0.125})
    """
    moments: list[Moment] = []
    for date, G in snapshots:
        previous = moments[-1] if moments else None
        if previous is not None:
            try:
                ascending = previous.date < date
            except TypeError:
                raise ValueError(
                    f"dates and datetimes cannot be mixed ({previous.date!r}, {date!r})"
                ) from None
            if not ascending:
                raise ValueError(f"dates must be in ascending order: {date} after {previous.date}")
        now = summary(G)
        linkage = linkage_all(G)
        change = None
        if previous is not None:
            then = previous.linkage
            change = Change(
                nodes=now.nodes - previous.summary.nodes,
                links=now.links - previous.summary.links,
                density=now.density - previous.summary.density,
                components=now.components - previous.summary.components,
                linkage={c: linkage[c].index - then[c].index for c in linkage if c in then},
                appeared=tuple(c for c in linkage if c not in then),
                disappeared=tuple(c for c in then if c not in linkage),
            )
        moments.append(Moment(date=date, summary=now, linkage=linkage, change=change))
    return tuple(moments)
