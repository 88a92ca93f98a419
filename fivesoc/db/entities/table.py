"""An entity table as writes see it: its writable columns, its region, its constraints.

`table_of` derives it from the entity's declaration (`fivesoc.db.declare`). The SQL a write
runs is composed here from those declared identifiers only, never from input.
"""

# SQL here is composed from the declared identifiers of the tables, never from input.
# ruff: noqa: S608

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping
from typing import Any

from fivesoc.db.declare import ACTOR, NEVER, Entity, entities, entity_named, entity_of
from fivesoc.db.listing import Source


def field_name(column: str) -> str:
    """The input field that carries `column`: `region_id` → `regionId`."""
    head, *rest = column.split("_")
    return head + "".join(part.title() for part in rest)


@dataclasses.dataclass(frozen=True, slots=True)
class Via:
    """A row's region is its parent's: `column` holds the parent's id, `parent` says how that
    parent finds its region (`{id}` is the parent's id)."""

    column: str
    parent: str


@dataclasses.dataclass(frozen=True, eq=False)
class Table:
    """An entity table that can be written.

    `columns` maps each writable column to the noun a NOT_FOUND error names when it is a
    reference (None for plain values). `checks` and `uniques` map constraint names to the
    column at fault and what to say. `actor_kind` marks tables sharing their id with `actor`.
    `personal` tables' events name the changed fields, never their values. Tables that are
    not `archivable` have no `archived_at`. `floors` name, per column, a query for the least
    value it may take on the row `$1` and what that value is (a resource's amount: what is
    already allocated).
    """

    name: str
    noun: str
    type_name: str
    source: Source[Any]
    columns: Mapping[str, str | None]
    region: str | Via = "region_id"
    checks: Mapping[str, tuple[str, str]] = dataclasses.field(default_factory=dict)
    uniques: Mapping[str, tuple[str, str]] = dataclasses.field(default_factory=dict)
    actor_kind: str | None = None
    personal: bool = False
    archivable: bool = True
    floors: Mapping[str, tuple[str, str]] = dataclasses.field(default_factory=dict)

    @property
    def region_column(self) -> str:
        return self.region if isinstance(self.region, str) else self.region.column

    @property
    def region_of_key(self) -> str:
        """SQL for the region a row would have when its region column holds `{id}`."""
        if isinstance(self.region, str):
            return "(select id from region where id = {id})"
        return self.region.parent

    @property
    def region_of_row(self) -> str:
        """SQL for the region of this table's row with id `{id}`."""
        column = f"(select {self.region_column} from {self.name} where id = {{id}})"
        return self.region_of_key.replace("{id}", column)

    @functools.cached_property
    def lock_sql(self) -> str:
        columns = ", ".join(self.columns)
        region = self.region_of_row.format(id="$1")
        archived = "archived_at" if self.archivable else "null::timestamptz as archived_at"
        return (
            f"select {columns}, version, {archived}, {region} as region_id "
            f"from {self.name} where id = $1 for update"
        )

    @functools.cached_property
    def region_sql(self) -> str:
        return "select " + self.region_of_key.format(id="$1")

    @functools.cache  # noqa: B019 - declarations live as long as the process
    def insert_sql(self, columns: tuple[str, ...]) -> str:
        unknown = set(columns) - set(self.columns)
        assert not unknown, f"{self.name} has no writable columns {sorted(unknown)}"
        if self.actor_kind is None:
            params = ", ".join(f"${i}" for i in range(1, len(columns) + 1))
            names = ", ".join(columns)
            values = f"values ({params})" if columns else "default values"
            return f"insert into {self.name} ({names}) {values} returning id"
        names = ", ".join(("id", *columns))
        values = ", ".join(("(select id from a)", *(f"${i}" for i in range(1, len(columns) + 1))))
        return (
            f"with a as (insert into actor (kind) values ('{self.actor_kind}') returning id) "
            f"insert into {self.name} ({names}) values ({values}) returning id"
        )

    @functools.cache  # noqa: B019
    def update_sql(self, columns: tuple[str, ...]) -> str:
        unknown = set(columns) - set(self.columns)
        assert not unknown, f"{self.name} has no writable columns {sorted(unknown)}"
        sets = ", ".join(f"{column} = ${i}" for i, column in enumerate(columns, start=2))
        return f"update {self.name} set {sets}, version = version + 1 where id = $1"

    @functools.cached_property
    def archive_sql(self) -> str:
        assert self.archivable, f"{self.name} rows are not archived"
        return f"update {self.name} set archived_at = now(), version = version + 1 where id = $1"


def parent_region(table: Table) -> str:
    """How a child of `table` finds its region, given the id `{id}` of its `table` row."""
    return table.region_of_row


@functools.cache
def actor_region() -> str:
    """SQL for the region of the actor with id `{id}`, of whichever kind (actors share one id
    space, each kind in its own table)."""
    tables = [declared.table for declared in entities() if declared.actor_kind is not None]
    return (
        "coalesce("
        + ", ".join(f"(select region_id from {table} where id = {{id}})" for table in tables)
        + ")"
    )


def _noun(ref: str) -> str:
    return "actor" if ref == ACTOR else entity_named(ref).noun


_TABLES: dict[str, Table] = {}


def table_of(record_class: type[Any]) -> Table:
    """The write table of an entity, from its declaration: its written columns (each
    reference with the noun a NOT_FOUND error names), where a row's region comes from, and
    its constraints. One table per entity, however often it is asked for."""
    declared = entity_of(record_class)
    if declared.table not in _TABLES:
        _TABLES[declared.table] = _table(declared)
    return _TABLES[declared.table]


def _table(declared: Entity) -> Table:
    columns = declared.columns
    assert declared.region is not None, f"{declared.table} rows have no region to write in"
    region: str | Via = declared.region
    ref = columns[declared.region].ref
    if ref == ACTOR:
        region = Via(declared.region, actor_region())
    elif ref != "Region":
        assert ref is not None, f"{declared.table}.{declared.region} is not a reference"
        region = Via(declared.region, parent_region(table_of(entity_named(ref).record)))
    return Table(
        declared.table,
        declared.noun,
        declared.type_name,
        declared.source,
        {
            name: None if col.ref is None else _noun(col.ref)
            for name, col in columns.items()
            if col.write is not NEVER
        },
        region=region,
        checks=declared.checks,
        uniques=declared.uniques,
        actor_kind=declared.actor_kind,
        personal=declared.personal or any(col.personal for col in columns.values()),
        archivable=declared.archivable,
        floors=declared.floors,
    )
