"""A networkx graph converted once into igraph, for the kernels that need speed.

networkx stays the model and the API; igraph runs the heavy loops (betweenness, Louvain,
biconnected components, PageRank) in C. Vertex i is the i-th actor in ascending id, and edge
j the j-th pair in ascending (smaller index, larger index), so every kernel sees the same
graph in the same order whatever order G was built in, and results map back by index.
"""

from __future__ import annotations

import dataclasses
import os
import random
import threading
from array import array
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar, overload

import igraph
import networkx as nx

T = TypeVar("T")

# igraph draws random numbers from one process-wide generator; seeded runs take turns.
_RNG_LOCK = threading.Lock()


@dataclasses.dataclass(frozen=True, slots=True)
class Indexed:
    """G as igraph: `actors[i]` is vertex i and `societies[i]` its society (None where it has
    none); `edges[j]` and `weights[j]` are edge j; `by_link_kind` counts the edges carrying
    each link kind (an edge's `kinds`)."""

    actors: Sequence[int]
    index: Mapping[int, int]
    societies: Sequence[str | None]
    edges: Sequence[tuple[int, int]]
    weights: Sequence[float]
    by_link_kind: Mapping[str, int]
    graph: Any  # igraph.Graph, untyped

    @property
    def n(self) -> int:
        return len(self.actors)

    @property
    def m(self) -> int:
        return len(self.edges)


class Pairs(Sequence[tuple[int, int]]):
    """Edge j as (smaller index, larger index), kept as two arrays of machine integers
    instead of a tuple per edge: a province's five million links in 40 MB, not 600."""

    __slots__ = ("_sources", "_targets")

    def __init__(self, sources: Sequence[int], targets: Sequence[int]) -> None:
        self._sources = sources
        self._targets = targets

    @overload
    def __getitem__(self, j: int) -> tuple[int, int]: ...
    @overload
    def __getitem__(self, j: slice) -> Sequence[tuple[int, int]]: ...
    def __getitem__(self, j: int | slice) -> tuple[int, int] | Sequence[tuple[int, int]]:
        if isinstance(j, slice):
            return list(zip(self._sources[j], self._targets[j], strict=True))
        return self._sources[j], self._targets[j]

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return zip(self._sources, self._targets, strict=True)

    def __len__(self) -> int:
        return len(self._sources)


def to_igraph(G: nx.Graph, weight: str = "weight") -> Indexed:
    """Convert G once: vertices in ascending actor id, edges sorted, `weight` per edge (1.0
    where absent), each actor's `society` beside them.

    Each edge is taken once, at its smaller end, and the edges are sorted by (smaller index,
    larger index), unique in a simple graph, so the order is G's content alone. The pairs
    hold integers only, which the garbage collector stops tracking at its first pass: the
    conversion leaves no new long-lived containers for it to scan.
    """
    actors = tuple(sorted(G))
    index = {actor: i for i, actor in enumerate(actors)}
    node = G.nodes
    societies = tuple(node[actor].get("society") for actor in actors)
    adjacency = G.adjacency
    pairs = [(u, v) for u, partners in adjacency() for v in partners if u <= v]
    data = [d for u, partners in adjacency() for v, d in partners.items() if u <= v]
    order = sorted(range(len(pairs)), key=pairs.__getitem__)
    edges = tuple([(index[pairs[k][0]], index[pairs[k][1]]) for k in order])
    weights = tuple([float(data[k].get(weight, 1.0)) for k in order])
    by_link_kind = Counter(kind for d in data for kind in d.get("kinds") or ())
    graph = igraph.Graph(n=len(actors), edges=edges, edge_attrs={"weight": weights})
    return Indexed(
        actors=actors,
        index=index,
        societies=societies,
        edges=edges,
        weights=weights,
        by_link_kind=by_link_kind,
        graph=graph,
    )


def breadth_first(graph: Any) -> tuple[Any, list[int]]:
    """The same graph with its vertices renumbered in breadth-first order, and `new_of`,
    the new number of each old vertex.

    Walks start at the vertex of highest degree (the lowest index among ties), then at the
    lowest-numbered vertex not yet reached, until all are. Neighbours then lie near each other
    in memory, which spares a kernel that walks the whole graph from many sources (sampled
    betweenness) a share of its cache misses: about a fifth of its time on a county or a
    city here. The graph is the same up to the numbering, so are the results, mapped back.
    """
    n = graph.vcount()
    if n == 0:
        return graph, []
    degrees: list[int] = graph.degree()
    order: list[int] = []
    reached = [False] * n
    for root in (max(range(n), key=degrees.__getitem__), *range(n)):
        if reached[root]:
            continue
        walked: list[int] = graph.bfs(root)[0]
        for v in walked:
            reached[v] = True
        order.extend(walked)
    new_of = [0] * n
    for new, old in enumerate(order):
        new_of[old] = new
    return graph.permute_vertices(order), new_of  # permute_vertices: order[new] = old


def betweenness_from(graph: Any, sources: Sequence[int], processes: int = 1) -> list[float]:
    """igraph's `graph.betweenness(directed=False, sources=sources)`: each vertex's sum of
    the dependencies of the sources on it; with `processes` > 1, the sources dealt out to
    that many processes, forked to share the graph's memory, and their sums added.

    The sums are the same up to the order of floating-point additions (a relative 1e-15 or
    so). A forked process runs igraph alone and sends its sums back through a pipe; one
    that fails makes the call fail.
    """
    if processes <= 1 or len(sources) < 2:
        found: list[float] = graph.betweenness(directed=False, sources=list(sources))
        return found
    parts = [list(sources[k::processes]) for k in range(processes)]
    children = [_forked(graph, part) for part in parts[1:]]
    total: list[float] = graph.betweenness(directed=False, sources=parts[0])
    n = len(total)
    failed = []
    for pid, read in children:
        with os.fdopen(read, "rb") as pipe:
            sent = pipe.read()
        _, status = os.waitpid(pid, 0)
        if status != 0 or len(sent) != 8 * n:
            failed.append(pid)
            continue
        part = array("d")
        part.frombytes(sent)
        total = [a + b for a, b in zip(total, part, strict=True)]
    if failed:
        raise RuntimeError(f"betweenness failed in forked processes {failed}")
    return total


def _forked(graph: Any, sources: list[int]) -> tuple[int, int]:
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child, seen through its pipe
        code = 1
        try:
            os.close(read)
            sums = array("d", graph.betweenness(directed=False, sources=sources))
            with os.fdopen(write, "wb") as pipe:
                pipe.write(sums.tobytes())
            code = 0
        finally:
            os._exit(code)
    os.close(write)
    return pid, read


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
