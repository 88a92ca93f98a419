"""Regions and communities found by their exact name or alias, with where each lies.

A name need not be unique: two townships of different counties may share one, and so may two
communities of different regions. Each lookup returns every match with the names of the
regions above it, so that a caller can say which is which. An alias (威宁自治县 for
威宁彝族回族苗族自治县) finds what it names only when nothing bears the name itself, so an
official name always finds its own row.
"""

from __future__ import annotations

import dataclasses

from fivesoc.db.network import Conn

# $1 name. Regions of exactly that name (or else of that alias, not archived) with the names
# of their regions from the province down to themselves.
REGIONS_NAMED = """
with matched as (
    select r.id, r.path, r.name = $1 as by_name
    from region r
    where r.name = $1 or exists (
        select from region_alias ka
        where ka.region_id = r.id and ka.name = $1 and ka.archived_at is null)
)
select m.id,
       array(select a.name from region a where a.path @> m.path order by nlevel(a.path)) as place
from matched m
where m.by_name or not exists (select from matched where by_name)
order by m.id
"""

# $1 name. Communities of exactly that name (or else of that alias), not archived (an archived
# one is in no network), with the names of the regions holding them from the province down.
COMMUNITIES_NAMED = """
with matched as (
    select c.id, r.path, c.name = $1 as by_name
    from community c join region r on r.id = c.region_id
    where c.archived_at is null and (c.name = $1 or exists (
        select from community_alias ka
        where ka.community_id = c.id and ka.name = $1 and ka.archived_at is null))
)
select m.id,
       array(select a.name from region a where a.path @> m.path order by nlevel(a.path)) as place
from matched m
where m.by_name or not exists (select from matched where by_name)
order by m.id
"""


@dataclasses.dataclass(frozen=True, slots=True)
class Named:
    """A region or community of a name: its key, and the names of the regions that hold it,
    from the province down (a region's own name last)."""

    key: int
    place: tuple[str, ...]


async def regions_named(conn: Conn, name: str) -> tuple[Named, ...]:
    """Every region named exactly `name` (or else with that alias), by ascending id."""
    rows = await conn.fetch(REGIONS_NAMED, name)
    return tuple(Named(key=row["id"], place=tuple(row["place"])) for row in rows)


async def communities_named(conn: Conn, name: str) -> tuple[Named, ...]:
    """Every community not archived named exactly `name` (or else with that alias), by
    ascending id."""
    rows = await conn.fetch(COMMUNITIES_NAMED, name)
    return tuple(Named(key=row["id"], place=tuple(row["place"])) for row in rows)
