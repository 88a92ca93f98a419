"""Wake-ups by key: a waiter sleeps until its key is signalled, or until a safety timeout.

The process's LISTEN connection (`fivesoc.db.listener.EventListener`) signals the key a
notification carries (for a job, the request key its progress is about), and signals every
key when it has reconnected, since notifications sent meanwhile are lost. A signal carries
no data: a waiter woken reads the state itself, so a lost or merged signal delays it at
most until its timeout, and never makes it miss a change.
"""

from __future__ import annotations

import asyncio
import contextlib

# Past this many keys signalled, those nobody waits for are forgotten.
KEPT_KEYS = 10_000


class Signals:
    """A count of signals per key, and the waiters for each key's next one.

    `generation(key)` is read before the state is read, and `wait(key, seen, ...)` after:
    a signal that came between the two makes `wait` return at once.
    """

    def __init__(self) -> None:
        self._generations: dict[str, int] = {}
        self._waiting: dict[str, int] = {}
        self._everything = 0
        self._changed = asyncio.Condition()

    def generation(self, key: str) -> int:
        """How many signals `key` has had (a signal to every key counts for each)."""
        return self._generations.get(key, 0) + self._everything

    async def wait(self, key: str, seen: int, max_wait_s: float) -> int:
        """Wait until `key`'s generation moves past `seen` (or `max_wait_s`); return it."""
        async with self._changed:
            self._waiting[key] = self._waiting.get(key, 0) + 1
            try:
                # asyncio.timeout, not wait_for (see `EventListener.wait`).
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(max_wait_s):
                        await self._changed.wait_for(lambda: self.generation(key) != seen)
                return self.generation(key)
            finally:
                self._waiting[key] -= 1
                if not self._waiting[key]:
                    del self._waiting[key]

    async def signal(self, key: str) -> None:
        """Wake the waiters of `key`."""
        async with self._changed:
            self._generations[key] = self._generations.get(key, 0) + 1
            if len(self._generations) > KEPT_KEYS:
                # The counts of keys nobody waits for go, so that they do not pile up; one
                # read between `generation` and `wait` then sees a change and reads again.
                self._generations = {
                    k: n for k, n in self._generations.items() if k in self._waiting
                }
            self._changed.notify_all()

    async def signal_all(self) -> None:
        """Wake every waiter, whatever its key."""
        async with self._changed:
            self._everything += 1
            self._changed.notify_all()
