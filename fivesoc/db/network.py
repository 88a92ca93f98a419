"""The collaboration network of a scope and a time window, as plain rows for the graph layer.

A scope is a region subtree (or everything). Its actors are those whose region lies in the
subtree; an actor elsewhere that is linked to one of them comes along as a *boundary* actor
(a university in the provincial capital that partners a county), but links between two
boundary actors do not.

Link kinds come from three places:

- explicit `collaboration_link` rows of the kinds asked for, active in the window;
- *co-participation*: the actors that shared a project (its participants and the communities
  it serves) or an activity (its organizer, participants and community), handed over as works
  for the graph layer to project. A project that already has a recorded `co_participation`
  link is represented by those links alone, so its shared work is not counted twice;
- *resource flows* from allocations (resource → community, resource → project lead, resource
  → the community of a household whose need it met) and *referrals* from needs (the
  household's community → the organization the need was referred to), weighted by their
  count, for pairs that have no recorded link of that kind already (the recorded link is
  the record of the same flow).

Archived records (actors, links, projects, activities, resources) are left out.

The window is either a date (`as_of`: what was in force on that day, and every dated event up
to it) or a period (`start`..`end`: what overlapped it, and the events inside it).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

import asyncpg
from asyncpg.pool import PoolConnectionProxy

from fivesoc.kinds import CARRIER_ORGANIZATION_KINDS, LINK_KINDS

# $1 region id or null (everything). The actors of the scope with kind, society and label.
ACTORS = """
with subtree as (
    select d.id from region d join region a on d.path <@ a.path where a.id = $1
),
actors as (
    select id, 'community' as kind, 'community' as society, name as label, region_id
    from community where archived_at is null
    union all
    select id, 'organization',
           case when kind = any($2::text[]) then 'social_organization' else 'partner' end,
           name, region_id
    from organization where archived_at is null
    union all
    select id, 'university', 'partner', name, region_id from university where archived_at is null
    union all
    select id, 'social_worker', 'social_worker', full_name, region_id from social_worker
    where archived_at is null
    union all
    select id, 'volunteer_team', 'volunteer', name, region_id from volunteer_team
    where archived_at is null
    union all
    select id, 'charity_resource', 'charity_resource', name, region_id from charity_resource
    where archived_at is null
)
select id, kind, society, label,
       $1::bigint is null or region_id in (select id from subtree) as inside
from actors
where $1::bigint is null or region_id in (select id from subtree) or id = any($3::bigint[])
order by id
"""

# $1 region id or null, $2 link kinds, $3 as-of date, $4 period start, $5 period end.
# Links with at least one end in the scope, in force in the window.
EXPLICIT_LINKS = """
with subtree as (
    select d.id from region d join region a on d.path <@ a.path where a.id = $1
),
scoped as (
    select id from community where region_id in (select id from subtree)
    union all select id from organization where region_id in (select id from subtree)
    union all select id from university where region_id in (select id from subtree)
    union all select id from social_worker where region_id in (select id from subtree)
    union all select id from volunteer_team where region_id in (select id from subtree)
    union all select id from charity_resource where region_id in (select id from subtree)
)
select source_id, target_id, kind, weight::float8 from collaboration_link
where kind = any($2::text[]) and archived_at is null
  and ($1::bigint is null or source_id in (select id from scoped)
       or target_id in (select id from scoped))
  and ($3::date is null or ((since is null or since <= $3) and (until is null or until >= $3)))
  and ($4::date is null or until is null or until >= $4)
  and ($5::date is null or since is null or since <= $5)
order by source_id, target_id, kind
"""

# $1 region id or null, $2 as-of date, $3 period start, $4 period end.
# Who shared which project or activity.
WORKS = """
with subtree as (
    select d.id from region d join region a on d.path <@ a.path where a.id = $1
),
projects as (
    select p.id from project p
    where p.archived_at is null and ($1::bigint is null or p.region_id in (select id from subtree))
      and not exists (select from collaboration_link l
                      where l.project_id = p.id and l.kind = 'co_participation')
      and ($2::date is null or ((p.starts_on is null or p.starts_on <= $2)
                                and (p.ends_on is null or p.ends_on >= $2)))
      and ($3::date is null or p.ends_on is null or p.ends_on >= $3)
      and ($4::date is null or p.starts_on is null or p.starts_on <= $4)
),
activities as (
    select a.id, a.organizer_id, a.community_id from activity a
    where a.archived_at is null and ($1::bigint is null or a.region_id in (select id from subtree))
      and ($2::date is null or a.held_on <= $2)
      and ($3::date is null or a.held_on >= $3)
      and ($4::date is null or a.held_on <= $4)
)
select 'project:' || pp.project_id as work, pp.actor_id from project_participant pp
where pp.project_id in (select id from projects)
  and ($2::date is null or ((pp.joined_on is null or pp.joined_on <= $2)
                            and (pp.left_on is null or pp.left_on >= $2)))
  and ($3::date is null or pp.left_on is null or pp.left_on >= $3)
  and ($4::date is null or pp.joined_on is null or pp.joined_on <= $4)
union
select 'project:' || pc.project_id, pc.community_id from project_community pc
where pc.project_id in (select id from projects)
union
select 'activity:' || ap.activity_id, ap.actor_id from activity_participant ap
where ap.activity_id in (select id from activities)
union
select 'activity:' || id, organizer_id from activities where organizer_id is not null
union
select 'activity:' || id, community_id from activities where community_id is not null
order by 1, 2
"""

# Same parameters. Allocations as resource flows, referred needs as referrals.
FLOWS = """
with subtree as (
    select d.id from region d join region a on d.path <@ a.path where a.id = $1
),
flows as (
    select r.id as source_id, coalesce(a.community_id, p.lead_id, h.community_id) as target_id,
           'resource_flow' as kind, a.allocated_on as happened_on, r.region_id
    from resource_allocation a
    join charity_resource r on r.id = a.resource_id and r.archived_at is null
    left join project p on p.id = a.project_id
    left join need n on n.id = a.need_id
    left join household h on h.id = n.household_id
    union all
    select h.community_id, n.referred_to_id, 'referral', n.referred_on, h.region_id
    from need n join household h on h.id = n.household_id
    where n.referred_to_id is not null
)
select source_id, target_id, kind, count(*)::float8 from flows f
where target_id is not null and source_id is not null and source_id <> target_id
  and kind = any($2::text[])
  and not exists (select from collaboration_link l where l.kind = f.kind
                  and ((l.source_id = f.source_id and l.target_id = f.target_id)
                       or (l.source_id = f.target_id and l.target_id = f.source_id)))
  and ($1::bigint is null or region_id in (select id from subtree))
  and ($3::date is null or happened_on <= $3)
  and ($4::date is null or happened_on >= $4)
  and ($5::date is null or happened_on <= $5)
group by 1, 2, 3
order by 1, 2, 3
"""

# What the data looked like: every write appends to the change log, every load of demo or
# generated data adds a dataset row. Results computed at one version stay true until it moves.
VERSION = """
select (select coalesce(max(id), 0) from change_event), (select count(*) from dataset)
"""

REGION_EXISTS = "select exists (select from region where id = $1)"

# $1 region id or null (everything). How many actors a scope holds itself, before any row of
# it is read (the partners elsewhere linked to it come on top).
SCOPE_ACTORS = """
with subtree as (
    select d.id from region d join region a on d.path <@ a.path where a.id = $1
),
actors as (
    select region_id from community where archived_at is null
    union all select region_id from organization where archived_at is null
    union all select region_id from university where archived_at is null
    union all select region_id from social_worker where archived_at is null
    union all select region_id from volunteer_team where archived_at is null
    union all select region_id from charity_resource where archived_at is null
)
select count(*) from actors where $1::bigint is null or region_id in (select id from subtree)
"""


# A connection of its own or one borrowed from a pool.
Conn = asyncpg.Connection | PoolConnectionProxy


@dataclasses.dataclass(frozen=True, slots=True)
class Window:
    """A date (`as_of`) or a period (`start`..`end`, either end open); all None: all time."""

    as_of: dt.date | None = None
    start: dt.date | None = None
    end: dt.date | None = None

    def __post_init__(self) -> None:
        if self.as_of is not None and (self.start is not None or self.end is not None):
            raise ValueError("a window is a date or a period, not both")
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError("the period ends before it starts")


@dataclasses.dataclass(frozen=True, slots=True)
class NetworkData:
    """Plain rows for `fivesoc.graph.build.build_graph`, and which actors lie outside."""

    actors: tuple[tuple[int, str, str, str], ...]
    links: tuple[tuple[int, int, str, float], ...]
    works: tuple[tuple[str, int], ...]
    boundary: frozenset[int]


async def data_version(conn: Conn) -> tuple[int, int]:
    """The data's version: the last change event's id and the number of datasets loaded."""
    row = await conn.fetchrow(VERSION)
    assert row is not None
    return int(row[0]), int(row[1])


async def scope_actors(conn: Conn, region_id: int | None) -> int:
    """How many actors the region subtree (None: everything) holds itself."""
    count: int = await conn.fetchval(SCOPE_ACTORS, region_id)
    return count


async def region_exists(conn: Conn, region_id: int) -> bool:
    return bool(await conn.fetchval(REGION_EXISTS, region_id))


async def load_network(
    conn: Conn,
    region_id: int | None = None,
    window: Window | None = None,
    kinds: Sequence[str] = LINK_KINDS,
) -> NetworkData:
    """The actors, links and shared works of a region subtree (None: all) in a window.

    Run it inside a REPEATABLE READ transaction (with `data_version`) for one consistent view.
    """
    window = window or Window()
    unknown = set(kinds) - set(LINK_KINDS)
    if unknown:
        raise ValueError(f"unknown link kinds: {', '.join(sorted(unknown))}")
    kind_list = sorted(set(kinds))
    args = (region_id, kind_list, window.as_of, window.start, window.end)
    explicit = await conn.fetch(EXPLICIT_LINKS, *args)
    flows = await conn.fetch(FLOWS, *args)
    works = await conn.fetch(WORKS, region_id, *args[2:]) if "co_participation" in kinds else []
    links = [(r[0], r[1], r[2], r[3]) for r in explicit] + [(r[0], r[1], r[2], r[3]) for r in flows]
    ends = {end for link in links for end in link[:2]} | {r[1] for r in works}
    rows = await conn.fetch(ACTORS, region_id, list(CARRIER_ORGANIZATION_KINDS), sorted(ends))
    actors = tuple((r[0], r[1], r[2], r[3]) for r in rows)
    boundary = frozenset(r[0] for r in rows if not r[4])
    # Links between two boundary actors are not the scope's.
    links = [link for link in links if not (link[0] in boundary and link[1] in boundary)]
    return NetworkData(
        actors=actors,
        links=tuple(links),
        works=tuple((r[0], r[1]) for r in works),
        boundary=boundary,
    )


# $1 community id. The county (or the nearest region above county level) holding the
# community: the region a community's neighbourhood is drawn from.
COMMUNITY_COUNTY = """
select coalesce(
    (select a.id from region a where a.path @> r.path and a.level = 'county'), r.id)
from community c join region r on r.id = c.region_id
where c.id = $1
"""


COMMUNITY_COUNTIES = """
select c.id, coalesce(
    (select a.id from region a where a.path @> r.path and a.level = 'county'), r.id) as county
from community c join region r on r.id = c.region_id
where c.id = any($1::bigint[])
"""


async def community_counties(conn: Conn, community_ids: Sequence[int]) -> dict[int, int]:
    """The county of each community that exists, by community id."""
    rows = await conn.fetch(COMMUNITY_COUNTIES, list(community_ids))
    return {row["id"]: row["county"] for row in rows}


async def community_county(conn: Conn, community_id: int) -> int | None:
    """The county of a community (None if there is no such community)."""
    region_id: int | None = await conn.fetchval(COMMUNITY_COUNTY, community_id)
    return region_id
