"""Door-knocking campaigns (敲门行动): the campaign itself; its households are guarded data."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from fivesoc.db import catalog, records
from fivesoc.schema.context import Info
from fivesoc.schema.pagination import After, Before, Connection, First, Last
from fivesoc.schema.types.common import Catalogued, page_args
from fivesoc.schema.types.fields import reference

if TYPE_CHECKING:
    from fivesoc.schema.types.household import Visit

_Visit = Annotated["Visit", strawberry.lazy("fivesoc.schema.types.household")]


@strawberry.type(
    description="A door-knocking campaign (敲门行动) visiting vulnerable households of a region."
)
class DoorKnockingCampaign(Catalogued, relay.Node):
    catalog_source = catalog.DOOR_KNOCKING_CAMPAIGN

    id: relay.NodeID[int]
    name: str = strawberry.field(description="Name of the campaign, e.g. 民政社工敲门行动.")
    starts_on: dt.date = strawberry.field(description="Date the campaign started.")
    ends_on: dt.date | None = strawberry.field(description="Date it ended; null while it runs.")
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
        )

    region = reference("region_id", catalog.REGION, "Region", "The region the campaign covers.")

    @strawberry.field(description="Visits made in the campaign (personal data; counts are public).")
    async def visits(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[_Visit]:
        from fivesoc.schema.types.household import Visit, guarded_children

        page = page_args(info, first, after, last, before)
        return await guarded_children(
            info, catalog.CAMPAIGN_VISITS, self.id, Visit.from_record, page, "visits"
        )

    organizer = reference(
        "organizer_id",
        catalog.ORGANIZATION,
        "Organization",
        "The organization that runs the campaign.",
        optional=True,
    )
