"""Volunteer teams and volunteers; a volunteer's name is personal data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import strawberry
from strawberry import relay

from fivesoc.db import catalog, records
from fivesoc.schema.context import Info
from fivesoc.schema.pagination import After, Before, Connection, First, Last
from fivesoc.schema.privacy import require_personal
from fivesoc.schema.types.actor import Actor
from fivesoc.schema.types.common import child_connection, load_nodes, load_one, page_args
from fivesoc.schema.types.community import Community
from fivesoc.schema.types.enums import Society
from fivesoc.schema.types.region import Region


@strawberry.type(description="A community volunteer team (志愿服务队): the supplement.")
class VolunteerTeam(Actor):
    founded_on: dt.date | None = strawberry.field(description="Date it was founded.")
    is_illustrative: bool = strawberry.field(
        description="True when the source counts this team but does not name it."
    )
    region_id: strawberry.Private[int]
    community_id: strawberry.Private[int | None]

    @classmethod
    def from_record(cls, row: records.VolunteerTeam) -> VolunteerTeam:
        return cls(
            id=row.id,
            name=row.name,
            society=Society.VOLUNTEER,
            founded_on=row.founded_on,
            is_illustrative=row.is_illustrative,
            region_id=row.region_id,
            community_id=row.community_id,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[VolunteerTeam | None]:
        return await load_nodes(
            info, catalog.VOLUNTEER_TEAM, cls.from_record, node_ids, required=required
        )

    @strawberry.field(description="The region the team is registered in.")
    async def region(self, info: Info) -> Region:
        row = await load_one(info, catalog.REGION, self.region_id)
        assert row is not None, "region_id is a foreign key"
        return Region.from_record(row)

    @strawberry.field(description="The community the team is based in.")
    async def community(self, info: Info) -> Community | None:
        if self.community_id is None:
            return None
        row = await load_one(info, catalog.COMMUNITY, self.community_id)
        return None if row is None else Community.from_record(row)

    @strawberry.field(description="The team's volunteers.")
    async def volunteers(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Volunteer]:
        page = page_args(info, first, after, last, before)
        return await child_connection(
            info, catalog.TEAM_VOLUNTEERS, self.id, Volunteer.from_record, page
        )


@strawberry.type(description="A community volunteer. The name is personal data.")
class Volunteer(relay.Node):
    id: relay.NodeID[int]
    is_fictional: bool = strawberry.field(description="True for made-up demo or generated people.")
    service_hours: float = strawberry.field(description="Hours of service logged.")
    joined_on: dt.date | None = strawberry.field(description="Date the volunteer joined.")
    full_name_: strawberry.Private[str]
    region_id: strawberry.Private[int]
    team_id: strawberry.Private[int | None]

    @classmethod
    def from_record(cls, row: records.Volunteer) -> Volunteer:
        return cls(
            id=row.id,
            is_fictional=row.is_fictional,
            service_hours=float(row.service_hours),
            joined_on=row.joined_on,
            full_name_=row.full_name,
            region_id=row.region_id,
            team_id=row.team_id,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Volunteer | None]:
        return await load_nodes(
            info, catalog.VOLUNTEER, cls.from_record, node_ids, required=required
        )

    @strawberry.field(description="Full name: needs a caseworker token for the volunteer's region.")
    async def full_name(self, info: Info) -> str:
        await require_personal(info, [self.region_id], "volunteers' names")
        return self.full_name_

    @strawberry.field(description="The volunteer's team.")
    async def team(self, info: Info) -> VolunteerTeam | None:
        if self.team_id is None:
            return None
        row = await load_one(info, catalog.VOLUNTEER_TEAM, self.team_id)
        return None if row is None else VolunteerTeam.from_record(row)
