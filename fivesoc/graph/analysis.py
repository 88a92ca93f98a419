"""Everything the API reports about one network, computed together and cached by the caller."""

from __future__ import annotations

import dataclasses

import networkx as nx

from fivesoc.graph._gc import without_collection
from fivesoc.graph._igraph import Indexed, to_igraph
from fivesoc.graph.brokerage import Brokerage, brokerage_of
from fivesoc.graph.centrality import Centrality, centrality_of
from fivesoc.graph.clusters import Clustering, clusters_of
from fivesoc.graph.fragility import Fragility, fragility_of
from fivesoc.graph.linkage import Linkage, linkage_all_of
from fivesoc.graph.summary import Summary, summary_of


@dataclasses.dataclass(frozen=True, slots=True)
class Analysis:
    """The full analysis of a network at one seed (see each part's function)."""

    summary: Summary
    centrality: Centrality
    clusters: Clustering
    fragility: Fragility
    brokerage: Brokerage
    linkage: dict[int, Linkage]
    seed: int


@without_collection
def analyse(G: nx.Graph, *, seed: int = 0) -> Analysis:
    """Summary, centralities, Louvain clusters, fragility, brokerage and every community's
    linkage index of G, from one igraph conversion.

    The parts are exactly `summary(G)`, `centrality(G, seed=seed)`, `clusters(G, seed=seed)`,
    `fragility(G)`, `brokerage(G)` and `linkage_all(G)`; G is converted to igraph once
    (`fivesoc.graph._igraph.to_igraph`) and shared by the kernels. Deterministic for a given
    G and seed.

    Examples
    --------
    >>> a = analyse(nx.Graph([(1, 2), (2, 3)]))
    >>> a.summary.links, a.fragility.articulation_points, a.centrality.actors[2].betweenness
    (2, (2,), 1.0)
    """
    return analyse_of(to_igraph(G), seed=seed)


@without_collection
def analyse_of(ix: Indexed, *, seed: int = 0, processes: int = 1) -> Analysis:
    """`analyse` on a graph already converted (see `fivesoc.graph._igraph`): how a network
    too large for networkx (`fivesoc.graph.arrays`) is analysed, its sampled betweenness
    dealt out to `processes` processes when more than one."""
    return Analysis(
        summary=summary_of(ix),
        centrality=centrality_of(ix, seed=seed, processes=processes),
        clusters=clusters_of(ix, seed=seed),
        fragility=fragility_of(ix),
        brokerage=brokerage_of(ix),
        linkage=linkage_all_of(ix),
        seed=seed,
    )
