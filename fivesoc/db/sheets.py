"""The SQL of spreadsheets: rows found by name or natural key, and rows read for export.

Every statement is composed from the entities' declared identifiers (`fivesoc.db.declare`),
never from values; values go in as parameters.
"""

# ruff: noqa: S608 - SQL composed from declared identifiers only

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import AsyncIterator, Mapping, Sequence
from typing import Any

from fivesoc.db import names
from fivesoc.db.declare import ACTOR, Entity, entities, entity_named, entity_of
from fivesoc.db.entities.table import table_of
from fivesoc.db.listing import Filter
from fivesoc.db.network import Conn

REGION_PATH = "select string_to_array(ltree2text(path), '.')::bigint[] from region where id = $1"

# The places of the regions `$1`, each from the province down, and their paths' ids.
PLACES = """
select r.id, string_to_array(ltree2text(r.path), '.')::bigint[] as path_ids,
       array(select a.name from region a where a.path @> r.path order by nlevel(a.path)) as place
from region r where r.id = any($1::bigint[])
"""


@dataclasses.dataclass(frozen=True, slots=True)
class Candidate:
    """A row a name may stand for: its type, key, and its region's place and path ids."""

    type_name: str
    key: int
    place: tuple[str, ...]
    path_ids: tuple[int, ...]


def name_sql(declared: Entity, alias: str) -> str:
    """The SQL of a row's name: `name`, a person's `full_name` or `head_name`, or a `title`."""
    for column in ("name", "full_name", "head_name", "title"):
        col = declared.columns.get(column)
        if col is not None and col.sql is None:
            return f"{alias}.{column}"
    raise LookupError(f"{declared.table} rows have no name")


def parent_of(declared: Entity) -> Entity | None:
    """The entity a row of `declared` lies in, when that is not a region (a grid's community)."""
    if declared.region is None:
        return None
    ref = declared.columns[declared.region].ref
    return None if ref in (None, "Region", ACTOR) else entity_named(ref)


def _region_expr(declared: Entity, alias: str) -> str:
    return table_of(declared.record).region_of_row.format(id=f"{alias}.id")


@functools.cache
def _named_sql(type_name: str, qualified: bool) -> str:
    declared = entity_named(type_name)
    where = [f"{name_sql(declared, 't')} = $1"]
    if declared.archivable:
        where.append("t.archived_at is null")
    parent = parent_of(declared)
    if qualified and parent is not None:
        assert declared.region is not None
        where.append(
            f"exists (select from {parent.table} p where p.id = t.{declared.region} "
            f"and {name_sql(parent, 'p')} = $2)"
        )
    elif qualified and declared.region is not None and declared.region in declared.columns:
        ref = declared.columns[declared.region].ref
        holder = "region" if ref == "Region" else None
        where.append(
            f"exists (select from {holder} p where p.id = t.{declared.region} and p.name = $2)"
            if holder is not None
            else "false"
        )
    elif qualified:
        where.append("false")
    return (
        f"select t.id, {_region_expr(declared, 't')} as region_id from {declared.table} t "
        f"where {' and '.join(where)} order by t.id"
    )


async def _places(conn: Any, region_ids: Sequence[int]) -> dict[int, tuple[Any, Any]]:
    rows = await conn.fetch(PLACES, list(set(region_ids)))
    return {row["id"]: (tuple(row["place"]), tuple(row["path_ids"])) for row in rows}


async def candidates(conn: Any, type_name: str, name: str, parent: str | None) -> list[Candidate]:
    """Every row of `type_name` (`Actor`: of any actor kind) named `name`, not archived, by
    ascending key; with `parent`, only those lying in a row of that name (a grid of a
    community, a township of a county)."""
    if type_name == "Region":
        found = await names.regions_named(conn, name)
        keys = [(named.key, named.key) for named in found]
        places = await _places(conn, [key for key, _ in keys])
        made = [Candidate("Region", key, *places[key]) for key, _ in keys]
        if parent is not None:
            made = [each for each in made if len(each.place) > 1 and each.place[-2] == parent]
        return made
    types = (
        [e.type_name for e in entities() if e.actor_kind is not None]
        if type_name == ACTOR
        else [type_name]
    )
    found_rows: list[tuple[str, int, int]] = []
    for each in types:
        args = [name] if parent is None else [name, parent]
        for row in await conn.fetch(_named_sql(each, parent is not None), *args):
            found_rows.append((each, row["id"], row["region_id"]))
    places = await _places(conn, [region for _, _, region in found_rows])
    return [
        Candidate(each, key, *places[region])
        for each, key, region in found_rows
        if region in places
    ]


async def region_path(conn: Any, region_id: int | None) -> tuple[int, ...]:
    """The ids of a region and every region above it (empty for none)."""
    if region_id is None:
        return ()
    path = await conn.fetchval(REGION_PATH, region_id)
    return tuple(path or ())


@functools.cache
def _key_sql(type_name: str, columns: tuple[str, ...], nulls: tuple[bool, ...]) -> str:
    declared = entity_named(type_name)
    # `=` for a value and `is null` for none, so that the unique index finds the row; the
    # values are the parameters, in order.
    tests: list[str] = []
    for column, null in zip(columns, nulls, strict=True):
        tests.append(
            f"{column} is null" if null else f"{column} = ${nulls[: len(tests)].count(False) + 1}"
        )
    return f"select id from {declared.table} where {' and '.join(tests)} order by id limit 2"


async def keyed(
    conn: Any, record: type[Any], columns: Sequence[str], values: Mapping[str, Any]
) -> list[int]:
    """The keys of the rows (at most two) whose natural key `columns` hold `values`."""
    given = [values.get(c) for c in columns]
    nulls = tuple(value is None for value in given)
    sql = _key_sql(entity_of(record).type_name, tuple(columns), nulls)
    args = [value for value in given if value is not None]
    return [row["id"] for row in await conn.fetch(sql, *args)]


PARTICIPATION = "select joined_on, left_on from project_participant where id = $1"


@dataclasses.dataclass(frozen=True, slots=True)
class Participation:
    """When an actor joined a project, and left it (None: it still takes part)."""

    joined_on: dt.date | None
    left_on: dt.date | None


async def participation(conn: Any, key: int) -> Participation:
    """The dates of the project participation `key`."""
    row = await conn.fetchrow(PARTICIPATION, key)
    return Participation(row["joined_on"], row["left_on"])


def _ref_name_sql(ref: str, column: str) -> str:
    """SQL of the name a reference column's row goes by, qualified by its parent where the
    row lies in one (`干丰社区/第一网格`)."""
    if ref == ACTOR:
        parts = [
            f"(select {name_sql(e, 'x')} from {e.table} x where x.id = t.{column})"
            for e in entities()
            if e.actor_kind is not None
        ]
        return "coalesce(" + ", ".join(parts) + ")"
    if ref == "Region":
        return f"(select x.name from region x where x.id = t.{column})"
    declared = entity_named(ref)
    parent = parent_of(declared)
    if parent is None:
        return f"(select {name_sql(declared, 'x')} from {declared.table} x where x.id = t.{column})"
    return (
        f"(select {name_sql(parent, 'p')} || '/' || {name_sql(declared, 'x')} "
        f"from {declared.table} x join {parent.table} p on p.id = x.{declared.region} "
        f"where x.id = t.{column})"
    )


@functools.cache
def _export_sql(type_name: str, columns: tuple[str, ...], given: tuple[Filter, ...]) -> str:
    declared = entity_named(type_name)
    narrowed = "".join(
        "\n  and " + flt.sql.format(p=f"${position}::{flt.pg_type}")
        for position, flt in enumerate(given, start=4)
    )
    selected = [
        _ref_name_sql(col.ref, name) + f" as {name}" if col.ref is not None else f"t.{name}"
        for name, col in ((name, declared.columns[name]) for name in columns)
    ]
    archived = "t.archived_at is null" if declared.archivable else "true"
    return f"""
select {", ".join(["t.id", "t.version", *selected])},
       ($2::bigint[] is null or exists (
           select from region a where a.id = any($2::bigint[]) and r.path <@ a.path)) as readable
from {declared.table} t join region r on r.id = {_region_expr(declared, "t")}
where {archived}
  and ($1::bigint is null or r.path <@ (select path from region where id = $1))
  and ($3::boolean or $2::bigint[] is null or exists (
           select from region a where a.id = any($2::bigint[]) and r.path <@ a.path)){narrowed}
order by t.id
"""


async def count_rows(
    conn: Conn,
    record: type[Any],
    region_id: int | None,
    readable_in: Sequence[int] | None,
    *,
    all_rows: bool,
    filters: Sequence[tuple[Filter, object]] = (),
) -> int:
    """How many rows `export_rows` gives for the same arguments (what an export costs)."""
    given = tuple(flt for flt, _ in filters)
    sql = f"select count(*) from ({_export_sql(entity_of(record).type_name, (), given)}) e"
    regions = None if readable_in is None else list(readable_in)
    values = [value for _, value in filters]
    count: int = await conn.fetchval(sql, region_id, regions, all_rows, *values)
    return count


async def export_rows(
    conn: Conn,
    record: type[Any],
    columns: Sequence[str],
    region_id: int | None,
    readable_in: Sequence[int] | None,
    *,
    all_rows: bool,
    filters: Sequence[tuple[Filter, object]] = (),
) -> AsyncIterator[dict[str, Any]]:
    """The rows of an entity not archived, by key, in `region_id`'s subtree (None: all),
    each with its `version`, `columns` (a reference as the name of what it names) and
    `readable`: whether it lies in the regions `readable_in` (None: every region). Without
    `all_rows`, only the readable rows. Read through a cursor inside the caller's
    transaction, so memory stays bounded. `filters` narrow the rows as a root list's filters
    do (`fivesoc.db.listing.Filter`, with their values)."""
    given = tuple(flt for flt, _ in filters)
    sql = _export_sql(entity_of(record).type_name, tuple(columns), given)
    regions = None if readable_in is None else list(readable_in)
    values = [value for _, value in filters]
    async for row in conn.cursor(sql, region_id, regions, all_rows, *values, prefetch=500):
        yield dict(row)
