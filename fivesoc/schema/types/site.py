"""Service sites: social-work stations, neighbourhood centres, service complexes and more."""

from __future__ import annotations

import datetime as dt

import strawberry
from strawberry import relay

from fivesoc.db import catalog, records
from fivesoc.schema.types.common import Catalogued
from fivesoc.schema.types.enums import ServiceSiteKind
from fivesoc.schema.types.fields import reference, related_list


@strawberry.type(description="A place where services are delivered, e.g. a social-work station.")
class ServiceSite(Catalogued, relay.Node):
    catalog_source = catalog.SERVICE_SITE

    id: relay.NodeID[int]
    kind: ServiceSiteKind = strawberry.field(description="What kind of site it is.")
    name: str = strawberry.field(description="Name, unique within its region and kind.")
    opened_on: dt.date | None = strawberry.field(description="Date the site opened, where known.")
    closed_on: dt.date | None = strawberry.field(description="Date the site closed, if it did.")
    is_illustrative: bool = strawberry.field(
        description="True when the source counts this site but does not name it."
    )
    version: int = strawberry.field(
        description="Grows by one with every change; name it as `expectedVersion` to change this."
    )
    archived_at: dt.datetime | None = strawberry.field(
        description="When this was archived (still readable by id, left out of root lists)."
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
            version=row.version,
            archived_at=row.archived_at,
        )

    region = reference(
        "region_id", catalog.REGION, "Region", "The region the site serves (usually a township)."
    )

    social_workers = related_list(
        catalog.STATION_SOCIAL_WORKERS,
        "SocialWorker",
        "Social workers based at the site (for a station).",
    )

    activities = related_list(
        catalog.SITE_ACTIVITIES,
        "Activity",
        "Services and activities held at the site, newest first.",
    )

    community = reference(
        "community_id",
        catalog.COMMUNITY,
        "Community",
        "The community the site stands in, if it stands in one.",
        optional=True,
    )
