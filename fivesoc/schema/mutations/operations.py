"""Project participation and activities, with helpers the other operation groups share.

Each mutation is one transaction with one event; its payload carries the changed object(s)
and `userErrors`, whose `field` is the path to the input at fault (into lists too, e.g.
`["input", "participants", "1", "actorId"]`).
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated, Any

import strawberry
from strawberry import relay

from fivesoc.db import catalog, operations
from fivesoc.schema.context import Info
from fivesoc.schema.mutations.common import (
    Refused,
    UserError,
    UserErrorCode,
    check_actor_kinds,
    local_id,
    may_write,
    may_write_at_all,
    may_write_in,
    user_error,
    write,
)
from fivesoc.schema.types.actor import ACTOR_TYPES, Actor, resolve_actor
from fivesoc.schema.types.common import row_key
from fivesoc.schema.types.enums import ActivityKind, ParticipantRole
from fivesoc.schema.types.project import Activity, ProjectParticipant

WhatToWrite = strawberry.argument(description="What to write.")


def actor_id(value: relay.GlobalID, field: str) -> int:
    """The actor id a global id of any actor type carries."""
    key = row_key(value.node_id)
    if value.type_name not in ACTOR_TYPES or key is None:
        raise Refused([user_error(field, "must be the id of an actor", UserErrorCode.INVALID)])
    return key


def optional_id(value: relay.GlobalID | None, type_name: str, field: str) -> int | None:
    return None if value is None else local_id(value, type_name, field)


async def may_write_region(info: Info, region_id: int) -> None:
    """Refuse unless the token may write to region `region_id` (admin, or a caseworker
    covering it). A region that does not exist passes: the write reports it."""
    may_write_at_all(info)
    region = await info.context.loaders.by_id(catalog.REGION).load(region_id)
    if region is not None:
        await may_write_in(info, [region.id])


def split_path(error: UserError) -> UserError:
    """A field like `participants.1.actorId` given as its path."""
    if error.field is None:
        return error
    path = [part for name in error.field for part in name.split(".")]
    return UserError(field=path, message=error.message, code=error.code)


# Project participation.


@strawberry.input(description="An actor of any kind joining a project in a role.")
class AddProjectParticipantInput:
    project_id: relay.GlobalID = strawberry.field(description="The project.")
    actor_id: relay.GlobalID = strawberry.field(
        description="The actor: a community, organization, university, social worker, "
        "volunteer team or charity resource."
    )
    role: ParticipantRole = strawberry.field(description="Its role in the project.")
    joined_on: dt.date | None = strawberry.field(
        default=None, description="Date it joined; today if left out."
    )


@strawberry.type(description="Result of addProjectParticipant.")
class AddProjectParticipantPayload:
    participant: ProjectParticipant | None = strawberry.field(description="The new participation.")
    user_errors: list[UserError] = strawberry.field(description="What was wrong, if anything.")


@strawberry.input(description="The end of an actor's part in a project.")
class EndProjectParticipationInput:
    participant_id: relay.GlobalID = strawberry.field(description="The participation.")
    left_on: dt.date | None = strawberry.field(
        default=None, description="Date the actor left; today if left out. Not before it joined."
    )
    expected_version: int | None = strawberry.field(
        default=None,
        description="The participation's `version` as last read; a stale one is a CONFLICT. "
        "Left out, the end applies to whatever version is current. A participation ends "
        "once: ending it again is a CONFLICT too.",
    )


@strawberry.type(description="Result of endProjectParticipation.")
class EndProjectParticipationPayload:
    participant: ProjectParticipant | None = strawberry.field(
        description="The participation as ended."
    )
    user_errors: list[UserError] = strawberry.field(description="What was wrong, if anything.")


# Activities.


@strawberry.enum(description="An actor's part in an activity.")
class ActivityRole(Enum):
    ORGANIZER = strawberry.enum_value("organizer", description="Organized it.")
    PARTNER = strawberry.enum_value("partner", description="Took part as a partner.")
    VOLUNTEER = strawberry.enum_value("volunteer", description="Volunteered in it.")
    HOST = strawberry.enum_value("host", description="Hosted it (e.g. a community).")


@strawberry.input(description="An actor who took part in an activity.")
class ActivityParticipantInput:
    actor_id: relay.GlobalID = strawberry.field(description="The actor, of any kind.")
    role: ActivityRole = strawberry.field(
        default=ActivityRole.PARTNER, description="Its part; PARTNER if left out."
    )


@strawberry.input(
    description="A service or activity held, with its beneficiaries in person-times and the "
    "actors who took part. Its region is `regionId` if given, else the site's, else the "
    "community's, else the project's."
)
class RecordActivityInput:
    kind: ActivityKind = strawberry.field(description="Kind of service or activity.")
    title: str = strawberry.field(description="What was done; not blank.")
    held_on: dt.date = strawberry.field(description="Date it was held.")
    person_times: int = strawberry.field(
        default=0, description="Beneficiaries in person-times (人次); not negative."
    )
    region_id: relay.GlobalID | None = strawberry.field(
        default=None,
        description="The region it was held in; needed when no site, community or project is.",
    )
    project_id: relay.GlobalID | None = strawberry.field(
        default=None, description="The project it belongs to."
    )
    site_id: relay.GlobalID | None = strawberry.field(
        default=None, description="The service site it was held at."
    )
    community_id: relay.GlobalID | None = strawberry.field(
        default=None, description="The community it served."
    )
    organizer_id: relay.GlobalID | None = strawberry.field(
        default=None, description="The actor who organized it."
    )
    participants: list[ActivityParticipantInput] = strawberry.field(
        default_factory=list, description="Other actors who took part, each once."
    )


@strawberry.type(description="An actor's part in an activity.")
class ActivityParticipation:
    role: ActivityRole = strawberry.field(description="Its part.")
    actor_id: strawberry.Private[int]

    @strawberry.field(description="The actor.")
    async def actor(self, info: Info) -> Actor:
        actor = await resolve_actor(info, self.actor_id)
        assert actor is not None, "actor_id is a foreign key"
        return actor


@strawberry.type(description="Result of recordActivity.")
class RecordActivityPayload:
    activity: Activity | None = strawberry.field(description="The activity recorded.")
    participants: list[ActivityParticipation] = strawberry.field(
        description="The actors recorded as taking part, in the order given."
    )
    user_errors: list[UserError] = strawberry.field(description="What was wrong, if anything.")


@strawberry.type(description="Project participation and activities.")
class OperationMutations:
    @strawberry.mutation(description="Add an actor of any kind to a project in a role.")
    async def add_project_participant(
        self, info: Info, input: Annotated[AddProjectParticipantInput, WhatToWrite]
    ) -> AddProjectParticipantPayload:
        try:
            project_id = local_id(input.project_id, "Project", "projectId")
            actor = actor_id(input.actor_id, "actorId")
            await may_write(info, catalog.PROJECT, project_id, "projectId")

            async def add(conn: Any) -> Any:
                await check_actor_kinds(conn, [("actorId", input.actor_id)])
                return await operations.add_participant(
                    conn,
                    project_id,
                    actor,
                    str(input.role.value),
                    input.joined_on or dt.date.today(),
                )

            added = await write(info, add)
        except Refused as refused:
            return AddProjectParticipantPayload(participant=None, user_errors=refused.errors)
        return AddProjectParticipantPayload(
            participant=ProjectParticipant.from_record(added), user_errors=[]
        )

    @strawberry.mutation(description="End an actor's part in a project on a date.")
    async def end_project_participation(
        self, info: Info, input: Annotated[EndProjectParticipationInput, WhatToWrite]
    ) -> EndProjectParticipationPayload:
        try:
            key = local_id(input.participant_id, "ProjectParticipant", "participantId")
            current = await info.context.loaders.by_id(catalog.PROJECT_PARTICIPANT).load(key)
            if current is not None:
                await may_write(info, catalog.PROJECT, current.project_id, "projectId")
            ended = await write(
                info,
                lambda conn: operations.end_participation(
                    conn, key, input.left_on or dt.date.today(), input.expected_version
                ),
            )
        except Refused as refused:
            return EndProjectParticipationPayload(participant=None, user_errors=refused.errors)
        return EndProjectParticipationPayload(
            participant=ProjectParticipant.from_record(ended), user_errors=[]
        )

    @strawberry.mutation(
        description="Record a service or activity with its person-times and the actors who "
        "took part, in one transaction."
    )
    async def record_activity(
        self, info: Info, input: Annotated[RecordActivityInput, WhatToWrite]
    ) -> RecordActivityPayload:
        try:
            place = operations.Place(
                region_id=optional_id(input.region_id, "Region", "regionId"),
                site_id=optional_id(input.site_id, "ServiceSite", "siteId"),
                community_id=optional_id(input.community_id, "Community", "communityId"),
                project_id=optional_id(input.project_id, "Project", "projectId"),
            )
            organizer = (
                None if input.organizer_id is None else actor_id(input.organizer_id, "organizerId")
            )
            taking_part = [
                (actor_id(p.actor_id, f"participants.{i}.actorId"), str(p.role.value))
                for i, p in enumerate(input.participants)
            ]
            await _may_record_activity(info, place)
            claims = [
                (f"participants.{i}.actorId", p.actor_id) for i, p in enumerate(input.participants)
            ]
            if input.organizer_id is not None:
                claims.insert(0, ("organizerId", input.organizer_id))

            async def record(conn: Any) -> Any:
                await check_actor_kinds(conn, claims)
                return await operations.record_activity(
                    conn,
                    kind=str(input.kind.value),
                    title=input.title.strip(),
                    held_on=input.held_on,
                    person_times=input.person_times,
                    place=place,
                    organizer_id=organizer,
                    participants=taking_part,
                )

            activity = await write(info, record)
        except Refused as refused:
            return RecordActivityPayload(
                activity=None, participants=[], user_errors=[split_path(e) for e in refused.errors]
            )
        return RecordActivityPayload(
            activity=Activity.from_record(activity),
            participants=[
                ActivityParticipation(role=ActivityRole(role), actor_id=actor)
                for actor, role in taking_part
            ],
            user_errors=[],
        )


async def _may_record_activity(info: Info, place: operations.Place) -> None:
    """The write permission on the row that gives the activity its region (the same order
    as `operations.activity_region`)."""
    if place.region_id is not None:
        await may_write_region(info, place.region_id)
    elif place.site_id is not None:
        await may_write(info, catalog.SERVICE_SITE, place.site_id, "siteId")
    elif place.community_id is not None:
        await may_write(info, catalog.COMMUNITY, place.community_id, "communityId")
    elif place.project_id is not None:
        await may_write(info, catalog.PROJECT, place.project_id, "projectId")
    else:
        may_write_at_all(info)
