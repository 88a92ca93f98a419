"""The root `Query` type."""

from __future__ import annotations

import asyncio
import inspect
from typing import Annotated

import strawberry
from strawberry import relay
from strawberry.relay.types import GlobalIDValueError

from fivesoc.db import catalog, statistics
from fivesoc.schema import filters as f
from fivesoc.schema.context import Info
from fivesoc.schema.errors import UserInputError
from fivesoc.schema.pagination import After, Before, Connection, First, Last
from fivesoc.schema.types.campaign import DoorKnockingCampaign
from fivesoc.schema.types.common import decode_id, load_one, page_args, root_connection
from fivesoc.schema.types.community import Community
from fivesoc.schema.types.enums import RegionLevel
from fivesoc.schema.types.household import Household, Need, Visit, guarded_list
from fivesoc.schema.types.indicator import ReportedIndicator
from fivesoc.schema.types.link import CollaborationLink
from fivesoc.schema.types.organization import Agreement, Organization, University
from fivesoc.schema.types.project import Activity, Project
from fivesoc.schema.types.region import Region
from fivesoc.schema.types.resource import CharityResource
from fivesoc.schema.types.site import ServiceSite
from fivesoc.schema.types.statistics import RegionStatistics
from fivesoc.schema.types.volunteer import VolunteerTeam
from fivesoc.schema.types.worker import SocialWorker

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


SEARCH = Annotated[
    str | None,
    strawberry.argument(
        description="Rank by similarity of the name to this text (works for Chinese text)."
    ),
]


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
        reported = await statistics.reported_indicators(pool, region_id, period.start, period.end)
        return RegionStatistics.build(
            Region.from_record(row),
            period.start,
            period.end,
            stats,
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
            f.NameOrder | None, strawberry.argument(description="Sort order; by id if unset.")
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

    @strawberry.field(description="Communities and villages.")
    async def communities(
        self,
        info: Info,
        filter: Annotated[
            f.CommunityFilter | None, strawberry.argument(description="Which items to list.")
        ] = None,
        search: SEARCH = None,
        order_by: Annotated[
            f.CommunityOrder | None, strawberry.argument(description="Sort order; by id if unset.")
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Community]:
        page = page_args(info, first, after, last, before)
        return await root_connection(
            info,
            catalog.COMMUNITIES,
            Community.from_record,
            page,
            {} if filter is None else filter.values(),
            search=search,
            **f.order_args(order_by),
        )

    @strawberry.field(
        description="Service sites: stations, neighbourhood centres, complexes and more."
    )
    async def service_sites(
        self,
        info: Info,
        filter: Annotated[
            f.ServiceSiteFilter | None, strawberry.argument(description="Which items to list.")
        ] = None,
        search: SEARCH = None,
        order_by: Annotated[
            f.NameOrder | None, strawberry.argument(description="Sort order; by id if unset.")
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[ServiceSite]:
        page = page_args(info, first, after, last, before)
        return await root_connection(
            info,
            catalog.SERVICE_SITES,
            ServiceSite.from_record,
            page,
            {} if filter is None else filter.values(),
            search=search,
            **f.order_args(order_by),
        )

    @strawberry.field(description="Social organizations, bureaus and other bodies.")
    async def organizations(
        self,
        info: Info,
        filter: Annotated[
            f.OrganizationFilter | None, strawberry.argument(description="Which items to list.")
        ] = None,
        search: SEARCH = None,
        order_by: Annotated[
            f.NameOrder | None, strawberry.argument(description="Sort order; by id if unset.")
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Organization]:
        page = page_args(info, first, after, last, before)
        return await root_connection(
            info,
            catalog.ORGANIZATIONS,
            Organization.from_record,
            page,
            {} if filter is None else filter.values(),
            search=search,
            **f.order_args(order_by),
        )

    @strawberry.field(description="Partner universities.")
    async def universities(
        self,
        info: Info,
        filter: Annotated[
            f.RegionScopeFilter | None, strawberry.argument(description="Which items to list.")
        ] = None,
        search: SEARCH = None,
        order_by: Annotated[
            f.NameOrder | None, strawberry.argument(description="Sort order; by id if unset.")
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[University]:
        page = page_args(info, first, after, last, before)
        return await root_connection(
            info,
            catalog.UNIVERSITIES,
            University.from_record,
            page,
            {} if filter is None else filter.values(),
            search=search,
            **f.order_args(order_by),
        )

    @strawberry.field(description="Agreements between universities and local parties.")
    async def agreements(
        self,
        info: Info,
        filter: Annotated[
            f.RegionScopeFilter | None, strawberry.argument(description="Which items to list.")
        ] = None,
        search: SEARCH = None,
        order_by: Annotated[
            f.AgreementOrder | None, strawberry.argument(description="Sort order; by id if unset.")
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Agreement]:
        page = page_args(info, first, after, last, before)
        return await root_connection(
            info,
            catalog.AGREEMENTS,
            Agreement.from_record,
            page,
            {} if filter is None else filter.values(),
            search=search,
            **f.order_args(order_by),
        )

    @strawberry.field(description="Social workers and community workers of the talent registry.")
    async def social_workers(
        self,
        info: Info,
        filter: Annotated[
            f.SocialWorkerFilter | None, strawberry.argument(description="Which items to list.")
        ] = None,
        search: SEARCH = None,
        order_by: Annotated[
            f.SocialWorkerOrder | None,
            strawberry.argument(description="Sort order; by id if unset."),
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[SocialWorker]:
        page = page_args(info, first, after, last, before)
        return await root_connection(
            info,
            catalog.SOCIAL_WORKERS,
            SocialWorker.from_record,
            page,
            {} if filter is None else filter.values(),
            search=search,
            **f.order_args(order_by),
        )

    @strawberry.field(description="Community volunteer teams.")
    async def volunteer_teams(
        self,
        info: Info,
        filter: Annotated[
            f.VolunteerTeamFilter | None, strawberry.argument(description="Which items to list.")
        ] = None,
        search: SEARCH = None,
        order_by: Annotated[
            f.NameOrder | None, strawberry.argument(description="Sort order; by id if unset.")
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[VolunteerTeam]:
        page = page_args(info, first, after, last, before)
        return await root_connection(
            info,
            catalog.VOLUNTEER_TEAMS,
            VolunteerTeam.from_record,
            page,
            {} if filter is None else filter.values(),
            search=search,
            **f.order_args(order_by),
        )

    @strawberry.field(description="Projects.")
    async def projects(
        self,
        info: Info,
        filter: Annotated[
            f.ProjectFilter | None, strawberry.argument(description="Which items to list.")
        ] = None,
        search: SEARCH = None,
        order_by: Annotated[
            f.ProjectOrder | None, strawberry.argument(description="Sort order; by id if unset.")
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Project]:
        page = page_args(info, first, after, last, before)
        return await root_connection(
            info,
            catalog.PROJECTS,
            Project.from_record,
            page,
            {} if filter is None else filter.values(),
            search=search,
            **f.order_args(order_by),
        )

    @strawberry.field(description="Services and activities with their person-times.")
    async def activities(
        self,
        info: Info,
        filter: Annotated[
            f.ActivityFilter | None, strawberry.argument(description="Which items to list.")
        ] = None,
        search: SEARCH = None,
        order_by: Annotated[
            f.ActivityOrder | None, strawberry.argument(description="Sort order; by id if unset.")
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Activity]:
        page = page_args(info, first, after, last, before)
        return await root_connection(
            info,
            catalog.ACTIVITIES,
            Activity.from_record,
            page,
            {} if filter is None else filter.values(),
            search=search,
            **f.order_args(order_by),
        )

    @strawberry.field(description="Charity resources: funds, goods, services, venues.")
    async def charity_resources(
        self,
        info: Info,
        filter: Annotated[
            f.CharityResourceFilter | None, strawberry.argument(description="Which items to list.")
        ] = None,
        search: SEARCH = None,
        order_by: Annotated[
            f.CharityResourceOrder | None,
            strawberry.argument(description="Sort order; by id if unset."),
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[CharityResource]:
        page = page_args(info, first, after, last, before)
        return await root_connection(
            info,
            catalog.CHARITY_RESOURCES,
            CharityResource.from_record,
            page,
            {} if filter is None else filter.values(),
            search=search,
            **f.order_args(order_by),
        )

    @strawberry.field(description="Collaboration links between actors.")
    async def collaboration_links(
        self,
        info: Info,
        filter: Annotated[
            f.LinkFilter | None, strawberry.argument(description="Which items to list.")
        ] = None,
        order_by: Annotated[
            f.LinkOrder | None, strawberry.argument(description="Sort order; by id if unset.")
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[CollaborationLink]:
        page = page_args(info, first, after, last, before)
        return await root_connection(
            info,
            catalog.COLLABORATION_LINKS,
            CollaborationLink.from_record,
            page,
            {} if filter is None else filter.values(),
            **f.order_args(order_by),
        )

    @strawberry.field(description="Door-knocking campaigns (敲门行动).")
    async def door_knocking_campaigns(
        self,
        info: Info,
        filter: Annotated[
            f.RegionScopeFilter | None, strawberry.argument(description="Which items to list.")
        ] = None,
        order_by: Annotated[
            f.CampaignOrder | None, strawberry.argument(description="Sort order; by id if unset.")
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[DoorKnockingCampaign]:
        page = page_args(info, first, after, last, before)
        return await root_connection(
            info,
            catalog.DOOR_KNOCKING_CAMPAIGNS,
            DoorKnockingCampaign.from_record,
            page,
            {} if filter is None else filter.values(),
            **f.order_args(order_by),
        )

    @strawberry.field(description="Figures published for a region and period, with their source.")
    async def reported_indicators(
        self,
        info: Info,
        filter: Annotated[
            f.IndicatorFilter | None, strawberry.argument(description="Which items to list.")
        ] = None,
        order_by: Annotated[
            f.IndicatorOrder | None, strawberry.argument(description="Sort order; by id if unset.")
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[ReportedIndicator]:
        page = page_args(info, first, after, last, before)
        return await root_connection(
            info,
            catalog.REPORTED_INDICATORS,
            ReportedIndicator.from_record,
            page,
            {} if filter is None else filter.values(),
            **f.order_args(order_by),
        )

    @strawberry.field(
        description=(
            "Vulnerable households (personal data: rows need a caseworker token for their "
            "region; totalCount is public)."
        )
    )
    async def households(
        self,
        info: Info,
        filter: Annotated[
            f.HouseholdFilter | None, strawberry.argument(description="Which items to list.")
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Household]:
        page = page_args(info, first, after, last, before)
        return await guarded_list(
            info,
            catalog.HOUSEHOLDS,
            Household.from_record,
            page,
            {} if filter is None else filter.values(),
            "households",
        )

    @strawberry.field(
        description=(
            "Door-knocking visits (personal data: rows need a caseworker token for their "
            "region; totalCount is public)."
        )
    )
    async def visits(
        self,
        info: Info,
        filter: Annotated[
            f.VisitFilter | None, strawberry.argument(description="Which items to list.")
        ] = None,
        order_by: Annotated[
            f.VisitOrder | None, strawberry.argument(description="Sort order; by id if unset.")
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Visit]:
        page = page_args(info, first, after, last, before)
        return await guarded_list(
            info,
            catalog.VISITS,
            Visit.from_record,
            page,
            {} if filter is None else filter.values(),
            "visits",
            **f.order_args(order_by),
        )

    @strawberry.field(
        description=(
            "Needs found in households (personal data: rows need a caseworker token for their "
            "region; totalCount is public)."
        )
    )
    async def needs(
        self,
        info: Info,
        filter: Annotated[
            f.NeedFilter | None, strawberry.argument(description="Which items to list.")
        ] = None,
        order_by: Annotated[
            f.NeedOrder | None, strawberry.argument(description="Sort order; by id if unset.")
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Need]:
        page = page_args(info, first, after, last, before)
        return await guarded_list(
            info,
            catalog.NEEDS,
            Need.from_record,
            page,
            {} if filter is None else filter.values(),
            "needs",
            **f.order_args(order_by),
        )
