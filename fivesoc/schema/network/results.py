"""Graph-layer results as GraphQL objects: the one place analyses become API types."""

from __future__ import annotations

from fivesoc.graph import paths
from fivesoc.graph.analysis import Analysis
from fivesoc.graph.errors import NoPath
from fivesoc.graph.linkage import Linkage as GraphLinkage
from fivesoc.graph.linkage import linkage_all
from fivesoc.graph.suggestions import suggest_partners
from fivesoc.schema.network.service import NetworkComputed
from fivesoc.schema.network.types import (
    TYPE_OF_KIND,
    Linkage,
    LinkageStatus,
    LinkKindCount,
    LinkKindWeight,
    NetworkCluster,
    NetworkLink,
    NetworkNode,
    NetworkPath,
    NetworkSummary,
    PartnerSuggestion,
    SocietyCount,
    SocietyGateway,
    SocietyLinkage,
    actor_id,
)
from fivesoc.schema.types.enums import LinkKind, Society

KIND_OF_TYPE = {type_name: kind for kind, type_name in TYPE_OF_KIND.items()}
CLUSTER_MEMBERS = 50

Pair = tuple[int, int]


def summary(analysis: Analysis) -> NetworkSummary:
    s = analysis.summary
    return NetworkSummary(
        nodes=s.nodes,
        links=s.links,
        nodes_by_society=[
            SocietyCount(society=Society(name), count=count)
            for name, count in sorted(s.by_society.items())
        ],
        links_by_kind=[
            LinkKindCount(kind=LinkKind(name), count=count)
            for name, count in sorted(s.by_link_kind.items())
        ],
        density=s.density,
        components=s.components,
        largest_component=s.largest_component,
        average_clustering=s.average_clustering,
        degree_centralization=s.degree_centralization,
    )


def modularity(analysis: Analysis) -> float:
    return analysis.clusters.modularity


def node(computed: NetworkComputed, analysis: Analysis, key: int) -> NetworkNode:
    data = computed.graph.nodes[key]
    metrics = analysis.centrality.actors[key]
    return NetworkNode(
        id=actor_id(data["kind"], key),
        label=data["label"],
        society=Society(data["society"]),
        boundary=key in computed.boundary,
        degree=metrics.degree,
        strength=metrics.strength,
        betweenness=metrics.betweenness,
        pagerank=metrics.pagerank,
        cluster=analysis.clusters.membership.get(key),
        key=key,
    )


def ranked(computed: NetworkComputed, analysis: Analysis, measure: str) -> list[int]:
    """Every actor, highest `measure` first, ties by ascending id."""
    actors = analysis.centrality.actors
    if measure == "id":
        return sorted(actors)
    return sorted(actors, key=lambda key: (-float(getattr(actors[key], measure)), key))


def pairs(computed: NetworkComputed, kind: str | None) -> list[Pair]:
    """The linked pairs (smaller id first) in ascending order, optionally of one kind."""
    graph = computed.graph
    return [
        (u, v) if u < v else (v, u)
        for u, v, data in graph.edges(data=True)
        if kind is None or kind in data["kinds"]
    ]


def link(computed: NetworkComputed, pair: Pair) -> NetworkLink:
    graph = computed.graph
    u, v = pair
    data = graph.edges[u, v]
    return NetworkLink(
        source=actor_id(graph.nodes[u]["kind"], u),
        target=actor_id(graph.nodes[v]["kind"], v),
        weight=float(data["weight"]),
        kinds=[
            LinkKindWeight(kind=LinkKind(name), weight=float(weight))
            for name, weight in data["kinds"].items()
        ],
    )


def bridges(analysis: Analysis) -> list[Pair]:
    return list(analysis.fragility.bridges)


def articulation_points(analysis: Analysis) -> list[int]:
    return list(analysis.fragility.articulation_points)


def clusters(analysis: Analysis) -> tuple[tuple[int, ...], ...]:
    return analysis.clusters.clusters


def cluster(computed: NetworkComputed, analysis: Analysis, index: int) -> NetworkCluster:
    members = analysis.clusters.clusters[index]
    actors = analysis.centrality.actors
    strongest = sorted(members, key=lambda key: (-actors[key].strength, key))[:CLUSTER_MEMBERS]
    return NetworkCluster(
        index=index,
        size=len(members),
        members=[node(computed, analysis, key) for key in strongest],
    )


def gateways(computed: NetworkComputed, analysis: Analysis, community: int) -> list[SocietyGateway]:
    by_society = analysis.fragility.gateways.get(community, {})
    return [
        SocietyGateway(
            society=Society(society),
            actors=[node(computed, analysis, key) for key in actors],
        )
        for society, actors in sorted(by_society.items())
    ]


async def path(
    computed: NetworkComputed, analysis: Analysis, a: int, b: int, *, strongest: bool
) -> NetworkPath | None:
    """The shortest or strongest path from a to b; None when no chain joins them."""
    find = paths.strongest_path if strongest else paths.shortest_path
    try:
        found = await computed.run(lambda graph: find(graph, a, b))
    except NoPath:
        return None
    return NetworkPath(
        nodes=[node(computed, analysis, key) for key in found.actors],
        hops=found.hops,
        weights=list(found.weights),
        strength=found.strength,
    )


async def linkages(computed: NetworkComputed) -> dict[int, GraphLinkage]:
    """Every community's linkage index, computed once per network."""
    found: dict[int, GraphLinkage] = await computed.derived("linkage", linkage_all)
    return found


def linkage(computed: NetworkComputed, analysis: Analysis, found: GraphLinkage) -> Linkage:
    def nodes(keys: tuple[int, ...]) -> list[NetworkNode]:
        return [node(computed, analysis, key) for key in keys]

    return Linkage(
        community=node(computed, analysis, found.community),
        index=found.index,
        societies=[
            SocietyLinkage(
                society=Society(part.society),
                status=LinkageStatus(part.status),
                score=part.score,
                partners=nodes(part.partners),
                strength=part.strength,
                via=nodes(part.via),
            )
            for part in found.societies
        ],
        missing=[Society(s) for s in found.missing],
        single=[Society(s) for s in found.single],
    )


async def suggestions(
    computed: NetworkComputed, analysis: Analysis, community: int, society: str, limit: int
) -> list[PartnerSuggestion]:
    found = await computed.run(
        lambda graph: suggest_partners(graph, community, society, limit=limit)
    )
    return [
        PartnerSuggestion(
            node=node(computed, analysis, s.actor),
            score=s.score,
            shared=[node(computed, analysis, key) for key in s.shared],
        )
        for s in found
    ]
