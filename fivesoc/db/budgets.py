"""Cost budgets of fair use, in PostgreSQL so that every server process shares them.

Each caller has a leaky bucket: it holds at most `limit` points and refills at `limit` per
minute. A process takes points out of it in shares (`Budgets`): an operation's cost is spent
from the share the process holds for that caller, and only when the share is spent, or a
second old, does the process take another (at most a twentieth of the budget, at least the
cost) and give back what was left of the last. One statement takes a share, under the row's
lock, so the shares that every process holds never add up to more than the bucket held:
budgets hold across processes, and a busy caller costs the database one statement for many
operations. An operation that costs more than its caller's bucket holds, with its share, is
refused. A bucket that has been idle for a minute is full again, whatever it held.
"""

from __future__ import annotations

import asyncio
import dataclasses
import math
import time

import asyncpg

# $1 caller, $2 cost, $3 limit, $4 the share wanted (at least the cost), $5 what is given
# back of the last share. A new caller starts with a full bucket. Every SET expression reads
# the row as it was, so the test and the change are one, under the row's lock.
TAKE = """
insert into cost_budget as b (caller, available, updated_at, last_take)
values ($1, $3::float8 - fivesoc_budget_take($3, $2, $4), now(),
        fivesoc_budget_take($3, $2, $4))
on conflict (caller) do update set
    last_take = fivesoc_budget_take(
        fivesoc_budget_held(b.available + $5, b.updated_at, $3), $2, $4),
    available = fivesoc_budget_held(b.available + $5, b.updated_at, $3)
                - fivesoc_budget_take(
                      fivesoc_budget_held(b.available + $5, b.updated_at, $3), $2, $4),
    updated_at = now()
returning available, last_take
"""

# The most of a caller's budget one process holds at a time, and for how long.
SHARE = 1 / 20
SHARE_S = 1.0


# A bucket idle for a minute is full again: its row says nothing a new one would not.
FORGET_IDLE = """
delete from cost_budget where updated_at < now() - interval '1 minute'
"""


@dataclasses.dataclass(frozen=True, slots=True)
class Charge:
    """The outcome of charging a cost: whether it was taken, and what the bucket holds."""

    taken: bool
    cost: int
    limit: int
    remaining: float

    @property
    def restore_rate(self) -> float:
        """Points restored per second."""
        return self.limit / 60.0

    @property
    def retry_after_s(self) -> int:
        """Whole seconds until the bucket holds the cost again (0 when it was taken)."""
        if self.taken:
            return 0
        return max(1, math.ceil((self.cost - self.remaining) / self.restore_rate))


async def take(
    conn: asyncpg.Pool | asyncpg.Connection,
    caller: str,
    cost: float,
    limit: float,
    wanted: float,
    returned: float = 0.0,
) -> tuple[float, float]:
    """Take `wanted` points (or `cost` alone, or nothing) from `caller`'s bucket of `limit` a
    minute, giving back `returned`: what was taken, and what the bucket holds after."""
    row = await conn.fetchrow(TAKE, caller, cost, limit, wanted, returned)
    assert row is not None
    return float(row["last_take"]), float(row["available"])


@dataclasses.dataclass(slots=True)
class _Share:
    left: float  # points this process may still spend
    bucket: float  # what the bucket held once the share was taken
    until: float  # when the share is given back (time.monotonic)


class Budgets:
    """One process's shares of the callers' buckets (see the module's docstring)."""

    def __init__(self, pool: asyncpg.Pool, share_s: float = SHARE_S) -> None:
        self._pool = pool
        self._share_s = share_s
        self._shares: dict[str, _Share] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def charge(self, caller: str, cost: int, limit: int) -> Charge:
        """Spend `cost` points of `caller`'s budget of `limit` a minute, if it holds them."""
        if cost > limit:
            raise ValueError(f"a cost of {cost} can never fit a budget of {limit}")
        if len(self._locks) > 4096:
            self._forget_old()
        async with self._locks.setdefault(caller, asyncio.Lock()):
            now = time.monotonic()
            share = self._shares.get(caller)
            if share is not None and share.until > now and share.left >= cost:
                share.left -= cost
                return Charge(True, cost, limit, share.bucket + share.left)
            returned = 0.0 if share is None else share.left
            wanted = max(float(cost), limit * SHARE)
            taken, bucket = await take(self._pool, caller, cost, limit, wanted, returned)
            if not taken:
                self._shares.pop(caller, None)
                return Charge(False, cost, limit, bucket)
            self._shares[caller] = _Share(taken - cost, bucket, now + self._share_s)
            return Charge(True, cost, limit, bucket + taken - cost)

    def _forget_old(self) -> None:
        """Drop callers with no share in force (what was left of it refills anyway)."""
        now = time.monotonic()
        for caller, lock in list(self._locks.items()):
            share = self._shares.get(caller)
            if (share is None or share.until <= now) and not lock.locked():
                del self._locks[caller]
                self._shares.pop(caller, None)


async def forget_idle(conn: asyncpg.Pool | asyncpg.Connection) -> None:
    """Delete the buckets of callers idle for a minute or more (they are full)."""
    await conn.execute(FORGET_IDLE)
