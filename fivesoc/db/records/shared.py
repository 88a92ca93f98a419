"""What every entity shares: its key, its version, its archiving; and the words rules use."""

from __future__ import annotations

import datetime as dt

from fivesoc.db.declare import column, record


@record
class Row:
    """A row with a key: every entity."""

    id: int = column("The row's key, inside the global id of its node.", exposed=False)


@record
class Versioned(Row):
    """A row that changes: each change raises its version, and a writer names the one it read."""

    version: int = column(
        "Grows by one with every change; name it as `expectedVersion` to change this."
    )


@record
class Archivable(Versioned):
    """A row that is archived rather than deleted."""

    archived_at: dt.datetime | None = column(
        "When this was archived (still readable by id, left out of root lists)."
    )


@record
class ActorRef:
    """An actor's key and kind (`actor` rows): which table holds the actor itself."""

    id: int
    kind: str


# What violated checks say, and what inputs say of their rules.
BLANK = "must not be blank"
NEGATIVE = "must not be negative"
YEAR = "must be a year between 1949 and 2100"
ILLUSTRATIVE = "True when the source counts this record but does not name it; false if unset."
FICTIONAL = "True for made-up demo or generated people; false if unset."
ACTOR_NAME = "Name (for a social worker, the full name)."
UNIQUE_NAME = "Name; not blank, unique within the region."
SOCIETY = "Which of the five societies it belongs to."


def precision(date_field: str) -> str:
    """What a date's precision column says: how much of the date the source gives."""
    return (
        f"How precise `{date_field}` is: DAY, or MONTH or YEAR where the source gives no more "
        "(the date is then the first day of that month or year)."
    )


PRECISION_INPUT = "How precise the date is; DAY if unset."
