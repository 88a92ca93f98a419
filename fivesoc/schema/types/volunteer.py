"""Volunteer teams and volunteers; a volunteer's name is personal data."""

from __future__ import annotations

import strawberry
from strawberry import relay

from fivesoc.db import catalog, records
from fivesoc.schema.context import Info
from fivesoc.schema.privacy import require_personal
from fivesoc.schema.types.actor import Actor
from fivesoc.schema.types.common import Catalogued
from fivesoc.schema.types.fields import related_list
from fivesoc.schema.types.node import node


@node(records.VolunteerTeam)
class VolunteerTeam(Catalogued, Actor):
    volunteers = related_list(catalog.TEAM_VOLUNTEERS, "Volunteer", "The team's volunteers.")


@node(records.Volunteer)
class Volunteer(Catalogued, relay.Node):
    @strawberry.field(description="Full name: needs a caseworker token for the volunteer's region.")
    async def full_name(self, info: Info) -> str:
        await require_personal(info, [self.record.region_id], "volunteers' names")
        return str(self.record.full_name)
