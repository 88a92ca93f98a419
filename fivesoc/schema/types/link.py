"""Collaboration links between actors, as data: who, with whom, how, since when, on what."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry import relay

from fivesoc.db import records
from fivesoc.schema.context import Info
from fivesoc.schema.errors import UserInputError
from fivesoc.schema.types.actor import Actor, resolve_actor
from fivesoc.schema.types.common import Catalogued
from fivesoc.schema.types.node import node


@node(records.CollaborationLink)
class CollaborationLink(Catalogued, relay.Node):
    @strawberry.field(description="The end of the link that is not the given actor: its partner.")
    async def partner_of(
        self,
        info: Info,
        actor: Annotated[relay.GlobalID, strawberry.argument(description="One end of the link.")],
    ) -> Actor:
        ends = {
            str(self.record.source_id): self.record.target_id,
            str(self.record.target_id): self.record.source_id,
        }
        if actor.node_id not in ends:
            raise UserInputError("`actor` is not an end of this link", argument="actor")
        partner = await resolve_actor(info, ends[actor.node_id])
        assert partner is not None, "link ends are foreign keys"
        return partner
