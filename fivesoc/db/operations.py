"""Writes of the network's own operations: project participation and activities with their
participants (visits and needs are in `visits`, hours and exams in `qualifications`).

Each function takes a connection inside a transaction the caller owns and appends one event
there, so a refused write leaves neither rows nor event. Driver errors are translated by class
and constraint name (`translated`), each naming the input field at fault.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager

import asyncpg

from fivesoc.db import catalog, events, records
from fivesoc.db.errors import Conflict, Invalid, NotFound, WriteError

# A constraint's name → the error it stands for, the input field at fault, and what to say.
Rules = Mapping[str, tuple[type[WriteError], str, str]]


@contextmanager
def translated(rules: Rules, numbers: str | None = None) -> Iterator[None]:
    """Turn a unique, check or foreign-key violation named in `rules` into its `WriteError`;
    a number too large for its column is `Invalid`, blamed on the field `numbers`."""
    try:
        yield
    except (
        asyncpg.UniqueViolationError,
        asyncpg.CheckViolationError,
        asyncpg.ForeignKeyViolationError,
    ) as error:
        rule = rules.get(getattr(error, "constraint_name", None) or "")
        if rule is None:
            raise
        kind, field, message = rule
        raise kind(message, field=field) from error
    except asyncpg.NumericValueOutOfRangeError as error:
        raise Invalid("is too large", field=numbers) from error


# Project participation.

PROJECT = "select region_id, archived_at from project where id = $1"

ACTOR_KIND = "select kind from actor where id = $1"

INSERT_PARTICIPANT = f"""
insert into project_participant as t (project_id, actor_id, role, joined_on)
values ($1, $2, $3, $4)
returning {catalog.PROJECT_PARTICIPANT.columns}
"""  # noqa: S608 - columns from the catalog's declaration

PARTICIPANT_FOR_UPDATE = """
select pp.project_id, pp.actor_id, pp.role, pp.joined_on, pp.left_on, pp.version, p.region_id
from project_participant pp join project p on p.id = pp.project_id
where pp.id = $1
for update of pp
"""

END_PARTICIPATION = f"""
update project_participant as t set left_on = $2, version = version + 1 where id = $1
returning {catalog.PROJECT_PARTICIPANT.columns}
"""  # noqa: S608

PARTICIPANT_RULES: Rules = {
    "project_participant_project_id_actor_id_role_key": (
        Conflict,
        "role",
        "the actor already has this role in the project",
    ),
    "project_participant_check": (Invalid, "leftOn", "must not be before the actor joined"),
    "project_participant_project_id_fkey": (NotFound, "projectId", "no such project"),
    "project_participant_actor_id_fkey": (NotFound, "actorId", "no such actor"),
}


async def add_participant(
    conn: asyncpg.Connection, project_id: int, actor_id: int, role: str, joined_on: dt.date
) -> records.ProjectParticipant:
    """Add an actor of any kind to a project in a role; one row per project, actor and role."""
    project = await conn.fetchrow(PROJECT, project_id)
    if project is None:
        raise NotFound(f"no project has the id {project_id}", field="projectId")
    if project["archived_at"] is not None:
        raise Conflict("the project is archived", field="projectId")
    region_id = project["region_id"]
    if await conn.fetchval(ACTOR_KIND, actor_id) is None:
        raise NotFound(f"no actor has the id {actor_id}", field="actorId")
    with translated(PARTICIPANT_RULES):
        row = await conn.fetchrow(INSERT_PARTICIPANT, project_id, actor_id, role, joined_on)
    assert row is not None
    added = catalog.PROJECT_PARTICIPANT.make(row)
    await events.append(
        conn,
        "project_participant.added",
        "ProjectParticipant",
        added.id,
        region_id,
        {"projectId": project_id, "actorId": actor_id, "role": role, "joinedOn": joined_on},
    )
    return added


async def end_participation(
    conn: asyncpg.Connection,
    participant_id: int,
    left_on: dt.date,
    expected_version: int | None = None,
) -> records.ProjectParticipant:
    """Set the date an actor left a project; a participation ends once."""
    current = await conn.fetchrow(PARTICIPANT_FOR_UPDATE, participant_id)
    if current is None:
        raise NotFound(
            f"no project participation has the id {participant_id}", field="participantId"
        )
    if expected_version is not None and current["version"] != expected_version:
        raise Conflict(
            f"the participation is at version {current['version']}, not {expected_version}: "
            "read it again and retry",
            field="expectedVersion",
        )
    if current["left_on"] is not None:
        raise Conflict(f"the participation already ended on {current['left_on']}", field="leftOn")
    joined_on = current["joined_on"]
    if joined_on is not None and left_on < joined_on:
        raise Invalid(f"must not be before the actor joined on {joined_on}", field="leftOn")
    with translated(PARTICIPANT_RULES):
        row = await conn.fetchrow(END_PARTICIPATION, participant_id, left_on)
    assert row is not None
    ended = catalog.PROJECT_PARTICIPANT.make(row)
    await events.append(
        conn,
        "project_participant.ended",
        "ProjectParticipant",
        participant_id,
        current["region_id"],
        {
            "projectId": current["project_id"],
            "actorId": current["actor_id"],
            "role": current["role"],
            "leftOn": left_on,
            "version": current["version"] + 1,
        },
    )
    return ended


# Activities.

# The region of each place an activity may name; null where the id names nothing.
ACTIVITY_PLACES = """
select (select id from region where id = $1) as region,
       (select region_id from service_site where id = $2) as site,
       (select region_id from community where id = $3) as community,
       (select region_id from project where id = $4) as project,
       (select id from actor where id = $5) as organizer
"""

MISSING_ACTORS = """
select k from unnest($1::bigint[]) with ordinality as u(k, i)
where not exists (select from actor a where a.id = u.k) order by i
"""

INSERT_ACTIVITY = f"""
insert into activity as t (region_id, project_id, site_id, community_id, organizer_id, kind,
                           title, held_on, person_times)
values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
returning {catalog.ACTIVITY.columns}
"""  # noqa: S608

INSERT_ACTIVITY_PARTICIPANTS = """
insert into activity_participant (activity_id, actor_id, role)
select $1, actor_id, role from unnest($2::bigint[], $3::text[]) as u(actor_id, role)
"""

ACTIVITY_RULES: Rules = {
    "activity_title_check": (Invalid, "title", "must not be blank"),
    "activity_person_times_check": (Invalid, "personTimes", "must not be negative"),
    "activity_participant_pkey": (Invalid, "participants", "an actor takes part once"),
}


@dataclasses.dataclass(frozen=True, slots=True)
class Place:
    """Where an activity was held: any of a region, site, community and project (ids)."""

    region_id: int | None = None
    site_id: int | None = None
    community_id: int | None = None
    project_id: int | None = None


async def activity_region(
    conn: asyncpg.Connection, place: Place, organizer_id: int | None = None
) -> int:
    """The region an activity belongs to: the region named, else the site's, else the
    community's, else the project's (the most local place given wins)."""
    found = await conn.fetchrow(
        ACTIVITY_PLACES,
        place.region_id,
        place.site_id,
        place.community_id,
        place.project_id,
        organizer_id,
    )
    assert found is not None
    for column, given, noun in (
        ("region", place.region_id, "region"),
        ("site", place.site_id, "service site"),
        ("community", place.community_id, "community"),
        ("project", place.project_id, "project"),
        ("organizer", organizer_id, "actor"),
    ):
        if given is not None and found[column] is None:
            raise NotFound(f"no {noun} has the id {given}", field=f"{column}Id")
    for column in ("region", "site", "community", "project"):
        if found[column] is not None:
            return int(found[column])
    raise Invalid(
        "name the region, or a site, community or project it belongs to", field="regionId"
    )


async def record_activity(
    conn: asyncpg.Connection,
    *,
    kind: str,
    title: str,
    held_on: dt.date,
    person_times: int,
    place: Place,
    organizer_id: int | None,
    participants: Sequence[tuple[int, str]],
) -> records.Activity:
    """Record an activity and the actors who took part (`(actor id, role)` each)."""
    if person_times < 0:
        raise Invalid("must not be negative", field="personTimes")
    seen: set[int] = set()
    for index, (actor_id, _) in enumerate(participants):
        if actor_id in seen:
            raise Invalid("an actor takes part once", field=f"participants.{index}.actorId")
        seen.add(actor_id)
    region_id = await activity_region(conn, place, organizer_id)
    actor_ids = [actor_id for actor_id, _ in participants]
    missing = [row[0] for row in await conn.fetch(MISSING_ACTORS, actor_ids)]
    if missing:
        index = actor_ids.index(missing[0])
        raise NotFound(f"no actor has the id {missing[0]}", field=f"participants.{index}.actorId")
    with translated(ACTIVITY_RULES):
        row = await conn.fetchrow(
            INSERT_ACTIVITY,
            region_id,
            place.project_id,
            place.site_id,
            place.community_id,
            organizer_id,
            kind,
            title,
            held_on,
            person_times,
        )
        assert row is not None
        activity = catalog.ACTIVITY.make(row)
        await conn.execute(
            INSERT_ACTIVITY_PARTICIPANTS,
            activity.id,
            actor_ids,
            [role for _, role in participants],
        )
    await events.append(
        conn,
        "activity.recorded",
        "Activity",
        activity.id,
        region_id,
        {
            "kind": kind,
            "title": title,
            "heldOn": held_on,
            "personTimes": person_times,
            "projectId": place.project_id,
            "participantIds": actor_ids,
        },
    )
    return activity
