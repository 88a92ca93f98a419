"""The job of a worker computing a network's analysis, as the API shows it: a field of
`network` and the `networkJob` subscription, so that a page can show its progress."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator
from enum import Enum

import asyncpg
import strawberry

from fivesoc import jobs
from fivesoc.db import analyses

# How often a subscription to a job reads its state.
FOLLOW_S = 0.25


def version_text(version: tuple[int, int]) -> str:
    """A data version as the API writes it: `events.datasets`."""
    return f"{version[0]}.{version[1]}"


@strawberry.enum(description="Where a worker's job is.")
class JobState(Enum):
    QUEUED = strawberry.enum_value("QUEUED", description="Waiting for a worker.")
    RUNNING = strawberry.enum_value("RUNNING", description="A worker is computing it.")
    DONE = strawberry.enum_value("DONE", description="Its analysis is stored.")
    FAILED = strawberry.enum_value("FAILED", description="It failed; the worker logged why.")


@strawberry.type(description="A worker's job computing a network's analysis.")
class NetworkJob:
    job_id: int = strawberry.field(description="The job's id in the queue.")
    state: JobState = strawberry.field(description="Where it is.")
    stage: str | None = strawberry.field(
        description="What it does now: queued, building, analysing, storing or done."
    )
    progress: float = strawberry.field(description="How far it is, from 0 to 1.")
    attempts: int = strawberry.field(
        description="How many times a worker took it (more than one after a worker died)."
    )


def job_type(found: analyses.JobProgress) -> NetworkJob:
    assert found.job_id is not None
    if found.stage == "done":  # stored, whether or not the queue has marked it yet
        state = "DONE"
    elif found.status is None:  # the queue no longer holds it
        state = "FAILED"
    else:
        state = jobs.STATES.get(found.status, "FAILED")
    return NetworkJob(
        job_id=found.job_id,
        state=JobState(state),
        stage=found.stage,
        progress=found.progress,
        # The queue counts the attempts that ended (or were given back); one running counts.
        attempts=found.attempts + (1 if found.status == "doing" else 0),
    )


async def job_of(pool: asyncpg.Pool, key: str) -> NetworkJob | None:
    """The job of the request `key` (None: never queued)."""
    async with pool.acquire() as conn:
        found = await analyses.job_of(conn, key)
    return None if found is None else job_type(found)


async def follow_job(pool: asyncpg.Pool, key: str) -> AsyncGenerator[NetworkJob, None]:
    """The job of `key` each time its state, stage or progress changes, until it is done or
    has failed."""
    last: tuple[object, ...] | None = None
    while True:
        job = await job_of(pool, key)
        if job is not None:
            seen = (job.job_id, job.state, job.stage, job.progress)
            if seen != last:
                last = seen
                yield job
            if job.state in (JobState.DONE, JobState.FAILED):
                return
        await asyncio.sleep(FOLLOW_S)
