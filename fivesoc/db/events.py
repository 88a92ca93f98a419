"""The change log: append an event in the writer's transaction; read events by position.

A position is `(xid, id)`: events are read in that order and only from transactions older
than the oldest one of this database still in flight, so a reader that follows positions never
skips an event that commits late (see migrations 0008 and 0011), and never waits for a
transaction of another database on the same server.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
from collections.abc import Mapping, Sequence
from typing import Any

import asyncpg

from fivesoc.db import records  # noqa: F401 - the entities, declared
from fivesoc.db.declare import entities

APPEND = """
insert into change_event (type, entity_type, entity_id, region_id, region_path, summary)
select $1, $2, $3, $4, (select path from region where id = $4), $5::jsonb
returning id
"""

# Events about personal records (`$n` the personal entity types, `$n + 1` the regions whose
# subtrees the reader may read personal data in, null: every region) reach only readers who
# may read the record; to others they do not exist.
_PRIVATE = """(entity_type <> all(${types}::text[])
  or ${regions}::bigint[] is null
  or exists (select from region r
             where r.id = any(${regions}::bigint[]) and change_event.region_path <@ r.path))"""

# $1/$2 the position after which to read ($1 null: from the start), $3 how many, $4 types
# (null: all), $5 a region whose subtree events must lie in, $6 a project the event is about,
# $7 a community served by that project (each null: no restriction); $8/$9 as `_PRIVATE`.
READ = (
    """
select id, xid::text as xid, type, entity_type, entity_id, region_id, summary::text as summary,
       occurred_at
from change_event
where ($1::xid8 is null or (xid, id) > ($1::xid8, $2::bigint))
  and xid < fivesoc_event_horizon()
  and """
    + _PRIVATE.format(types=8, regions=9)
    + """
  and ($4::text[] is null or type = any($4::text[]))
  and ($5::bigint is null or region_path <@ (select path from region where id = $5))
  and ($6::bigint is null or (summary ->> 'projectId')::bigint = $6)
  and ($7::bigint is null or exists (
        select from project_community pc
        where pc.community_id = $7 and pc.project_id = (summary ->> 'projectId')::bigint))
order by xid, id
limit $3
"""
)

NOTIFY = "select pg_notify('fivesoc_events', $1)"


@dataclasses.dataclass(frozen=True, slots=True)
class Event:
    """One committed change."""

    id: int
    xid: str
    type: str
    entity_type: str
    entity_id: int
    region_id: int | None
    summary: Mapping[str, Any]
    occurred_at: dt.datetime

    @property
    def position(self) -> tuple[str, int]:
        return (self.xid, self.id)


async def append(
    conn: asyncpg.Connection,
    type_: str,
    entity_type: str,
    entity_id: int,
    region_id: int | None,
    summary: Mapping[str, Any],
) -> int:
    """Append an event inside the caller's transaction; listeners are told at commit."""
    event_id: int = await conn.fetchval(
        APPEND, type_, entity_type, entity_id, region_id, json.dumps(summary, default=str)
    )
    await conn.execute(NOTIFY, str(event_id))
    return event_id


@functools.cache
def personal_types() -> list[str]:
    """The entity types whose events are personal: those of personal entities, and of
    entities with a personal column (a volunteer's name)."""
    return [
        declared.type_name
        for declared in entities()
        if declared.personal or any(col.personal for col in declared.columns.values())
    ]


async def read(
    conn: asyncpg.Pool | asyncpg.Connection,
    after: tuple[str, int] | None,
    limit: int,
    *,
    personal_regions: Sequence[int] | None,
    types: Sequence[str] | None = None,
    region_id: int | None = None,
    project_id: int | None = None,
    community_id: int | None = None,
) -> list[Event]:
    """Up to `limit` committed events after `after`, in position order; of the events about
    personal records, only those in `personal_regions` (None: all of them)."""
    xid, event_id = (int(after[0]), after[1]) if after is not None else (None, None)
    type_list = None if types is None else list(types)
    regions = None if personal_regions is None else list(personal_regions)
    rows = await conn.fetch(
        READ,
        xid,
        event_id,
        limit,
        type_list,
        region_id,
        project_id,
        community_id,
        personal_types(),
        regions,
    )
    return _events(rows)


COUNT = (
    """
select count(*) from change_event
where xid < fivesoc_event_horizon()
  and """
    + _PRIVATE.format(types=3, regions=4)
    + """
  and ($1::text[] is null or type = any($1::text[]))
  and ($2::bigint is null or region_path <@ (select path from region where id = $2))
"""
)


async def count(
    conn: asyncpg.Pool | asyncpg.Connection,
    *,
    personal_regions: Sequence[int] | None,
    types: Sequence[str] | None = None,
    region_id: int | None = None,
) -> int:
    """How many committed events the log holds with these filters, of those the reader may
    see (`personal_regions` as for `read`)."""
    regions = None if personal_regions is None else list(personal_regions)
    result = await conn.fetchval(
        COUNT, None if types is None else list(types), region_id, personal_types(), regions
    )
    return int(result)


BY_IDS = (
    """
select id, xid::text as xid, type, entity_type, entity_id, region_id, summary::text as summary,
       occurred_at
from change_event where id = any($1::bigint[]) and """
    + _PRIVATE.format(types=2, regions=3)
    + """
"""
)


async def by_ids(
    conn: asyncpg.Pool | asyncpg.Connection,
    ids: Sequence[int],
    *,
    personal_regions: Sequence[int] | None,
) -> dict[int, Event]:
    """Events with these ids, committed or not yet below the reading horizon, of those the
    reader may see (`personal_regions` as for `read`)."""
    regions = None if personal_regions is None else list(personal_regions)
    rows = await conn.fetch(BY_IDS, list(ids), personal_types(), regions)
    return {event.id: event for event in _events(rows)}


def _events(rows: Sequence[asyncpg.Record]) -> list[Event]:
    return [
        Event(
            id=row["id"],
            xid=row["xid"],
            type=row["type"],
            entity_type=row["entity_type"],
            entity_id=row["entity_id"],
            region_id=row["region_id"],
            summary=json.loads(row["summary"]),
            occurred_at=row["occurred_at"],
        )
        for row in rows
    ]
