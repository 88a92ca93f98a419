"""How two actors are connected: the shortest chain, the strongest chain, an actor's circle."""

from __future__ import annotations

import collections
import dataclasses
import heapq
import itertools
import math

import networkx as nx

from fivesoc.graph.errors import ActorNotFound, NoPath


@dataclasses.dataclass(frozen=True, slots=True)
class Path:
    """A chain of actors from `actors[0]` to `actors[-1]`.

    `weights[i]` is the weight of the link between `actors[i]` and `actors[i + 1]`;
    `strength` the product of the links' weights divided by the heaviest link's weight in the
    graph (1.0 for a path of no links).
    """

    actors: tuple[int, ...]
    weights: tuple[float, ...]
    strength: float

    @property
    def hops(self) -> int:
        return len(self.actors) - 1


@dataclasses.dataclass(frozen=True, slots=True)
class EgoNetwork:
    """The actors within `radius` links of `centre` and the links among them.

    `hops[actor]` is the actor's distance from the centre (ascending distance, then id);
    `links` are (smaller id, larger id, weight), ascending.
    """

    centre: int
    radius: int
    hops: dict[int, int]
    links: tuple[tuple[int, int, float], ...]


def _check(G: nx.Graph, *actors: int) -> None:
    for actor in actors:
        if actor not in G:
            raise ActorNotFound(actor)


def _heaviest(G: nx.Graph) -> float:
    return max((float(w) for _, _, w in G.edges(data="weight", default=1.0)), default=1.0)


def _path(G: nx.Graph, actors: list[int]) -> Path:
    weights = tuple(float(G.adj[u][v].get("weight", 1.0)) for u, v in itertools.pairwise(actors))
    top = _heaviest(G) if weights else 1.0
    return Path(actors=tuple(actors), weights=weights, strength=math.prod(w / top for w in weights))


def shortest_path(G: nx.Graph, a: int, b: int) -> Path:
    """The chain of fewest links from `a` to `b`; of several, the smallest in id order.

    A breadth-first search from `b` (stopped once `a` is reached) gives every actor's distance
    to `b`; walking from `a`, each step goes to the lowest-id neighbour one link closer. The
    result is the lexicographically smallest of the shortest paths (networkx
    `shortest_path(G, a, b)` returns one of them, depending on insertion order).

    Raises
    ------
    ActorNotFound
        `a` or `b` is not in G.
    NoPath
        `a` and `b` lie in different components.

    Examples
    --------
    >>> G = nx.Graph([(1, 3), (3, 4), (1, 2), (2, 4)])  # two routes of 2 links
    >>> shortest_path(G, 1, 4).actors
    (1, 2, 4)
    """
    _check(G, a, b)
    distance = {b: 0}
    frontier = collections.deque([b])
    while frontier and a not in distance:
        node = frontier.popleft()
        for other in G.adj[node]:
            if other not in distance:
                distance[other] = distance[node] + 1
                frontier.append(other)
    if a not in distance:
        raise NoPath(a, b)
    actors = [a]
    while actors[-1] != b:
        here = actors[-1]
        actors.append(min(v for v in G.adj[here] if distance.get(v) == distance[here] - 1))
    return _path(G, actors)


def strongest_path(G: nx.Graph, a: int, b: int) -> Path:
    """The chain from `a` to `b` whose links' normalised weights have the largest product.

    With w* the heaviest link in G, a link's cost is −log(w / w*) ≥ 0 and a chain's strength
    Π w / w* = exp(−Σ cost): the strongest chain is the cheapest one, found by Dijkstra's
    algorithm from `a` (networkx `dijkstra_path` with that cost). A chain of strong ties beats a
    shortcut through a weak one, as trust or information passed along it would (Granovetter
    1973). Of chains of equal cost, the one of fewer links wins, then the one reached through
    the lower-id actor at each step from the end.

    Raises
    ------
    ActorNotFound
        `a` or `b` is not in G.
    NoPath
        `a` and `b` lie in different components.

    Examples
    --------
    A direct weak link (1) against two strong ones (4 and 4): 1/4 < (4/4)·(4/4).

    >>> G = nx.Graph()
    >>> G.add_weighted_edges_from([(1, 3, 1.0), (1, 2, 4.0), (2, 3, 4.0)])
    >>> p = strongest_path(G, 1, 3)
    >>> p.actors, p.strength
    ((1, 2, 3), 1.0)
    """
    _check(G, a, b)
    top = _heaviest(G)
    best: dict[int, tuple[float, int, int]] = {a: (0.0, 0, a)}
    done: set[int] = set()
    queue = [(0.0, 0, a, a)]
    while queue:
        cost, hops, node, _ = heapq.heappop(queue)
        if node in done:
            continue
        done.add(node)
        if node == b:
            break
        for other, data in G.adj[node].items():
            if other in done:
                continue
            w = float(data.get("weight", 1.0))
            candidate = (cost - math.log(w / top), hops + 1, node)
            if other not in best or candidate < best[other]:
                best[other] = candidate
                heapq.heappush(queue, (candidate[0], candidate[1], other, node))
    if b not in done:
        raise NoPath(a, b)
    actors = [b]
    while actors[-1] != a:
        actors.append(best[actors[-1]][2])
    actors.reverse()
    return _path(G, actors)


def ego_network(G: nx.Graph, centre: int, radius: int = 1) -> EgoNetwork:
    """The actors within `radius` links of `centre`, their distance, and the links among them.

    The nodes and edges of networkx `ego_graph(G, centre, radius)`, with each actor's hop
    count (`single_source_shortest_path_length(G, centre, cutoff=radius)`).

    Raises
    ------
    ActorNotFound
        `centre` is not in G.
    ValueError
        `radius` is negative.

    Examples
    --------
    >>> e = ego_network(nx.path_graph(4), 1)
    >>> e.hops, e.links
    ({1: 0, 0: 1, 2: 1}, ((0, 1, 1.0), (1, 2, 1.0)))
    """
    _check(G, centre)
    if radius < 0:
        raise ValueError(f"radius must be 0 or more, not {radius}")
    within = nx.single_source_shortest_path_length(G, centre, cutoff=radius)
    hops = dict(sorted(within.items(), key=lambda pair: (pair[1], pair[0])))
    links = sorted(
        (min(u, v), max(u, v), float(G.adj[u][v].get("weight", 1.0)))
        for u in within
        for v in G.adj[u]
        if v in within and u <= v
    )
    return EgoNetwork(centre=centre, radius=radius, hops=hops, links=tuple(links))
