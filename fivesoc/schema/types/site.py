"""Service sites: social-work stations, neighbourhood centres, service complexes and more."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from fivesoc.db import catalog, records
from fivesoc.schema.context import Info
from fivesoc.schema.pagination import After, Before, Connection, First, Last
from fivesoc.schema.types.common import child_connection, load_nodes, load_one, page_args
from fivesoc.schema.types.community import Community
from fivesoc.schema.types.enums import ServiceSiteKind
from fivesoc.schema.types.region import Region

if TYPE_CHECKING:
    from fivesoc.schema.types.project import Activity
    from fivesoc.schema.types.worker import SocialWorker

_Worker = Annotated["SocialWorker", strawberry.lazy("fivesoc.schema.types.worker")]
_Activity = Annotated["Activity", strawberry.lazy("fivesoc.schema.types.project")]


@strawberry.type(description="A place where services are delivered, e.g. a social-work station.")
class ServiceSite(relay.Node):
    id: relay.NodeID[int]
    kind: ServiceSiteKind = strawberry.field(description="What kind of site it is.")
    name: str = strawberry.field(description="Name, unique within its region and kind.")
    opened_on: dt.date | None = strawberry.field(description="Date the site opened, where known.")
    closed_on: dt.date | None = strawberry.field(description="Date the site closed, if it did.")
    is_illustrative: bool = strawberry.field(
        description="True when the source counts this site but does not name it."
    )
    region_id: strawberry.Private[int]
    community_id: strawberry.Private[int | None]

    @classmethod
    def from_record(cls, row: records.ServiceSite) -> ServiceSite:
        return cls(
            id=row.id,
            kind=ServiceSiteKind(row.kind),
            name=row.name,
            opened_on=row.opened_on,
            closed_on=row.closed_on,
            is_illustrative=row.is_illustrative,
            region_id=row.region_id,
            community_id=row.community_id,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[ServiceSite | None]:
        return await load_nodes(
            info, catalog.SERVICE_SITE, cls.from_record, node_ids, required=required
        )

    @strawberry.field(description="The region the site serves (usually a township).")
    async def region(self, info: Info) -> Region:
        row = await load_one(info, catalog.REGION, self.region_id)
        assert row is not None, "region_id is a foreign key"
        return Region.from_record(row)

    @strawberry.field(description="Social workers based at the site (for a station).")
    async def social_workers(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[_Worker]:
        from fivesoc.schema.types.worker import SocialWorker

        page = page_args(info, first, after, last, before)
        return await child_connection(
            info, catalog.STATION_SOCIAL_WORKERS, self.id, SocialWorker.from_record, page
        )

    @strawberry.field(description="Services and activities held at the site, newest first.")
    async def activities(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[_Activity]:
        from fivesoc.schema.types.project import Activity

        page = page_args(info, first, after, last, before)
        return await child_connection(
            info, catalog.SITE_ACTIVITIES, self.id, Activity.from_record, page
        )

    @strawberry.field(description="The community the site stands in, if it stands in one.")
    async def community(self, info: Info) -> Community | None:
        if self.community_id is None:
            return None
        row = await load_one(info, catalog.COMMUNITY, self.community_id)
        return None if row is None else Community.from_record(row)
