"""The collaboration network as a networkx graph, built from plain rows in one place.

A node is an actor (its integer id) with `society`, `kind` and `label`; an edge joins two
actors with `weight` (the sum over link kinds) and `kinds` (link kind → weight contributed).
Directed kinds (resource_flow, referral) are folded into the undirected graph.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping

import networkx as nx

from fivesoc.graph._gc import without_collection
from fivesoc.graph.errors import ActorNotFound
from fivesoc.kinds import ACTOR_KINDS, LINK_KINDS, SOCIETIES

_KIND_ORDER = {kind: i for i, kind in enumerate(LINK_KINDS)}
_CO_PARTICIPATION = _KIND_ORDER["co_participation"]

Actor = tuple[int, str, str, str]
Link = tuple[int, int, str, float]
Work = tuple[str, int]


@without_collection
def build_graph(
    actors: Iterable[Actor], links: Iterable[Link], works: Iterable[Work] = ()
) -> nx.Graph:
    """The undirected, weighted collaboration network of the actors.

    Parameters
    ----------
    actors : iterable of (id, kind, society, label)
        One row per actor; `kind` in `ACTOR_KINDS`, `society` in `SOCIETIES`.
    links : iterable of (source_id, target_id, link_kind, weight)
        Recorded links, `link_kind` in `LINK_KINDS`, `weight` finite and > 0. A link with an end
        outside `actors`, or from an actor to itself, is dropped. Parallel links (several rows
        for a pair, either direction) add up, per kind and in `weight`.
    works : iterable of (work_key, actor_id)
        Who shared which piece of work ("project:12", "activity:3"). The n distinct actors
        listed for a work are joined pairwise by a `co_participation` contribution of
        1/(n − 1), Newman's collaboration weight, so that an actor's strength from one work
        is 1 whatever its size. Pairs with an end outside `actors` are dropped like links.

    Returns
    -------
    networkx.Graph
        Nodes inserted in ascending id, edges in ascending (smaller id, larger id); `kinds`
        in `LINK_KINDS` order. Each per-kind weight is the exactly rounded sum of its
        contributions (`math.fsum`) and `weight` the sum of those, so the result does not
        depend on the order of the rows.

    Raises
    ------
    ValueError
        An unknown society, actor kind or link kind, an actor listed twice, or a weight
        that is not a finite positive number.

    References
    ----------
    M. E. J. Newman, "Scientific collaboration networks. II. Shortest paths, weighted networks,
    and centrality", Phys. Rev. E 64, 016132 (2001).

    Examples
    --------
    >>> G = build_graph(
    ...     [(1, "community", "community", "干丰社区"), (2, "volunteer_team", "volunteer", "V"),
    ...      (3, "social_worker", "social_worker", "W")],
    ...     [(2, 1, "membership", 2.0)],
    ...     [("project:7", 1), ("project:7", 2), ("project:7", 3)],
    ... )
    >>> G.edges[1, 2]["weight"], G.edges[1, 2]["kinds"]
    (2.5, {'co_participation': 0.5, 'membership': 2.0})
    """
    nodes = _nodes(actors)
    rows = _contributions(links, works, nodes)
    G = nx.Graph()
    G.add_nodes_from(
        (actor_id, {"society": society, "kind": kind, "label": label})
        for actor_id, (kind, society, label) in sorted(nodes.items())
    )
    G.add_edges_from(_edges(rows))
    return G


def _nodes(actors: Iterable[Actor]) -> dict[int, tuple[str, str, str]]:
    """Each actor's (kind, society, label) by id, checked as `build_graph` says."""
    nodes: dict[int, tuple[str, str, str]] = {}
    for actor_id, kind, society, label in actors:
        if actor_id in nodes:
            raise ValueError(f"actor {actor_id} is listed twice")
        if society not in SOCIETIES:
            raise ValueError(f"actor {actor_id}: unknown society {society!r}")
        if kind not in ACTOR_KINDS:
            raise ValueError(f"actor {actor_id}: unknown actor kind {kind!r}")
        nodes[actor_id] = (kind, society, label)
    return nodes


def _contributions(
    links: Iterable[Link], works: Iterable[Work], nodes: Mapping[int, object]
) -> list[tuple[int, int, int, float]]:
    """One row per contribution to a link between two of `nodes`: (smaller id, larger id,
    link kind's position in `LINK_KINDS`, weight), sorted, as `build_graph` says.

    Rows of numbers only are tuples the garbage collector soon stops tracking; sorted, each
    pair's contributions lie together, kinds in `LINK_KINDS` order.
    """
    rows: list[tuple[int, int, int, float]] = []
    append = rows.append
    for source, target, link_kind, weight in links:
        position = _KIND_ORDER.get(link_kind)
        if position is None:
            raise ValueError(f"link {source}–{target}: unknown link kind {link_kind!r}")
        if not (math.isfinite(weight) and weight > 0):
            raise ValueError(f"link {source}–{target}: weight {weight!r} is not > 0")
        if source == target or source not in nodes or target not in nodes:
            continue
        if source < target:
            append((source, target, position, float(weight)))
        else:
            append((target, source, position, float(weight)))

    members: dict[str, set[int]] = {}
    for work, actor_id in works:
        members.setdefault(work, set()).add(actor_id)
    for work in sorted(members):
        everyone = sorted(members[work])
        if len(everyone) < 2:
            continue
        share = 1.0 / (len(everyone) - 1)
        inside = [actor for actor in everyone if actor in nodes]
        for i, u in enumerate(inside):
            for v in inside[i + 1 :]:
                append((u, v, _CO_PARTICIPATION, share))
    rows.sort()
    return rows


def _edges(rows: list[tuple[int, int, int, float]]) -> Iterator[tuple[int, int, dict[str, object]]]:
    """Each pair's edge from its sorted contributions: per-kind `math.fsum`, then their sum."""
    end = len(rows)
    i = 0
    while i < end:
        u, v, position, weight = rows[i]
        j = i + 1
        if j == end or rows[j][0] != u or rows[j][1] != v:  # one contribution, the usual case
            yield u, v, {"weight": weight, "kinds": {LINK_KINDS[position]: weight}}
            i = j
            continue
        while j < end and rows[j][0] == u and rows[j][1] == v:
            j += 1
        by_kind: dict[str, list[float]] = {}
        for _, _, position, weight in rows[i:j]:
            by_kind.setdefault(LINK_KINDS[position], []).append(weight)
        kinds = {kind: math.fsum(weights) for kind, weights in by_kind.items()}
        yield u, v, {"weight": math.fsum(kinds.values()), "kinds": kinds}
        i = j


def ego_scope(G: nx.Graph, centre: int, radius: int) -> nx.Graph:
    """The part of G within `radius` hops of `centre`, as an independent copy.

    The subgraph induced by the actors at most `radius` links away (networkx
    `ego_graph(G, centre, radius)`), with every attribute copied (the `kinds` dicts too),
    nodes in ascending id and edges in ascending (smaller id, larger id), as `build_graph`
    makes them.

    Raises
    ------
    ActorNotFound
        `centre` is not in G.
    ValueError
        `radius` is negative.

    Examples
    --------
    >>> G = nx.path_graph(5)
    >>> sorted(ego_scope(G, 0, 2))
    [0, 1, 2]
    """
    if centre not in G:
        raise ActorNotFound(centre)
    if radius < 0:
        raise ValueError(f"radius must be 0 or more, not {radius}")
    within = nx.single_source_shortest_path_length(G, centre, cutoff=radius)
    H = nx.Graph()
    H.graph.update(G.graph)
    inside = sorted(within)
    H.add_nodes_from((v, dict(G.nodes[v])) for v in inside)
    for u in inside:
        for v in sorted(G.adj[u]):
            if v > u and v in within:
                copied = dict(G.adj[u][v])
                if isinstance(copied.get("kinds"), dict):
                    copied["kinds"] = dict(copied["kinds"])
                H.add_edge(u, v, **copied)
    return H
