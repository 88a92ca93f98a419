"""The data layer's own errors; driver errors are translated into these once, here in `db/`."""

from __future__ import annotations


class DatabaseError(Exception):
    """Base of every error the data layer raises on purpose."""


class InvalidDatabaseUrl(DatabaseError):
    """`DATABASE_URL` is not a PostgreSQL connection URL."""


class DatabaseUnavailable(DatabaseError):
    """The PostgreSQL server cannot be reached or refused the connection."""


class EmbeddedServerError(DatabaseError):
    """The embedded PostgreSQL server could not be started."""


class UnsuitableDatabase(DatabaseError):
    """The database works, but not as fivesoc needs (e.g. its locale hides Chinese text)."""


class MigrationError(DatabaseError):
    """A migration could not be applied; nothing of it was written."""


class WriteError(DatabaseError):
    """A write that cannot be made as asked; nothing of it was written.

    `field` names the input at fault, `code` says what kind of problem it is.
    """

    code = "INVALID"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(WriteError):
    """The row the write names does not exist."""

    code = "NOT_FOUND"


class Conflict(WriteError):
    """The write collides with the current state: a stale version, too little left."""

    code = "CONFLICT"


class Invalid(WriteError):
    """The values break a rule of the model (a CHECK or NOT NULL constraint)."""

    code = "INVALID"
