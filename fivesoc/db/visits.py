"""Door-knocking writes: record a visit to a household with the needs it found; open a need.

Visits and needs describe vulnerable people: their events carry ids, kinds and dates, never
a visit's notes or a need's description.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

import asyncpg

from fivesoc.db import catalog, events, records
from fivesoc.db.errors import Conflict, Invalid, NotFound
from fivesoc.db.operations import Rules, translated

HOUSEHOLD = "select region_id, archived_at from household where id = $1"

WORKER_EXISTS = "select exists (select from social_worker where id = $1)"

# The campaign's dates, and whether its region covers region $2.
CAMPAIGN = """
select c.starts_on, c.ends_on, (select path from region where id = $2) <@ r.path as covers
from door_knocking_campaign c join region r on r.id = c.region_id
where c.id = $1
"""

INSERT_VISIT = """
insert into visit (campaign_id, household_id, social_worker_id, visited_on, notes)
values ($1, $2, $3, $4, $5)
returning id
"""

VISIT = f"select {catalog.VISIT.columns} from {catalog.VISIT.relation} where t.id = $1"  # noqa: S608

INSERT_NEEDS = """
insert into need (household_id, visit_id, kind, description, opened_on)
select $1, $2, kind, description, $3
from unnest($4::text[], $5::text[]) with ordinality as u(kind, description, i)
order by i
returning id
"""

NEEDS = f"""
select {catalog.NEED.columns} from {catalog.NEED.relation} where t.id = any($1::bigint[])
order by t.id
"""  # noqa: S608

VISIT_HOUSEHOLD = "select household_id from visit where id = $1"

NEED_RULES: Rules = {
    "need_kind_check": (Invalid, "kind", "not a kind of need"),
}


@dataclasses.dataclass(frozen=True, slots=True)
class Recorded:
    """A visit and the needs it found."""

    visit: records.Visit
    needs: tuple[records.Need, ...]


async def _household_region(conn: asyncpg.Connection, household_id: int) -> int:
    household = await conn.fetchrow(HOUSEHOLD, household_id)
    if household is None:
        raise NotFound(f"no household has the id {household_id}", field="householdId")
    if household["archived_at"] is not None:
        raise Conflict("the household is archived", field="householdId")
    return int(household["region_id"])


async def _insert_needs(
    conn: asyncpg.Connection,
    household_id: int,
    visit_id: int | None,
    opened_on: dt.date,
    needs: Sequence[tuple[str, str]],
) -> tuple[records.Need, ...]:
    with translated(NEED_RULES):
        rows = await conn.fetch(
            INSERT_NEEDS,
            household_id,
            visit_id,
            opened_on,
            [kind for kind, _ in needs],
            [description for _, description in needs],
        )
    found = await conn.fetch(NEEDS, [row["id"] for row in rows])
    return tuple(catalog.NEED.make(row) for row in found)


async def _announce_needs(
    conn: asyncpg.Connection, needs: Sequence[records.Need], region_id: int
) -> None:
    for need in needs:
        await events.append(
            conn,
            "need.opened",
            "Need",
            need.id,
            region_id,
            {
                "householdId": need.household_id,
                "visitId": need.visit_id,
                "kind": need.kind,
                "openedOn": need.opened_on,
            },
        )


async def record_visit(
    conn: asyncpg.Connection,
    *,
    household_id: int,
    social_worker_id: int,
    visited_on: dt.date,
    campaign_id: int | None,
    notes: str,
    needs: Sequence[tuple[str, str]],
) -> Recorded:
    """Record a visit and open the needs it found (`(kind, description)` each) on its date.

    A campaign named must cover the household's region and run on the visit's date.
    """
    region_id = await _household_region(conn, household_id)
    if not await conn.fetchval(WORKER_EXISTS, social_worker_id):
        raise NotFound(f"no social worker has the id {social_worker_id}", field="socialWorkerId")
    if campaign_id is not None:
        campaign = await conn.fetchrow(CAMPAIGN, campaign_id, region_id)
        if campaign is None:
            raise NotFound(f"no campaign has the id {campaign_id}", field="campaignId")
        if not campaign["covers"]:
            raise Invalid("the campaign does not cover the household's region", field="campaignId")
        starts_on, ends_on = campaign["starts_on"], campaign["ends_on"]
        if visited_on < starts_on or (ends_on is not None and visited_on > ends_on):
            until = "" if ends_on is None else f" to {ends_on}"
            raise Invalid(f"the campaign runs from {starts_on}{until}", field="visitedOn")
    visit_id = await conn.fetchval(
        INSERT_VISIT, campaign_id, household_id, social_worker_id, visited_on, notes
    )
    opened = await _insert_needs(conn, household_id, visit_id, visited_on, needs)
    visit = await conn.fetchrow(VISIT, visit_id)
    assert visit is not None
    await events.append(
        conn,
        "visit.recorded",
        "Visit",
        visit_id,
        region_id,
        {
            "householdId": household_id,
            "socialWorkerId": social_worker_id,
            "campaignId": campaign_id,
            "visitedOn": visited_on,
            "needIds": [need.id for need in opened],
        },
    )
    await _announce_needs(conn, opened, region_id)
    return Recorded(catalog.VISIT.make(visit), opened)


async def open_need(
    conn: asyncpg.Connection,
    household_id: int,
    kind: str,
    description: str,
    opened_on: dt.date,
    visit_id: int | None = None,
) -> records.Need:
    """Open a need of a household, found on one of its visits or otherwise."""
    region_id = await _household_region(conn, household_id)
    if visit_id is not None:
        visited = await conn.fetchval(VISIT_HOUSEHOLD, visit_id)
        if visited is None:
            raise NotFound(f"no visit has the id {visit_id}", field="visitId")
        if visited != household_id:
            raise Invalid("the visit was to another household", field="visitId")
    [need] = await _insert_needs(conn, household_id, visit_id, opened_on, [(kind, description)])
    await _announce_needs(conn, [need], region_id)
    return need
