"""Rows that outlive their use, deleted as the app starts and then every hour: answers of
keyed writes older than 24 hours (`idempotency.purge`) and the cost budgets of callers idle
for a minute, which are full again anyway (`budgets.forget_idle`)."""

from __future__ import annotations

import asyncio
import logging

import asyncpg

from fivesoc.db import budgets, idempotency

logger = logging.getLogger("fivesoc.housekeeping")

INTERVAL_S = 3600.0


async def tidy(pool: asyncpg.Pool) -> None:
    """Delete what is no longer of use, only logging a failure: the next round tries again."""
    try:
        await idempotency.purge(pool)
        await budgets.forget_idle(pool)
    except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as error:
        logger.warning("cannot delete expired answers and idle budgets: %s", error)


async def tidy_every(pool: asyncpg.Pool, interval_s: float = INTERVAL_S) -> None:
    """`tidy` every `interval_s` seconds, for ever (cancel the task to stop it)."""
    while True:
        await asyncio.sleep(interval_s)
        await tidy(pool)
