"""A network and its analysis as plain columns, to be stored and read back whole.

A worker analyses a network once (`fivesoc.graph.analysis.analyse`) and stores the result;
every server process then answers from what was stored. `columns_of` turns the graph, its
boundary and its analysis into one value per actor and per link (lists in ascending actor
id, and in ascending (smaller id, larger id) for links), plus the network-wide parts as
JSON-ready values; `restore` turns them back into the same graph and an `Analysis` equal
to the one computed, so that every field of the API reads a stored analysis exactly as it
reads a fresh one. Nothing is pickled: each column is a list of numbers or strings.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any, cast

import networkx as nx

from fivesoc.graph._table import Table
from fivesoc.graph.analysis import Analysis
from fivesoc.graph.brokerage import ActorBrokerage, Brokerage, Roles
from fivesoc.graph.centrality import ActorCentrality, Centrality, Measure
from fivesoc.graph.clusters import Clustering
from fivesoc.graph.fragility import Fragility
from fivesoc.graph.linkage import Linkage, SocietyLink, Status
from fivesoc.graph.measures import ActorMeasures, measures_of
from fivesoc.graph.summary import Summary
from fivesoc.kinds import LINK_KINDS

__all__ = [
    "StoredNetwork", "columns_of", "linkage_facts", "linkage_of", "network_facts", "restore",
]  # fmt: skip


@dataclasses.dataclass(frozen=True, slots=True)
class StoredNetwork(ActorMeasures):
    """A network and its analysis as columns (see the module's docstring).

    Per actor, in ascending id: its measures (`ActorMeasures`), `actor_ids`, `kinds`,
    `societies`, `labels` and `boundary`. Per link, in
    ascending pair: `link_sources`, `link_targets`, `link_weights`, `link_kinds` (each
    kind's weight). `by_constraint`, `by_effective_size`, `by_brokerage`: the brokerage
    rankings. `facts`: the summary, clusters, fragility, linkage and the other
    network-wide values, as JSON-ready dicts and lists.
    """

    actor_ids: list[int]
    kinds: list[str]
    societies: list[str]
    labels: list[str]
    boundary: list[bool]
    link_sources: list[int]
    link_targets: list[int]
    link_weights: list[float]
    link_kinds: list[dict[str, float]]
    by_constraint: list[int]
    by_effective_size: list[int]
    by_brokerage: list[int]
    facts: dict[str, Any]


# The centralities' types as stored: an analysis may hold its columns in arrays of floats.
CENTRALITY_TYPES: dict[str, type[int] | type[float]] = {
    "degree": int, "strength": float, "betweenness": float, "pagerank": float,
}  # fmt: skip


def columns_of(G: nx.Graph, boundary: frozenset[int], analysis: Analysis) -> StoredNetwork:
    """The graph `build_graph` made, its boundary actors and its analysis, as columns.

    Examples
    --------
    >>> from fivesoc.graph.analysis import analyse
    >>> G = nx.Graph()
    >>> G.add_node(1, kind="community", society="community", label="A")
    >>> G.add_node(2, kind="volunteer_team", society="volunteer", label="B")
    >>> G.add_edge(1, 2, weight=2.0, kinds={"membership": 2.0})
    >>> s = columns_of(G, frozenset({2}), analyse(G))
    >>> s.actor_ids, s.boundary, s.degree, s.link_kinds
    ([1, 2], [False, True], [1, 1], [{'membership': 2.0}])
    """
    actors = sorted(G.nodes)
    nodes = G.nodes
    pairs = sorted((u, v) if u < v else (v, u) for u, v in G.edges)
    edges = G.edges
    measured = measures_of(actors, analysis)
    plain = {  # Python numbers, whatever the analysis holds its centralities in
        name: [kind(value) for value in measured[name]] for name, kind in CENTRALITY_TYPES.items()
    }
    return StoredNetwork(
        actor_ids=actors,
        kinds=[nodes[a]["kind"] for a in actors],
        societies=[nodes[a]["society"] for a in actors],
        labels=[nodes[a]["label"] for a in actors],
        boundary=[a in boundary for a in actors],
        **{**measured, **plain},
        link_sources=[u for u, _ in pairs],
        link_targets=[v for _, v in pairs],
        link_weights=[float(edges[u, v]["weight"]) for u, v in pairs],
        link_kinds=[dict(edges[u, v]["kinds"]) for u, v in pairs],
        by_constraint=list(analysis.brokerage.by_constraint),
        by_effective_size=list(analysis.brokerage.by_effective_size),
        by_brokerage=list(analysis.brokerage.by_brokerage),
        facts={
            **network_facts(analysis),
            "clusters": [list(c) for c in analysis.clusters.clusters],
            "bridges": [list(pair) for pair in analysis.fragility.bridges],
            "articulation_points": list(analysis.fragility.articulation_points),
            "gateways": {
                str(community): {society: list(keys) for society, keys in found.items()}
                for community, found in analysis.fragility.gateways.items()
            },
            "linkage": [linkage_facts(found) for _, found in sorted(analysis.linkage.items())],
        },
    )


def network_facts(analysis: Analysis) -> dict[str, Any]:
    """The network-wide figures of an analysis that stay small at any size: its summary,
    seed, betweenness pivots, modularity and Louvain resolution, and brokerage totals."""
    totals = analysis.brokerage.totals
    return {
        "summary": dataclasses.asdict(analysis.summary),
        "seed": analysis.seed,
        "pivots": analysis.centrality.pivots,
        "modularity": analysis.clusters.modularity,
        "resolution": analysis.clusters.resolution,
        "totals": [
            totals.coordinator,
            totals.itinerant,
            totals.representative_gatekeeper,
            totals.liaison,
        ],
    }


def restore(s: StoredNetwork) -> tuple[nx.Graph, frozenset[int], Analysis]:
    """The graph, boundary and analysis that `columns_of` was given.

    Examples
    --------
    >>> from fivesoc.graph.analysis import analyse
    >>> G = nx.Graph()
    >>> G.add_nodes_from((k, {"kind": "community", "society": "community", "label": str(k)})
    ...                  for k in (1, 2, 3))
    >>> G.add_edges_from([(1, 2, {"weight": 1.0, "kinds": {"membership": 1.0}}),
    ...                   (2, 3, {"weight": 1.0, "kinds": {"membership": 1.0}})])
    >>> H, boundary, a = restore(columns_of(G, frozenset(), analyse(G)))
    >>> sorted(H.edges), a.fragility.articulation_points, a.centrality.actors[2].betweenness
    ([(1, 2), (2, 3)], (2,), 1.0)
    """
    actors = tuple(s.actor_ids)
    index = {actor: i for i, actor in enumerate(actors)}
    G = nx.Graph()
    G.add_nodes_from(
        (actor, {"society": society, "kind": kind, "label": label})
        for actor, kind, society, label in zip(actors, s.kinds, s.societies, s.labels, strict=True)
    )
    # Stored as JSON objects, whose keys the database sorts: put back in `LINK_KINDS` order,
    # as `build_graph` gives them, so that a restored graph exports as the built one does.
    G.add_edges_from(
        (u, v, {"weight": weight, "kinds": {k: kinds[k] for k in LINK_KINDS if k in kinds}})
        for u, v, weight, kinds in zip(
            s.link_sources, s.link_targets, s.link_weights, s.link_kinds, strict=True
        )
    )
    boundary = frozenset(a for a, outside in zip(actors, s.boundary, strict=True) if outside)
    facts = s.facts

    def centrality_row(i: int) -> ActorCentrality:
        return ActorCentrality(
            actor=actors[i],
            degree=s.degree[i],
            strength=s.strength[i],
            betweenness=s.betweenness[i],
            pagerank=s.pagerank[i],
        )

    def brokerage_row(i: int) -> ActorBrokerage:
        return ActorBrokerage(
            actor=actors[i],
            society=s.societies[i],
            degree=s.degree[i],
            constraint=s.constraint[i],
            effective_size=s.effective_size[i],
            roles=Roles(
                s.coordinator[i], s.itinerant[i], s.representative_gatekeeper[i], s.liaison[i]
            ),
        )

    columns: dict[Measure, Sequence[float]] = {
        "degree": s.degree,
        "strength": s.strength,
        "betweenness": s.betweenness,
        "pagerank": s.pagerank,
    }
    clusters = tuple(tuple(members) for members in facts["clusters"])
    analysis = Analysis(
        summary=Summary(**facts["summary"]),
        centrality=Centrality(
            actors=Table(actors, index, centrality_row),
            pivots=facts["pivots"],
            seed=facts["seed"],
            columns=columns,
        ),
        clusters=Clustering(
            clusters=clusters,
            membership={a: c for a, c in zip(actors, s.cluster, strict=True) if c is not None},
            modularity=facts["modularity"],
            resolution=facts["resolution"],
            seed=facts["seed"],
        ),
        fragility=Fragility(
            bridges=tuple((u, v) for u, v in facts["bridges"]),
            articulation_points=tuple(facts["articulation_points"]),
            gateways={
                int(community): {society: tuple(keys) for society, keys in found.items()}
                for community, found in facts["gateways"].items()
            },
        ),
        brokerage=Brokerage(
            actors=Table(actors, index, brokerage_row),
            totals=Roles(*facts["totals"]),
            by_constraint=tuple(s.by_constraint),
            by_effective_size=tuple(s.by_effective_size),
            by_brokerage=tuple(s.by_brokerage),
        ),
        linkage={found["community"]: linkage_of(found) for found in facts["linkage"]},
        seed=facts["seed"],
    )
    return G, boundary, analysis


def linkage_facts(found: Linkage) -> dict[str, Any]:
    return {
        "community": found.community,
        "index": found.index,
        "societies": [
            {
                "society": part.society,
                "status": part.status,
                "score": part.score,
                "partners": list(part.partners),
                "strength": part.strength,
                "via": list(part.via),
            }
            for part in found.societies
        ],
        "missing": list(found.missing),
        "single": list(found.single),
    }


def linkage_of(found: Mapping[str, Any]) -> Linkage:
    return Linkage(
        community=found["community"],
        index=found["index"],
        societies=tuple(
            SocietyLink(
                society=part["society"],
                status=cast(Status, part["status"]),
                score=part["score"],
                partners=tuple(part["partners"]),
                strength=part["strength"],
                via=tuple(part["via"]),
            )
            for part in found["societies"]
        ),
        missing=tuple(found["missing"]),
        single=tuple(found["single"]),
    )
