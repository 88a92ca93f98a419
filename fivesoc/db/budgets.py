"""Cost budgets of fair use, in PostgreSQL so that every server process shares them.

Each caller has a leaky bucket: it holds at most `limit` points and refills at `limit` per
minute. An operation's cost is taken out whole, or not at all when the bucket holds less; one
statement does either, under the row's lock, so concurrent requests on several processes
never spend more than the bucket holds. A bucket that has been idle for a minute is full
again, whatever it held.
"""

from __future__ import annotations

import dataclasses
import math

import asyncpg

# $1 caller, $2 cost, $3 limit. A new caller starts with a full bucket; otherwise the cost is
# taken only if what the bucket holds now covers it. Every SET expression reads the row as it
# was, so the test and the change are one, under the row's lock.
CHARGE = """
insert into cost_budget as b (caller, available, updated_at, last_taken)
values ($1, $3::float8 - $2, now(), true)
on conflict (caller) do update set
    last_taken = fivesoc_budget_held(b.available, b.updated_at, $3) >= $2,
    available = fivesoc_budget_held(b.available, b.updated_at, $3)
                - case when fivesoc_budget_held(b.available, b.updated_at, $3) >= $2
                       then $2 else 0 end,
    updated_at = now()
returning available, last_taken
"""


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


async def charge(
    conn: asyncpg.Pool | asyncpg.Connection, caller: str, cost: int, limit: int
) -> Charge:
    """Take `cost` points from `caller`'s bucket of `limit` points a minute, if it holds them."""
    if cost > limit:
        raise ValueError(f"a cost of {cost} can never fit a budget of {limit}")
    row = await conn.fetchrow(CHARGE, caller, float(cost), float(limit))
    assert row is not None
    return Charge(bool(row["last_taken"]), cost, limit, float(row["available"]))


async def forget_idle(conn: asyncpg.Pool | asyncpg.Connection) -> None:
    """Delete the buckets of callers idle for a minute or more (they are full)."""
    await conn.execute(FORGET_IDLE)
