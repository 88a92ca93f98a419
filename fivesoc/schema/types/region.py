"""Administrative regions as a tree."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from fivesoc.db import catalog, records
from fivesoc.schema.context import Info
from fivesoc.schema.pagination import After, Before, Connection, First, Last
from fivesoc.schema.types.common import child_connection, load_nodes, load_one, page_args
from fivesoc.schema.types.enums import RegionLevel

if TYPE_CHECKING:
    from fivesoc.schema.types.community import Community
    from fivesoc.schema.types.indicator import ReportedIndicator
    from fivesoc.schema.types.site import ServiceSite

_Community = Annotated["Community", strawberry.lazy("fivesoc.schema.types.community")]
_ServiceSite = Annotated["ServiceSite", strawberry.lazy("fivesoc.schema.types.site")]
_Indicator = Annotated["ReportedIndicator", strawberry.lazy("fivesoc.schema.types.indicator")]


@strawberry.type(description="An administrative region: province, city, county or township.")
class Region(relay.Node):
    id: relay.NodeID[int]
    name: str = strawberry.field(description="Official name, e.g. 德清县.")
    level: RegionLevel = strawberry.field(description="Level in the administrative tree.")
    depth: int = strawberry.field(description="Distance from the province: 0 for a province.")
    parent_id: strawberry.Private[int | None]

    @classmethod
    def from_record(cls, row: records.Region) -> Region:
        return cls(
            id=row.id,
            name=row.name,
            level=RegionLevel(row.level),
            depth=row.depth,
            parent_id=row.parent_id,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Region | None]:
        return await load_nodes(info, catalog.REGION, cls.from_record, node_ids, required=required)

    @strawberry.field(description="The region this one belongs to; null for a province.")
    async def parent(self, info: Info) -> Region | None:
        if self.parent_id is None:
            return None
        row = await load_one(info, catalog.REGION, self.parent_id)
        return None if row is None else Region.from_record(row)

    @strawberry.field(description="Regions directly below this one, in id order.")
    async def children(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Region]:
        page = page_args(info, first, after, last, before)
        return await child_connection(
            info, catalog.REGION_CHILDREN, self.id, Region.from_record, page
        )

    @strawberry.field(description="Communities and villages in this region and every region below.")
    async def communities(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[_Community]:
        from fivesoc.schema.types.community import Community

        page = page_args(info, first, after, last, before)
        return await child_connection(
            info, catalog.REGION_COMMUNITIES, self.id, Community.from_record, page
        )

    @strawberry.field(description="Service sites in this region and every region below.")
    async def service_sites(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[_ServiceSite]:
        from fivesoc.schema.types.site import ServiceSite

        page = page_args(info, first, after, last, before)
        return await child_connection(
            info, catalog.REGION_SERVICE_SITES, self.id, ServiceSite.from_record, page
        )

    @strawberry.field(description="Figures published about this region (not its subregions).")
    async def reported_indicators(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[_Indicator]:
        from fivesoc.schema.types.indicator import ReportedIndicator

        page = page_args(info, first, after, last, before)
        return await child_connection(
            info, catalog.REGION_INDICATORS, self.id, ReportedIndicator.from_record, page
        )
