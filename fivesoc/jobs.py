"""Network analyses as durable jobs on PostgreSQL, through Procrastinate.

A server that has no stored analysis of a network at the current data version queues one
job for it, or joins the one already waiting or running: every job of one request and data
version holds the same lock (`job_lock`), which is also its queueing lock, so at most one
waits, they run one at a time, and a job that finds its analysis stored returns at once.
`fivesoc worker` processes (`fivesoc.worker`) run them on any host. A worker that dies
mid-job stops sending heartbeats; any other worker then gives its job back to the queue
(`retry_stalled`), and the job runs again there.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

import asyncpg
import procrastinate
from procrastinate.exceptions import AlreadyEnqueued

from fivesoc.db import analyses

logger = logging.getLogger("fivesoc.jobs")

TASK = "fivesoc.analyse_network"
QUEUE = "analyses"

# Procrastinate's states, as the API names them.
STATES = {
    "todo": "QUEUED",
    "doing": "RUNNING",
    "succeeded": "DONE",
    "failed": "FAILED",
    "cancelled": "FAILED",
    "aborting": "FAILED",
    "aborted": "FAILED",
}


def queue_app(url: str, *, max_connections: int = 2) -> procrastinate.App:
    """The queue on the database of `url` (open it with `open_async`)."""
    connector = procrastinate.PsycopgConnector(conninfo=url, min_size=1, max_size=max_connections)
    return procrastinate.App(connector=connector)


def job_lock(key: str, version: tuple[int, int]) -> str:
    """The lock every job analysing `key` at `version` holds."""
    return f"network@{version[0]}.{version[1]}:{key}"


async def enqueue(
    app: procrastinate.App,
    pool: asyncpg.Pool,
    key: str,
    request: Mapping[str, Any],
    version: tuple[int, int],
) -> int:
    """The id of the job analysing `key` at `version`: one waiting or running, else a new
    one queued."""
    lock = job_lock(key, version)
    for _ in range(3):
        async with pool.acquire() as conn:
            found = await analyses.open_job(conn, lock)
        if found is None:
            try:
                found = await app.configure_task(
                    TASK, queue=QUEUE, lock=lock, queueing_lock=lock
                ).defer_async(key=key, request=dict(request), version=list(version))
            except AlreadyEnqueued:
                continue  # queued by another process meanwhile: join it
            async with pool.acquire() as conn:
                await analyses.set_progress(conn, key, found, "queued", 0.0)
        return found
    raise RuntimeError(f"no job could be queued or found for lock {lock!r}")


async def retry_stalled(app: procrastinate.App, seconds: float) -> list[int]:
    """Give back to the queue the running jobs of workers silent for `seconds`; their ids."""
    stalled = await app.job_manager.get_stalled_jobs(seconds_since_heartbeat=seconds, queue=QUEUE)
    retried = []
    for job in stalled:
        await app.job_manager.retry_job(job)
        logger.warning("job %s of a silent worker queued again", job.id)
        assert job.id is not None
        retried.append(job.id)
    return retried
