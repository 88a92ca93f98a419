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
from fivesoc.db.signals import Signals

# A follower reads the job's state when its progress is announced, and at least this often
# besides, in case an announcement was lost (or the job ended without one: a worker killed).
REREAD_S = 3.0
# Without announcements to wait for (no listener), how often a follower reads it.
POLL_S = 0.25


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
        description=("What it does now: queued, building, analysing, storing, done or failed.")
    )
    progress: float = strawberry.field(description="How far it is, from 0 to 1.")
    attempts: int = strawberry.field(
        description="How many times a worker took it (more than one after a worker died)."
    )


def job_type(found: analyses.JobProgress) -> NetworkJob:
    assert found.job_id is not None
    if found.stage == "done":  # stored, whether or not the queue has marked it yet
        state = "DONE"
    elif found.stage == "failed" or found.status is None:
        # Said by the worker before the queue marks it; or the queue no longer holds it.
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


async def pause(signals: Signals | None, key: str, seen: int, reread_s: float) -> int:
    """Wait for the next announcement about the job of `key` after generation `seen` (at most
    `reread_s`), or poll without `signals`; the generation to pass next time."""
    if signals is None:
        await asyncio.sleep(POLL_S)
        return seen
    return await signals.wait(key, seen, reread_s)


async def follow_job(
    pool: asyncpg.Pool, key: str, signals: Signals | None, *, reread_s: float = REREAD_S
) -> AsyncGenerator[NetworkJob, None]:
    """The job of `key` each time its state, stage or progress changes, until it is done or
    has failed. Its state is read when an announcement about it comes through `signals`
    (the process's listener), and every `reread_s` besides."""
    last: tuple[object, ...] | None = None
    generation = 0 if signals is None else signals.generation(key)
    while True:
        job = await job_of(pool, key)
        if job is not None:
            seen = (job.job_id, job.state, job.stage, job.progress)
            if seen != last:
                last = seen
                yield job
            if job.state in (JobState.DONE, JobState.FAILED):
                return
        generation = await pause(signals, key, generation, reread_s)
