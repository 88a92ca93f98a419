"""The GraphQL type of an entity, derived from its declaration.

`@node(records.Community)` on a class makes it the object type of that entity: each exposed
column becomes a field with the column's description (words of a kind list as its enum,
decimals as floats); each reference column the referenced object (`region_id` → `region`,
an actor of whichever type for `ACTOR`), its key kept as a private attribute; the record
itself is kept as `record`; and the type's description is the entity's. The class body adds
what is not a column: related lists, computed fields, guarded fields.

A field written in the class body wins over the derived one. Personal data is never
derived: a reference to a personal entity, or a personal column, must be written by hand
through the privacy guard, or the type refuses to be built.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar

import strawberry
from strawberry import relay

from fivesoc.db.declare import ACTOR, Column, entity_named, entity_of, source_of
from fivesoc.db.declare import unwrap_optional as _unwrap
from fivesoc.schema.types import enums
from fivesoc.schema.types.actor import actor_reference
from fivesoc.schema.types.fields import reference, register_node

T = TypeVar("T")

# Fields every versioned entity shares, listed after its own.
_SHARED_LAST = ("version", "archived_at")

Convert = Callable[[Any], Any] | None


def _reference_name(column: str) -> str:
    """The field of the row a reference column points at: `region_id` → `region`."""
    assert column.endswith("_id"), f"reference column {column} should end in _id"
    return column.removesuffix("_id")


def _graphql_type(hint: Any, col: Column) -> tuple[Any, Convert]:
    """The GraphQL type of a column and how a stored value becomes a GraphQL one."""
    base, nullable = _unwrap(hint)
    convert: Convert = None
    if col.enum is not None:
        kind = getattr(enums, col.enum)
        if getattr(base, "__origin__", None) is list:
            base = list[kind]  # type: ignore[valid-type]

            def convert(words: Any) -> Any:
                return [kind(word) for word in words]
        else:
            base, convert = kind, kind
    elif base is Decimal:
        base, convert = float, float
    if nullable:
        inner = convert
        return base | None, None if inner is None else (
            lambda value: None if value is None else inner(value)
        )
    return base, convert


def node(record_class: type[Any]) -> Callable[[type[T]], type[T]]:
    """Make the class the GraphQL object type of the entity `record_class` declares."""
    declared = entity_of(record_class)
    hints = declared.hints

    def build(cls: type[T]) -> type[T]:
        own = vars(cls)
        annotated = {
            name for klass in cls.__mro__ for name in vars(klass).get("__annotations__", {})
        }
        annotations: dict[str, Any] = {}
        if "id" not in annotated:
            annotations["id"] = relay.NodeID[int]
        annotations.update(own.get("__annotations__", {}))
        conversions: list[tuple[str, Convert]] = []
        columns = declared.columns
        names = sorted(columns, key=lambda name: name in _SHARED_LAST)
        for name in names:
            col = columns[name]
            if name == "id":
                continue
            if col.ref is not None:
                # The key stays on the object, for the reference (derived or by hand).
                annotations[name] = strawberry.Private[hints[name]]  # type: ignore[misc,valid-type]
                conversions.append((name, None))
                _reference(cls, name, col, hints[name])
                continue
            if name in own and name not in annotated:
                continue  # a field written by hand reads the record itself
            if col.personal:
                raise TypeError(f"{cls.__name__}.{name} is personal: write its guarded field")
            if not col.exposed:
                continue
            graphql_type, convert = _graphql_type(hints[name], col)
            conversions.append((name, convert))
            if name not in annotated:
                annotations[name] = graphql_type
                setattr(cls, name, strawberry.field(description=col.description))
        annotations["record"] = strawberry.Private[record_class]  # type: ignore[misc,valid-type]
        cls.__annotations__ = annotations
        cls.catalog_source = source_of(record_class)  # type: ignore[attr-defined]
        cls.conversions = tuple(conversions)  # type: ignore[attr-defined]
        made: type[T] = strawberry.type(
            cls, name=declared.type_name, description=declared.description
        )
        register_node(declared.type_name, made)
        return made

    return build


def _reference(cls: type[Any], column: str, col: Column, hint: Any) -> None:
    """Add the field reading the row `column` points at, unless the class writes it."""
    name = _reference_name(column)
    if name in vars(cls):
        return
    assert col.ref is not None
    _, optional = _unwrap(hint)
    if col.ref == ACTOR:
        setattr(cls, name, actor_reference(column, col.description, optional=optional))
        return
    target = entity_named(col.ref)
    if target.personal:
        raise TypeError(f"{cls.__name__}.{name} is personal data: write its guarded field")
    source = source_of(target.record)
    setattr(cls, name, reference(column, source, col.ref, col.description, optional=optional))
