"""Door-knocking campaigns (敲门行动): the campaign itself; its households are guarded data."""

from __future__ import annotations

import datetime as dt

import strawberry
from strawberry import relay

from fivesoc.db import catalog, records
from fivesoc.schema.types.common import Catalogued
from fivesoc.schema.types.fields import reference, related_list


@strawberry.type(
    description="A door-knocking campaign (敲门行动) visiting vulnerable households of a region."
)
class DoorKnockingCampaign(Catalogued, relay.Node):
    catalog_source = catalog.DOOR_KNOCKING_CAMPAIGN

    id: relay.NodeID[int]
    name: str = strawberry.field(description="Name of the campaign, e.g. 民政社工敲门行动.")
    starts_on: dt.date = strawberry.field(description="Date the campaign started.")
    ends_on: dt.date | None = strawberry.field(description="Date it ended; null while it runs.")
    version: int = strawberry.field(
        description="Grows by one with every change; name it as `expectedVersion` to change this."
    )
    archived_at: dt.datetime | None = strawberry.field(
        description="When this was archived (still readable by id, left out of root lists)."
    )
    region_id: strawberry.Private[int]
    organizer_id: strawberry.Private[int | None]

    @classmethod
    def from_record(cls, row: records.DoorKnockingCampaign) -> DoorKnockingCampaign:
        return cls(
            id=row.id,
            name=row.name,
            starts_on=row.starts_on,
            ends_on=row.ends_on,
            region_id=row.region_id,
            organizer_id=row.organizer_id,
            version=row.version,
            archived_at=row.archived_at,
        )

    region = reference("region_id", catalog.REGION, "Region", "The region the campaign covers.")

    visits = related_list(
        catalog.CAMPAIGN_VISITS,
        "Visit",
        "Visits made in the campaign (personal data; counts are public).",
        guarded="visits",
    )

    organizer = reference(
        "organizer_id",
        catalog.ORGANIZATION,
        "Organization",
        "The organization that runs the campaign.",
        optional=True,
    )
