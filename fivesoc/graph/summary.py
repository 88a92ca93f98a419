"""The network in a few numbers: size, mix of societies and link kinds, cohesion."""

from __future__ import annotations

import dataclasses
from collections import Counter

import networkx as nx

from fivesoc.graph._igraph import Indexed, to_igraph
from fivesoc.kinds import LINK_KINDS, SOCIETIES


@dataclasses.dataclass(frozen=True, slots=True)
class Summary:
    """Whole-network figures; `by_society` and `by_link_kind` list every value, zeros too."""

    nodes: int
    links: int
    by_society: dict[str, int]
    by_link_kind: dict[str, int]
    density: float
    components: int
    largest_component: int
    average_clustering: float
    degree_centralization: float


def summary(G: nx.Graph) -> Summary:
    """Size, composition and cohesion of the network.

    - `by_society`: actors per society; `by_link_kind`: edges carrying each link kind (an edge
      with two kinds counts once for each).
    - `density` = 2m / (n(n − 1)), 0 for n < 2 (networkx `density`).
    - `components`, `largest_component`: connected components, and the size of the largest
      (0 for the empty graph).
    - `average_clustering`: the mean over all nodes of the unweighted local clustering
      coefficient, nodes of degree < 2 counting 0 (networkx `average_clustering`; computed by
      igraph `transitivity_avglocal_undirected(mode="zero")`, the same definition); 0 for the
      empty graph.
    - `degree_centralization`: Freeman's Σ_i (max deg − deg_i) / ((n − 1)(n − 2)), 1 for a
      star, 0 for a regular graph, 0 for n < 3.

    References
    ----------
    L. C. Freeman, "Centrality in social networks: conceptual clarification", Social Networks
    1 (1979) 215–239.

    Examples
    --------
    >>> G = nx.star_graph(3)  # a centre and 3 leaves
    >>> s = summary(G)
    >>> s.nodes, s.links, s.density, s.degree_centralization
    (4, 3, 0.5, 1.0)
    """
    return summary_of(to_igraph(G))


def summary_of(ix: Indexed) -> Summary:
    """`summary` on a graph already converted (see `fivesoc.graph._igraph`)."""
    n, m = ix.n, ix.m
    by_society = dict.fromkeys(SOCIETIES, 0)
    by_society.update(Counter(s for s in ix.societies if s is not None))
    by_link_kind = dict.fromkeys(LINK_KINDS, 0)
    by_link_kind.update(ix.by_link_kind)
    sizes = [len(part) for part in ix.graph.connected_components()] if n else []
    degrees = ix.graph.degree() if n else []
    centralization = 0.0
    if n >= 3:
        top = max(degrees)
        centralization = sum(top - d for d in degrees) / ((n - 1) * (n - 2))
    return Summary(
        nodes=n,
        links=m,
        by_society=by_society,
        by_link_kind=by_link_kind,
        density=2 * m / (n * (n - 1)) if n >= 2 else 0.0,
        components=len(sizes),
        largest_component=max(sizes, default=0),
        average_clustering=float(ix.graph.transitivity_avglocal_undirected(mode="zero"))
        if n
        else 0.0,
        degree_centralization=centralization,
    )
