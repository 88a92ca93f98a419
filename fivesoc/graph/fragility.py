"""Where the network is fragile: links and actors whose loss splits it.

The actors' part is read off the block–cut tree (Harary 1969; Hopcroft & Tarjan 1973): the
biconnected components (blocks) and the cut vertices, each cut vertex joined to the blocks it
belongs to. Removing a cut vertex v separates actors x and y exactly when v's node lies
strictly inside the tree path between the nodes of x and y (an actor that is not a cut vertex
stands for its one block), so one pass over the tree answers for every actor at once, instead
of removing actors one by one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import networkx as nx

from fivesoc.graph._igraph import Indexed, to_igraph
from fivesoc.kinds import SOCIETIES


@dataclasses.dataclass(frozen=True, slots=True)
class Fragility:
    """Bridges (as (smaller id, larger id)), cut vertices and society gateways, all sorted.

    `gateways[community][society]`: see `society_gateways`.
    """

    bridges: tuple[tuple[int, int], ...]
    articulation_points: tuple[int, ...]
    gateways: dict[int, dict[str, tuple[int, ...]]]
    bridge_set: frozenset[tuple[int, int]] = dataclasses.field(init=False, repr=False)
    """`bridges` as a set, to ask of one link."""
    cut_vertices: frozenset[int] = dataclasses.field(init=False, repr=False)
    """`articulation_points` as a set, to ask of one actor."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "bridge_set", frozenset(self.bridges))
        object.__setattr__(self, "cut_vertices", frozenset(self.articulation_points))

    def is_bridge(self, u: int, v: int) -> bool:
        """Whether the link u–v (either way round) is a bridge."""
        return ((u, v) if u < v else (v, u)) in self.bridge_set


def fragility(G: nx.Graph) -> Fragility:
    """Bridges, articulation points and the society gateways of every community.

    A bridge is a link whose removal adds a connected component; an articulation point (cut
    vertex) an actor whose removal does (networkx `bridges`, `articulation_points`; computed by
    igraph `Graph.bridges`, `Graph.biconnected_components`, the same definitions).

    Examples
    --------
    >>> f = fragility(nx.Graph([(1, 2), (2, 3), (3, 1), (3, 4)]))
    >>> f.bridges, f.articulation_points
    (((3, 4),), (3,))
    """
    return fragility_of(to_igraph(G))


def society_gateways(G: nx.Graph) -> dict[int, dict[str, tuple[int, ...]]]:
    """For each community, per society it can reach, the actors whose loss cuts it off.

    `result[c][s]` lists (ascending) every actor v ≠ c whose removal leaves community c
    (an actor with society "community") with no path to any actor of society s, for each
    society s of which c can reach at least one actor now (other communities for s =
    "community"). An empty tuple: no single actor's loss cuts c off from s. When c reaches a
    single actor of s, that actor is listed too: losing it leaves c without s just the same.

    With X the actors of s in c's component (less c), v qualifies iff v's block–cut-tree node
    lies on every tree path from c's node to the nodes of X: the path from c to the nearest
    point p of the subtree spanning X. Rooting each tree once and counting X per subtree
    finds p for every community by walking that path alone.

    Examples
    --------
    A community (1) reaches its only volunteer team (4) through a social worker (2), and a
    social organization (3) directly:

    >>> G = nx.Graph([(1, 2), (2, 4), (1, 3)])
    >>> nx.set_node_attributes(G, {1: "community", 2: "social_worker",
    ...     3: "social_organization", 4: "volunteer"}, "society")
    >>> society_gateways(G)[1]
    {'social_organization': (3,), 'social_worker': (2,), 'volunteer': (2, 4)}
    """
    return fragility_of(to_igraph(G)).gateways


def fragility_of(ix: Indexed) -> Fragility:
    """`fragility` on a graph already converted (see `fivesoc.graph._igraph`)."""
    g = ix.graph
    if ix.n == 0:
        return Fragility(bridges=(), articulation_points=(), gateways={})
    bridges = tuple(
        sorted((ix.actors[ix.edges[e][0]], ix.actors[ix.edges[e][1]]) for e in g.bridges())
    )
    cover, cut = g.biconnected_components(return_articulation_points=True)
    blocks: list[list[int]] = [list(block) for block in cover]
    gateways = _gateways(ix, blocks, sorted(cut), ix.societies)
    return Fragility(
        bridges=bridges,
        articulation_points=tuple(ix.actors[v] for v in sorted(cut)),
        gateways=gateways,
    )


def _gateways(
    ix: Indexed, blocks: list[list[int]], cut: list[int], societies: Sequence[str | None]
) -> dict[int, dict[str, tuple[int, ...]]]:
    n = ix.n
    # Tree nodes: blocks 0..B-1, then one per cut vertex, then one per isolated actor.
    cut_node = {v: len(blocks) + j for j, v in enumerate(cut)}
    cut_vertex = {node: v for v, node in cut_node.items()}
    adj: list[list[int]] = [[] for _ in range(len(blocks) + len(cut))]
    node_of = [-1] * n
    for b, members in enumerate(blocks):
        for v in members:
            if v in cut_node:
                adj[b].append(cut_node[v])
                adj[cut_node[v]].append(b)
            else:
                node_of[v] = b
    for v, node in cut_node.items():
        node_of[v] = node
    for v in range(n):
        if node_of[v] == -1:
            node_of[v] = len(adj)
            adj.append([])
    size = len(adj)

    # Root each tree at its lowest node; preorder, parents, and entry/exit times.
    parent = [-1] * size
    root = [-1] * size
    tin = [0] * size
    tout = [0] * size
    order: list[int] = []
    for start in range(size):
        if root[start] != -1:
            continue
        root[start] = start
        stack = [(start, 0)]
        tin[start] = len(order)
        order.append(start)
        while stack:
            node, k = stack[-1]
            if k < len(adj[node]):
                stack[-1] = (node, k + 1)
                child = adj[node][k]
                if root[child] == -1:
                    root[child] = start
                    parent[child] = node
                    tin[child] = len(order)
                    order.append(child)
                    stack.append((child, 0))
            else:
                tout[node] = len(order)
                stack.pop()

    present = [s for s in SOCIETIES if s in societies]
    present += sorted({s for s in societies if s is not None and s not in SOCIETIES})
    count: dict[str, list[int]] = {s: [0] * size for s in present}
    own: dict[str, dict[int, list[int]]] = {s: {} for s in present}
    for v, s in enumerate(societies):
        if s is not None:
            count[s][node_of[v]] += 1
            own[s].setdefault(node_of[v], []).append(v)
    for s in present:
        c = count[s]
        for node in reversed(order):
            if parent[node] != -1:
                c[parent[node]] += c[node]
    # Children that may hold all of X (at least total − 1 of the tree's count, and one).
    heavy: dict[str, dict[int, list[int]]] = {s: {} for s in present}
    for s in present:
        c = count[s]
        for node in order:
            up = parent[node]
            if up != -1 and c[node] >= max(1, c[root[node]] - 1):
                heavy[s].setdefault(up, []).append(node)

    result: dict[int, dict[str, tuple[int, ...]]] = {}
    for i in range(n):
        if societies[i] != "community":
            continue
        cn = node_of[i]
        per_society: dict[str, tuple[int, ...]] = {}
        for s in present:
            c = count[s]
            mine = 1 if societies[i] == s else 0
            total = c[root[cn]] - mine
            if total <= 0:
                continue
            path = [cn]
            a = cn
            while c[a] - mine == 0:
                a = parent[a]
                path.append(a)
            node = a
            if c[a] - mine == total:
                while True:
                    step = -1
                    for child in heavy[s].get(node, ()):
                        below_c = tin[child] <= tin[cn] < tout[child]
                        if c[child] - (mine if below_c else 0) == total:
                            step = child
                            break
                    if step == -1:
                        break
                    node = step
                    path.append(node)
            found = {cut_vertex[p] for p in path[1:] if p in cut_vertex}
            if total == 1:
                found.update(v for v in own[s].get(node, ()) if v != i)
            found.discard(i)
            per_society[s] = tuple(sorted(ix.actors[v] for v in found))
        result[ix.actors[i]] = per_society
    return result
