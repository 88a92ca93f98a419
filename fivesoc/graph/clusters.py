"""Clusters of actors that work more with each other than with the rest (Louvain)."""

from __future__ import annotations

import dataclasses
import math

import networkx as nx

from fivesoc.graph._igraph import Indexed, seeded, to_igraph


@dataclasses.dataclass(frozen=True, slots=True)
class Clustering:
    """Clusters, largest first (ties: smallest member id first), members by ascending id.

    `membership[actor]` is the index of the actor's cluster in `clusters`.
    """

    clusters: tuple[tuple[int, ...], ...]
    membership: dict[int, int]
    modularity: float
    resolution: float
    seed: int


def clusters(G: nx.Graph, *, seed: int = 0, resolution: float = 1.0) -> Clustering:
    """Louvain clusters of the weighted network and their modularity.

    Louvain (Blondel et al. 2008) greedily moves actors between clusters to raise modularity,
    then merges each cluster into one node and repeats, keeping the last level. It runs in
    igraph (`Graph.community_multilevel(weights="weight", resolution=...)`) at every size, so
    the answer never depends on which path a graph's size takes; igraph visits the actors in a
    random order drawn from `random.Random(seed)`, so a seed fixes the answer.

    Modularity is networkx's `community.modularity(G, clusters, weight="weight",
    resolution=resolution)`: Q = Σ_c [ L_c / m − γ (d_c / 2m)² ] with L_c the weight inside
    cluster c, d_c the strength of its actors and m the total weight (Newman 2004); igraph's
    `Graph.modularity` computes the same sum. A graph without links has one cluster per actor
    and modularity 0.

    Examples
    --------
    Two triangles joined by one link fall apart at that link:

    >>> G = nx.Graph([(1, 2), (2, 3), (1, 3), (4, 5), (5, 6), (4, 6), (3, 4)])
    >>> c = clusters(G)
    >>> c.clusters, round(c.modularity, 4)
    (((1, 2, 3), (4, 5, 6)), 0.3571)
    """
    return clusters_of(to_igraph(G), seed=seed, resolution=resolution)


def clusters_of(ix: Indexed, *, seed: int = 0, resolution: float = 1.0) -> Clustering:
    """`clusters` on a graph already converted (see `fivesoc.graph._igraph`)."""
    if not (math.isfinite(resolution) and resolution > 0):
        raise ValueError(f"resolution must be a positive number, not {resolution!r}")
    if ix.m == 0:
        groups = [[actor] for actor in ix.actors]
        modularity = 0.0
    else:
        g = ix.graph
        found = seeded(
            seed, lambda: g.community_multilevel(weights="weight", resolution=resolution)
        )
        labels: list[int] = found.membership
        by_label: dict[int, list[int]] = {}
        for i, label in enumerate(labels):
            by_label.setdefault(label, []).append(ix.actors[i])
        groups = list(by_label.values())
        modularity = float(g.modularity(labels, weights="weight", resolution=resolution))
    groups.sort(key=lambda members: (-len(members), members[0]))
    membership = {actor: c for c, members in enumerate(groups) for actor in members}
    return Clustering(
        clusters=tuple(tuple(members) for members in groups),
        membership=dict(sorted(membership.items())),
        modularity=modularity,
        resolution=resolution,
        seed=seed,
    )
