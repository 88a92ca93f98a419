"""Opening connections and pools, with connection failures translated into `DatabaseUnavailable`."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlsplit

import asyncpg

from fivesoc.db.errors import DatabaseUnavailable, InvalidDatabaseUrl

CONNECT_TIMEOUT_S = 10.0

ConnectionInit = Callable[[asyncpg.Connection], Awaitable[None]]


def check_url(url: str) -> str:
    """Return `url` if it looks like a PostgreSQL URL, else raise `InvalidDatabaseUrl`."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError as error:
        raise InvalidDatabaseUrl(f"DATABASE_URL is malformed: {error}") from error
    if parts.scheme not in ("postgres", "postgresql"):
        raise InvalidDatabaseUrl(
            "DATABASE_URL must start with postgresql:// "
            f"(got {parts.scheme + '://' if parts.scheme else 'no scheme'})"
        )
    return url


def describe(url: str) -> str:
    """`url` without its password, for messages."""
    parts = urlsplit(url)
    host = parts.hostname or "local socket"
    port = f":{parts.port}" if parts.port else ""
    database = parts.path.lstrip("/") or "(default database)"
    return f"{host}{port}/{database}"


_UNREACHABLE = (
    OSError,
    socket.gaierror,
    asyncio.TimeoutError,
    asyncpg.PostgresError,
    asyncpg.InterfaceError,
    asyncpg.exceptions.ClientConfigurationError,
)


async def connect(url: str) -> asyncpg.Connection:
    """Open one connection to `url`."""
    check_url(url)
    try:
        return await asyncpg.connect(url, timeout=CONNECT_TIMEOUT_S)
    except _UNREACHABLE as error:
        raise DatabaseUnavailable(_reason(url, error)) from error


async def create_pool(
    url: str,
    *,
    min_size: int = 1,
    max_size: int = 10,
    init: ConnectionInit | None = None,
    statement_timeout_ms: int = 0,
) -> asyncpg.Pool:
    """Open a pool of connections to `url`; each statement on them is cancelled after
    `statement_timeout_ms` (0: never)."""
    check_url(url)
    options: dict[str, Any] = {
        "min_size": min_size,
        "max_size": max_size,
        "timeout": CONNECT_TIMEOUT_S,
        "server_settings": {"statement_timeout": str(statement_timeout_ms)},
    }
    if init is not None:
        options["init"] = init
    options["connect"] = _opener(url)
    _POOL_LOG.addFilter(_ONE_LINE)  # once: a filter already there is not added again
    try:
        pool = await asyncpg.create_pool(url, **options)
    except _UNREACHABLE as error:
        raise DatabaseUnavailable(_reason(url, error)) from error
    assert pool is not None
    return pool


def _opener(url: str) -> Callable[..., Awaitable[asyncpg.Connection]]:
    """How the pool opens a connection. A server that refuses a new session (the database is
    not accepting connections, the server is starting up or out of slots) answers with an SQL
    error, which would otherwise reach the pool's caller as if its own statement had failed;
    it is raised as `DatabaseUnavailable`."""

    async def open_connection(*args: Any, **kwargs: Any) -> asyncpg.Connection:
        try:
            return await asyncpg.connect(*args, **kwargs)
        except asyncpg.PostgresError as error:
            raise DatabaseUnavailable(_reason(url, error)) from error

    return open_connection


def _reason(url: str, error: BaseException) -> str:
    return f"cannot connect to PostgreSQL at {describe(url)}: {_detail(error)}"


def _detail(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


class OneLineReconnectFailures(logging.Filter):
    """The pool's failures to reconnect because the database cannot be reached, logged as one
    line with the reason instead of the driver's traceback.

    While the database is down, asyncpg's pool tries to reopen its minimum of connections
    every few seconds and logs each failure with a traceback; during an outage that failure
    is expected, and the rest of fivesoc logs it as one line. Other failures keep their
    traceback.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, (*_UNREACHABLE, DatabaseUnavailable)):
            record.msg = f"{record.getMessage()}: {_detail(error)}"
            record.args = None
            record.exc_info = None
        return True


_POOL_LOG = logging.getLogger("asyncpg.pool")
_ONE_LINE = OneLineReconnectFailures()


_DATABASE_EXISTS = "select exists (select from pg_database where datname = $1)"


async def ensure_database(server_url: str, name: str) -> str:
    """Create database `name` on the server of `server_url` if missing; return its URL."""
    conn = await connect(server_url)
    try:
        if not await conn.fetchval(_DATABASE_EXISTS, name):
            quoted = '"' + name.replace('"', '""') + '"'
            # Another process may create it meanwhile; then there is nothing left to do.
            with contextlib.suppress(asyncpg.DuplicateDatabaseError):
                await conn.execute(f"create database {quoted}")
    finally:
        await conn.close()
    return with_database(server_url, name)


def with_database(url: str, name: str) -> str:
    """`url` with its database replaced by `name` (query string kept)."""
    parts = urlsplit(url)
    return parts._replace(path="/" + name).geturl()
