"""Create, update and archive mutations built from one declaration per entity.

An `Entity` names its `fivesoc.db.entities.Table` and its writable fields, each with the
GraphQL type and description of its input. From it come `Create<T>Input`, `Update<T>Input`
(every field optional: what is left out stays as it is; `expectedVersion` is required),
`Archive<T>Input`, one `<T>Payload` shared by the three, and their resolvers.

Every write is one transaction: the row is locked, the write permission checked against its
region (a caseworker token covering it, or admin), the version compared, the row written and
the event appended; any refusal rolls all of it back.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import inspect
import typing
from collections.abc import Awaitable, Callable, Iterable
from decimal import Decimal
from typing import Annotated, Any

import strawberry
from strawberry import relay

from fivesoc.db import entities as db
from fivesoc.db.declare import ACTOR, REQUIRED, Column, entity_named, unwrap_optional
from fivesoc.permissions import PUBLIC
from fivesoc.schema.context import Info
from fivesoc.schema.mutations.common import (
    Refused,
    UserError,
    UserErrorCode,
    check_actor_kinds,
    decimal_input,
    may_write_at_all,
    may_write_in,
    snake,
    user_error,
    write,
)
from fivesoc.schema.privacy import record_class
from fivesoc.schema.types import enums
from fivesoc.schema.types.actor import ACTOR_TYPES
from fivesoc.schema.types.common import row_key
from fivesoc.schema.types.fields import node_class


@dataclasses.dataclass(frozen=True, slots=True)
class Field:
    """A writable field: its column, input type and description.

    `ref` names the node types a global id may be of (the field's type is then `ID`);
    `decimal` fields take a decimal number as text; `required` fields must be given on
    create and can never be null.
    """

    column: str
    type: Any
    description: str
    required: bool = False
    ref: tuple[str, ...] = ()
    decimal: bool = False
    digits: tuple[int, int] | None = None

    @property
    def input_type(self) -> Any:
        if self.ref:
            return relay.GlobalID
        return str if self.decimal else self.type


def _field(name: str, col: Column, hint: Any) -> Field:
    """The input field of a written column: a global id for a reference, a decimal as text,
    words of a kind list as its enum."""
    required = col.write is REQUIRED
    description = col.input_description
    if col.ref is not None:
        types = ACTOR_TYPES if col.ref == ACTOR else (col.ref,)
        return Field(name, relay.GlobalID, description, required, ref=types)
    base, _ = unwrap_optional(hint)
    if base is Decimal:
        return Field(name, str, description, required, decimal=True, digits=col.digits)
    if col.enum is not None:
        kind = getattr(enums, col.enum)
        base = list[kind] if typing.get_origin(base) is list else kind  # type: ignore[valid-type]
    return Field(name, base, description, required)


@dataclasses.dataclass(frozen=True, slots=True)
class Entity:
    """What can be written of one node type, and how its archiving reads."""

    table: db.Table
    fields: tuple[Field, ...]

    @classmethod
    def of(cls, table: db.Table) -> Entity:
        """The writable fields of a table, each as its column declares it."""
        declared = entity_named(table.type_name)
        hints = declared.hints
        return cls(
            table,
            tuple(_field(name, declared.columns[name], hints[name]) for name in table.columns),
        )

    @property
    def type_name(self) -> str:
        return self.table.type_name

    @property
    def attribute(self) -> str:
        """The payload's field for the object: `MicroGrid` → `micro_grid` (`microGrid`)."""
        return snake(self.type_name)


def _make_input(name: str, description: str, fields: Iterable[tuple[str, Any, Any]]) -> Any:
    namespace: dict[str, Any] = {"__annotations__": {}}
    for attribute, annotation, field in fields:
        namespace["__annotations__"][attribute] = annotation
        namespace[attribute] = field
    return strawberry.input(type(name, (), namespace), name=name, description=description)


def _id_field(entity: Entity) -> tuple[str, Any, Any]:
    return ("id", relay.GlobalID, strawberry.field(description=f"The {entity.table.noun}."))


def _version_field(entity: Entity) -> tuple[str, Any, Any]:
    description = f"The {entity.table.noun}'s `version` as last read; a stale one is a CONFLICT."
    return ("expected_version", int, strawberry.field(description=description))


@functools.cache
def create_input(entity: Entity) -> Any:
    fields = []
    for field in entity.fields:
        if field.required:
            fields.append(
                (field.column, field.input_type, strawberry.field(description=field.description))
            )
        else:
            fields.append(
                (
                    field.column,
                    field.input_type | None,
                    strawberry.field(default=None, description=field.description),
                )
            )
    return _make_input(f"Create{entity.type_name}Input", f"A new {entity.table.noun}.", fields)


@functools.cache
def update_input(entity: Entity) -> Any:
    fields = [_id_field(entity), _version_field(entity)]
    for field in entity.fields:
        fields.append(
            (
                field.column,
                field.input_type | None,
                strawberry.field(
                    default=strawberry.UNSET,
                    description=f"{field.description} Left out: unchanged.",
                ),
            )
        )
    return _make_input(
        f"Update{entity.type_name}Input",
        f"New values for some fields of a {entity.table.noun}, with the version read.",
        fields,
    )


@functools.cache
def archive_input(entity: Entity) -> Any:
    return _make_input(
        f"Archive{entity.type_name}Input",
        f"A {entity.table.noun} to archive, with the version read.",
        [_id_field(entity), _version_field(entity)],
    )


@functools.cache
def payload(entity: Entity) -> Any:
    name = f"{entity.type_name}Payload"
    namespace: dict[str, Any] = {
        "__annotations__": {
            entity.attribute: node_class(entity.type_name) | None,
            "user_errors": list[UserError],
        },
        entity.attribute: strawberry.field(
            description=f"The {entity.table.noun} as written; null when nothing was."
        ),
        "user_errors": strawberry.field(description="What was wrong, if anything."),
    }
    description = (
        f"Result of create{entity.type_name}, update{entity.type_name} or "
        f"archive{entity.type_name}."
    )
    return strawberry.type(type(name, (), namespace), name=name, description=description)


async def may_change(info: Info, table: db.Table, key: int, region_id: int | None) -> None:
    """Refuse a change to the row `key` outside the viewer's regions; for a personal record,
    as if it did not exist (NOT_FOUND), so that nobody learns what they may not read."""
    of = record_class(table.personal)
    try:
        await may_write_in(info, [region_id], of)
    except Refused:
        if of is PUBLIC:
            raise
        message = f"no {table.noun} has the id {key}"
        raise Refused([user_error("id", message, UserErrorCode.NOT_FOUND)]) from None


def _key(value: relay.GlobalID, types: tuple[str, ...], field: str) -> int:
    key = row_key(value.node_id)
    if value.type_name not in types or key is None:
        names = " or ".join(types)
        raise Refused([user_error(field, f"must be the id of a {names}", UserErrorCode.INVALID)])
    return key


def _convert(field: Field, value: Any) -> Any:
    name = db.field_name(field.column)
    if field.ref:
        return _key(value, field.ref, name)
    if field.decimal:
        assert field.digits is not None, f"{field.column} declares no digits"
        return decimal_input(value, field.digits, name)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, list):
        return [item.value if isinstance(item, enum.Enum) else item for item in value]
    return value


async def check_actors(conn: Any, entity: Entity, input: Any) -> None:
    """Refuse a reference to an actor whose global id names the wrong kind of actor (see
    `check_actor_kinds`)."""
    await check_actor_kinds(
        conn,
        [
            (db.field_name(field.column), getattr(input, field.column))
            for field in entity.fields
            if field.ref == ACTOR_TYPES and isinstance(getattr(input, field.column), relay.GlobalID)
        ],
    )


def values_of(entity: Entity, input: Any, *, creating: bool) -> dict[str, Any]:
    """The column values an input gives, converted; every problem at once as `Refused`."""
    values: dict[str, Any] = {}
    errors: list[UserError] = []
    for field in entity.fields:
        value = getattr(input, field.column)
        if value is strawberry.UNSET or (creating and value is None):
            continue
        if value is None:
            if field.required:
                name = db.field_name(field.column)
                errors.append(user_error(name, "must not be null", UserErrorCode.INVALID))
            else:
                values[field.column] = None
            continue
        try:
            values[field.column] = _convert(field, value)
        except Refused as refused:
            errors += refused.errors
    if errors:
        raise Refused(errors)
    return values


def _resolver(
    entity: Entity,
    input_type: Any,
    run: Callable[[Info, Any], Awaitable[db.Written]],
    description: str,
) -> Any:
    result = payload(entity)
    make = getattr(node_class(entity.type_name), "from_record")  # noqa: B009

    async def resolve(self: Any, info: Info, input: Any) -> Any:
        try:
            written = await run(info, input)
        except Refused as refused:
            return result(**{entity.attribute: None, "user_errors": refused.errors})
        return result(**{entity.attribute: make(written.record), "user_errors": []})

    argument = Annotated[input_type, strawberry.argument(description="What to write.")]
    parameters = [
        inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD),
        inspect.Parameter("info", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Info),
        inspect.Parameter("input", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=argument),
    ]
    resolve.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        parameters, return_annotation=result
    )
    resolve.__annotations__ = {"info": Info, "input": argument, "return": result}
    return strawberry.mutation(resolver=resolve, description=description)


def create_mutation(entity: Entity) -> Any:
    """`create<T>`: insert a row from its input."""
    table = entity.table

    async def run(info: Info, input: Any) -> db.Written:
        values = values_of(entity, input, creating=True)
        may_write_at_all(info, record_class(table.personal))

        async def action(conn: Any) -> db.Written:
            region = await db.region_for(conn, table, values.get(table.region_column))
            await may_write_in(info, [region], record_class(table.personal))
            await check_actors(conn, entity, input)
            return await db.insert(conn, table, values)

        return await write(info, action)

    return _resolver(entity, create_input(entity), run, f"Create a {table.noun}.")


def update_mutation(entity: Entity) -> Any:
    """`update<T>`: change the fields given, if the caller read the current version."""
    table = entity.table

    async def run(info: Info, input: Any) -> db.Written:
        key = _key(input.id, (entity.type_name,), "id")
        changes = values_of(entity, input, creating=False)
        if not changes:
            raise Refused(
                [user_error(None, "name at least one field to change", UserErrorCode.INVALID)]
            )

        may_write_at_all(info, record_class(table.personal))

        async def action(conn: Any) -> db.Written:
            current = await db.lock(conn, table, key)
            await may_change(info, table, key, current.region_id)
            if table.region_column in changes:
                moved_to = await db.region_for(conn, table, changes[table.region_column])
                await may_write_in(info, [moved_to], record_class(table.personal))
            db.check_version(table, current, input.expected_version)
            await check_actors(conn, entity, input)
            return await db.update(conn, table, key, current, changes)

        return await write(info, action)

    description = (
        f"Change fields of a {table.noun}, naming the version read; fields left out stay as "
        "they are. Nothing is written when no value differs."
    )
    return _resolver(entity, update_input(entity), run, description)


def archive_mutation(entity: Entity) -> Any:
    """`archive<T>`: mark the row archived, if the caller read the current version."""
    table = entity.table

    async def run(info: Info, input: Any) -> db.Written:
        key = _key(input.id, (entity.type_name,), "id")
        may_write_at_all(info, record_class(table.personal))

        async def action(conn: Any) -> db.Written:
            current = await db.lock(conn, table, key)
            await may_change(info, table, key, current.region_id)
            db.check_version(table, current, input.expected_version)
            return await db.archive(conn, table, key)

        return await write(info, action)

    description = (
        f"Archive a {table.noun}, naming the version read: it stays readable by id with "
        "`archivedAt` set, leaves root lists, and can no longer be changed."
    )
    return _resolver(entity, archive_input(entity), run, description)


__all__ = [
    "Entity",
    "Field",
    "archive_mutation",
    "create_mutation",
    "update_mutation",
]


def members_mutation(entity: Entity, members: db.Members, member_type: str, plural: str) -> Any:
    """`set<T><Plural>`: make a row's members exactly the ids given, naming the version read."""
    table = entity.table
    field = members.field
    input_type = _make_input(
        f"Set{entity.type_name}{plural}Input",
        f"The {plural.lower()} of a {table.noun}, as a whole, with the version read.",
        [
            _id_field(entity),
            _version_field(entity),
            (
                field,
                list[relay.GlobalID],
                strawberry.field(
                    description=f"Every {members.member_noun} it should have; others are removed."
                ),
            ),
        ],
    )

    async def run(info: Info, input: Any) -> db.Written:
        key = _key(input.id, (entity.type_name,), "id")
        wanted = [
            _key(value, (member_type,), db.field_name(field)) for value in getattr(input, field)
        ]
        may_write_at_all(info, record_class(table.personal))

        async def action(conn: Any) -> db.Written:
            current = await db.lock(conn, table, key)
            await may_change(info, table, key, current.region_id)
            db.check_version(table, current, input.expected_version)
            return await db.set_members(conn, members, key, wanted)

        return await write(info, action)

    description = (
        f"Set the {plural.lower()} of a {table.noun}, naming the version read; the change "
        "counts as one of the row (its version grows by one)."
    )
    return _resolver(entity, input_type, run, description)
