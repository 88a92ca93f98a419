"""The root `Query` type."""

from __future__ import annotations

import asyncio
import inspect
from typing import Annotated, Any

import strawberry
from strawberry import relay
from strawberry.relay.types import GlobalIDValueError

from fivesoc.db import catalog, events, statistics
from fivesoc.db.listing import Keyed
from fivesoc.permissions import FOLLOW
from fivesoc.schema import filters as f
from fivesoc.schema import privacy
from fivesoc.schema.context import Info
from fivesoc.schema.errors import UserInputError
from fivesoc.schema.lists import SEARCH, root_list
from fivesoc.schema.network.query import network_field
from fivesoc.schema.pagination import After, Before, Connection, First, Last, connection
from fivesoc.schema.types.common import decode_id, load_one, page_args, root_connection
from fivesoc.schema.types.enums import RegionLevel
from fivesoc.schema.types.event import ChangeEvent
from fivesoc.schema.types.indicator import ReportedIndicator
from fivesoc.schema.types.region import Region
from fivesoc.schema.types.statistics import RegionStatistics

MAX_NODE_IDS = 100


async def resolve_node(info: Info, gid: relay.GlobalID) -> relay.Node | None:
    """The node a global id names: through its type's `resolve_nodes`, batched by loaders."""
    try:
        node_type = gid.resolve_type(info)
    except GlobalIDValueError:
        raise UserInputError(
            f"the id names a {gid.type_name!r}, which is not a type of this API", argument="id"
        ) from None
    found = node_type.resolve_nodes(info=info, node_ids=[gid.node_id], required=False)
    nodes = await found if inspect.isawaitable(found) else found
    [node] = list(nodes)
    return node


# The order input of the regions list (shared with the lists sorted by name alone).
REGION_ORDER: Any = f.order_input(catalog.REGIONS)


@strawberry.type(description="Reading the five-society network.")
class Query:
    @strawberry.field(
        description=(
            "Statistics of a region and every region below it for a period, computed from the "
            "records, beside the figures reported for that region and period."
        )
    )
    async def statistics(
        self,
        info: Info,
        region: Annotated[relay.GlobalID, strawberry.argument(description="The region.")],
        period: Annotated[
            f.DateRange, strawberry.argument(description="The period; both ends are needed.")
        ],
        include_illustrative: Annotated[
            bool,
            strawberry.argument(
                description=(
                    "Whether the breakdowns count illustrative records too (made-up resources "
                    "and funds, the certificate levels of stand-in workers); the indicators "
                    "give both sums either way."
                )
            ),
        ] = True,
    ) -> RegionStatistics:
        region_id = decode_id(region, "Region", "region")
        assert region_id is not None
        if period.start is None or period.end is None:
            raise UserInputError("`period` needs a start and an end", argument="period")
        period.check("period")
        row = await load_one(info, catalog.REGION, region_id)
        if row is None:
            raise UserInputError("`region` names no region", argument="region")
        pool = info.context.pool
        stats = await statistics.region_statistics(pool, region_id, period.start, period.end)
        counted = await statistics.region_statistics(
            pool, region_id, period.start, period.end, counted_only=True
        )
        reported = await statistics.reported_indicators(pool, region_id, period.start, period.end)
        return RegionStatistics.build(
            Region.from_record(row),
            period.start,
            period.end,
            stats if include_illustrative else counted,
            counted,
            [ReportedIndicator.from_record(indicator) for indicator in reported],
        )

    @strawberry.field(description="The object with this global id, or null if none has it.")
    async def node(
        self,
        info: Info,
        id: Annotated[relay.GlobalID, strawberry.argument(description="A global id.")],
    ) -> relay.Node | None:
        return await resolve_node(info, id)

    @strawberry.field(
        description="The objects with these global ids, in order; null where none has the id."
    )
    async def nodes(
        self,
        info: Info,
        ids: Annotated[
            list[relay.GlobalID],
            strawberry.argument(description=f"Global ids, at most {MAX_NODE_IDS}."),
        ],
    ) -> list[relay.Node | None]:
        if len(ids) > MAX_NODE_IDS:
            raise UserInputError(
                f"`ids` holds {len(ids)} ids, more than the limit of {MAX_NODE_IDS}",
                argument="ids",
            )
        return list(await asyncio.gather(*(resolve_node(info, gid) for gid in ids)))

    @strawberry.field(
        description=(
            "The change log: committed changes in the order a reader should take them. Follow "
            "`pageInfo.endCursor` with `after` to read on; no event is ever skipped."
        )
    )
    async def events(
        self,
        info: Info,
        filter: Annotated[
            f.EventFilter | None, strawberry.argument(description="Which events to list.")
        ] = None,
        first: First = None,
        after: After = None,
    ) -> Connection[ChangeEvent]:
        page = page_args(info, first, after, None, None)
        types = None if filter is None or filter.types is None else list(filter.types)
        region = None if filter is None else decode_id(filter.region, "Region", "filter.region")
        pool = info.context.pool
        position = None
        if page.after is not None:
            if page.after_mark is not None or not str(page.after[0]).isdigit():
                raise UserInputError(
                    "`after` is not a cursor of the change log; use one from `events`",
                    argument="after",
                )
            position = (str(page.after[0]), page.after[1])
        # Events about personal records reach only those who may read the record.
        scope = privacy.scope(info, FOLLOW)
        found = await events.read(
            pool, position, page.size + 1, types=types, region_id=region, personal_regions=scope
        )
        rows = [Keyed(event, event.position) for event in found]

        async def total() -> int:
            return await events.count(pool, types=types, region_id=region, personal_regions=scope)

        return connection(rows, page, ChangeEvent.from_event, count_total=total)

    @strawberry.field(
        description=(
            "Administrative regions. Without `parent`, `level` or `search`: the top of the "
            "tree (provinces)."
        )
    )
    async def regions(
        self,
        info: Info,
        parent: Annotated[
            relay.GlobalID | None,
            strawberry.argument(description="Only the regions directly below this region."),
        ] = None,
        level: Annotated[
            RegionLevel | None, strawberry.argument(description="Only regions of this level.")
        ] = None,
        search: SEARCH = None,
        order_by: Annotated[
            REGION_ORDER | None,
            strawberry.argument(description="Sort order; by id if unset."),
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Region]:
        page = page_args(info, first, after, last, before)
        parent_id = decode_id(parent, "Region", "parent")
        roots = parent_id is None and level is None and search is None
        filters: dict[str, object] = {
            "parent": parent_id,
            "level": None if level is None else level.value,
            "roots_only": True if roots else None,
        }
        return await root_connection(
            info,
            catalog.REGIONS,
            Region.from_record,
            page,
            filters,
            search=search,
            **f.order_args(order_by),
        )

    network = network_field()

    communities = root_list(
        catalog.COMMUNITIES,
        "Community",
        "Communities and villages.",
    )
    service_sites = root_list(
        catalog.SERVICE_SITES,
        "ServiceSite",
        "Service sites: stations, neighbourhood centres, complexes and more.",
    )
    organizations = root_list(
        catalog.ORGANIZATIONS,
        "Organization",
        "Social organizations, bureaus and other bodies.",
    )
    universities = root_list(
        catalog.UNIVERSITIES,
        "University",
        "Partner universities.",
    )
    agreements = root_list(
        catalog.AGREEMENTS,
        "Agreement",
        "Agreements between universities and local parties.",
    )
    social_workers = root_list(
        catalog.SOCIAL_WORKERS,
        "SocialWorker",
        "Social workers and community workers of the talent registry.",
    )
    volunteer_teams = root_list(
        catalog.VOLUNTEER_TEAMS,
        "VolunteerTeam",
        "Community volunteer teams.",
    )
    projects = root_list(
        catalog.PROJECTS,
        "Project",
        "Projects.",
    )
    activities = root_list(
        catalog.ACTIVITIES,
        "Activity",
        "Services and activities with their person-times.",
    )
    charity_resources = root_list(
        catalog.CHARITY_RESOURCES,
        "CharityResource",
        "Charity resources: funds, goods, services, venues.",
    )
    government_funds = root_list(
        catalog.GOVERNMENT_FUNDS,
        "GovernmentFund",
        "Government funds for social work (上级资金, 本级财政): not charity resources, and no "
        "actors of the network.",
    )
    practices = root_list(
        catalog.PRACTICES,
        "Practice",
        "Programmes, brands, working methods, services and platforms the sources name.",
    )
    policy_events = root_list(
        catalog.POLICY_EVENTS,
        "PolicyEvent",
        "Policy documents, notices, work plans, meetings and observances behind the work.",
    )
    collaboration_links = root_list(
        catalog.COLLABORATION_LINKS,
        "CollaborationLink",
        "Collaboration links between actors.",
    )
    door_knocking_campaigns = root_list(
        catalog.DOOR_KNOCKING_CAMPAIGNS,
        "DoorKnockingCampaign",
        "Door-knocking campaigns (敲门行动).",
    )
    reported_indicators = root_list(
        catalog.REPORTED_INDICATORS,
        "ReportedIndicator",
        "Figures published for a region and period, with their source.",
    )
    households = root_list(
        catalog.HOUSEHOLDS,
        "Household",
        "Vulnerable households (personal data: rows need a caseworker token for their region; "
        "totalCount is public).",
        guarded="households",
    )
    visits = root_list(
        catalog.VISITS,
        "Visit",
        "Door-knocking visits (personal data: rows need a caseworker token for their region; "
        "totalCount is public).",
        guarded="visits",
    )
    needs = root_list(
        catalog.NEEDS,
        "Need",
        "Needs found in households (personal data: rows need a caseworker token for their region; "
        "totalCount is public).",
        guarded="needs",
    )
