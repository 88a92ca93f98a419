"""The database as `/healthz` sees it."""

from __future__ import annotations

import asyncio

import asyncpg

# Longest a health check waits for the database.
HEALTH_TIMEOUT_S = 2.0


class HealthCheck:
    """The database as `/healthz` sees it, through a connection of its own: a busy pool does
    not hold the answer back. The connection is opened when first needed, and again after
    it fails."""

    def __init__(self, url: str) -> None:
        self._url = url
        self._conn: asyncpg.Connection | None = None
        self._lock = asyncio.Lock()

    async def check(self) -> None:
        async with self._lock, asyncio.timeout(HEALTH_TIMEOUT_S):
            try:
                if self._conn is None or self._conn.is_closed():
                    self._conn = await asyncpg.connect(self._url)
                await self._conn.fetchval("select 1")
            except BaseException:
                await self.close()
                raise

    async def close(self) -> None:
        if self._conn is not None:
            self._conn.terminate()
            self._conn = None
