"""One pooled connection, held by a request for the whole of its transaction, standing in for
the pool.

A keyed write (`fivesoc.db.idempotency`) runs its claim, the write, the reads of its answer and
the stored answer in one transaction. Resolvers and loaders reach the database through the
pool they are given, and may run at once; an asyncpg connection runs one statement at a time.
`HeldConnection` takes the place of the pool: every statement goes to the one connection, one
after the other (a lock per statement, so that a write awaiting a loader does not wait on
itself), `acquire()` hands out the same connection, and `transaction()` on it is a savepoint of
the request's transaction.

It serves the calls fivesoc's resolvers and db functions make on a pool or a pooled
connection: `acquire`, `execute`, `executemany`, `fetch`, `fetchrow`, `fetchval` and
`transaction`; nothing else (no COPY, no cursors, no listeners).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterable, Sequence
from typing import Any

import asyncpg
from asyncpg.pool import PoolConnectionProxy

# One name for every level: a nested savepoint shadows the outer one of the same name until
# it is released or rolled back, so nesting needs no numbering.
SAVEPOINT = "savepoint fivesoc_held"
RELEASE = "release savepoint fivesoc_held"
# Rolled back to, a savepoint stays; released too, so that an outer level finds its own.
ROLLBACK = "rollback to savepoint fivesoc_held; release savepoint fivesoc_held"

Conn = asyncpg.Connection | PoolConnectionProxy


class HeldConnection:
    """`conn`, shared by the resolvers of one request as if it were the pool; the caller owns
    the connection and its transaction."""

    def __init__(self, conn: Conn) -> None:
        self._conn = conn
        self._lock = asyncio.Lock()

    @contextlib.asynccontextmanager
    async def acquire(self) -> AsyncIterator[HeldConnection]:
        """The held connection itself (a pool would lend one of its own)."""
        yield self

    @contextlib.asynccontextmanager
    async def transaction(self) -> AsyncIterator[None]:
        """A savepoint of the request's transaction: released when the block ends, rolled back
        to when it raises."""
        await self.execute(SAVEPOINT)
        try:
            yield
        except BaseException:
            await self.execute(ROLLBACK)
            raise
        await self.execute(RELEASE)

    async def execute(self, query: str, *args: Any) -> str:
        async with self._lock:
            return await self._conn.execute(query, *args)

    async def executemany(self, command: str, args: Iterable[Sequence[Any]]) -> None:
        async with self._lock:
            await self._conn.executemany(command, args)

    async def fetch(self, query: str, *args: Any) -> list[asyncpg.Record]:
        async with self._lock:
            return await self._conn.fetch(query, *args)

    async def fetchrow(self, query: str, *args: Any) -> asyncpg.Record | None:
        async with self._lock:
            return await self._conn.fetchrow(query, *args)

    async def fetchval(self, query: str, *args: Any, column: int = 0) -> Any:
        async with self._lock:
            return await self._conn.fetchval(query, *args, column=column)
