"""The process's one LISTEN connection: it wakes readers of the change log when events commit.

Notifications carry only an event id; readers always read the log itself from their own
position, so a notification that is lost (a dropped connection, a restart) delays a reader
but never makes it miss an event. When the connection drops, the listener reconnects with
backoff and wakes every reader, which then reads on from where it was.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

import asyncpg

from fivesoc.db import connect
from fivesoc.db.errors import DatabaseUnavailable

CHANNEL = "fivesoc_events"

logger = logging.getLogger("fivesoc.listener")


class EventListener:
    """Wakes waiters whenever the log may have grown; `generation` counts the wake-ups."""

    def __init__(self, url: str, *, max_backoff_s: float = 10.0) -> None:
        self.url = url
        self.max_backoff_s = max_backoff_s
        self.generation = 0
        self.reconnects = 0
        self._changed = asyncio.Condition()
        self._conn: asyncpg.Connection | None = None
        self._lost = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        await self._connect()
        self._task = asyncio.create_task(self._watch(), name="fivesoc-event-listener")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self._conn is not None and not self._conn.is_closed():
            await self._conn.close()

    @property
    def connection_pid(self) -> int | None:
        """The server process of the LISTEN connection (tests terminate it)."""
        return None if self._conn is None else self._conn.get_server_pid()

    async def wait(self, seen: int, max_wait_s: float) -> int:
        """Wait until `generation` moves past `seen` (or `max_wait_s` seconds); return it."""
        async with self._changed:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(
                    self._changed.wait_for(lambda: self.generation != seen), max_wait_s
                )
            return self.generation

    async def _wake(self) -> None:
        async with self._changed:
            self.generation += 1
            self._changed.notify_all()

    def _on_notify(self, *_: object) -> None:
        asyncio.get_running_loop().create_task(self._wake())

    def _on_lost(self, *_: object) -> None:
        self._lost.set()

    async def _connect(self) -> None:
        conn = await connect.connect(self.url)
        conn.add_termination_listener(self._on_lost)
        await conn.add_listener(CHANNEL, self._on_notify)
        self._conn = conn
        self._lost.clear()

    async def _watch(self) -> None:
        while True:
            await self._lost.wait()
            backoff = 0.1
            while True:
                try:
                    await self._connect()
                    break
                except DatabaseUnavailable as error:
                    logger.warning("event listener: %s; retrying in %.1f s", error, backoff)
                    await asyncio.sleep(backoff)
                    backoff = min(backoff * 2, self.max_backoff_s)
            self.reconnects += 1
            # Notifications sent while the connection was down are gone: wake every reader,
            # and each reads on from its own position.
            await self._wake()
