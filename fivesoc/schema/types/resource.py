"""Charity resources and where they were allocated; government funds beside them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from fivesoc.db import catalog, records
from fivesoc.schema.context import Info
from fivesoc.schema.types.actor import Actor
from fivesoc.schema.types.common import Catalogued
from fivesoc.schema.types.fields import related_list
from fivesoc.schema.types.node import node

if TYPE_CHECKING:
    from fivesoc.schema.types.household import Need

_Need = Annotated["Need", strawberry.lazy("fivesoc.schema.types.household")]


@node(records.CharityResource)
class CharityResource(Catalogued, Actor):
    allocations = related_list(
        catalog.RESOURCE_ALLOCATIONS, "ResourceAllocation", "Where the resource went."
    )


@node(records.ResourceAllocation)
class ResourceAllocation(Catalogued, relay.Node):
    @strawberry.field(description="The household need it went to (personal data), if a need.")
    async def need(self, info: Info) -> _Need | None:
        from fivesoc.schema.types.household import Need, guarded_one

        if self.record.need_id is None:
            return None
        return await guarded_one(info, catalog.NEED, self.record.need_id, Need.from_record, "needs")


@node(records.GovernmentFund)
class GovernmentFund(Catalogued, relay.Node):
    pass
