"""Graph-layer results as GraphQL objects: the one place analyses become API types."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import cast

from fivesoc.db.analysis_pages import StoredActor
from fivesoc.graph import paths
from fivesoc.graph.analysis import Analysis
from fivesoc.graph.brokerage import Brokerage, Roles
from fivesoc.graph.errors import NoPath
from fivesoc.graph.linkage import Linkage as GraphLinkage
from fivesoc.graph.rankings import Order, ranking
from fivesoc.graph.suggestions import suggest_partners
from fivesoc.graph.summary import Summary
from fivesoc.graph.timeline import Change
from fivesoc.schema.network.service import NetworkComputed
from fivesoc.schema.network.types import (
    TYPE_OF_KIND,
    BrokerageRoles,
    Linkage,
    LinkageStatus,
    LinkKindCount,
    LinkKindWeight,
    NetworkChange,
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


@dataclasses.dataclass(frozen=True, slots=True)
class Metrics:
    """The analysis and the brokerage of one network, as the API reads them."""

    analysis: Analysis
    brokerage: Brokerage


async def metrics(computed: NetworkComputed) -> Metrics:
    """Both from the network's one analysis."""
    analysis = await computed.analysis()
    return Metrics(analysis, analysis.brokerage)


KIND_OF_TYPE = {type_name: kind for kind, type_name in TYPE_OF_KIND.items()}
CLUSTER_MEMBERS = 50

Pair = tuple[int, int]


def summary(analysis: Analysis) -> NetworkSummary:
    return summary_of(analysis.summary)


def summary_of(s: Summary) -> NetworkSummary:
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


def node(computed: NetworkComputed, analysis: Metrics, key: int) -> NetworkNode:
    data = computed.graph.nodes[key]
    metrics = analysis.analysis.centrality.actors[key]
    position = analysis.brokerage.actors[key]
    roles = position.roles
    return NetworkNode(
        id=actor_id(data["kind"], key),
        label=data["label"],
        society=Society(data["society"]),
        boundary=key in computed.boundary,
        articulation_point=key in analysis.analysis.fragility.cut_vertices,
        degree=metrics.degree,
        strength=metrics.strength,
        betweenness=metrics.betweenness,
        pagerank=metrics.pagerank,
        cluster=analysis.analysis.clusters.membership.get(key),
        constraint=position.constraint,
        effective_size=position.effective_size,
        brokerage=brokerage_roles(roles),
        key=key,
    )


def brokerage_roles(roles: Roles) -> BrokerageRoles:
    return BrokerageRoles(
        coordinator=roles.coordinator,
        itinerant=roles.itinerant,
        representative_gatekeeper=roles.representative_gatekeeper,
        liaison=roles.liaison,
        total=roles.total,
    )


def stored_node(row: StoredActor) -> NetworkNode:
    """An actor's row of an analysis stored by pages (`fivesoc.db.analysis_pages`)."""
    roles = Roles(row.coordinator, row.itinerant, row.representative_gatekeeper, row.liaison)
    return NetworkNode(
        id=actor_id(row.kind, row.actor_id),
        label=row.label,
        society=Society(row.society),
        boundary=row.boundary,
        articulation_point=row.articulation_point,
        degree=row.degree,
        strength=row.strength,
        betweenness=row.betweenness,
        pagerank=row.pagerank,
        cluster=row.cluster,
        constraint=row.constraint,
        effective_size=row.effective_size,
        brokerage=brokerage_roles(roles),
        key=row.actor_id,
    )


def ranked(computed: NetworkComputed, analysis: Metrics, measure: str) -> Sequence[int]:
    """Every actor in the order `measure` names (`fivesoc.graph.rankings.ranking`), made
    once per analysis and kept."""
    return computed.kept(
        ("ranked", measure), lambda: ranking(analysis.analysis, cast(Order, measure))
    )


def pairs(computed: NetworkComputed, kind: str | None) -> list[Pair]:
    """The linked pairs (smaller id first) in ascending order, optionally of one kind."""

    def of_kind() -> list[Pair]:
        return sorted(
            (u, v) if u < v else (v, u)
            for u, v, data in computed.graph.edges(data=True)
            if kind is None or kind in data["kinds"]
        )

    return computed.kept(("pairs", kind), of_kind)


def link(computed: NetworkComputed, analysis: Metrics, pair: Pair) -> NetworkLink:
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
        bridge=analysis.analysis.fragility.is_bridge(u, v),
    )


def bridges(analysis: Analysis) -> list[Pair]:
    return list(analysis.fragility.bridges)


def articulation_points(analysis: Analysis) -> list[int]:
    return list(analysis.fragility.articulation_points)


def clusters(analysis: Analysis) -> tuple[tuple[int, ...], ...]:
    return analysis.clusters.clusters


def cluster(computed: NetworkComputed, analysis: Metrics, index: int) -> NetworkCluster:
    members = analysis.analysis.clusters.clusters[index]

    def strongest() -> list[NetworkNode]:
        by_strength = analysis.analysis.centrality.rank("strength")
        keys = sorted(members, key=by_strength.__getitem__)[:CLUSTER_MEMBERS]
        return [node(computed, analysis, key) for key in keys]

    return NetworkCluster(index=index, size=len(members), strongest=strongest)


def gateways(computed: NetworkComputed, analysis: Metrics, community: int) -> list[SocietyGateway]:
    by_society = analysis.analysis.fragility.gateways.get(community, {})
    return [
        SocietyGateway(
            society=Society(society),
            actors=[node(computed, analysis, key) for key in actors],
        )
        for society, actors in sorted(by_society.items())
    ]


async def path(
    computed: NetworkComputed, analysis: Metrics, a: int, b: int, *, strongest: bool
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
    """Every community's linkage index, from the network's one analysis."""
    return (await computed.analysis()).linkage


def linkage(computed: NetworkComputed, analysis: Metrics, found: GraphLinkage) -> Linkage:
    return linkage_of(found, lambda key: node(computed, analysis, key))


def linkage_of(found: GraphLinkage, node_of: Callable[[int], NetworkNode]) -> Linkage:
    """A community's linkage, its actors shown by `node_of`."""
    return Linkage(
        index=found.index,
        societies=[
            SocietyLinkage(
                society=Society(part.society),
                status=LinkageStatus(part.status),
                score=part.score,
                strength=part.strength,
                partner_keys=part.partners,
                via_keys=part.via,
                node_of=node_of,
            )
            for part in found.societies
        ],
        missing=[Society(s) for s in found.missing],
        single=[Society(s) for s in found.single],
        community_key=found.community,
        node_of=node_of,
    )


async def suggestions(
    computed: NetworkComputed, analysis: Metrics, community: int, society: str, limit: int
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


def change(found: Change, community: int | None) -> NetworkChange:
    return NetworkChange(
        nodes=found.nodes,
        links=found.links,
        density=found.density,
        components=found.components,
        linkage=None if community is None else found.linkage.get(community),
        communities_appeared=len(found.appeared),
        communities_disappeared=len(found.disappeared),
    )
