"""The network as files other tools open: GraphML, GEXF (Gephi), node-link JSON (d3, Cytoscape).

GraphML and GEXF hold scalar attributes only, so an edge's `kinds` dict travels as one
attribute per link kind, `w_<kind>` (e.g. `w_partnership`), present where that kind
contributes; `from_graphml` and `from_gexf` put the dict back.
"""

from __future__ import annotations

import io
from typing import Any

import networkx as nx

from fivesoc.kinds import LINK_KINDS

KIND_PREFIX = "w_"
NODE_ATTRIBUTES = ("society", "kind", "label")


def _flat(G: nx.Graph) -> nx.Graph:
    H = nx.Graph()
    for v, data in G.nodes(data=True):
        H.add_node(v, **{key: data[key] for key in NODE_ATTRIBUTES if key in data})
    for u, v, data in G.edges(data=True):
        attributes: dict[str, Any] = {"weight": float(data.get("weight", 1.0))}
        for kind, weight in (data.get("kinds") or {}).items():
            attributes[KIND_PREFIX + kind] = float(weight)
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


def to_graphml(G: nx.Graph) -> bytes:
    """GraphML (UTF-8): node attributes society, kind, label; edge weight and `w_<kind>`.

    Written by networkx `write_graphml`; `from_graphml` (or `nx.read_graphml(...,
    node_type=int)` and the `w_` attributes) reads it back.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_edge(1, 2, weight=2.0, kinds={"partnership": 2.0})
    >>> b'attr.name="w_partnership"' in to_graphml(G)
    True
    """
    buffer = io.BytesIO()
    nx.write_graphml(_flat(G), buffer, encoding="utf-8")
    return buffer.getvalue()


def from_graphml(data: bytes) -> nx.Graph:
    """The network written by `to_graphml`, with integer ids and `kinds` dicts restored.

    Raises
    ------
    networkx.NetworkXError, xml.etree.ElementTree.ParseError, ValueError
        The bytes are not such a file.
    """
    return _restored(nx.read_graphml(io.BytesIO(data), node_type=int))


def to_gexf(G: nx.Graph) -> bytes:
    """GEXF 1.2 (UTF-8, Gephi's format): the node's `label` as the GEXF label, society and
    kind as node attributes; edge weight and `w_<kind>` (networkx `write_gexf`).

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_node(1, society="community", kind="community", label="干丰社区")
    >>> "干丰社区" in to_gexf(G).decode()
    True
    """
    buffer = io.BytesIO()
    nx.write_gexf(_flat(G), buffer, encoding="utf-8")
    return buffer.getvalue()


def from_gexf(data: bytes) -> nx.Graph:
    """The network written by `to_gexf`, with integer ids and `kinds` dicts restored.

    Raises
    ------
    networkx.NetworkXError, xml.etree.ElementTree.ParseError, ValueError
        The bytes are not such a file.
    """
    return _restored(nx.read_gexf(io.BytesIO(data), node_type=int))


def to_node_link(G: nx.Graph) -> dict[str, Any]:
    """Node-link JSON for d3 and Cytoscape.js: `nodes` with id, society, kind, label; `links`
    with source, target, weight and `kinds` (link kind → weight), in G's order.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_edge(1, 2, weight=2.0, kinds={"partnership": 2.0})
    >>> to_node_link(G)["links"]
    [{'source': 1, 'target': 2, 'weight': 2.0, 'kinds': {'partnership': 2.0}}]
    """
    nodes = [
        {"id": v, **{key: data.get(key) for key in NODE_ATTRIBUTES}}
        for v, data in G.nodes(data=True)
    ]
    links = [
        {
            "source": u,
            "target": v,
            "weight": float(data.get("weight", 1.0)),
            "kinds": dict(data.get("kinds") or {}),
        }
        for u, v, data in G.edges(data=True)
    ]
    return {"directed": False, "nodes": nodes, "links": links}
