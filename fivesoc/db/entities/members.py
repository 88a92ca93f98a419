"""Sets of members written as a whole: the communities a project serves or an agreement
covers. A change of the set is a change of the owner row, with its event."""

# SQL here is composed from the declared identifiers of the tables, never from input.
# ruff: noqa: S608

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Sequence

import asyncpg

from fivesoc.db import events
from fivesoc.db.entities.table import Table, field_name
from fivesoc.db.entities.tables import AGREEMENT, PROJECT
from fivesoc.db.entities.writes import Written, read_back, region_of
from fivesoc.db.errors import NotFound


@dataclasses.dataclass(frozen=True, eq=False)
class Members:
    """A link table tying rows of `owner` to rows of `member_table` (e.g. the communities a
    project serves); the set is written as a whole and counts as a change of the owner."""

    name: str
    owner: Table
    owner_column: str
    member_table: str
    member_column: str
    member_noun: str
    field: str
    event: str

    @functools.cached_property
    def current_sql(self) -> str:
        return (
            f"select {self.member_column} from {self.name} where {self.owner_column} = $1 "
            f"order by {self.member_column}"
        )

    @functools.cached_property
    def missing_sql(self) -> str:
        return (
            f"select k from unnest($1::bigint[]) as k where not exists "
            f"(select from {self.member_table} m where m.id = k) order by k"
        )

    @functools.cached_property
    def delete_sql(self) -> str:
        return (
            f"delete from {self.name} where {self.owner_column} = $1 "
            f"and {self.member_column} = any($2::bigint[])"
        )

    @functools.cached_property
    def insert_sql(self) -> str:
        return (
            f"insert into {self.name} ({self.owner_column}, {self.member_column}) "
            "select $1, unnest($2::bigint[])"
        )

    @functools.cached_property
    def bump_sql(self) -> str:
        return f"update {self.owner.name} set version = version + 1 where id = $1"


PROJECT_COMMUNITIES = Members(
    "project_community",
    PROJECT,
    "project_id",
    "community",
    "community_id",
    "community",
    "community_ids",
    "communities_set",
)
AGREEMENT_COMMUNITIES = Members(
    "agreement_community",
    AGREEMENT,
    "agreement_id",
    "community",
    "community_id",
    "community",
    "community_ids",
    "communities_set",
)


async def set_members(
    conn: asyncpg.Connection, members: Members, key: int, wanted: Sequence[int]
) -> Written:
    """Make the locked owner row `key`'s members exactly `wanted`, with its event.

    Nothing is written when the set is already so.
    """
    table = members.owner
    missing = [row[0] for row in await conn.fetch(members.missing_sql, list(wanted))]
    if missing:
        raise NotFound(
            f"no {members.member_noun} has the id {missing[0]}", field=field_name(members.field)
        )
    existing = {row[0] for row in await conn.fetch(members.current_sql, key)}
    added = sorted(set(wanted) - existing)
    removed = sorted(existing - set(wanted))
    if not added and not removed:
        return Written(await read_back(conn, table, key), ())
    await conn.execute(members.delete_sql, key, removed)
    await conn.execute(members.insert_sql, key, added)
    await conn.execute(members.bump_sql, key)
    record = await read_back(conn, table, key)
    await events.append(
        conn,
        f"{table.name}.{members.event}",
        table.type_name,
        key,
        await region_of(conn, table, key),
        {"added": added, "removed": removed, "version": record.version},
    )
    return Written(record, (field_name(members.field),))
