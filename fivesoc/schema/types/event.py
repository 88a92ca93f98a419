"""The change log as a connection of events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import cast

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from fivesoc.db import catalog, events
from fivesoc.permissions import FOLLOW
from fivesoc.schema import privacy
from fivesoc.schema.context import Info
from fivesoc.schema.types.common import row_key
from fivesoc.schema.types.fields import reference


@strawberry.type(description="A committed change: what changed, where, when, and a summary.")
class ChangeEvent(relay.Node):
    id: relay.NodeID[int]
    type: str = strawberry.field(description="What happened, e.g. `project_update.posted`.")
    entity_id: relay.GlobalID = strawberry.field(description="Global id of what changed.")
    summary: JSON = strawberry.field(description="What changed, in a few fields.")
    occurred_at: dt.datetime = strawberry.field(description="When the change was committed.")
    region_id: strawberry.Private[int | None]

    @classmethod
    def from_event(cls, event: events.Event) -> ChangeEvent:
        return cls(
            id=event.id,
            type=event.type,
            entity_id=relay.GlobalID(event.entity_type, str(event.entity_id)),
            summary=cast(JSON, dict(event.summary)),
            occurred_at=event.occurred_at,
            region_id=event.region_id,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[ChangeEvent | None]:
        node_ids = list(node_ids)
        keys = [row_key(node_id) for node_id in node_ids]
        found = await events.by_ids(
            info.context.pool,
            [key for key in keys if key is not None],
            personal_regions=privacy.scope(info, FOLLOW),
        )
        return [cls.from_event(found[key]) if key in found else None for key in keys]

    region = reference(
        "region_id", catalog.REGION, "Region", "The region the change belongs to.", optional=True
    )
