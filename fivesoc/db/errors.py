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


class MigrationError(DatabaseError):
    """A migration could not be applied; nothing of it was written."""
