"""Volunteer teams and volunteers; a volunteer's name is personal data."""

from __future__ import annotations

import datetime as dt

import strawberry
from strawberry import relay

from fivesoc.db import catalog, records
from fivesoc.schema.context import Info
from fivesoc.schema.privacy import require_personal
from fivesoc.schema.types.actor import Actor
from fivesoc.schema.types.common import Catalogued
from fivesoc.schema.types.enums import Society
from fivesoc.schema.types.fields import reference, related_list


@strawberry.type(description="A community volunteer team (志愿服务队): the supplement.")
class VolunteerTeam(Catalogued, Actor):
    catalog_source = catalog.VOLUNTEER_TEAM

    founded_on: dt.date | None = strawberry.field(description="Date it was founded.")
    is_illustrative: bool = strawberry.field(
        description="True when the source counts this team but does not name it."
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
    def from_record(cls, row: records.VolunteerTeam) -> VolunteerTeam:
        return cls(
            id=row.id,
            name=row.name,
            society=Society(row.society),
            founded_on=row.founded_on,
            is_illustrative=row.is_illustrative,
            region_id=row.region_id,
            community_id=row.community_id,
            version=row.version,
            archived_at=row.archived_at,
        )

    region = reference(
        "region_id", catalog.REGION, "Region", "The region the team is registered in."
    )

    community = reference(
        "community_id",
        catalog.COMMUNITY,
        "Community",
        "The community the team is based in.",
        optional=True,
    )

    volunteers = related_list(catalog.TEAM_VOLUNTEERS, "Volunteer", "The team's volunteers.")


@strawberry.type(description="A community volunteer. The name is personal data.")
class Volunteer(Catalogued, relay.Node):
    catalog_source = catalog.VOLUNTEER

    id: relay.NodeID[int]
    is_fictional: bool = strawberry.field(description="True for made-up demo or generated people.")
    service_hours: float = strawberry.field(description="Hours of service logged.")
    joined_on: dt.date | None = strawberry.field(description="Date the volunteer joined.")
    version: int = strawberry.field(
        description="Grows by one with every change; name it as `expectedVersion` to change this."
    )
    archived_at: dt.datetime | None = strawberry.field(
        description="When this was archived (still readable by id, left out of root lists)."
    )
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
            version=row.version,
            archived_at=row.archived_at,
        )

    @strawberry.field(description="Full name: needs a caseworker token for the volunteer's region.")
    async def full_name(self, info: Info) -> str:
        await require_personal(info, [self.region_id], "volunteers' names")
        return self.full_name_

    team = reference(
        "team_id", catalog.VOLUNTEER_TEAM, "VolunteerTeam", "The volunteer's team.", optional=True
    )
