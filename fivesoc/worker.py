"""`fivesoc worker`: a process that runs the network analyses queued as jobs.

Each job (`fivesoc.jobs`) names a network request; the worker reads its rows in one
REPEATABLE READ snapshot with the data version, builds and analyses the network
(`fivesoc.graph.analysis.analyse`) and stores the result as columns (`fivesoc.db.analyses`),
once per request and data version: a job whose analysis is stored already returns at once,
and a second store of the same key and version writes nothing. A network of more actors
than a server holds (`FIVESOC_MAX_NETWORK_ACTORS`: a province) is built straight into igraph
(`fivesoc.graph.arrays`), analysed in a forked process, and stored one row per actor
(`fivesoc.db.analysis_pages`) for servers to read by pages. On the side, each worker:

- sends a heartbeat every `FIVESOC_WORKER_HEARTBEAT_S` (Procrastinate's), and queues again
  the jobs of workers silent for `FIVESOC_WORKER_STALLED_S` (one killed mid-job);
- watches the data version, and after a write queues the networks asked for within
  `FIVESOC_RECENT_ANALYSES_S`, so that servers soon serve them fresh again;
- keeps the two newest analyses of each request (the fresh one, and the one served stale
  while the next is computed), and deletes the queue's finished jobs after a day.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import os
import pickle
import socket
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar, cast

import asyncpg
from procrastinate.job_context import JobContext

from fivesoc import jobs
from fivesoc.db import analyses, analysis_pages, connect, network
from fivesoc.graph.analysis import analyse, analyse_of
from fivesoc.graph.arrays import IndexedNetwork, build_indexed
from fivesoc.graph.paged import paged_of
from fivesoc.graph.stored import columns_of
from fivesoc.metrics import Metrics
from fivesoc.schema.network.inputs import NetworkRequest, TimelineRequest
from fivesoc.schema.network.service import ANALYSIS_SEED, build, scope_of
from fivesoc.settings import Settings

logger = logging.getLogger("fivesoc.worker")
T = TypeVar("T")
Say = Callable[[str, float], Awaitable[None]]
"""Says a job's stage and progress (0 to 1 of the network being analysed)."""

# How often a worker reads the data version to see whether a write happened.
WATCH_S = 1.0
# Finished jobs are deleted after this many hours, looked for every TIDY_S seconds.
FINISHED_JOBS_H = 24
TIDY_S = 3600.0


@dataclasses.dataclass(slots=True)
class Analyser:
    """What a job does, with the worker's pool, name and settings."""

    pool: asyncpg.Pool
    name: str
    settings: Settings
    metrics: Metrics | None = None

    async def run(self, job_id: int, key: str, request: dict[str, Any]) -> bool:
        """Analyse the network of `request` at the current data version and store it (for a
        timeline, the network of each of its dates, each stored as its own request); False
        when all were stored already (nothing computed)."""
        if TimelineRequest.holds(request):
            wanted = TimelineRequest.from_json(request).moments
        else:
            wanted = (NetworkRequest.from_json(request),)
        written = False
        for index, moment in enumerate(wanted):
            share = 1 / len(wanted)
            written |= await self._analyse(job_id, key, moment, index * share, share)
        async with self.pool.acquire() as conn:
            await analyses.set_progress(conn, key, job_id, "done", 1.0)
        return written

    async def _analyse(
        self, job_id: int, key: str, wanted: NetworkRequest, start: float, share: float
    ) -> bool:
        """Analyse and store one network, its progress said as the part from `start` to
        `start + share` of the job of `key`; False when it was stored already."""

        async def say(stage: str, progress: float) -> None:
            async with self.pool.acquire() as conn:
                await analyses.set_progress(conn, key, job_id, stage, start + share * progress)

        async with self.pool.acquire() as conn:
            current = await network.data_version(conn)
            if await analyses.latest_version(conn, wanted.key) == current:
                return False
        await say("building", 0.1)
        started = time.perf_counter()
        async with (
            self.pool.acquire() as conn,
            conn.transaction(isolation="repeatable_read", readonly=True),
        ):
            version = await network.data_version(conn)
            region_id, actors = await scope_of(conn, wanted, self.settings.max_job_actors)
            if wanted.community_id is None and actors > self.settings.max_network_actors:
                data = await network.load_network(conn, region_id, wanted.window, wanted.kinds)
                computed = None
            else:
                computed = await build(conn, wanted, version, self.settings.max_job_actors)
        if computed is None:
            logger.info("read %s in %.1f s", wanted.label, time.perf_counter() - started)
            built = await asyncio.to_thread(build_indexed, data.actors, data.links, data.works)
            boundary = data.boundary
            del data  # the rows read: most of the memory a province takes, no longer needed
            columns, facts = await self._by_rows(built, boundary, say)
        else:
            await self._analysing(say)
            analysis = await asyncio.to_thread(analyse, computed.graph, seed=ANALYSIS_SEED)
            await say("storing", 0.9)
            stored = await asyncio.to_thread(
                columns_of, computed.graph, computed.boundary, analysis
            )
            columns = {f.name: getattr(stored, f.name) for f in dataclasses.fields(stored)}
            facts = None
        seconds = time.perf_counter() - started
        async with self.pool.acquire() as conn, conn.transaction():
            if wanted.key != key:  # a timeline's date: stored as a request of its own
                await analyses.hold(conn, wanted.key, wanted.as_json())
            if facts is None:
                written = await analyses.store(
                    conn, wanted.key, version, seconds, self.name, columns
                )
            else:
                written = await analysis_pages.store(
                    conn, wanted.key, version, seconds, self.name, columns, facts
                )
            await analyses.prune(conn, wanted.key)
        if self.metrics is not None:
            self.metrics.observe_analysis(self.name, seconds)
        logger.info(
            "analysed %s at %d.%d in %.2f s%s",
            wanted.label,
            *version,
            seconds,
            "" if written else " (stored already)",
        )
        return written

    async def _analysing(self, say: Say) -> None:
        await say("analysing", 0.4)
        if self.settings.analysis_delay_s:
            await asyncio.sleep(self.settings.analysis_delay_s)

    async def _by_rows(
        self, built: IndexedNetwork, boundary: frozenset[int], say: Say
    ) -> tuple[dict[str, Sequence[Any]], dict[str, Any]]:
        """A network of more actors than a server holds, built straight into igraph
        (`fivesoc.graph.arrays`), analysed, and made into actor rows (`fivesoc.graph.paged`)
        for the servers to read by pages."""
        ix = built.indexed
        logger.info("built %d actors and %d links into igraph", ix.n, ix.m)
        await self._analysing(say)
        started = time.perf_counter()
        processes = len(os.sched_getaffinity(0))

        def rows() -> tuple[dict[str, Sequence[Any]], dict[str, Any]]:
            analysis = analyse_of(ix, seed=ANALYSIS_SEED, processes=processes)
            societies = cast(Sequence[str], ix.societies)
            paged = paged_of(ix.actors, built.kinds, societies, built.labels, boundary, analysis)
            return {name: getattr(paged, name) for name in paged.rows()}, paged.facts

        found = await in_forked_process(rows)
        logger.info("analysed in %.1f s", time.perf_counter() - started)
        await say("storing", 0.9)
        return found


async def in_forked_process(function: Callable[[], T]) -> T:
    """`function()` run in a process forked from this one, its result sent back pickled
    through a pipe (from our own child, never stored).

    igraph's kernels hold the interpreter lock for minutes on a province (Louvain, each
    call of sampled betweenness): run in a thread, they would keep the event loop from
    sending the worker's heartbeat, and the worker would be taken for dead mid-job. In a
    process of their own they share this one's memory (the graph is not copied) and leave
    its event loop free.
    """
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child, seen through its pipe and status
        code = 1
        try:
            os.close(read)
            result = function()
            with os.fdopen(write, "wb") as pipe:
                pickle.dump(result, pipe, protocol=pickle.HIGHEST_PROTOCOL)
            code = 0
        except BaseException:
            logger.exception("the analysis failed in its forked process")
        finally:
            os._exit(code)
    os.close(write)

    def collect() -> tuple[bytes, int]:
        with os.fdopen(read, "rb") as pipe:
            sent = pipe.read()
        return sent, os.waitpid(pid, 0)[1]

    sent, status = await asyncio.to_thread(collect)
    if status != 0:
        raise RuntimeError(f"the analysis failed in its forked process {pid} ({status})")
    return cast(T, pickle.loads(sent))  # noqa: S301 - our own child's answer


def worker_name() -> str:
    return f"{socket.gethostname()}-{os.getpid()}"


async def run_worker(
    url: str, settings: Settings, name: str | None = None, metrics_port: int | None = None
) -> None:
    """Run jobs until the process is told to stop (SIGINT or SIGTERM); with `metrics_port`,
    answer `/metrics` there (on `FIVESOC_HOST`)."""
    name = name or worker_name()
    metrics = Metrics()
    if metrics_port is not None:
        metrics.serve(settings.host, metrics_port)
    pool = await connect.create_pool(url, min_size=1, max_size=4)
    app = jobs.queue_app(url)
    analyser = Analyser(pool, name, settings, metrics)

    @app.task(name=jobs.TASK, queue=jobs.QUEUE, pass_context=True)
    async def analyse_network(
        context: JobContext, key: str, request: dict[str, Any], version: list[int]
    ) -> None:
        assert context.job is not None
        assert context.job.id is not None
        try:
            await analyser.run(context.job.id, key, request)
        except Exception:
            # Announced now, so that those following the job need not wait to find out.
            async with pool.acquire() as conn:
                await analyses.set_failed(conn, key, context.job.id)
            raise

    try:
        async with app.open_async():
            sides = [
                asyncio.create_task(_retry_stalled_every(app, settings), name="fivesoc-stalled"),
                asyncio.create_task(
                    _refresh_after_writes(app, pool, settings), name="fivesoc-refresh"
                ),
            ]
            logger.info("worker %s runs the jobs of queue %r", name, jobs.QUEUE)
            try:
                await app.run_worker_async(
                    queues=[jobs.QUEUE],
                    name=name,
                    concurrency=1,
                    update_heartbeat_interval=settings.worker_heartbeat_s,
                    stalled_worker_timeout=settings.worker_stalled_s,
                    install_signal_handlers=True,
                )
            finally:
                for side in sides:
                    side.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await side
    finally:
        await pool.close()


async def _retry_stalled_every(app: Any, settings: Settings) -> None:
    tidied = 0.0
    while True:
        try:
            await jobs.retry_stalled(app, settings.worker_stalled_s)
            if time.monotonic() - tidied >= TIDY_S:
                tidied = time.monotonic()
                await app.job_manager.delete_old_jobs(
                    nb_hours=FINISHED_JOBS_H, queue=jobs.QUEUE, include_failed=True
                )
        except Exception:  # the next round tries again
            logger.exception("cannot queue again the jobs of silent workers")
        await asyncio.sleep(settings.worker_heartbeat_s)


async def _refresh_after_writes(app: Any, pool: asyncpg.Pool, settings: Settings) -> None:
    seen: tuple[int, int] | None = None
    while True:
        try:
            async with pool.acquire() as conn:
                version = await network.data_version(conn)
                recent = (
                    await analyses.recent(conn, settings.recent_analyses_s)
                    if seen is not None and version != seen
                    else []
                )
                stale = [
                    (key, request)
                    for key, request in recent
                    if await analyses.latest_version(conn, key) != version
                ]
            for key, request in stale:
                await jobs.enqueue(app, pool, key, request, version)
            if stale:
                logger.info("data version %d.%d: %d networks queued again", *version, len(stale))
            seen = version
        except Exception:  # the next round tries again
            logger.exception("cannot queue the networks asked for recently")
        await asyncio.sleep(WATCH_S)
