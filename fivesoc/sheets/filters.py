"""The filters of a root list, taken by an export as `name=value` pairs.

A sheet whose entity has a root list (`fivesoc.db.catalog`) takes the criteria of that list's
filter input, named as there (`kind`, `status`, `certificationLevel`): a kind list's word (in
any spelling a cell may use), a plain value, a global id, or a range of dates as
`<name>.start` and `<name>.end`. The `region` criterion is the export's own `region` (a
name or a global id).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import functools
from collections.abc import Mapping

from fivesoc.db import catalog
from fivesoc.db.entities.table import field_name
from fivesoc.db.listing import Criterion, Dates, Filter, Listing, NodeId, Value, Words
from fivesoc.sheets.layout import Sheet
from fivesoc.sheets.words import word_for, words_of


class BadFilter(Exception):
    """A filter the export does not take, or a value it cannot take; `argument` names it."""

    def __init__(self, message: str, argument: str) -> None:
        super().__init__(message)
        self.message = message
        self.argument = argument


@functools.cache
def _listings() -> dict[str, Listing[object]]:
    return {
        value.source.record.__name__: value
        for value in vars(catalog).values()
        if isinstance(value, Listing) and value.criteria
    }


def listing_of(record: type) -> Listing[object] | None:
    """The root list of an entity, if it has one."""
    return _listings().get(record.__name__)


def criteria(sheet: Sheet) -> dict[str, Criterion]:
    """The criteria an export of `sheet` takes, by the name its filter input gives them."""
    listing = listing_of(sheet.record)
    if listing is None:
        return {}
    return {
        field_name(criterion.name): criterion
        for criterion in listing.criteria
        if criterion.name != "region"
        and isinstance(criterion.takes, Words | Value | Dates | NodeId)
    }


def _value(criterion: Criterion, argument: str, text: str) -> object:
    takes = criterion.takes
    if isinstance(takes, Words):
        word = word_for(takes.enum, text)
        if word is None:
            allowed = ", ".join(w.value for w in words_of(takes.enum))
            raise BadFilter(f"`{argument}` must be one of: {allowed}", argument)
        return word
    if isinstance(takes, Value) and takes.scalar == "Int":
        if not text.lstrip("-").isdigit():
            raise BadFilter(f"`{argument}` must be a whole number", argument)
        return int(text)
    if isinstance(takes, NodeId):
        try:
            type_name, _, key = base64.b64decode(text, validate=True).decode().partition(":")
        except (binascii.Error, ValueError, UnicodeError):
            type_name, key = "", ""
        if not key.isdigit() or (takes.type_name != "Actor" and type_name != takes.type_name):
            raise BadFilter(f"`{argument}` must be the global id of a {takes.type_name}", argument)
        return int(key)
    return text


def given(sheet: Sheet, params: Mapping[str, str]) -> list[tuple[Filter, object]]:
    """The filters `params` give (`kind=village`, `founded.start=2020-01-01`), with their
    values; anything else in `params` is refused."""
    taken = criteria(sheet)
    made: list[tuple[Filter, object]] = []
    for argument, text in params.items():
        name, _, end = argument.partition(".")
        criterion = taken.get(name)
        if criterion is None or bool(end) != isinstance(criterion.takes, Dates):
            names = ", ".join(
                f"{key}.start, {key}.end" if isinstance(c.takes, Dates) else key
                for key, c in taken.items()
            )
            raise BadFilter(
                f"{sheet.name} take no filter `{argument}`; they take: {names or 'none'}",
                argument,
            )
        if isinstance(criterion.takes, Dates):
            if end not in ("start", "end"):
                raise BadFilter(f"`{argument}`: a range has a `.start` and an `.end`", argument)
            try:
                day = dt.date.fromisoformat(text)
            except ValueError:
                raise BadFilter(f"`{argument}` must be a date, YYYY-MM-DD", argument) from None
            first, last = criterion.filters
            made.append((first if end == "start" else last, day))
        else:
            made.append((criterion.filters[0], _value(criterion, argument, text)))
    return made
