"""The process's one LISTEN connection, which wakes readers of the change log when events
commit (and followers of analysis jobs when a job moves, `jobs`), and `follow`, one reader
of the log with a bounded queue.

Notifications carry only an event id; readers always read the log itself from their own
position, so a notification that is lost (a dropped connection, a restart) delays a reader
but never makes it miss an event. Readers at the same position with the same filters share
one read while it is under way (`SharedReads`). When the connection drops, the listener
reconnects with backoff and wakes every reader, which then reads on from where it was.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncGenerator, Callable, Hashable
from typing import Any

import asyncpg

from fivesoc.db import analyses, connect, events
from fivesoc.db.errors import DatabaseUnavailable
from fivesoc.db.signals import Signals

CHANNEL = "fivesoc_events"

Position = tuple[str, int]

logger = logging.getLogger("fivesoc.listener")


class SharedReads:
    """Reads of the log made once for every reader asking the same while one is under way.

    When an event commits, every follower at the head of the log wakes and asks for what
    came after the same position; those with the same filters ask the same question. The
    first read is made, the others wait for its answer, so a thousand subscribers of one
    kind cost one query per event instead of a thousand. A read that has been answered is
    forgotten: the next asks the database afresh. `queries` counts the reads made.
    """

    def __init__(self) -> None:
        self.queries = 0
        self._under_way: dict[Hashable, asyncio.Future[list[events.Event]]] = {}

    async def read(
        self, pool: asyncpg.Pool, after: Position | None, limit: int, filters: dict[str, Any]
    ) -> list[events.Event]:
        """`events.read(pool, after, limit, **filters)`, shared while under way."""
        filtered = sorted((name, _frozen(value)) for name, value in filters.items())
        key = (id(pool), after, limit, *filtered)
        pending = self._under_way.get(key)
        if pending is None:
            pending = asyncio.ensure_future(self._read(key, pool, after, limit, filters))
            # Retrieved here too, so that a failure nobody waits for any more raises no warning.
            pending.add_done_callback(lambda done: done.cancelled() or done.exception())
            self._under_way[key] = pending
        # Shielded: a reader cancelled while waiting does not cancel the others' read.
        return await asyncio.shield(pending)

    async def _read(
        self,
        key: Hashable,
        pool: asyncpg.Pool,
        after: Position | None,
        limit: int,
        filters: dict[str, Any],
    ) -> list[events.Event]:
        try:
            self.queries += 1
            return await events.read(pool, after, limit, **filters)
        finally:
            del self._under_way[key]


def _frozen(value: Any) -> Hashable:
    return tuple(value) if isinstance(value, list | tuple) else value


class EventListener:
    """Wakes waiters whenever the log may have grown; `generation` counts the wake-ups.

    `reads` shares the log reads of the process's followers (see `SharedReads`), and
    `followers` holds the feeds of those following now (`follow`). `jobs` is signalled with
    the request key of each analysis job's progress (`analyses.CHANNEL`) on the same
    connection, so followers of jobs need no connection of their own.
    """

    def __init__(self, url: str, *, max_backoff_s: float = 10.0) -> None:
        self.url = url
        self.max_backoff_s = max_backoff_s
        self.generation = 0
        self.reconnects = 0
        self.reads = SharedReads()
        self.followers: set[_Feed] = set()
        self.jobs = Signals()
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

    def events_waiting(self) -> int:
        """Events read from the log that wait to be taken by their followers, all together."""
        return sum(feed.queue.qsize() for feed in self.followers)

    @property
    def connection_pid(self) -> int | None:
        """The server process of the LISTEN connection (tests terminate it)."""
        return None if self._conn is None else self._conn.get_server_pid()

    async def wait(self, seen: int, max_wait_s: float) -> int:
        """Wait until `generation` moves past `seen` (or `max_wait_s` seconds); return it."""
        async with self._changed:
            # asyncio.timeout, not wait_for: on Python 3.11 wait_for can swallow a cancellation
            # that comes as the condition is notified, and the cancelled reader would live on.
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(max_wait_s):
                    await self._changed.wait_for(lambda: self.generation != seen)
            return self.generation

    async def _wake(self) -> None:
        async with self._changed:
            self.generation += 1
            self._changed.notify_all()

    def _on_notify(self, *_: object) -> None:
        asyncio.get_running_loop().create_task(self._wake())

    def _on_job(self, _conn: object, _pid: object, _channel: object, key: object) -> None:
        asyncio.get_running_loop().create_task(self.jobs.signal(str(key)))

    def _on_lost(self, *_: object) -> None:
        self._lost.set()

    async def _connect(self) -> None:
        conn = await connect.connect(self.url)
        conn.add_termination_listener(self._on_lost)
        await conn.add_listener(CHANNEL, self._on_notify)
        await conn.add_listener(analyses.CHANNEL, self._on_job)
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
            # and each reads on from its own position (or the job's state afresh).
            await self._wake()
            await self.jobs.signal_all()


PAGE = 100
# A follower re-reads the log at least this often even without a notification.
IDLE_WAKE_S = 5.0


class FellBehind(Exception):
    """A follower left `bound` live events waiting and was stopped; resume after `delivered`."""

    def __init__(self, bound: int, delivered: Position | None) -> None:
        super().__init__(f"more than {bound} live events were waiting to be taken")
        self.bound = bound
        self.delivered = delivered


class _Feed:
    """One follower's reader task and its queue of events read but not yet taken."""

    def __init__(
        self,
        pool: asyncpg.Pool,
        listener: EventListener,
        after: Position | None,
        bound: int,
        filters: dict[str, Any],
    ) -> None:
        self.queue: asyncio.Queue[events.Event | None] = asyncio.Queue()
        self.failure: Exception | None = None
        self.fell_behind = False
        self._pool = pool
        self._listener = listener
        self._position = after
        self._bound = bound
        self._filters = filters
        self._room = asyncio.Event()
        self._replayed = 0  # replayed events waiting; they are all ahead of the live ones

    def take(self) -> bool:
        """The consumer took an event: wake a reader waiting for room. Whether the event was
        replayed (read before the reader caught up with the head of the log)."""
        replayed = self._replayed > 0
        if replayed:
            self._replayed -= 1
        self._room.set()
        return replayed

    async def read(self) -> None:
        try:
            await self._read()
        except Exception as error:  # handed to the consumer, which raises it
            self.failure = error
            self._stop()

    async def _read(self) -> None:
        live = False
        while True:
            seen = self._listener.generation
            batch = await self._listener.reads.read(self._pool, self._position, PAGE, self._filters)
            for event in batch:
                if not live:
                    while self.queue.qsize() >= self._bound:
                        self._room.clear()
                        await self._room.wait()
                    self._replayed += 1
                elif self.queue.qsize() - self._replayed >= self._bound:
                    self.fell_behind = True
                    self._stop()
                    return
                self.queue.put_nowait(event)
                self._position = event.position
            if len(batch) < PAGE:
                live = True  # caught up with the head: what commits from now on is live
                await self._listener.wait(seen, IDLE_WAKE_S)

    def _stop(self) -> None:
        while not self.queue.empty():  # nothing queued is sent now: free it
            self.queue.get_nowait()
        self.queue.put_nowait(None)  # wakes a consumer waiting on an empty queue


async def follow(
    pool: asyncpg.Pool,
    listener: EventListener,
    after: Position | None,
    *,
    bound: int,
    taken: Callable[[events.Event, bool], None] | None = None,
    **filters: Any,
) -> AsyncGenerator[events.Event, None]:
    """Committed events after `after`, then each new one as it commits, in log order.

    A reader task reads the log from its own position, in pages, into a queue; the caller
    takes events from that queue. Replaying a backlog, the reader waits whenever `bound`
    events are waiting, so a subscriber resuming far back catches up at its own pace. Once
    it has caught up with the head of the log, it never waits: events committed from then
    on are live, and a live event that finds `bound` live events still waiting (replayed ones
    still in the queue do not count) means the caller has fallen that far behind. The reader
    then stops reading, drops the queue, and the caller's next step raises `FellBehind` with
    the position of the last event it took (the caller has handled it: over a WebSocket,
    handed it to the connection), so a follower started again after that position misses
    nothing and gets nothing twice.

    Over a WebSocket the caller is the server's send loop, and a send waits while the
    connection's outgoing buffer is full, which is what happens when a client stops reading:
    the client's and the server's socket buffers fill, the transport pauses writing, the send
    loop stops taking events, and the queue fills with live ones. Other followers each have
    their own reader and queue, so none of them waits for a slow one.

    `taken`, when given, is told of each event as it is handed over, and whether it was
    replayed (True) or live.
    """
    feed = _Feed(pool, listener, after, bound, filters)
    delivered = after
    reader = asyncio.create_task(feed.read(), name="fivesoc-follower")
    listener.followers.add(feed)
    try:
        while True:
            if feed.failure is not None:
                raise feed.failure
            if feed.fell_behind:
                raise FellBehind(bound, delivered)
            event = await feed.queue.get()
            if event is None:
                continue  # the reader stopped: raised above
            replayed = feed.take()
            if taken is not None:
                taken(event, replayed)
            yield event
            # Resumed: the caller has handled the event (sent it, or chosen to skip it).
            delivered = event.position
    finally:
        listener.followers.discard(feed)
        reader.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await reader
