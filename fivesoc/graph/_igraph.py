"""A networkx graph converted once into igraph, for the kernels that need speed.

networkx stays the model and the API; igraph runs the heavy loops (betweenness, Louvain,
biconnected components, PageRank) in C. Vertex i is the i-th actor in ascending id, and edge
j the j-th pair in ascending (smaller index, larger index), so every kernel sees the same
graph in the same order whatever order G was built in, and results map back by index.
"""

from __future__ import annotations

import dataclasses
import random
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import igraph
import networkx as nx

T = TypeVar("T")

# igraph draws random numbers from one process-wide generator; seeded runs take turns.
_RNG_LOCK = threading.Lock()


@dataclasses.dataclass(frozen=True, slots=True)
class Indexed:
    """G as igraph: `actors[i]` is vertex i; `edges[j]` and `weights[j]` are edge j."""

    actors: tuple[int, ...]
    index: dict[int, int]
    edges: tuple[tuple[int, int], ...]
    weights: tuple[float, ...]
    graph: Any  # igraph.Graph, untyped

    @property
    def n(self) -> int:
        return len(self.actors)

    @property
    def m(self) -> int:
        return len(self.edges)


def to_igraph(G: nx.Graph, weight: str = "weight") -> Indexed:
    """Convert G once: vertices in ascending actor id, edges sorted, `weight` per edge (1.0
    where absent)."""
    actors = tuple(sorted(G.nodes))
    index = {actor: i for i, actor in enumerate(actors)}
    rows = []
    for u, v, data in G.edges(data=True):
        a, b = sorted((index[u], index[v]))
        rows.append((a, b, float(data.get(weight, 1.0))))
    rows.sort()
    edges = tuple((a, b) for a, b, _ in rows)
    weights = tuple(w for _, _, w in rows)
    graph = igraph.Graph(n=len(actors), edges=list(edges), edge_attrs={"weight": list(weights)})
    return Indexed(actors=actors, index=index, edges=edges, weights=weights, graph=graph)


@contextmanager
def _seeded(seed: int) -> Iterator[None]:
    with _RNG_LOCK:
        igraph.set_random_number_generator(random.Random(seed))  # noqa: S311 (reproducible, not secret)
        try:
            yield
        finally:
            igraph.set_random_number_generator(random)


def seeded(seed: int, kernel: Callable[[], T]) -> T:
    """Run an igraph kernel that draws random numbers from `random.Random(seed)`.

    igraph takes its random numbers from one process-wide generator; the lock keeps two
    threads from seeding it under each other, so the same seed gives the same answer.
    """
    with _seeded(seed):
        return kernel()
