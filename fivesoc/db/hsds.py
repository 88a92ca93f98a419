"""The rows an HSDS data package is made of: organizations, projects and service sites, and
the communities projects serve; each within a region's subtree (None: all), not archived."""

from __future__ import annotations

import dataclasses
import datetime as dt

from fivesoc.db.network import Conn

# `$1`: a region whose subtree holds the rows, or null for every region. `in_scope` is the
# test of a row's region `r`.
_IN_SCOPE = "($1::bigint is null or r.path <@ (select path from region where id = $1))"
_PLACE = "array(select a.name from region a where a.path @> r.path order by nlevel(a.path))"

ORGANIZATIONS = f"""
select o.id, o.name, o.kind, o.founded_on, {_PLACE} as place
from organization o join region r on r.id = o.region_id
where o.archived_at is null and {_IN_SCOPE}
order by o.id
"""  # noqa: S608 - composed of constants

PROJECTS = f"""
select p.id, p.name, p.summary, p.status, p.domain,
       (select o.id from organization o where o.id = p.lead_id and o.archived_at is null) as lead,
       {_PLACE} as place
from project p
join region r on r.id = p.region_id
where p.archived_at is null and {_IN_SCOPE}
order by p.id
"""  # noqa: S608

SITES = f"""
select s.id, s.name, s.kind, s.closed_on, {_PLACE} as place,
       (select c.name from community c where c.id = s.community_id) as community
from service_site s join region r on r.id = s.region_id
where s.archived_at is null and {_IN_SCOPE}
order by s.id
"""  # noqa: S608

# Each project's communities, or its region where it names none.
SERVED = f"""
select p.id as project_id, c.id as community_id, c.name,
       {_PLACE.replace("r.path", "cr.path")} as place
from project p join region r on r.id = p.region_id
join project_community pc on pc.project_id = p.id
join community c on c.id = pc.community_id
join region cr on cr.id = c.region_id
where p.archived_at is null and {_IN_SCOPE}
union all
select p.id, null, r.name, {_PLACE}
from project p join region r on r.id = p.region_id
where p.archived_at is null and {_IN_SCOPE}
  and not exists (select from project_community pc where pc.project_id = p.id)
order by 1, 2 nulls first
"""  # noqa: S608


# The records a package of the region `$1` is made of: what it costs.
RECORDS = f"""
select (select count(*) from ({ORGANIZATIONS}) o) + (select count(*) from ({PROJECTS}) p)
     + (select count(*) from ({SITES}) s) + (select count(*) from ({SERVED}) a)
"""  # noqa: S608 - composed of constants


async def records(conn: Conn, region: int | None) -> int:
    """How many records a package of `region`'s subtree (None: all) is made of."""
    count: int = await conn.fetchval(RECORDS, region)
    return count


@dataclasses.dataclass(frozen=True, slots=True)
class Organization:
    key: int
    name: str
    kind: str
    founded_on: dt.date | None
    place: tuple[str, ...]


@dataclasses.dataclass(frozen=True, slots=True)
class Project:
    key: int
    name: str
    summary: str | None
    status: str
    domain: str
    lead: int | None
    place: tuple[str, ...]


@dataclasses.dataclass(frozen=True, slots=True)
class Site:
    key: int
    name: str
    kind: str
    closed_on: dt.date | None
    place: tuple[str, ...]
    community: str | None


@dataclasses.dataclass(frozen=True, slots=True)
class Served:
    """A place a project serves: a community (`community` its key), or else its region."""

    project: int
    community: int | None
    name: str
    place: tuple[str, ...]


async def organizations(conn: Conn, region: int | None) -> list[Organization]:
    rows = await conn.fetch(ORGANIZATIONS, region)
    return [
        Organization(r["id"], r["name"], r["kind"], r["founded_on"], tuple(r["place"]))
        for r in rows
    ]


async def projects(conn: Conn, region: int | None) -> list[Project]:
    rows = await conn.fetch(PROJECTS, region)
    return [
        Project(
            r["id"], r["name"], r["summary"], r["status"], r["domain"], r["lead"], tuple(r["place"])
        )
        for r in rows
    ]


async def sites(conn: Conn, region: int | None) -> list[Site]:
    rows = await conn.fetch(SITES, region)
    return [
        Site(r["id"], r["name"], r["kind"], r["closed_on"], tuple(r["place"]), r["community"])
        for r in rows
    ]


async def served(conn: Conn, region: int | None) -> list[Served]:
    rows = await conn.fetch(SERVED, region)
    return [Served(r["project_id"], r["community_id"], r["name"], tuple(r["place"])) for r in rows]
