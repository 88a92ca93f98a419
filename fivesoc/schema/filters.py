"""Filter and order inputs of the root lists, derived from their listings (`db.catalog`).

A listing's criteria become the fields of its `<name>Filter` input: a kind list's enum, a
global id (checked for its type), a `DateRange`, a plain value, or an input of its own
(`EducationRequirement`). The input's `values()` gives the listing's filter values. Its orders
become `<name>Order`: a field of the `<name>OrderField` enum and a direction.
"""

from __future__ import annotations

import datetime as dt
import functools
from enum import Enum
from typing import Any

import strawberry
from strawberry import relay

from fivesoc.db.listing import Criterion, Custom, Dates, Filter, Listing, NodeId, Value, Words
from fivesoc.schema.errors import UserInputError
from fivesoc.schema.types import enums
from fivesoc.schema.types.actor import ACTOR_TYPES
from fivesoc.schema.types.common import decode_id, row_key


@strawberry.enum(description="Sort direction.")
class OrderDirection(Enum):
    ASC = strawberry.enum_value("asc", description="Smallest first (A→Z, oldest first).")
    DESC = strawberry.enum_value("desc", description="Largest first (Z→A, newest first).")


@strawberry.input(description="A range of dates; either end may be left open.")
class DateRange:
    start: dt.date | None = strawberry.field(default=None, description="First day, inclusive.")
    end: dt.date | None = strawberry.field(default=None, description="Last day, inclusive.")

    def check(self, argument: str) -> None:
        if self.start is not None and self.end is not None and self.end < self.start:
            raise UserInputError(
                f"`{argument}` ends ({self.end}) before it starts ({self.start})",
                argument=argument,
            )

    def values(self, filters: tuple[Filter, ...], argument: str) -> dict[str, Any]:
        self.check(argument)
        first, last = filters
        return {first.name: self.start, last.name: self.end}


@strawberry.input(description="A year's continuing-education requirement (90 hours), met or not.")
class EducationRequirement:
    year: int = strawberry.field(description="The year.")
    met: bool = strawberry.field(
        default=True, description="True: at least 90 hours logged; false: fewer."
    )

    def values(self, filters: tuple[Filter, ...], argument: str) -> dict[str, Any]:
        meets, misses = filters
        return {
            meets.name: self.year if self.met else None,
            misses.name: None if self.met else self.year,
        }


# Inputs a criterion may take by name (`Custom`).
CUSTOM_INPUTS: dict[str, Any] = {"EducationRequirement": EducationRequirement}


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _input_type(takes: Any) -> Any:
    match takes:
        case Words(enum):
            return getattr(enums, enum)
        case NodeId():
            return relay.GlobalID
        case Dates():
            return DateRange
        case Value("Int"):
            return int
        case Value("String"):
            return str
        case Value("Boolean"):
            return bool
        case Custom(name):
            return CUSTOM_INPUTS[name]
    raise TypeError(f"a criterion cannot take {takes!r}")


def _key(value: relay.GlobalID, type_name: str, argument: str) -> int:
    if type_name != "Actor":
        key = decode_id(value, type_name, argument)
        assert key is not None
        return key
    key = row_key(value.node_id)
    if value.type_name not in ACTOR_TYPES or key is None:
        raise UserInputError(
            f"`{argument}` must be the id of an actor, got one of a {value.type_name}",
            argument=argument,
        )
    return key


def _values(criterion: Criterion, value: Any) -> dict[str, Any]:
    """The filter values of one criterion's input value."""
    argument = f"filter.{_camel(criterion.name)}"
    (first, *_) = criterion.filters
    if value is None:
        return {}
    match criterion.takes:
        case Words():
            return {first.name: value.value}
        case NodeId(type_name):
            return {first.name: _key(value, type_name, argument)}
        case Dates() | Custom():
            found: dict[str, Any] = value.values(criterion.filters, argument)
            return found
    return {first.name: value}


# The inputs made so far, by name: lists that take the same criteria share one.
_FILTERS: dict[str, tuple[tuple[Criterion, ...], Any]] = {}


def filter_input(listing: Listing[Any]) -> Any:
    """The `<name>Filter` input of a listing: a field per criterion, and `values()`."""
    name = f"{listing.name}Filter"
    criteria = tuple(listing.criteria)
    if name in _FILTERS:
        known, made = _FILTERS[name]
        assert known == criteria, f"two listings call different filters {name}"
        return made

    def values(self: Any) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for criterion in criteria:
            found.update(_values(criterion, getattr(self, criterion.name)))
        return found

    namespace: dict[str, Any] = {"__annotations__": {}, "values": values}
    for criterion in criteria:
        namespace["__annotations__"][criterion.name] = _input_type(criterion.takes) | None
        namespace[criterion.name] = strawberry.field(
            default=None, description=criterion.description
        )
    personal = " (personal data)" if listing.source.personal else ""
    description = f"Which {listing.noun} to list{personal}."
    made = strawberry.input(type(name, (), namespace), name=name, description=description)
    _FILTERS[name] = (criteria, made)
    return made


@functools.cache
def _order_input(name: str, fields: tuple[tuple[str, str], ...]) -> Any:
    members = {key: strawberry.enum_value(key, description=text) for key, text in fields}
    fields_enum: Any = Enum(f"{name}OrderField", members)  # type: ignore[misc]
    field_enum = strawberry.enum(fields_enum, description="What a list can be sorted by.")
    namespace = {
        "__annotations__": {"field": field_enum, "direction": OrderDirection},
        "field": strawberry.field(description="What to sort by."),
        "direction": strawberry.field(
            default=OrderDirection.ASC, description="Sort direction (ties go by id)."
        ),
    }
    input_name = f"{name}Order"
    description = f"How to sort a list of {name} items."
    return strawberry.input(name=input_name, description=description)(
        type(input_name, (), namespace)
    )


def order_input(listing: Listing[Any]) -> Any:
    """The `<order_name>Order` input of a listing, or None when it has no orders."""
    if not listing.orders:
        return None
    fields = tuple((key, order.description) for key, order in listing.orders.items())
    return _order_input(listing.order_name, fields)


def order_args(order_by: Any) -> dict[str, Any]:
    """Keyword arguments for `root_connection` from an `orderBy` input (or None)."""
    if order_by is None:
        return {}
    return {
        "order": order_by.field.value,
        "reverse": order_by.direction is OrderDirection.DESC,
    }


@strawberry.input(description="Which events of the change log to list.")
class EventFilter:
    types: list[str] | None = strawberry.field(
        default=None, description="Only events of these types, e.g. `project.status_changed`."
    )
    region: relay.GlobalID | None = strawberry.field(
        default=None, description="Only events of this region or any region below it."
    )
