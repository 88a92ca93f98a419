"""The network as files other tools open: GraphML, GEXF (Gephi), node-link JSON (d3, Cytoscape).

Each actor carries the columns of `ACTOR_COLUMNS`: its name (`label`), society and kind from
the graph, and, where the caller hands them over (`actor_attributes` makes them from an
`Analysis`), its global id, whether it lies on the scope's boundary and its metrics. GraphML
and GEXF declare each column once, typed (string, boolean, long, double); a column with no
value for an actor (the constraint of an actor without links) is left out of that actor, and
is null in JSON.

GraphML and GEXF hold scalar attributes only, so an edge's `kinds` dict travels as one
attribute per link kind, `w_<kind>` (e.g. `w_partnership`), present where that kind
contributes, beside `kinds`, the kinds' names comma-separated (to colour links by in Gephi);
`from_graphml` and `from_gexf` put the dict back.
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Collection, Mapping
from typing import Any

import networkx as nx

from fivesoc.graph.analysis import Analysis
from fivesoc.kinds import LINK_KINDS

__all__ = [
    "ACTOR_COLUMNS",
    "BROKERAGE_ROLES",
    "Column",
    "Value",
    "actor_attributes",
    "from_gexf",
    "from_graphml",
    "to_gexf",
    "to_graphml",
    "to_node_link",
]

KIND_PREFIX = "w_"
# The columns every graph of `fivesoc.graph.build.build_graph` holds itself.
NODE_ATTRIBUTES = ("society", "kind", "label")

Value = str | bool | int | float
Pair = tuple[int, int]


@dataclasses.dataclass(frozen=True, slots=True)
class Column:
    """An actor's attribute in the exports: its name in every format, its type, its meaning."""

    name: str
    type: type[str] | type[bool] | type[int] | type[float]
    description: str


# The actor columns of every export, in the order the files list them. The names are those of
# the GraphQL `NetworkNode` fields (brokerage's roles flattened), so a file and an answer of
# the API read alike.
ACTOR_COLUMNS: tuple[Column, ...] = (
    Column("label", str, "its name"),
    Column("society", str, "its society: community, social_organization, social_worker, ..."),
    Column("kind", str, "its kind of record: community, organization, university, ..."),
    Column("globalId", str, "its id in the GraphQL API"),
    Column("boundary", bool, "outside the scope's region, linked to an actor inside it"),
    Column("articulationPoint", bool, "an actor whose loss would split a connected part"),
    Column("degree", int, "actors it is linked with"),
    Column("strength", float, "the sum of its links' weights"),
    Column("betweenness", float, "normalised betweenness centrality"),
    Column("pagerank", float, "weighted PageRank (alpha 0.85)"),
    Column("cluster", int, "index of its Louvain cluster, largest first"),
    Column("constraint", float, "Burt's constraint (none without links)"),
    Column("effectiveSize", float, "Burt's effective size (none without links)"),
    Column("brokerageCoordinator", int, "pairs brokered, all three of one society"),
    Column("brokerageItinerant", int, "pairs of one society brokered by another"),
    Column("brokerageRepresentativeGatekeeper", int, "pairs sharing a society with the broker"),
    Column("brokerageLiaison", int, "pairs where all three societies differ"),
    Column("brokerageTotal", int, "every pair of unlinked partners it brokers"),
    Column("brokerageRole", str, "the role it plays most often (none if it brokers nothing)"),
)
_COLUMNS = {column.name: column for column in ACTOR_COLUMNS}

# Gould–Fernandez roles in the order that settles a tie for the most frequent one.
BROKERAGE_ROLES = ("coordinator", "itinerant", "representative_gatekeeper", "liaison")


def actor_attributes(
    G: nx.Graph,
    analysis: Analysis,
    *,
    boundary: Collection[int] = frozenset(),
    global_ids: Mapping[int, str] | None = None,
) -> dict[int, dict[str, Value]]:
    """Each actor's exported columns beyond the graph's own: its global id (where
    `global_ids` has one), whether it is in `boundary`, and its metrics in `analysis` (the
    analysis of G, `fivesoc.graph.analysis.analyse`).

    The values are the analysis's own, unchanged: degree, strength, betweenness and PageRank
    (`fivesoc.graph.centrality`), the Louvain cluster (`fivesoc.graph.clusters`), Burt's
    constraint and effective size and the Gould–Fernandez role counts
    (`fivesoc.graph.brokerage`). `brokerageRole` is the role of the largest count, ties going
    to the first in `BROKERAGE_ROLES` (our choice); absent, like the constraint and the
    effective size of an actor without links, where there is none.

    Examples
    --------
    >>> from fivesoc.graph.analysis import analyse
    >>> G = nx.Graph([(1, 2), (2, 3)])
    >>> G.add_nodes_from([(1, {"society": "community"}), (2, {"society": "social_worker"}),
    ...                   (3, {"society": "community"})])
    >>> row = actor_attributes(G, analyse(G), boundary={3})[2]
    >>> row["degree"], row["betweenness"], row["brokerageItinerant"], row["brokerageRole"]
    (2, 1.0, 1, 'itinerant')
    >>> actor_attributes(G, analyse(G), boundary={3})[3]["boundary"]
    True
    """
    ids = global_ids or {}
    centrality = analysis.centrality.actors
    brokerage = analysis.brokerage.actors
    membership = analysis.clusters.membership
    rows: dict[int, dict[str, Value]] = {}
    for v in G:
        metrics, position = centrality[v], brokerage[v]
        roles = position.roles
        counts = {role: getattr(roles, role) for role in BROKERAGE_ROLES}
        row: dict[str, Value | None] = {
            "globalId": ids.get(v),
            "boundary": v in boundary,
            "articulationPoint": v in analysis.fragility.cut_vertices,
            "degree": metrics.degree,
            "strength": metrics.strength,
            "betweenness": metrics.betweenness,
            "pagerank": metrics.pagerank,
            "cluster": membership.get(v),
            "constraint": position.constraint,
            "effectiveSize": position.effective_size,
            "brokerageCoordinator": roles.coordinator,
            "brokerageItinerant": roles.itinerant,
            "brokerageRepresentativeGatekeeper": roles.representative_gatekeeper,
            "brokerageLiaison": roles.liaison,
            "brokerageTotal": roles.total,
            "brokerageRole": max(counts, key=counts.__getitem__) if roles.total else None,
        }
        rows[v] = {name: value for name, value in row.items() if value is not None}
    return rows


def _typed(name: str, value: object) -> Value:
    """`value` as the type its column declares; a clear error for anything else."""
    column = _COLUMNS.get(name)
    if column is None:
        raise ValueError(f"{name!r} is not an actor column; one of {', '.join(_COLUMNS)}")
    if column.type is float and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if column.type is int and isinstance(value, bool):
        raise TypeError(f"{name} must be an int, got {value!r}")
    if not isinstance(value, column.type):
        raise TypeError(f"{name} must be a {column.type.__name__}, got {value!r}")
    return value


def _actor(
    v: int, data: Mapping[str, Any], actors: Mapping[int, Mapping[str, Value]] | None
) -> dict[str, Value]:
    """The actor's columns in `ACTOR_COLUMNS` order, typed: the graph's own and the given."""
    given = {key: data[key] for key in NODE_ATTRIBUTES if key in data}
    given.update((actors or {}).get(v, {}))
    typed = {name: _typed(name, value) for name, value in given.items() if value is not None}
    return {name: typed[name] for name in _COLUMNS if name in typed}


def _is_bridge(bridges: Collection[Pair], u: int, v: int) -> bool:
    return ((u, v) if u < v else (v, u)) in bridges


def _flat(
    G: nx.Graph,
    actors: Mapping[int, Mapping[str, Value]] | None = None,
    bridges: Collection[Pair] | None = None,
) -> nx.Graph:
    H = nx.Graph()
    for v, data in G.nodes(data=True):
        H.add_node(v, **_actor(v, data, actors))
    for u, v, data in G.edges(data=True):
        kinds = data.get("kinds") or {}
        attributes: dict[str, Any] = {"weight": float(data.get("weight", 1.0))}
        if kinds:
            attributes["kinds"] = ",".join(kinds)
        for kind, weight in kinds.items():
            attributes[KIND_PREFIX + kind] = float(weight)
        if bridges is not None:
            attributes["bridge"] = _is_bridge(bridges, u, v)
        H.add_edge(u, v, **attributes)
    return H


def _restored(H: nx.Graph) -> nx.Graph:
    G = nx.Graph()
    for v, data in H.nodes(data=True):
        G.add_node(v, **{key: data[key] for key in NODE_ATTRIBUTES if key in data})
    for u, v, data in H.edges(data=True):
        kinds = {
            kind: float(data[KIND_PREFIX + kind])
            for kind in LINK_KINDS
            if KIND_PREFIX + kind in data
        }
        G.add_edge(u, v, weight=float(data.get("weight", 1.0)), kinds=kinds)
    return G


def to_graphml(
    G: nx.Graph,
    actors: Mapping[int, Mapping[str, Value]] | None = None,
    bridges: Collection[Pair] | None = None,
) -> bytes:
    """GraphML (UTF-8): each actor's columns (`ACTOR_COLUMNS`: the graph's society, kind and
    label, and what `actors` gives, e.g. `actor_attributes`), each declared once with its
    type; edge weight, `kinds`, `w_<kind>` and, with `bridges` (pairs, smaller id first),
    whether the link is a bridge (`bridge`).

    Written by networkx `write_graphml`; `from_graphml` (or `nx.read_graphml(...,
    node_type=int)` and the `w_` attributes) reads it back.

    Raises
    ------
    ValueError, TypeError
        `actors` names a column not in `ACTOR_COLUMNS`, or a value of another type.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_edge(1, 2, weight=2.0, kinds={"partnership": 2.0})
    >>> b'attr.name="w_partnership"' in to_graphml(G)
    True
    >>> b'attr.name="degree" attr.type="long"' in to_graphml(G, {1: {"degree": 1}})
    True
    """
    buffer = io.BytesIO()
    nx.write_graphml(_flat(G, actors, bridges), buffer, encoding="utf-8")
    return buffer.getvalue()


def from_graphml(data: bytes) -> nx.Graph:
    """The network written by `to_graphml`, with integer ids and `kinds` dicts restored
    (the graph's own node attributes only: society, kind and label).

    Raises
    ------
    networkx.NetworkXError, xml.etree.ElementTree.ParseError, ValueError
        The bytes are not such a file.
    """
    return _restored(nx.read_graphml(io.BytesIO(data), node_type=int))


def to_gexf(
    G: nx.Graph,
    actors: Mapping[int, Mapping[str, Value]] | None = None,
    bridges: Collection[Pair] | None = None,
) -> bytes:
    """GEXF 1.2 (UTF-8, Gephi's format): the actor's `label` as the GEXF label, its other
    columns (`ACTOR_COLUMNS`, see `to_graphml`) as typed node attributes declared once;
    edge weight, `kinds`, `w_<kind>` and `bridge` as `to_graphml` (networkx `write_gexf`).

    Raises
    ------
    ValueError, TypeError
        `actors` names a column not in `ACTOR_COLUMNS`, or a value of another type.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_node(1, society="community", kind="community", label="干丰社区")
    >>> "干丰社区" in to_gexf(G).decode()
    True
    >>> 'title="boundary" type="boolean"' in to_gexf(G, {1: {"boundary": False}}).decode()
    True
    """
    buffer = io.BytesIO()
    nx.write_gexf(_flat(G, actors, bridges), buffer, encoding="utf-8")
    return buffer.getvalue()


def from_gexf(data: bytes) -> nx.Graph:
    """The network written by `to_gexf`, with integer ids and `kinds` dicts restored (the
    graph's own node attributes only: society, kind and label).

    Raises
    ------
    networkx.NetworkXError, xml.etree.ElementTree.ParseError, ValueError
        The bytes are not such a file.
    """
    return _restored(nx.read_gexf(io.BytesIO(data), node_type=int))


def to_node_link(
    G: nx.Graph,
    actors: Mapping[int, Mapping[str, Value]] | None = None,
    bridges: Collection[Pair] | None = None,
) -> dict[str, Any]:
    """Node-link JSON for d3 and Cytoscape.js: `nodes` with id and the actor's columns
    (society, kind, label; with `actors`, every column of `ACTOR_COLUMNS`, null where it has
    no value); `links` with source, target, weight and `kinds` (link kind → weight), and
    with `bridges` (pairs, smaller id first) whether each is a bridge, in G's order.

    Raises
    ------
    ValueError, TypeError
        `actors` names a column not in `ACTOR_COLUMNS`, or a value of another type.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_edge(1, 2, weight=2.0, kinds={"partnership": 2.0})
    >>> to_node_link(G)["links"]
    [{'source': 1, 'target': 2, 'weight': 2.0, 'kinds': {'partnership': 2.0}}]
    """
    names = [c.name for c in ACTOR_COLUMNS] if actors is not None else list(NODE_ATTRIBUTES)
    nodes = []
    for v, data in G.nodes(data=True):
        columns = _actor(v, data, actors)
        nodes.append({"id": v, **{name: columns.get(name) for name in names}})
    links = []
    for u, v, data in G.edges(data=True):
        link: dict[str, Any] = {
            "source": u,
            "target": v,
            "weight": float(data.get("weight", 1.0)),
            "kinds": dict(data.get("kinds") or {}),
        }
        if bridges is not None:
            link["bridge"] = _is_bridge(bridges, u, v)
        links.append(link)
    return {"directed": False, "nodes": nodes, "links": links}
