"""How an entity is declared: once, as the frozen dataclass of its rows.

An entity is a record class decorated with `entity(...)`: the table, the global-id type
name, the noun errors use, the description, where a row's region comes from, which
constraint guards which column. Each field is a column declared with `column(...)`: its
description (and, where an input should say more, the input's), whether and how it is
written, the kind list its words come from, the entity it points at, or the SQL expression a
derived value is read with.

Everything else is derived from that one declaration: the rows a `Source` reads
(`source_of`), the write table (`fivesoc.db.entities.table.table_of`), and above `db/`, the
GraphQL type's fields, its references, the mutation inputs and the compiled reads. So adding
a column is its migration and one line in its entity. Fields every versioned entity shares
(`version`, `archived_at`) are declared once, in `Versioned` and `Archivable`.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, TypeVar, dataclass_transform

from fivesoc.db.listing import Source
from fivesoc.kinds import ACTOR_KINDS

T = TypeVar("T")
R = TypeVar("R")

# The key of a dataclass field's metadata that holds its `Column`.
COLUMN = "fivesoc.column"


class Write(enum.Enum):
    """Whether a column is written through the entity's create and update mutations."""

    NEVER = "never"  # read only: derived, or changed by a named operation
    OPTIONAL = "optional"  # may be left out on create (null or the database's default)
    REQUIRED = "required"  # must be given on create, and can never be null


NEVER, OPTIONAL, REQUIRED = Write.NEVER, Write.OPTIONAL, Write.REQUIRED

# `ref` of a column pointing at any kind of actor (they share one id space).
ACTOR = "Actor"


@dataclasses.dataclass(frozen=True, slots=True)
class Column:
    """What a record field is, beyond its Python type.

    `description` says what it holds (for a reference: what the referenced row is to this
    one). `input` describes the input field where it should say more (what a written value
    must satisfy, what an unset one becomes).
    `enum` names the kind list its words come from (the GraphQL enum of that name). `ref`
    names the entity type it points at (`ACTOR`: any actor); the field is then the row's key
    and the reference is read through it. `sql` reads a derived value as an expression over
    the entity's relation (aliased `t`). A column that is not `exposed` is kept for the code
    only. A `personal` column is personal data within a public record: it is read only
    through a guard written by hand. `digits` are a decimal column's precision and scale
    (`numeric(14, 2)`: 14 digits, 2 after the point), which a written value must fit.
    """

    description: str
    write: Write = NEVER
    input: str | None = None
    enum: str | None = None
    ref: str | None = None
    sql: str | None = None
    exposed: bool = True
    personal: bool = False
    digits: tuple[int, int] | None = None
    zh: str | None = None

    @property
    def input_description(self) -> str:
        return self.description if self.input is None else self.input


def column(
    description: str = "",
    *,
    write: Write = NEVER,
    input: str | None = None,
    enum: str | None = None,
    ref: str | None = None,
    sql: str | None = None,
    exposed: bool = True,
    personal: bool = False,
    digits: tuple[int, int] | None = None,
    zh: str | None = None,
) -> Any:
    """A column of an entity (see `Column`)."""
    assert sql is None or write is NEVER, "a derived value cannot be written"
    declared = Column(description, write, input, enum, ref, sql, exposed, personal, digits, zh)
    return dataclasses.field(metadata={COLUMN: declared})


@dataclasses.dataclass(frozen=True, slots=True)
class Entity:
    """What an entity is as a whole (see `entity`)."""

    record: type[Any]
    table: str
    type_name: str
    noun: str
    description: str
    region: str | None
    joins: str
    checks: Mapping[str, tuple[str, str]]
    uniques: Mapping[str, tuple[str, str]]
    floors: Mapping[str, tuple[str, str]]
    actor_kind: str | None
    personal: bool
    # Derived when declared: each column, the Python type of each field, and its rows.
    columns: Mapping[str, Column]
    hints: Mapping[str, Any]
    source: Source[Any]

    @property
    def archivable(self) -> bool:
        return "archived_at" in self.columns


# Every declared entity by its record class, and by its GraphQL type name.
_ENTITIES: dict[type[Any], Entity] = {}
_BY_TYPE_NAME: dict[str, Entity] = {}


@dataclass_transform(frozen_default=True, field_specifiers=(column,))
def record(cls: type[T]) -> type[T]:
    """A record class without an entity of its own (shared fields, or an internal row)."""
    return dataclasses.dataclass(frozen=True, slots=True)(cls)


@dataclass_transform(frozen_default=True, field_specifiers=(column,))
def entity(
    *,
    table: str,
    type_name: str,
    noun: str,
    description: str,
    region: str | None = "region_id",
    joins: str = "",
    checks: Mapping[str, tuple[str, str]] | None = None,
    uniques: Mapping[str, tuple[str, str]] | None = None,
    floors: Mapping[str, tuple[str, str]] | None = None,
    actor_kind: str | None = None,
    personal: bool = False,
) -> Callable[[type[T]], type[T]]:
    """Declare an entity: its record class, with everything the layers above derive.

    `region` is the column whose row gives a row's region (a reference to a region, or to a
    parent whose region it shares). `joins` adds relations to the table for derived columns.
    `checks` and `uniques` map constraint names to the column at fault and what to say;
    `floors` name, per column, a query for the least value it may take on the row `$1` and
    what that value is. `actor_kind` marks entities sharing their id with `actor`.
    `personal` entities are personal data as a whole: read only through the privacy guard,
    and their events name the changed fields, never their values.
    """

    assert actor_kind is None or actor_kind in ACTOR_KINDS, f"unknown actor kind {actor_kind}"

    def declare(cls: type[T]) -> type[T]:
        made = dataclasses.dataclass(frozen=True, slots=True)(cls)
        columns = {
            field.name: field.metadata.get(COLUMN, Column(""))
            for field in dataclasses.fields(made)  # type: ignore[arg-type]
        }
        computed = {name: col.sql for name, col in columns.items() if col.sql is not None}
        relation = f"{table} t {joins}".strip()
        declared = Entity(
            made,
            table,
            type_name,
            noun,
            description,
            region,
            joins,
            checks or {},
            uniques or {},
            floors or {},
            actor_kind,
            personal,
            columns,
            typing.get_type_hints(made),
            Source(relation, made, computed, personal=personal),
        )
        _ENTITIES[made] = declared
        _BY_TYPE_NAME[type_name] = declared
        return made

    return declare


def entity_of(record_class: type[Any]) -> Entity:
    """The entity a record class declares."""
    return _ENTITIES[record_class]


def entity_named(type_name: str) -> Entity:
    """The entity whose GraphQL type is `type_name`."""
    return _BY_TYPE_NAME[type_name]


def actor_entity(kind: str) -> Entity:
    """The entity of the actors of a kind (`fivesoc.kinds.ACTOR_KINDS`)."""
    for declared in _ENTITIES.values():
        if declared.actor_kind == kind:
            return declared
    raise LookupError(f"no entity declares the actor kind {kind!r}")


def entities() -> tuple[Entity, ...]:
    """Every entity declared so far, in the order of declaration."""
    return tuple(_ENTITIES.values())


def unwrap_optional(annotation: Any) -> tuple[Any, bool]:
    """`(X, True)` for `X | None`, `(X, False)` for anything else."""
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        members = [member for member in typing.get_args(annotation) if member is not type(None)]
        if len(members) == 1:
            return members[0], True
    return annotation, False


def source_of(record_class: type[R]) -> Source[R]:
    """The rows of an entity: its table (with its joins), each column or derived value."""
    source: Source[R] = entity_of(record_class).source
    return source
