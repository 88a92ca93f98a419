"""Insert, update and archive one row of a declared table, each with its event.

Each function takes a connection inside a transaction the caller owns and appends its event
there, so a failed write leaves neither the row nor the event. Driver errors are translated
by class and constraint name: a unique violation is a `Conflict`, a foreign key naming
nothing `NotFound`, a check or NOT NULL violation `Invalid`, each naming the input field.
"""

# SQL here is composed from the declared identifiers of the tables, never from input.

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

import asyncpg

from fivesoc.db import events
from fivesoc.db.entities.table import Table, field_name
from fivesoc.db.errors import Conflict, Invalid, NotFound, WriteError

ACTOR_KINDS = "select id, kind from actor where id = any($1::bigint[])"


async def actor_kinds(conn: asyncpg.Connection, ids: Sequence[int]) -> dict[int, str]:
    """The kind of each of `ids` that is an actor (actors of every kind share one id space)."""
    return {row["id"]: row["kind"] for row in await conn.fetch(ACTOR_KINDS, list(ids))}


@dataclasses.dataclass(frozen=True, slots=True)
class Current:
    """A row as locked for a change: its writable values, version, archive time and region."""

    values: Mapping[str, Any]
    version: int
    archived_at: dt.datetime | None
    region_id: int | None


@dataclasses.dataclass(frozen=True, slots=True)
class Written:
    """A row after a write: the record as read back, and the fields that changed."""

    record: Any
    changed: tuple[str, ...]


async def region_for(conn: asyncpg.Connection, table: Table, key: int | None) -> int | None:
    """The region a row would belong to with `key` in its region column (None: no such row)."""
    if key is None:
        return None
    region: int | None = await conn.fetchval(table.region_sql, key)
    return region


async def lock(conn: asyncpg.Connection, table: Table, key: int) -> Current:
    """The row `key` of `table`, locked until the transaction ends; NotFound if none."""
    row = await conn.fetchrow(table.lock_sql, key)
    if row is None:
        raise NotFound(f"no {table.noun} has the id {key}", field="id")
    return Current(
        values={column: row[column] for column in table.columns},
        version=row["version"],
        archived_at=row["archived_at"],
        region_id=row["region_id"],
    )


def check_version(table: Table, current: Current, expected: int) -> None:
    """Refuse a change made from a stale read, or to an archived row."""
    if current.version != expected:
        raise Conflict(
            f"the {table.noun} is at version {current.version}, not {expected}: "
            "read it again and retry",
            field="expectedVersion",
        )
    if current.archived_at is not None:
        raise Conflict(f"the {table.noun} is archived", field="id")


async def insert(conn: asyncpg.Connection, table: Table, values: Mapping[str, Any]) -> Written:
    """Insert a row with `values` (columns left out take their defaults) and its event."""
    columns = tuple(column for column in table.columns if column in values)
    args = [values[column] for column in columns]
    async with _translated(table, values):
        key = await conn.fetchval(table.insert_sql(columns), *args)
    record = await read_back(conn, table, key)
    changed = tuple(field_name(column) for column in columns)
    summary = _summary(table, columns, values, record.version)
    await events.append(
        conn,
        f"{table.name}.created",
        table.type_name,
        key,
        await region_of(conn, table, key),
        summary,
    )
    return Written(record, changed)


async def update(
    conn: asyncpg.Connection,
    table: Table,
    key: int,
    current: Current,
    changes: Mapping[str, Any],
) -> Written:
    """Set the `changes` that differ from `current` on the locked row `key`, with its event.

    Nothing is written (no version bump, no event) when no value differs.
    """
    columns = tuple(
        column
        for column in table.columns
        if column in changes and changes[column] != current.values[column]
    )
    if not columns:
        return Written(await read_back(conn, table, key), ())
    for column in columns:
        if column in table.floors and changes[column] is not None:
            sql, what = table.floors[column]
            floor = await conn.fetchval(sql, key)
            if changes[column] < floor:
                raise Conflict(f"must be at least {floor}, {what}", field=field_name(column))
    async with _translated(table, changes):
        await conn.execute(table.update_sql(columns), key, *(changes[c] for c in columns))
    record = await read_back(conn, table, key)
    summary = _summary(table, columns, changes, record.version)
    await events.append(
        conn,
        f"{table.name}.updated",
        table.type_name,
        key,
        await region_of(conn, table, key),
        summary,
    )
    return Written(record, tuple(field_name(column) for column in columns))


async def archive(conn: asyncpg.Connection, table: Table, key: int) -> Written:
    """Mark the locked row `key` archived, with its event."""
    await conn.execute(table.archive_sql, key)
    record = await read_back(conn, table, key)
    await events.append(
        conn,
        f"{table.name}.archived",
        table.type_name,
        key,
        await region_of(conn, table, key),
        {"version": record.version},
    )
    return Written(record, ("archivedAt",))


async def read_back(conn: asyncpg.Connection, table: Table, key: int) -> Any:
    row = await conn.fetchrow(table.source.by_ids_sql, [key])
    assert row is not None
    return table.source.make(row)


async def region_of(conn: asyncpg.Connection, table: Table, key: int) -> int | None:
    region: int | None = await conn.fetchval("select " + table.region_of_row.format(id="$1"), key)
    return region


def _summary(
    table: Table, columns: Sequence[str], values: Mapping[str, Any], version: int
) -> dict[str, Any]:
    """The event's summary: the changed fields, and their new values unless personal."""
    summary: dict[str, Any] = {"fields": [field_name(column) for column in columns]}
    if not table.personal:
        summary["values"] = {field_name(column): _json(values[column]) for column in columns}
    summary["version"] = version
    return summary


def _json(value: Any) -> Any:
    if isinstance(value, Decimal | dt.date):
        return str(value)
    return value


class _translated:
    """Turn a driver error of a write into the data layer's own, by class and constraint."""

    def __init__(self, table: Table, values: Mapping[str, Any]) -> None:
        self.table = table
        self.values = values

    async def __aenter__(self) -> None:
        return None

    async def __aexit__(self, kind: type[BaseException] | None, error: Any, tb: Any) -> None:
        if isinstance(error, asyncpg.PostgresError):
            translated = translate(self.table, self.values, error)
            if translated is not None:
                raise translated from error


def translate(
    table: Table, values: Mapping[str, Any], error: asyncpg.PostgresError
) -> WriteError | None:
    """The `WriteError` a driver error of a write on `table` stands for."""
    constraint = getattr(error, "constraint_name", None) or ""
    if isinstance(error, asyncpg.UniqueViolationError) and constraint in table.uniques:
        column, message = table.uniques[constraint]
        return Conflict(message, field=field_name(column))
    if isinstance(error, asyncpg.CheckViolationError) and constraint in table.checks:
        column, message = table.checks[constraint]
        return Invalid(message, field=field_name(column))
    if isinstance(error, asyncpg.ForeignKeyViolationError):
        column = constraint.removeprefix(f"{table.name}_").removesuffix("_fkey")
        noun = table.columns.get(column)
        if noun is not None:
            return NotFound(f"no {noun} has the id {values.get(column)}", field=field_name(column))
    if isinstance(error, asyncpg.NotNullViolationError):
        column = getattr(error, "column_name", None) or ""
        if column in table.columns:
            return Invalid("must not be null", field=field_name(column))
    if isinstance(error, asyncpg.NumericValueOutOfRangeError):
        return Invalid("a number is too large for its field")
    return None
