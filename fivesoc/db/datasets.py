"""Loading named datasets (the demo world) once: a second load finds it recorded and stops."""

from __future__ import annotations

import asyncpg

DATASET_LOCK_KEY = 0x5F1F_5EED

LOCK = "select pg_advisory_xact_lock($1)"

IS_LOADED = "select exists (select from dataset where name = $1)"

RECORD = "insert into dataset (name, detail) values ($1, $2::jsonb)"

HAS_REGIONS = "select exists (select from region)"

DEMO = "demo"

DEMO_DETAIL = '{"source": "the five-society report: Anhui, Luohe, Deqing, Weining"}'


async def load_demo_once(conn: asyncpg.Connection) -> bool:
    """Load the demo world unless it is already loaded; True if it was loaded now."""
    from fivesoc.db.seed import load_demo

    async with conn.transaction():
        await conn.execute(LOCK, DATASET_LOCK_KEY)
        if await conn.fetchval(IS_LOADED, DEMO):
            return False
        await load_demo(conn)
        await conn.execute(
            RECORD, DEMO, '{"source": "the five-society report: Anhui, Luohe, Deqing, Weining"}'
        )
        return True


async def is_empty(conn: asyncpg.Connection) -> bool:
    """True when the database holds no regions at all (a fresh database)."""
    return not await conn.fetchval(HAS_REGIONS)
