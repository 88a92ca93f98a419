"""The output types of the network: its actors and links with their metrics, and the results."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

import strawberry
from strawberry import relay

from fivesoc.schema.context import Info
from fivesoc.schema.types.actor import ACTOR_KINDS, Actor, resolve_actor
from fivesoc.schema.types.enums import LinkKind, Society

# The GraphQL type of each actor kind, for global ids.
TYPE_OF_KIND = ACTOR_KINDS


def actor_id(kind: str, key: int) -> relay.GlobalID:
    """The global id of an actor of `kind`."""
    return relay.GlobalID(TYPE_OF_KIND[kind], str(key))


@strawberry.type(description="How many actors of a society.")
class SocietyCount:
    society: Society = strawberry.field(description="The society.")
    count: int = strawberry.field(description="How many actors.")


@strawberry.type(description="How many links carry a kind.")
class LinkKindCount:
    kind: LinkKind = strawberry.field(description="The kind.")
    count: int = strawberry.field(description="How many links carry it (a link may carry several).")


@strawberry.type(description="The shape of a network at a glance.")
class NetworkSummary:
    nodes: int = strawberry.field(description="Actors.")
    links: int = strawberry.field(description="Pairs of linked actors (all kinds folded).")
    nodes_by_society: list[SocietyCount] = strawberry.field(description="Actors by society.")
    links_by_kind: list[LinkKindCount] = strawberry.field(description="Links by kind.")
    density: float = strawberry.field(description="Links / possible pairs, n(n−1)/2.")
    components: int = strawberry.field(description="Connected parts.")
    largest_component: int = strawberry.field(description="Actors in the largest part.")
    average_clustering: float = strawberry.field(
        description="Mean local clustering coefficient (unweighted; 0 for degree below 2)."
    )
    degree_centralization: float = strawberry.field(
        description="Freeman's degree centralization: Σ(max degree − degree) / ((n−1)(n−2))."
    )


@strawberry.type(description="Gould–Fernandez brokerage roles (1989), the six societies as groups.")
class BrokerageRoles:
    coordinator: int = strawberry.field(
        description="Unlinked pairs of partners brokered, all three of one society."
    )
    itinerant: int = strawberry.field(
        description="Pairs of one society brokered by an actor of another (consultant)."
    )
    representative_gatekeeper: int = strawberry.field(
        description=(
            "Pairs where the broker shares a society with exactly one side (in an undirected "
            "network the representative and the gatekeeper cannot be told apart)."
        )
    )
    liaison: int = strawberry.field(description="Pairs where all three societies differ.")
    total: int = strawberry.field(description="All brokered pairs.")


@strawberry.type(description="An actor in a network, with its metrics there.")
class NetworkNode:
    id: relay.GlobalID = strawberry.field(description="The actor's global id.")
    label: str = strawberry.field(description="Its name.")
    society: Society = strawberry.field(description="Its society.")
    boundary: bool = strawberry.field(
        description="True for an actor outside the scope's region, linked to one inside it."
    )
    articulation_point: bool = strawberry.field(
        description="True if its loss would split a connected part (see `articulationPoints`)."
    )
    degree: int = strawberry.field(description="Actors it is linked with.")
    strength: float = strawberry.field(description="Sum of its links' weights.")
    betweenness: float = strawberry.field(
        description="Normalised betweenness centrality (sampled beyond the documented size)."
    )
    pagerank: float = strawberry.field(description="Weighted PageRank (α = 0.85).")
    cluster: int | None = strawberry.field(
        description="Index of its Louvain cluster in `clusters` (largest first)."
    )
    constraint: float | None = strawberry.field(
        description="Burt's constraint (null without links): the lower, the more it brokers."
    )
    effective_size: float | None = strawberry.field(
        description="Burt's effective size of its partners (null without links)."
    )
    brokerage: BrokerageRoles = strawberry.field(description="The pairs of partners it brokers.")
    key: strawberry.Private[int]

    @strawberry.field(description="The actor itself.")
    async def actor(self, info: Info) -> Actor | None:
        return await resolve_actor(info, self.key)


@strawberry.type(description="What one kind contributes to a link.")
class LinkKindWeight:
    kind: LinkKind = strawberry.field(description="The kind.")
    weight: float = strawberry.field(description="Its weight in the link.")


@strawberry.type(description="Two linked actors in a network, all kinds of link folded into one.")
class NetworkLink:
    source: relay.GlobalID = strawberry.field(description="One end (the lower id).")
    target: relay.GlobalID = strawberry.field(description="The other end.")
    weight: float = strawberry.field(description="Sum of the kinds' weights.")
    kinds: list[LinkKindWeight] = strawberry.field(description="What each kind contributes.")
    bridge: bool = strawberry.field(
        description="True if its loss would split a connected part in two (see `bridges`)."
    )


@strawberry.type(description="A Louvain cluster of actors.")
class NetworkCluster:
    index: int = strawberry.field(description="Its index, largest cluster first.")
    size: int = strawberry.field(description="Actors in it.")
    strongest: strawberry.Private[Callable[[], list[NetworkNode]]]

    @strawberry.field(description="Its actors by weighted degree, at most 50.")
    def members(self) -> list[NetworkNode]:
        return self.strongest()


@strawberry.type(description="A chain of links between two actors.")
class NetworkPath:
    nodes: list[NetworkNode] = strawberry.field(description="The actors along it, in order.")
    hops: int = strawberry.field(description="Links along it.")
    weights: list[float] = strawberry.field(description="The weight of each link, in order.")
    strength: float = strawberry.field(
        description=(
            "Product of its links' weights, each divided by the heaviest link's weight in "
            "the network (1 for a path of no links): the higher, the stronger."
        )
    )


@strawberry.type(description="An actor of an ego network, with its distance from the centre.")
class EgoMember:
    hops: int = strawberry.field(description="Links between it and the centre (0: the centre).")
    node: NetworkNode = strawberry.field(description="The actor.")


@strawberry.type(description="The actors of a community's only way to a society.")
class SocietyGateway:
    society: Society = strawberry.field(description="The society.")
    actors: list[NetworkNode] = strawberry.field(
        description="Actors whose loss would cut the community off from every actor of it."
    )


@strawberry.enum(description="What to rank a network's actors by.")
class NetworkNodeOrder(Enum):
    DEGREE = strawberry.enum_value("degree", description="Most linked first.")
    STRENGTH = strawberry.enum_value("strength", description="Highest weighted degree first.")
    BETWEENNESS = strawberry.enum_value("betweenness", description="Most between first.")
    PAGERANK = strawberry.enum_value("pagerank", description="Highest PageRank first.")
    CONSTRAINT = strawberry.enum_value(
        "constraint",
        description="Least constrained (strongest brokers) first; actors without links last.",
    )
    EFFECTIVE_SIZE = strawberry.enum_value(
        "effective_size", description="Largest effective size first; actors without links last."
    )
    BROKERAGE = strawberry.enum_value("brokerage", description="Most brokered pairs first.")
    ID = strawberry.enum_value("id", description="By actor id.")


@strawberry.enum(description="How a community is linked with one of the societies.")
class LinkageStatus(Enum):
    REDUNDANT = strawberry.enum_value(
        "redundant", description="Linked directly through two or more actors (score 1)."
    )
    SINGLE = strawberry.enum_value(
        "single", description="Linked directly through one actor only (score 0.5)."
    )
    INDIRECT = strawberry.enum_value(
        "indirect", description="No direct link; an actor of it is two links away (score 0.25)."
    )
    MISSING = strawberry.enum_value("missing", description="Not within two links (score 0).")


@strawberry.type(description="How a community is linked with one of the four other societies.")
class SocietyLinkage:
    society: Society = strawberry.field(description="The society.")
    status: LinkageStatus = strawberry.field(description="How it is linked.")
    score: float = strawberry.field(description="Its part of the index: 1, 0.5, 0.25 or 0.")
    strength: float = strawberry.field(description="Sum of the weights of those links.")
    partner_keys: strawberry.Private[tuple[int, ...]]
    via_keys: strawberry.Private[tuple[int, ...]]
    node_of: strawberry.Private[Callable[[int], NetworkNode]]

    @strawberry.field(description="Actors of the society linked with the community directly.")
    def partners(self) -> list[NetworkNode]:
        return [self.node_of(key) for key in self.partner_keys]

    @strawberry.field(
        description="Where there is no direct link: the partners through which it is reached."
    )
    def via(self) -> list[NetworkNode]:
        return [self.node_of(key) for key in self.via_keys]


@strawberry.type(
    description=(
        "The five-society linkage index of a community: the mean of the scores of the four "
        "societies it links with (social organizations, social workers, volunteers, charity "
        "resources); 0 alone, 1 when each is linked directly through two or more actors."
    )
)
class Linkage:
    index: float = strawberry.field(description="The index, 0 to 1.")
    societies: list[SocietyLinkage] = strawberry.field(description="Each society's part.")
    missing: list[Society] = strawberry.field(
        description="Societies it has no direct link with: what it lacks."
    )
    single: list[Society] = strawberry.field(
        description="Societies it reaches through one actor only: one loss away from none."
    )
    community_key: strawberry.Private[int]
    node_of: strawberry.Private[Callable[[int], NetworkNode]]

    @strawberry.field(description="The community.")
    def community(self) -> NetworkNode:
        return self.node_of(self.community_key)


@strawberry.type(description="An actor a community could work with, and why.")
class PartnerSuggestion:
    node: NetworkNode = strawberry.field(description="The candidate.")
    score: float = strawberry.field(
        description="Adamic–Adar index: Σ 1/ln(degree) over the shared partners."
    )
    shared: list[NetworkNode] = strawberry.field(
        description="Partners of the community that already work with the candidate."
    )


@strawberry.type(description="What changed since the previous date: figures now less then.")
class NetworkChange:
    nodes: int = strawberry.field(description="Change in the number of actors.")
    links: int = strawberry.field(description="Change in the number of linked pairs.")
    density: float = strawberry.field(description="Change in density.")
    components: int = strawberry.field(description="Change in the number of connected parts.")
    linkage: float | None = strawberry.field(
        description="Change in the community's linkage index (null if absent on either date)."
    )
    communities_appeared: int = strawberry.field(
        description="Communities in the network now that were not on the previous date."
    )
    communities_disappeared: int = strawberry.field(
        description="Communities on the previous date that are not in the network now."
    )
