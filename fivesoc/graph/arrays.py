"""A network too large for networkx, built straight into igraph and plain arrays.

`build_graph` makes a networkx graph: two dicts per link and an adjacency entry per end, some
1.5 kB a link, which a county (47,000 links) or a city carries easily and a province (about
five million) does not. `build_indexed` reads the same rows by the same rules (the same
checks, the same co-participation shares, each pair's contributions summed per kind with
`math.fsum`) into the form the kernels take, `fivesoc.graph._igraph.Indexed`: vertex i the
i-th actor in ascending id, edge j the j-th pair in ascending (smaller id, larger id), its
weight, and how many links carry each kind. The result is the one `to_igraph(build_graph(…))`
gives, so `fivesoc.graph.analysis.analyse_of` answers for it as `analyse` does for the graph.
"""

from __future__ import annotations

import dataclasses
from array import array
from collections import Counter
from collections.abc import Iterable

import igraph

from fivesoc.graph._gc import without_collection
from fivesoc.graph._igraph import Indexed, Pairs
from fivesoc.graph.build import Actor, Link, Work, _contributions, _edges, _nodes

__all__ = ["IndexedNetwork", "build_indexed"]


@dataclasses.dataclass(frozen=True, slots=True)
class IndexedNetwork:
    """The converted graph, and each actor's kind and label in the order of its vertices."""

    indexed: Indexed
    kinds: list[str]
    labels: list[str]


@without_collection
def build_indexed(
    actors: Iterable[Actor], links: Iterable[Link], works: Iterable[Work] = ()
) -> IndexedNetwork:
    """The network of `build_graph(actors, links, works)`, as `to_igraph` converts it.

    Raises what `build_graph` raises, for the same rows.

    Examples
    --------
    >>> built = build_indexed(
    ...     [(2, "volunteer_team", "volunteer", "V"), (1, "community", "community", "C")],
    ...     [(2, 1, "membership", 2.0)],
    ...     [("project:7", 1), ("project:7", 2)],
    ... )
    >>> ix = built.indexed
    >>> ix.actors, ix.societies, list(ix.edges), list(ix.weights), dict(ix.by_link_kind)
    ([1, 2], ['community', 'volunteer'], [(0, 1)], [3.0], {'co_participation': 1, 'membership': 1})
    >>> built.kinds, built.labels
    (['community', 'volunteer_team'], ['C', 'V'])
    """
    nodes = _nodes(actors)
    rows = _contributions(links, works, nodes)
    ids = sorted(nodes)
    index = {actor: i for i, actor in enumerate(ids)}
    sources, targets, weights = array("l"), array("l"), array("d")
    by_link_kind: Counter[str] = Counter()
    for u, v, data in _edges(rows):
        sources.append(index[u])
        targets.append(index[v])
        weights.append(float(data["weight"]))  # type: ignore[arg-type]
        for kind in data["kinds"]:  # type: ignore[attr-defined]
            by_link_kind[kind] += 1
    del rows
    edges = Pairs(sources, targets)
    graph = igraph.Graph(n=len(ids), edges=iter(edges))
    graph.es["weight"] = weights.tolist()
    described = [nodes[actor] for actor in ids]
    return IndexedNetwork(
        indexed=Indexed(
            actors=ids,
            index=index,
            societies=[society for _, society, _ in described],
            edges=edges,
            weights=weights,
            by_link_kind=by_link_kind,
            graph=graph,
        ),
        kinds=[kind for kind, _, _ in described],
        labels=[label for _, _, label in described],
    )
