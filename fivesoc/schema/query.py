"""The root `Query` type."""

from __future__ import annotations

import asyncio
import inspect
from typing import Annotated

import strawberry
from strawberry import relay
from strawberry.relay.types import GlobalIDValueError

from fivesoc.db import catalog
from fivesoc.schema.context import Info
from fivesoc.schema.errors import UserInputError
from fivesoc.schema.pagination import After, Before, Connection, First, Last
from fivesoc.schema.types.campaign import DoorKnockingCampaign
from fivesoc.schema.types.common import decode_id, page_args, root_connection
from fivesoc.schema.types.community import Community
from fivesoc.schema.types.enums import (
    CommunityKind,
    OrganizationKind,
    RegionLevel,
    ServiceSiteKind,
)
from fivesoc.schema.types.indicator import ReportedIndicator
from fivesoc.schema.types.organization import Agreement, Organization, University
from fivesoc.schema.types.region import Region
from fivesoc.schema.types.site import ServiceSite

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


InRegion = Annotated[
    relay.GlobalID | None,
    strawberry.argument(description="Only what lies in this region or any region below it."),
]


@strawberry.type(description="Reading the five-society network.")
class Query:
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
            "Administrative regions. Without `parent` or `level`: the top of the tree (provinces)."
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
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Region]:
        page = page_args(info, first, after, last, before)
        parent_id = decode_id(parent, "Region", "parent")
        filters: dict[str, object] = {
            "parent": parent_id,
            "level": None if level is None else level.value,
            "roots_only": True if parent_id is None and level is None else None,
        }
        return await root_connection(info, catalog.REGIONS, Region.from_record, page, filters)

    @strawberry.field(description="Communities and villages, optionally within a region's subtree.")
    async def communities(
        self,
        info: Info,
        region: InRegion = None,
        kind: Annotated[
            CommunityKind | None, strawberry.argument(description="Only communities of this kind.")
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Community]:
        page = page_args(info, first, after, last, before)
        filters = {
            "region": decode_id(region, "Region", "region"),
            "kind": None if kind is None else kind.value,
        }
        return await root_connection(
            info, catalog.COMMUNITIES, Community.from_record, page, filters
        )

    @strawberry.field(
        description="Service sites, optionally within a region's subtree and of a kind."
    )
    async def service_sites(
        self,
        info: Info,
        region: InRegion = None,
        kind: Annotated[
            ServiceSiteKind | None, strawberry.argument(description="Only sites of this kind.")
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[ServiceSite]:
        page = page_args(info, first, after, last, before)
        filters = {
            "region": decode_id(region, "Region", "region"),
            "kind": None if kind is None else kind.value,
        }
        return await root_connection(
            info, catalog.SERVICE_SITES, ServiceSite.from_record, page, filters
        )

    @strawberry.field(
        description="Reported indicators, optionally within a region's subtree and for one metric."
    )
    async def reported_indicators(
        self,
        info: Info,
        region: InRegion = None,
        metric: Annotated[
            str | None,
            strawberry.argument(
                description="Only figures of this metric, e.g. `social_work_stations`."
            ),
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[ReportedIndicator]:
        page = page_args(info, first, after, last, before)
        filters = {"region": decode_id(region, "Region", "region"), "metric": metric}
        return await root_connection(
            info, catalog.REPORTED_INDICATORS, ReportedIndicator.from_record, page, filters
        )

    @strawberry.field(
        description="Organizations, optionally within a region's subtree and of a kind."
    )
    async def organizations(
        self,
        info: Info,
        region: InRegion = None,
        kind: Annotated[
            OrganizationKind | None,
            strawberry.argument(description="Only organizations of this kind."),
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Organization]:
        page = page_args(info, first, after, last, before)
        filters = {
            "region": decode_id(region, "Region", "region"),
            "kind": None if kind is None else kind.value,
        }
        return await root_connection(
            info, catalog.ORGANIZATIONS, Organization.from_record, page, filters
        )

    @strawberry.field(description="Partner universities, optionally within a region's subtree.")
    async def universities(
        self,
        info: Info,
        region: InRegion = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[University]:
        page = page_args(info, first, after, last, before)
        filters = {"region": decode_id(region, "Region", "region")}
        return await root_connection(
            info, catalog.UNIVERSITIES, University.from_record, page, filters
        )

    @strawberry.field(description="Agreements, optionally covering a region's subtree.")
    async def agreements(
        self,
        info: Info,
        region: InRegion = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Agreement]:
        page = page_args(info, first, after, last, before)
        filters = {"region": decode_id(region, "Region", "region")}
        return await root_connection(info, catalog.AGREEMENTS, Agreement.from_record, page, filters)

    @strawberry.field(description="Door-knocking campaigns, optionally within a region's subtree.")
    async def door_knocking_campaigns(
        self,
        info: Info,
        region: InRegion = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[DoorKnockingCampaign]:
        page = page_args(info, first, after, last, before)
        filters = {"region": decode_id(region, "Region", "region")}
        return await root_connection(
            info, catalog.DOOR_KNOCKING_CAMPAIGNS, DoorKnockingCampaign.from_record, page, filters
        )
