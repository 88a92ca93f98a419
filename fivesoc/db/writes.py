"""Writes of the domain's own operations, each appending its event in the same transaction.

Every function takes a connection inside a transaction the caller owns; on any error the
caller's transaction rolls back, so nothing of the write remains.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import asyncpg

from fivesoc.db import catalog, events, records
from fivesoc.db.errors import Conflict, Invalid, NotFound
from fivesoc.db.operations import Rules, translated

PROJECT_FOR_UPDATE = "select id, region_id, status, version from project where id = $1 for update"

INSERT_UPDATE = f"""
insert into project_update as t (project_id, author_id, title, body)
values ($1, $2, $3, $4)
returning {catalog.PROJECT_UPDATE.columns}
"""  # noqa: S608 - columns from the catalog's declaration

SET_STATUS = f"""
update project as t set status = $2, version = version + 1 where id = $1
returning {catalog.PROJECT.columns}
"""  # noqa: S608

RESOURCE_FOR_UPDATE = (
    "select id, region_id, amount, unit from charity_resource where id = $1 for update"
)

# Run after taking the lock: under READ COMMITTED this statement's snapshot then sees every
# allocation committed by the transactions that held the lock before (a subquery in the
# locking statement would not: its snapshot predates the wait).
ALLOCATED = "select coalesce(sum(amount), 0) from resource_allocation where resource_id = $1"

INSERT_ALLOCATION = f"""
insert into resource_allocation as t (resource_id, project_id, community_id, need_id, amount,
                                      purpose, allocated_on)
values ($1, $2, $3, $4, $5, $6, $7)
returning {catalog.RESOURCE_ALLOCATION.columns}
"""  # noqa: S608

RECIPIENT_EXISTS = {
    "project": "select exists (select from project where id = $1)",
    "community": "select exists (select from community where id = $1)",
    "need": "select exists (select from need where id = $1)",
}


async def _project(conn: asyncpg.Connection, project_id: int) -> asyncpg.Record:
    row = await conn.fetchrow(PROJECT_FOR_UPDATE, project_id)
    if row is None:
        raise NotFound(f"no project has the id {project_id}", field="projectId")
    return row


async def post_project_update(
    conn: asyncpg.Connection, project_id: int, title: str, body: str, author_id: int | None
) -> records.ProjectUpdate:
    """Add an update to a project's timeline."""
    project = await _project(conn, project_id)
    try:
        row = await conn.fetchrow(INSERT_UPDATE, project_id, author_id, title, body)
    except asyncpg.CheckViolationError as error:
        raise Invalid("the title must not be blank", field="title") from error
    except asyncpg.ForeignKeyViolationError as error:
        raise NotFound("the author names no actor", field="authorId") from error
    assert row is not None
    update = catalog.PROJECT_UPDATE.make(row)
    await events.append(
        conn,
        "project_update.posted",
        "ProjectUpdate",
        update.id,
        project["region_id"],
        {"projectId": project_id, "title": title},
    )
    return update


async def change_project_status(
    conn: asyncpg.Connection, project_id: int, status: str, expected_version: int
) -> records.Project:
    """Set a project's status, if the caller read the version that is current."""
    project = await _project(conn, project_id)
    if project["version"] != expected_version:
        raise Conflict(
            f"the project is at version {project['version']}, not {expected_version}: "
            "read it again and retry",
            field="expectedVersion",
        )
    row = await conn.fetchrow(SET_STATUS, project_id, status)
    assert row is not None
    changed = catalog.PROJECT.make(row)
    await events.append(
        conn,
        "project.status_changed",
        "Project",
        project_id,
        project["region_id"],
        {"from": project["status"], "to": status, "version": changed.version},
    )
    return changed


async def allocate_resource(
    conn: asyncpg.Connection,
    resource_id: int,
    recipient: tuple[str, int],
    amount: Decimal,
    purpose: str,
    allocated_on: dt.date,
) -> records.ResourceAllocation:
    """Allocate part of a charity resource, never more than is left.

    The resource row is locked for the transaction, so concurrent allocations of one
    resource are serialised and their total cannot exceed the resource.
    """
    resource = await conn.fetchrow(RESOURCE_FOR_UPDATE, resource_id)
    if resource is None:
        raise NotFound(f"no charity resource has the id {resource_id}", field="resourceId")
    kind, recipient_id = recipient
    if not await conn.fetchval(RECIPIENT_EXISTS[kind], recipient_id):
        raise NotFound(f"no {kind} has the id {recipient_id}", field=f"{kind}Id")
    left = resource["amount"] - await conn.fetchval(ALLOCATED, resource_id)
    if amount > left:
        raise Conflict(
            f"only {left} {resource['unit']} of the resource is left, not {amount}",
            field="amount",
        )
    row = await conn.fetchrow(
        INSERT_ALLOCATION,
        resource_id,
        recipient_id if kind == "project" else None,
        recipient_id if kind == "community" else None,
        recipient_id if kind == "need" else None,
        amount,
        purpose,
        allocated_on,
    )
    assert row is not None
    allocation = catalog.RESOURCE_ALLOCATION.make(row)
    await events.append(
        conn,
        "charity_resource.allocated",
        "ResourceAllocation",
        allocation.id,
        resource["region_id"],
        {"resourceId": resource_id, kind + "Id": recipient_id, "amount": str(amount)},
    )
    return allocation


NEED_FOR_UPDATE = """
select n.id, n.status, n.version, h.region_id from need n join household h on h.id = n.household_id
where n.id = $1 for update of n
"""

SET_NEED = """
update need set status = $2, version = version + 1,
    referred_to_id = coalesce($3, referred_to_id),
    referred_on = case when $2 = 'referred' then $4 else referred_on end,
    resolved_on = case when $2 = 'resolved' then $4 else resolved_on end,
    closed_on = case when $2 = 'closed' then $4 else closed_on end
where id = $1
"""

NEED = f"select {catalog.NEED.columns} from {catalog.NEED.relation} where t.id = $1"  # noqa: S608

ORGANIZATION_EXISTS = "select exists (select from organization where id = $1)"

# The need table's rules a move can break, each blamed on the input that broke it. The date
# checks are the unnamed table checks of 0005_door_knocking.sql, named by PostgreSQL.
BEFORE_OPENED = "the date is before the need was opened"
NEED_MOVE_RULES: Rules = {
    "need_check": (Invalid, "on", BEFORE_OPENED),
    "need_check1": (Invalid, "on", BEFORE_OPENED),
    "need_check2": (Invalid, "on", BEFORE_OPENED),
    "need_referred_to_check": (
        Invalid,
        "referredToId",
        "a referral names the organization it goes to",
    ),
    "need_closed_on_check": (Invalid, "on", "a closed need names the date it was closed"),
}

# Which states a need may move to from each state.
NEED_MOVES = {
    "open": {"referred", "resolved", "closed"},
    "referred": {"resolved", "closed"},
    "resolved": {"closed"},
    "closed": set(),
}


async def move_need(
    conn: asyncpg.Connection,
    need_id: int,
    status: str,
    expected_version: int,
    on: dt.date,
    referred_to_id: int | None = None,
) -> records.Need:
    """Refer, resolve or close a need, if the caller read the current version.

    The event names the change, never the need's personal description.
    """
    need = await conn.fetchrow(NEED_FOR_UPDATE, need_id)
    if need is None:
        raise NotFound(f"no need has the id {need_id}", field="needId")
    if need["version"] != expected_version:
        raise Conflict(
            f"the need is at version {need['version']}, not {expected_version}: "
            "read it again and retry",
            field="expectedVersion",
        )
    if status not in NEED_MOVES[need["status"]]:
        raise Invalid(f"a {need['status']} need cannot become {status}", field="status")
    if referred_to_id is not None and not await conn.fetchval(ORGANIZATION_EXISTS, referred_to_id):
        raise NotFound(f"no organization has the id {referred_to_id}", field="referredToId")
    with translated(NEED_MOVE_RULES):
        await conn.execute(SET_NEED, need_id, status, referred_to_id, on)
    row = await conn.fetchrow(NEED, need_id)
    assert row is not None
    moved = catalog.NEED.make(row)
    await events.append(
        conn,
        f"need.{status}",
        "Need",
        need_id,
        need["region_id"],
        {"from": need["status"], "to": status, "version": moved.version},
    )
    return moved
