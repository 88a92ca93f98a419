"""Networks built from the database and analysed off the event loop, cached by data version.

A request's graph is built, and its full analysis computed, at most once per data version:
the version (the change log's last id and the datasets loaded) is read in the same
REPEATABLE READ snapshot as the rows, so a cached result is exactly what the data said at
that version, and any write through the API (which appends to the change log) makes the next
request build afresh. Building and analysing run in worker threads, so other requests go on
being served meanwhile; concurrent requests for the same entry wait for one computation.

With analyses as jobs (`FIVESOC_ANALYSES=jobs`, a queue given), a process never analyses a
network itself: it serves the analysis a worker stored for the request at the current data
version, read once and kept; without one it queues (or joins) the job computing it
(`fivesoc.jobs`), and meanwhile serves the analysis stored at an earlier version, marked
stale, or waits for the job when asked to or when none is stored.
"""

from __future__ import annotations

import asyncio
import collections
import dataclasses
import time
from collections.abc import Callable, Hashable
from typing import Any, TypeVar, cast

import asyncpg
import networkx as nx
import procrastinate

from fivesoc import jobs
from fivesoc.db import analyses, analysis_pages, network
from fivesoc.db.signals import Signals
from fivesoc.graph.analysis import Analysis, analyse
from fivesoc.graph.build import build_graph, ego_scope
from fivesoc.graph.stored import StoredNetwork, restore
from fivesoc.schema.errors import AnalysisFailed, AnalysisPending, Forbidden, UserInputError
from fivesoc.schema.network.inputs import NetworkRequest, TimelineRequest
from fivesoc.schema.network.jobs import REREAD_S, pause
from fivesoc.schema.network.pages import StoredPages

T = TypeVar("T")
Observer = Callable[[str, float], None]
"""Told how long each stage took: `build` (reading and building a graph) or `analysis`."""

CACHE_ENTRIES = 16
# Scope sizes kept (`NetworkCache.scope_actors`), oldest first out.
SCOPE_SIZES = 256
# Networks built at once by one process; others wait for a turn.
MAX_BUILDS = 2
# The most actors a scope may hold (`FIVESOC_MAX_NETWORK_ACTORS`): a city is about 100k.
MAX_ACTORS = 200_000
# With analyses as jobs, the most a scope analysed by a worker may hold
# (`FIVESOC_MAX_JOB_ACTORS`): a province is about 1M.
MAX_JOB_ACTORS = 2_000_000
ANALYSIS_SEED = 0
# How long a request waits for a worker's job before it is answered ANALYSIS_PENDING.
WAIT_S = 60.0
# A process records that a request was asked for at most this often (workers recompute the
# requests asked for recently after a write).
REMEMBER_S = 30.0


def new_window_refused() -> Forbidden:
    """The error of a caller who may not have a window computed that was not before."""
    return Forbidden(
        "this window has not been computed yet, and only an analyst token or above may have "
        "a new one computed: ask for the whole time (no window) or a window already computed"
    )


class NetworkComputed:
    """One scoped, windowed network at one data version, with its analysis once asked for."""

    def __init__(
        self,
        graph: nx.Graph,
        boundary: frozenset[int],
        version: tuple[int, int],
        observe: Observer | None = None,
    ) -> None:
        self.graph = graph
        self.boundary = boundary
        self.version = version
        self.observe = observe
        self.analyses = 0
        self._analysis: asyncio.Future[Analysis] | None = None
        self._kept: dict[Hashable, Any] = {}

    async def analysis(self) -> Analysis:
        """The full analysis (`fivesoc.graph.analysis.analyse`), computed once, in a thread."""
        if self._analysis is None:
            self.analyses += 1
            self._analysis = asyncio.ensure_future(asyncio.to_thread(self._analyse))
        return await asyncio.shield(self._analysis)

    def _analyse(self) -> Analysis:
        started = time.perf_counter()
        analysis = analyse(self.graph, seed=ANALYSIS_SEED)
        if self.observe is not None:
            self.observe("analysis", time.perf_counter() - started)
        return analysis

    @classmethod
    def analysed(
        cls,
        graph: nx.Graph,
        boundary: frozenset[int],
        version: tuple[int, int],
        analysis: Analysis,
    ) -> NetworkComputed:
        """A network whose analysis is known already (read from where a worker stored it)."""
        computed = cls(graph, boundary, version)
        done: asyncio.Future[Analysis] = asyncio.get_running_loop().create_future()
        done.set_result(analysis)
        computed._analysis = done
        return computed

    def kept(self, key: Hashable, make: Callable[[], T]) -> T:
        """What `make` derives from this network (an order, the pairs of one link kind),
        made on first use and kept with it, so that pages after the first cost no sort."""
        if key not in self._kept:
            self._kept[key] = make()
        return cast(T, self._kept[key])

    async def run(self, function: Callable[[nx.Graph], T]) -> T:
        """Run a per-request analysis of the graph (a path, an ego network) in a thread."""
        return await asyncio.to_thread(function, self.graph)


@dataclasses.dataclass(frozen=True, slots=True)
class Served:
    """What a network request is answered with: the network (None when only its job was
    asked for), the data version now, and the job computing a fresher analysis, if any."""

    computed: NetworkComputed | StoredPages | None
    current: tuple[int, int]
    job_id: int | None = None

    @property
    def stale(self) -> bool:
        """Whether the analysis is of an earlier data version than the current one."""
        return self.computed is not None and self.computed.version != self.current


@dataclasses.dataclass(slots=True)
class NetworkCache:
    """The networks of one process, least recently used first out.

    At most `max_builds` networks are built at once; other builds wait their turn without
    holding a pooled connection, so a flood of distinct network requests cannot take the
    connections every other request needs. `building` and `peak_builds` say how many are
    under way and the most there have been at once. `observe`, when given, is told how long
    each build and analysis took.
    """

    pool: asyncpg.Pool
    size: int = CACHE_ENTRIES
    max_actors: int = MAX_ACTORS
    max_job_actors: int = MAX_JOB_ACTORS
    """With a queue: the most actors of a scope a worker analyses (and stores by actor rows
    when it has more than `max_actors`)."""
    max_builds: int = MAX_BUILDS
    builds: int = 0
    building: int = 0
    peak_builds: int = 0
    observe: Observer | None = None
    queue: procrastinate.App | None = None
    """The job queue: given, analyses are computed by workers and read from the database."""
    wait_s: float = WAIT_S
    signals: Signals | None = None
    """Announcements of jobs' progress (the process's listener's): a request waiting for a
    job wakes on them instead of polling."""
    _remembered: dict[str, float] = dataclasses.field(default_factory=dict)
    _scope_sizes: dict[int | None, tuple[tuple[int, int], int]] = dataclasses.field(
        default_factory=dict
    )
    _entries: collections.OrderedDict[
        tuple[NetworkRequest, tuple[int, int]], asyncio.Future[NetworkComputed | StoredPages]
    ] = dataclasses.field(default_factory=collections.OrderedDict)
    _gate: asyncio.Semaphore | None = None

    async def get(self, request: NetworkRequest, *, new_window: bool = True) -> NetworkComputed:
        """The network of `request` at the current data version, built if not cached.

        Without `new_window`, a window other than all time is served only if it was computed
        before (at any data version): such a caller cannot make the server build networks for
        windows nobody asked for.
        """
        served = await self.serve(request, new_window=new_window, wait=True)
        return computed_of(served)

    async def serve(
        self,
        request: NetworkRequest,
        *,
        new_window: bool = True,
        wait: bool = False,
        result: bool = True,
    ) -> Served:
        """The network of `request`, as `get` gives it; with a queue, possibly stale.

        With a queue: the analysis stored at the current data version when there is one;
        else the job computing it is queued or joined, and the analysis stored at an earlier
        version is served (stale: the newest this process holds, else the newest stored) unless
        `wait`; with none stored, or with `wait`, the job is
        waited for. Without `result` only the job is queued or joined.
        """
        if self.queue is not None:
            return await self._serve_stored(request, new_window, wait, result)
        computed = await self._computed(request, new_window)
        return Served(computed, computed.version)

    async def _computed(self, request: NetworkRequest, new_window: bool) -> NetworkComputed:
        async with self.pool.acquire() as conn:
            version = await network.data_version(conn)
        key = (request, version)
        entry = self._entries.get(key)
        if entry is not None:
            self._entries.move_to_end(key)
            return cast(NetworkComputed, await asyncio.shield(entry))
        if not new_window and request.window != network.Window() and not self.knows(request):
            raise new_window_refused()
        entry = asyncio.get_running_loop().create_future()
        self._entries[key] = entry
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)
        try:
            entry.set_result(await self._build_in_turn(request))
        except BaseException as error:
            self._entries.pop(key, None)
            entry.set_exception(error)
            # Retrieved here, so that waiters alone see it and asyncio does not warn.
            entry.exception()
            raise
        return cast(NetworkComputed, await asyncio.shield(entry))

    async def scope_actors(self, region_id: int | None, community_id: int | None) -> int:
        """How many actors the network of a region (None: everything) or of a community's
        neighbourhood is built from (its county's); 0 for a community that does not exist.

        Counted once per region and data version and kept: every network request's cost
        asks, and counting a province's million actors takes a few tenths of a second.
        """
        async with self.pool.acquire() as conn:
            if community_id is not None:
                region_id = await network.community_county(conn, community_id)
                if region_id is None:
                    return 0
            version = await network.data_version(conn)
            known = self._scope_sizes.get(region_id)
            if known is not None and known[0] == version:
                return known[1]
            actors = await network.scope_actors(conn, region_id)
        self._scope_sizes[region_id] = (version, actors)
        while len(self._scope_sizes) > SCOPE_SIZES:
            del self._scope_sizes[next(iter(self._scope_sizes))]
        return actors

    async def _serve_stored(
        self, request: NetworkRequest, new_window: bool, wait: bool, result: bool
    ) -> Served:
        assert self.queue is not None
        key = request.key
        async with self.pool.acquire() as conn:
            current = await network.data_version(conn)
            stored = await analyses.latest_version(conn, key)
            if stored is None:
                if not new_window and request.window != network.Window():
                    raise new_window_refused()
                await self._check_scope(conn, request)
            await self._remember(conn, key, request.as_json())
        if stored == current:
            return Served(await self._restored(request, current) if result else None, current)
        job_id = await jobs.enqueue(self.queue, self.pool, key, request.as_json(), current)
        if not result:
            return Served(None, current, job_id)
        if stored is not None and not wait:
            held = self._newest_held(request)
            if held is None:
                held = await self._restored(request, stored)
            return Served(held, current, job_id)
        [found] = await self._wait_for([key], key, current, job_id)
        return Served(await self._restored(request, found), current, job_id)

    async def timeline(
        self, timeline: TimelineRequest, *, new_window: bool = True
    ) -> list[NetworkComputed]:
        """The network of each date of `timeline`, as `get` gives it. With a queue, the dates
        whose analyses are not all stored at the current data version are computed by one
        job (of the timeline's own request), which is waited for."""
        moments = timeline.moments
        if self.queue is None:
            return [await self.get(moment, new_window=new_window) for moment in moments]
        async with self.pool.acquire() as conn:
            current = await network.data_version(conn)
            stored = [await analyses.latest_version(conn, moment.key) for moment in moments]
            if None in stored:
                if not new_window:
                    raise new_window_refused()
                await self._check_scope(conn, timeline.network)
            await self._remember(conn, timeline.key, timeline.as_json())
        versions = [current] * len(moments)
        if any(version != current for version in stored):
            job_id = await jobs.enqueue(
                self.queue, self.pool, timeline.key, timeline.as_json(), current
            )
            keys = [moment.key for moment in moments]
            versions = await self._wait_for(keys, timeline.key, current, job_id)
        restored = [
            await self._restored(moment, version)
            for moment, version in zip(moments, versions, strict=True)
        ]
        return [computed_of(Served(found, current)) for found in restored]

    async def _wait_for(
        self, keys: list[str], job_key: str, current: tuple[int, int], job_id: int
    ) -> list[tuple[int, int]]:
        """The versions of the analyses of `keys` a worker stored at `current` or later, read
        again each time the progress of the job of `job_key` is announced (`signals`; polled
        without them)."""
        deadline = time.monotonic() + self.wait_s
        seen = 0 if self.signals is None else self.signals.generation(job_key)
        while True:
            async with self.pool.acquire() as conn:
                found = [await analyses.latest_version(conn, key) for key in keys]
                if all(version is not None and version >= current for version in found):
                    return [version for version in found if version is not None]
                job = await analyses.job_of(conn, job_key)
            failed = job is not None and (
                job.stage == "failed" or jobs.STATES.get(job.status or "") == "FAILED"
            )
            if failed and job is not None and job.job_id == job_id:
                raise AnalysisFailed(
                    f"the job analysing this network ({job_id}) failed", job_id=job_id
                )
            if time.monotonic() >= deadline:
                raise AnalysisPending(
                    f"the analysis of this network is being computed (job {job_id}) and was "
                    f"not done within {self.wait_s:g} s; ask again later, or follow the "
                    "`networkJob` subscription",
                    job_id=job_id,
                )
            left = deadline - time.monotonic()
            seen = await pause(self.signals, job_key, seen, min(REREAD_S, max(left, 0.0)))

    async def _restored(
        self, request: NetworkRequest, version: tuple[int, int]
    ) -> NetworkComputed | StoredPages:
        """The analysis of `request` stored at `version`, read once per process and kept."""
        key = (request, version)
        entry = self._entries.get(key)
        if entry is not None:
            self._entries.move_to_end(key)
            return await asyncio.shield(entry)
        entry = asyncio.get_running_loop().create_future()
        self._entries[key] = entry
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)
        try:
            async with self.pool.acquire() as conn:
                found = await analysis_pages.header(conn, request.key, version)
                whole = found is not None and found.whole
                stored = await analyses.read(conn, request.key, version) if whole else None
            # Workers delete all but the two newest of a request, and the newest was asked.
            if found is None:  # pragma: no cover
                raise RuntimeError(f"no analysis stored for {request.label} at {version}")
            if stored is None:
                entry.set_result(StoredPages(self.pool, found, version, self.max_actors))
            else:
                columns = StoredNetwork(**stored.columns)
                graph, boundary, analysis = await asyncio.to_thread(restore, columns)
                entry.set_result(NetworkComputed.analysed(graph, boundary, version, analysis))
        except BaseException as error:
            self._entries.pop(key, None)
            entry.set_exception(error)
            entry.exception()
            raise
        return await asyncio.shield(entry)

    def _newest_held(self, request: NetworkRequest) -> NetworkComputed | StoredPages | None:
        """The newest analysis of `request` this process holds already, if any: while a
        fresh one is computed, a stale one is served without reading another."""
        held = [
            entry.result()
            for (known, _), entry in self._entries.items()
            if known == request and entry.done() and entry.exception() is None
        ]
        return max(held, key=lambda computed: computed.version, default=None)

    async def _remember(self, conn: network.Conn, key: str, request: dict[str, Any]) -> None:
        now = time.monotonic()
        if now - self._remembered.get(key, -REMEMBER_S) >= REMEMBER_S:
            self._remembered[key] = now
            await analyses.remember(conn, key, request)

    async def _check_scope(self, conn: network.Conn, request: NetworkRequest) -> None:
        await scope_region(conn, request, self.max_job_actors)

    async def served_actors(self, region_id: int | None, community_id: int | None) -> int:
        """The actors a network of this scope makes this process hold, for its cost: the
        scope's, or none with a queue when there are more than `max_actors` (such a network
        is read by pages of its stored rows, each page costing what it lists)."""
        actors = await self.scope_actors(region_id, community_id)
        return 0 if self.queue is not None and actors > self.max_actors else actors

    def knows(self, request: NetworkRequest) -> bool:
        """Whether `request` was computed (or is being computed) at some data version."""
        return any(known == request for known, _ in self._entries)

    async def _build_in_turn(self, request: NetworkRequest) -> NetworkComputed:
        """Build once a turn is free, from one consistent snapshot of the data."""
        if self._gate is None:
            self._gate = asyncio.Semaphore(self.max_builds)
        async with self._gate:
            self.building += 1
            self.peak_builds = max(self.peak_builds, self.building)
            try:
                async with (
                    self.pool.acquire() as conn,
                    conn.transaction(isolation="repeatable_read", readonly=True),
                ):
                    version = await network.data_version(conn)
                    return await self._build(conn, request, version)
            finally:
                self.building -= 1

    async def _build(
        self, conn: network.Conn, request: NetworkRequest, version: tuple[int, int]
    ) -> NetworkComputed:
        self.builds += 1
        return await build(conn, request, version, self.max_actors, self.observe)


def computed_of(served: Served) -> NetworkComputed:
    """The network held in memory that `served` answers with; NETWORK_TOO_LARGE when it is
    read by pages of its stored rows."""
    computed = served.computed
    assert computed is not None, "only the job of this network was asked for"
    if isinstance(computed, StoredPages):
        raise computed.too_large()
    return computed


async def scope_region(conn: network.Conn, request: NetworkRequest, max_actors: int) -> int | None:
    """The region the network of `request` is drawn from (None: everything), once its scope
    is known to exist and to hold no more than `max_actors` actors."""
    region_id, _ = await scope_of(conn, request, max_actors)
    return region_id


async def scope_of(
    conn: network.Conn, request: NetworkRequest, max_actors: int
) -> tuple[int | None, int]:
    """`scope_region`, and how many actors the scope holds."""
    region_id = request.region_id
    if request.community_id is not None:
        region_id = await network.community_county(conn, request.community_id)
        if region_id is None:
            raise UserInputError("`scope.community` names no community", argument="scope.community")
    elif region_id is not None and not await network.region_exists(conn, region_id):
        raise UserInputError("`scope.region` names no region", argument="scope.region")
    actors = await network.scope_actors(conn, region_id)
    if actors > max_actors:
        raise UserInputError(
            f"this scope holds {actors:,} actors, more than the {max_actors:,} a "
            "network may have here: choose a smaller region, or a community's "
            "neighbourhood",
            argument="scope",
        )
    return region_id, actors


async def build(
    conn: network.Conn,
    request: NetworkRequest,
    version: tuple[int, int],
    max_actors: int,
    observe: Observer | None = None,
) -> NetworkComputed:
    """The network of `request` read through `conn` (inside one REPEATABLE READ snapshot,
    where `version` was read), not analysed yet."""
    started = time.perf_counter()
    region_id = await scope_region(conn, request, max_actors)
    data = await network.load_network(conn, region_id, request.window, request.kinds)
    graph = await asyncio.to_thread(build_graph, data.actors, data.links, data.works)
    if request.community_id is not None:
        community = request.community_id
        graph = await asyncio.to_thread(ego_scope, graph, community, request.radius)
    if observe is not None:
        observe("build", time.perf_counter() - started)
    boundary = data.boundary & frozenset(graph.nodes)
    return NetworkComputed(graph, boundary, version, observe)
