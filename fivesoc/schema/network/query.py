"""The `network(scope:, window:, linkKinds:)` field: a scoped network and its analyses."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
from typing import Annotated

import strawberry
from strawberry import relay

from fivesoc.graph import paths
from fivesoc.graph.brokerage import Roles
from fivesoc.graph.rankings import linkage_order
from fivesoc.graph.summary import Summary
from fivesoc.graph.timeline import timeline
from fivesoc.permissions import ANALYZE, NEW_WINDOW, PUBLIC
from fivesoc.schema import privacy
from fivesoc.schema.context import Info
from fivesoc.schema.errors import Forbidden, UserInputError
from fivesoc.schema.network import results
from fivesoc.schema.network.inputs import (
    MAX_RADIUS,
    LinkKindsArgument,
    NetworkRequest,
    NetworkWindow,
    ScopeArgument,
    TimelineRequest,
    WindowArgument,
    parse_request,
)
from fivesoc.schema.network.jobs import NetworkJob, job_of, version_text
from fivesoc.schema.network.pages import StoredPages
from fivesoc.schema.network.paging import ListConnection, Page, computed_list, page_of
from fivesoc.schema.network.results import Pair
from fivesoc.schema.network.service import NetworkCache, NetworkComputed, Served, computed_of
from fivesoc.schema.network.stored_results import stored_linkage, stored_linkages, stored_nodes
from fivesoc.schema.network.types import (
    BrokerageRoles,
    EgoMember,
    Linkage,
    NetworkChange,
    NetworkCluster,
    NetworkLink,
    NetworkNode,
    NetworkNodeOrder,
    NetworkPath,
    NetworkSummary,
    PartnerSuggestion,
    SocietyGateway,
)
from fivesoc.schema.pagination import After, Before, First, Last
from fivesoc.schema.types.common import row_key
from fivesoc.schema.types.enums import LinkKind, Society

MAX_SUGGESTIONS = 50
MAX_DATES = 12

ActorArg = Annotated[relay.GlobalID, strawberry.argument(description="An actor's global id.")]


def cache_of(info: Info) -> NetworkCache:
    cache = info.context.networks
    if cache is None:  # pragma: no cover - every app context has one
        raise RuntimeError("the context has no network cache")
    return cache


async def network_of(info: Info, request: NetworkRequest) -> NetworkComputed:
    """The computed network of `request`, as the viewer's grants allow: network analysis at
    all, and a window not computed yet."""
    return computed_of(await served_of(info, request, wait=True))


async def served_of(
    info: Info, request: NetworkRequest, *, wait: bool, result: bool = True
) -> Served:
    """The network of `request` as `NetworkCache.serve` gives it, as the viewer's grants
    allow: network analysis at all, and a window not computed yet."""
    new_window = may_analyse(info)
    return await cache_of(info).serve(request, new_window=new_window, wait=wait, result=result)


def may_analyse(info: Info) -> bool:
    """Whether the viewer may have windows computed that were not before; refused outright
    without network analysis at all."""
    if not privacy.granted(info, ANALYZE, PUBLIC):
        raise Forbidden("your token does not allow network analysis")
    return privacy.granted(info, NEW_WINDOW, PUBLIC)


async def timeline_of(info: Info, timeline: TimelineRequest) -> list[NetworkComputed]:
    """The network of each date of `timeline` (`NetworkCache.timeline`), as the viewer's
    grants allow (see `served_of`)."""
    return await cache_of(info).timeline(timeline, new_window=may_analyse(info))


# The fields of `network` that need no analysis: asked for alone, none is waited for.
WITHOUT_ANALYSIS = frozenset({"job", "dataVersion", "__typename"})


def needs_analysis(info: Info) -> bool:
    """Whether the selection of this `network` field asks for anything but its job."""
    for field in info.selected_fields:
        for selection in field.selections:
            name = getattr(selection, "name", None)
            if name is None or name not in WITHOUT_ANALYSIS:
                return True
    return False


def actor_key(computed: NetworkComputed, value: relay.GlobalID, argument: str) -> int:
    """The actor id of a global id, which must name an actor of this network."""
    if value.type_name not in results.KIND_OF_TYPE or row_key(value.node_id) is None:
        raise UserInputError(
            f"`{argument}` must be the id of an actor, got one of a {value.type_name}",
            argument=argument,
        )
    key = int(value.node_id)
    if key not in computed.graph:
        raise UserInputError(f"`{argument}` names no actor of this network", argument=argument)
    return key


def community_key(computed: NetworkComputed, value: relay.GlobalID, argument: str) -> int:
    """The id of a community of this network."""
    key = actor_key(computed, value, argument)
    if computed.graph.nodes[key]["society"] != "community":
        raise UserInputError(f"`{argument}` must be the id of a community", argument=argument)
    return key


async def _bridges(network: Network) -> Page[Pair, NetworkLink]:
    analysis = await results.metrics(network.computed)
    return (
        results.bridges(analysis.analysis),
        lambda pair: results.link(network.computed, analysis, pair),
        lambda pair: pair[0],
    )


async def _articulation_points(network: Network) -> Page[int, NetworkNode]:
    analysis = await results.metrics(network.computed)
    return (
        results.articulation_points(analysis.analysis),
        lambda key: results.node(network.computed, analysis, key),
        lambda key: key,
    )


async def _clusters(network: Network) -> Page[int, NetworkCluster]:
    analysis = await results.metrics(network.computed)
    return (
        range(len(results.clusters(analysis.analysis))),
        lambda index: results.cluster(network.computed, analysis, index),
        lambda index: index,
    )


async def _linkages(network: Network) -> Page[int, Linkage]:
    analysis = await results.metrics(network.computed)
    found = await results.linkages(network.computed)
    keys = network.computed.kept("linkages", lambda: linkage_order(found))
    return (
        keys,
        lambda key: results.linkage(network.computed, analysis, found[key]),
        lambda key: key,
    )


async def _ego_members(ego: EgoNetwork) -> Page[int, EgoMember]:
    analysis = await results.metrics(ego.computed)
    hops = ego.ego.hops
    return (
        list(hops),
        lambda key: EgoMember(hops=hops[key], node=results.node(ego.computed, analysis, key)),
        lambda key: key,
    )


async def _ego_links(ego: EgoNetwork) -> Page[Pair, NetworkLink]:
    analysis = await results.metrics(ego.computed)
    return (
        [(u, v) for u, v, _ in ego.ego.links],
        lambda pair: results.link(ego.computed, analysis, pair),
        lambda pair: pair[0],
    )


@strawberry.type(
    description=(
        "A scoped, windowed collaboration network and its analyses. Results are computed "
        "once per data version and cached; any write makes the next request see fresh ones, "
        "or, where workers compute them, the previous ones marked `stale` until then."
    )
)
class Network:
    request: strawberry.Private[NetworkRequest]
    served: strawberry.Private[Served]

    @property
    def computed(self) -> NetworkComputed:
        """The network in memory; NETWORK_TOO_LARGE for one read by pages."""
        return computed_of(self.served)

    @property
    def pages(self) -> StoredPages | None:
        """The stored analysis when the network is read by pages of it."""
        computed = self.served.computed
        return computed if isinstance(computed, StoredPages) else None

    @strawberry.field(
        description=(
            "The data version now: the change log's last event id and the number of "
            "datasets loaded, as `events.datasets`."
        )
    )
    def data_version(self) -> str:
        return version_text(self.served.current)

    @strawberry.field(
        description=(
            "The data version the analysis served was computed at (null when only `job` "
            "was asked for)."
        )
    )
    def as_of_data_version(self) -> str | None:
        computed = self.served.computed
        return None if computed is None else version_text(computed.version)

    @strawberry.field(
        description=(
            "Whether the analysis served is of an earlier data version than the current "
            "one, while a worker computes the fresh one (`job`); `wait: true` waits instead."
        )
    )
    def stale(self) -> bool:
        return self.served.stale

    @strawberry.field(
        description=(
            "The job of a worker computing (or that last computed) this network's analysis; "
            "null when analyses are computed by the server itself."
        )
    )
    async def job(self, info: Info) -> NetworkJob | None:
        cache = cache_of(info)
        if cache.queue is None:
            return None
        return await job_of(cache.pool, self.request.key)

    @strawberry.field(description="Actors, links, density, components, clustering.")
    async def summary(self) -> NetworkSummary:
        if self.pages is not None:
            return results.summary_of(Summary(**self.pages.facts["summary"]))
        analysis = await results.metrics(self.computed)
        return results.summary(analysis.analysis)

    @strawberry.field(description="Modularity of the Louvain clustering (seed 0).")
    async def modularity(self) -> float:
        if self.pages is not None:
            return float(self.pages.facts["modularity"])
        analysis = await results.metrics(self.computed)
        return results.modularity(analysis.analysis)

    @strawberry.field(
        description="Gould–Fernandez brokerage roles summed over the network's actors."
    )
    async def brokerage(self) -> BrokerageRoles:
        if self.pages is not None:
            totals = Roles(*self.pages.facts["totals"])
        else:
            totals = (await results.metrics(self.computed)).brokerage.totals
        return results.brokerage_roles(totals)

    @strawberry.field(description="The actors with their metrics, ranked (ties by actor id).")
    async def nodes(
        self,
        info: Info,
        order_by: Annotated[
            NetworkNodeOrder, strawberry.argument(description="What to rank by.")
        ] = NetworkNodeOrder.DEGREE,
        society: Annotated[
            Society | None, strawberry.argument(description="Only actors of this society.")
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> ListConnection[NetworkNode]:
        measure = str(order_by.value)
        wanted_society = None if society is None else str(society.value)
        if self.pages is not None:
            return await stored_nodes(
                info, self.pages, measure, wanted_society, first, after, last, before
            )
        analysis = await results.metrics(self.computed)
        keys = results.ranked(self.computed, analysis, measure)
        if society is not None:
            nodes, wanted = self.computed.graph.nodes, str(society.value)
            ranked = keys
            keys = self.computed.kept(
                ("ranked", measure, wanted),
                lambda: [k for k in ranked if nodes[k]["society"] == wanted],
            )
        return page_of(
            info,
            keys,
            lambda key: results.node(self.computed, analysis, key),
            lambda key: key,
            first=first,
            after=after,
            last=last,
            before=before,
        )

    @strawberry.field(description="The links, by their ends' ids.")
    async def links(
        self,
        info: Info,
        kind: Annotated[
            LinkKind | None, strawberry.argument(description="Only links carrying this kind.")
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> ListConnection[NetworkLink]:
        pairs = results.pairs(self.computed, None if kind is None else str(kind.value))
        analysis = await results.metrics(self.computed)
        return page_of(
            info,
            pairs,
            lambda pair: results.link(self.computed, analysis, pair),
            lambda pair: pair[0],
            first=first,
            after=after,
            last=last,
            before=before,
        )

    bridges = computed_list(
        NetworkLink, "Links whose loss would split a connected part in two.", _bridges
    )
    articulation_points = computed_list(
        NetworkNode, "Actors whose loss would split a connected part.", _articulation_points
    )
    clusters = computed_list(NetworkCluster, "Louvain clusters (seed 0), largest first.", _clusters)

    @strawberry.field(
        description=(
            "For a community: per society it reaches, the actors whose loss would cut it off "
            "from every actor of that society."
        )
    )
    async def gateways(self, community: ActorArg) -> list[SocietyGateway]:
        key = actor_key(self.computed, community, "community")
        analysis = await results.metrics(self.computed)
        return results.gateways(self.computed, analysis, key)

    @strawberry.field(description="A community's five-society linkage index.")
    async def linkage(self, community: ActorArg) -> Linkage:
        if self.pages is not None:
            return await stored_linkage(self.pages, community)
        key = community_key(self.computed, community, "community")
        analysis = await results.metrics(self.computed)
        found = await results.linkages(self.computed)
        return results.linkage(self.computed, analysis, found[key])

    @strawberry.field(
        description="Every community's linkage index, weakest first (ties by community id)."
    )
    async def linkages(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> ListConnection[Linkage]:
        if self.pages is not None:
            return await stored_linkages(info, self.pages, first, after, last, before)
        listed, make, ident = await _linkages(self)
        return page_of(
            info, listed, make, ident, first=first, after=after, last=last, before=before
        )

    @strawberry.field(
        description=(
            "Actors of a society a community is not linked with, ranked by the partners they "
            "share with it (Adamic–Adar); candidates sharing none are not suggested."
        )
    )
    async def suggestions(
        self,
        community: ActorArg,
        society: Annotated[Society, strawberry.argument(description="The society wanted.")],
        first: Annotated[
            int, strawberry.argument(description=f"How many, 1 to {MAX_SUGGESTIONS}.")
        ] = 5,
    ) -> list[PartnerSuggestion]:
        key = community_key(self.computed, community, "community")
        if not 1 <= first <= MAX_SUGGESTIONS:
            raise UserInputError(
                f"`first` must be between 1 and {MAX_SUGGESTIONS} (got {first})", argument="first"
            )
        analysis = await results.metrics(self.computed)
        return await results.suggestions(self.computed, analysis, key, str(society.value), first)

    @strawberry.field(
        description=(
            f"The network as of each of up to {MAX_DATES} dates (same scope and link kinds; "
            "the window is replaced by each date): its summary and, for a community, its "
            "linkage index, to see how the network changes year on year."
        )
    )
    async def timeline(
        self,
        info: Info,
        dates: Annotated[list[dt.date], strawberry.argument(description="The dates, in order.")],
        community: Annotated[
            relay.GlobalID | None,
            strawberry.argument(description="A community whose linkage to follow."),
        ] = None,
    ) -> list[NetworkMoment]:
        if self.pages is not None:  # before a job is queued for any date
            raise self.pages.too_large()
        if not 1 <= len(dates) <= MAX_DATES:
            raise UserInputError(
                f"`dates` must hold 1 to {MAX_DATES} dates (got {len(dates)})", argument="dates"
            )
        if dates != sorted(set(dates)):
            raise UserInputError("`dates` must be distinct and in order", argument="dates")
        key = None if community is None else community_key(self.computed, community, "community")
        networks = await timeline_of(info, TimelineRequest(self.request, tuple(dates)))
        snapshots = [(day, computed.graph) for day, computed in zip(dates, networks, strict=True)]
        changes = [m.change for m in await asyncio.to_thread(timeline, snapshots)]
        return [
            NetworkMoment(
                date=day,
                computed=computed,
                community_id=key,
                change=None if change is None else results.change(change, key),
            )
            for day, computed, change in zip(dates, networks, changes, strict=True)
        ]

    @strawberry.field(description="A path with the fewest links between two actors, if any.")
    async def shortest_path(self, source: ActorArg, target: ActorArg) -> NetworkPath | None:
        a = actor_key(self.computed, source, "source")
        b = actor_key(self.computed, target, "target")
        analysis = await results.metrics(self.computed)
        return await results.path(self.computed, analysis, a, b, strongest=False)

    @strawberry.field(
        description=f"The actors within `radius` links of an actor (1 to {MAX_RADIUS})."
    )
    async def ego(
        self,
        actor: ActorArg,
        radius: Annotated[int, strawberry.argument(description="Links out; default 1.")] = 1,
    ) -> EgoNetwork:
        centre = actor_key(self.computed, actor, "actor")
        if not 1 <= radius <= MAX_RADIUS:
            raise UserInputError(
                f"`radius` must be between 1 and {MAX_RADIUS} (got {radius})", argument="radius"
            )
        ego = await self.computed.run(lambda graph: paths.ego_network(graph, centre, radius))
        return EgoNetwork(radius=radius, computed=self.computed, ego=ego)

    @strawberry.field(
        description=(
            "The strongest path between two actors: the one whose links' weights, each over "
            "the heaviest link's, have the highest product."
        )
    )
    async def strongest_path(self, source: ActorArg, target: ActorArg) -> NetworkPath | None:
        a = actor_key(self.computed, source, "source")
        b = actor_key(self.computed, target, "target")
        analysis = await results.metrics(self.computed)
        return await results.path(self.computed, analysis, a, b, strongest=True)


@strawberry.type(description="The actors within some links of a centre, and the links among them.")
class EgoNetwork:
    radius: int = strawberry.field(description="How many links out it reaches.")
    computed: strawberry.Private[NetworkComputed]
    ego: strawberry.Private[paths.EgoNetwork]

    members = computed_list(
        EgoMember, "The actors by distance from the centre, then id.", _ego_members
    )
    links = computed_list(NetworkLink, "The links among its actors.", _ego_links)


@strawberry.type(description="The network as of one date.")
class NetworkMoment:
    date: dt.date = strawberry.field(description="The date.")
    computed: strawberry.Private[NetworkComputed]
    community_id: strawberry.Private[int | None]
    change: NetworkChange | None = strawberry.field(
        description="What changed since the previous date (null on the first)."
    )

    @strawberry.field(description="Its summary on that date.")
    async def summary(self) -> NetworkSummary:
        return results.summary(await self.computed.analysis())

    @strawberry.field(
        description="The community's linkage index on that date (null if it was not there)."
    )
    async def linkage(self) -> Linkage | None:
        if self.community_id is None or self.community_id not in self.computed.graph:
            return None
        analysis = await results.metrics(self.computed)
        found = await results.linkages(self.computed)
        return results.linkage(self.computed, analysis, found[self.community_id])


async def community_linkage(
    info: Info,
    community_id: int,
    window: NetworkWindow | None,
    kinds: list[LinkKind] | None,
) -> Linkage | None:
    """`Community.linkage`: the community's index in its county's network."""
    request = parse_request(None, window, kinds)
    loaders = info.context.loaders
    county = await loaders.county_by_community.load(community_id)
    if county is None:
        return None
    # Every community of the request in the same county reads one network, fetched once.
    county_request = dataclasses.replace(request, region_id=county)
    computed = await loaders.shared(county_request, lambda: cache_of(info).get(county_request))
    if community_id not in computed.graph:
        return None
    analysis = await results.metrics(computed)
    found = await results.linkages(computed)
    return results.linkage(computed, analysis, found[community_id])


def network_field() -> object:
    """The root `network` field."""

    async def resolve(
        info: Info,
        scope: ScopeArgument = None,
        window: WindowArgument = None,
        link_kinds: LinkKindsArgument = None,
        wait: Annotated[
            bool,
            strawberry.argument(
                description=(
                    "With analyses computed by workers: wait for the analysis of the current "
                    "data version instead of being served the previous one, marked `stale`."
                )
            ),
        ] = False,
    ) -> Network:
        request = parse_request(scope, window, link_kinds)
        served = await served_of(info, request, wait=wait, result=needs_analysis(info))
        return Network(request=request, served=served)

    return strawberry.field(
        resolver=resolve,
        description=(
            "The collaboration network of a scope and window, with its analyses: centrality, "
            "brokerage, fragility, clusters, paths and the five-society linkage index. Where "
            "workers compute analyses, one not stored yet is queued as a job (`job`), and "
            "the previous data version's is served meanwhile (`stale`). A scope "
            "holding more actors than the server allows (FIVESOC_MAX_NETWORK_ACTORS, 200,000 "
            "by default: a city fits, a province does not) is refused; where workers compute "
            "analyses, it is analysed by a worker and served by pages of what it stored "
            "(`summary`, `modularity`, `brokerage`, `nodes`, `linkage`, `linkages`; the other "
            "fields answer NETWORK_TOO_LARGE)."
        ),
    )
