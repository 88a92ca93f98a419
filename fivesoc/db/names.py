"""Regions and communities found by their exact name, with where each lies.

A name need not be unique: two townships of different counties may share one, and so may two
communities of different regions. Each lookup returns every match with the names of the
regions above it, so that a caller can say which is which.
"""

from __future__ import annotations

import dataclasses

from fivesoc.db.network import Conn

# $1 name. Regions of exactly that name with the names of their regions from the province
# down to themselves.
REGIONS_NAMED = """
select r.id,
       array(select a.name from region a where a.path @> r.path order by nlevel(a.path)) as place
from region r
where r.name = $1
order by r.id
"""

# $1 name. Communities of exactly that name, not archived (an archived one is in no network),
# with the names of the regions holding them from the province down.
COMMUNITIES_NAMED = """
select c.id,
       array(select a.name from region a where a.path @> r.path order by nlevel(a.path)) as place
from community c join region r on r.id = c.region_id
where c.name = $1 and c.archived_at is null
order by c.id
"""


@dataclasses.dataclass(frozen=True, slots=True)
class Named:
    """A region or community of a name: its key, and the names of the regions that hold it,
    from the province down (a region's own name last)."""

    key: int
    place: tuple[str, ...]


async def regions_named(conn: Conn, name: str) -> tuple[Named, ...]:
    """Every region named exactly `name`, by ascending id."""
    rows = await conn.fetch(REGIONS_NAMED, name)
    return tuple(Named(key=row["id"], place=tuple(row["place"])) for row in rows)


async def communities_named(conn: Conn, name: str) -> tuple[Named, ...]:
    """Every community not archived named exactly `name`, by ascending id."""
    rows = await conn.fetch(COMMUNITIES_NAMED, name)
    return tuple(Named(key=row["id"], place=tuple(row["place"])) for row in rows)
