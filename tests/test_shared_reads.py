"""Followers at the head of the log share each read: one query per event per kind of
subscription, however many subscribers there are."""

from __future__ import annotations

import asyncio

from fivesoc.db import connect as db_connect
from fivesoc.db import events
from fivesoc.db.listener import EventListener, follow

FOLLOWERS = 50


async def test_followers_at_the_head_share_one_read_per_event(migrated_url: str) -> None:
    conn = await db_connect.connect(migrated_url)
    pool = await db_connect.create_pool(migrated_url, min_size=1, max_size=2)
    listener = EventListener(migrated_url)
    await listener.start()
    alike = [
        follow(
            pool, listener, None, bound=10, personal_regions=None, types=["project.status_changed"]
        )
        for _ in range(FOLLOWERS)
    ]
    other = follow(pool, listener, None, bound=10, personal_regions=None, types=["need.closed"])
    try:
        waiting = [asyncio.create_task(anext(f)) for f in alike]
        elsewhere = asyncio.create_task(anext(other))
        await asyncio.sleep(0.5)  # every follower has read the empty log and waits, live
        before = listener.reads.queries
        async with conn.transaction():
            await events.append(conn, "project.status_changed", "Project", 7, None, {"n": 7})
        got = await asyncio.wait_for(asyncio.gather(*waiting), timeout=10)
        assert [event.summary["n"] for event in got] == [7] * FOLLOWERS
        # Woken by the one notification: the 50 alike ask one question, the other its own.
        assert listener.reads.queries - before == 2
        assert not elsewhere.done()
        elsewhere.cancel()
    finally:
        for following in (*alike, other):
            await following.aclose()
        await listener.stop()
        await pool.close()
        await conn.close()
