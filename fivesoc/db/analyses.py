"""Network analyses stored by workers, the requests they answer, and their jobs' progress.

A request is named by its key (canonical JSON of scope, window and link kinds); each stored
analysis by its key and the data version it was computed at, once: a second store of the
same key and version changes nothing. The jobs are the queue's (Procrastinate's
`procrastinate_jobs`), read here by the lock each analysis job holds, so that a server can
join a job already queued or running instead of queueing another. Each change of a job's
progress is announced on `CHANNEL` with the request key, when it commits, so that those
following the job read it then rather than polling.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from typing import Any

from fivesoc.db.network import Conn

Version = tuple[int, int]

# The per-actor and per-link columns, by the names the graph layer gives them
# (`fivesoc.graph.stored.StoredNetwork`); `constraint` is a reserved word in SQL.
# Each actor's measures, by the graph layer's names (`fivesoc.graph.measures.ActorMeasures`,
# in its order), and their SQL columns: stored as arrays here, and as columns of one row per
# actor for a network read by pages (`analysis_pages`).
ACTOR_MEASURES: dict[str, str] = {
    "degree": "degree",
    "strength": "strength",
    "betweenness": "betweenness",
    "pagerank": "pagerank",
    "cluster": "cluster",
    "constraint": "burt_constraint",
    "effective_size": "effective_size",
    "coordinator": "coordinator",
    "itinerant": "itinerant",
    "representative_gatekeeper": "representative_gatekeeper",
    "liaison": "liaison",
}
COLUMNS: dict[str, str] = {
    "actor_ids": "actor_ids",
    "kinds": "kinds",
    "societies": "societies",
    "labels": "labels",
    "boundary": "boundary",
    **ACTOR_MEASURES,
    "link_sources": "link_sources",
    "link_targets": "link_targets",
    "link_weights": "link_weights",
    "link_kinds": "link_kinds",
    "by_constraint": "by_constraint",
    "by_effective_size": "by_effective_size",
    "by_brokerage": "by_brokerage",
    "facts": "facts",
}
JSON_COLUMNS = frozenset({"link_kinds", "facts"})

# $1 key, $2 the request as JSON. A request asked for now.
REMEMBER = """
insert into network_request (request_key, request) values ($1, $2::jsonb)
on conflict (request_key) do update set asked_at = now()
"""

# $1 key, $2 the request as JSON. A request analysed for another (a timeline's date), not
# asked for itself: workers do not recompute it after a write unless it is asked for.
HOLD = """
insert into network_request (request_key, request, asked_at) values ($1, $2::jsonb, '-infinity')
on conflict (request_key) do nothing
"""

# $1 key. The newest data version an analysis of it was stored at.
LATEST_VERSION = """
select events_version, datasets_version from network_analysis where request_key = $1
order by events_version desc, datasets_version desc limit 1
"""

# $1 key, $2 events version, $3 datasets version.
READ = (
    "select seconds, worker, "
    + ", ".join(COLUMNS.values())
    + """ from network_analysis
where request_key = $1 and events_version = $2 and datasets_version = $3
"""
)

# $1 key, $2 events version, $3 datasets version, $4 seconds, $5 worker, $6 whole, $7 actors,
# $8.. the columns.
STORE = (
    "insert into network_analysis (request_key, events_version, datasets_version, seconds, "
    + "worker, whole, actors, "
    + ", ".join(COLUMNS.values())
    + ") values ($1, $2, $3, $4, $5, $6, $7, "
    + ", ".join(
        f"${i}::jsonb" if name in JSON_COLUMNS else f"${i}"
        for i, name in enumerate(COLUMNS, start=8)
    )
    + ") on conflict (request_key, events_version, datasets_version) do nothing returning id"
)

# $1 key, $2 how many to keep. The analyses of a key but its newest few: the newest serves
# fresh, the one before it serves stale while the next is computed.
PRUNE = """
delete from network_analysis where request_key = $1 and id not in (
    select id from network_analysis where request_key = $1
    order by events_version desc, datasets_version desc limit $2
)
"""
KEEP = 2

# The channel a job's progress is announced on; the payload is the request key.
CHANNEL = "fivesoc_jobs"

# $1 key, $2 job id, $3 stage, $4 progress (0 to 1), $5 the channel. Recorded and announced.
PROGRESS = """
with updated as (
    update network_request set job_id = $2, stage = $3, progress = $4, progress_at = now()
    where request_key = $1
    returning request_key
)
select pg_notify($5, request_key) from updated
"""

# $1 key, $2 job id, $3 the channel. The job failed: recorded (its progress kept) and announced.
FAILED = """
with updated as (
    update network_request set job_id = $2, stage = 'failed', progress_at = now()
    where request_key = $1
    returning request_key
)
select pg_notify($3, request_key) from updated
"""

# $1 key. The request's job (the one now, or the last), its state and progress.
JOB = """
select r.job_id, j.status::text, r.stage, r.progress, r.progress_at, j.attempts
from network_request r left join procrastinate_jobs j on j.id = r.job_id
where r.request_key = $1
"""

# $1 the job lock. A job of that lock waiting or running, if any.
OPEN_JOB = """
select id from procrastinate_jobs where lock = $1 and status in ('todo', 'doing')
order by id limit 1
"""

# $1 seconds. The requests asked for within that many seconds.
RECENT = """
select request_key, request::text from network_request
where asked_at > now() - make_interval(secs => $1) order by request_key
"""

# The jobs of the queue by state.
JOBS_BY_STATE = "select status::text, count(*) from procrastinate_jobs group by 1"


@dataclasses.dataclass(frozen=True, slots=True)
class Stored:
    """One stored analysis: how long it took, which worker computed it, and its columns by
    the graph layer's names."""

    version: Version
    seconds: float
    worker: str
    columns: dict[str, Any]


@dataclasses.dataclass(frozen=True, slots=True)
class JobProgress:
    """The job of a request: its queue state (`todo`, `doing`, `succeeded`, `failed`, …;
    None when the queue no longer holds it), stage, progress (0 to 1) and attempts."""

    job_id: int | None
    status: str | None
    stage: str | None
    progress: float
    attempts: int


async def remember(conn: Conn, key: str, request: Mapping[str, Any]) -> None:
    """Record that `key` was asked for now (its `asked_at`)."""
    await conn.execute(REMEMBER, key, json.dumps(request, sort_keys=True))


async def hold(conn: Conn, key: str, request: Mapping[str, Any]) -> None:
    """Record `key` (if new) so that analyses of it can be stored, without asking for it."""
    await conn.execute(HOLD, key, json.dumps(request, sort_keys=True))


async def latest_version(conn: Conn, key: str) -> Version | None:
    """The newest data version an analysis of `key` is stored at (None: none stored)."""
    row = await conn.fetchrow(LATEST_VERSION, key)
    return None if row is None else (int(row[0]), int(row[1]))


async def read(conn: Conn, key: str, version: Version) -> Stored | None:
    """The analysis of `key` stored at `version`, if there is one."""
    row = await conn.fetchrow(READ, key, *version)
    if row is None:
        return None
    columns = {
        name: json.loads(row[column]) if name in JSON_COLUMNS else list(row[column])
        for name, column in COLUMNS.items()
    }
    return Stored(version, float(row["seconds"]), str(row["worker"]), columns)


async def store(
    conn: Conn,
    key: str,
    version: Version,
    seconds: float,
    worker: str,
    columns: Mapping[str, Any],
) -> bool:
    """Store an analysis of `key` at `version`; False (and nothing written) when one is
    stored already."""
    return await insert(conn, key, version, seconds, worker, columns) is not None


async def insert(
    conn: Conn,
    key: str,
    version: Version,
    seconds: float,
    worker: str,
    columns: Mapping[str, Any],
    *,
    actors: int | None = None,
) -> int | None:
    """Store an analysis of `key` at `version` and return its id; None (and nothing
    written) when one is stored already. With `actors`, the arrays are left empty (`whole`
    false): the network's `actors` rows are written apart (`fivesoc.db.analysis_pages`)."""
    whole = actors is None
    values = [
        json.dumps(columns.get(name, [])) if name in JSON_COLUMNS else columns.get(name, [])
        for name in COLUMNS
    ]
    count = len(columns["actor_ids"]) if actors is None else actors
    found: int | None = await conn.fetchval(
        STORE, key, *version, seconds, worker, whole, count, *values
    )
    return found


async def prune(conn: Conn, key: str, keep: int = KEEP) -> int:
    """Delete the analyses of `key` but its newest `keep`; how many were deleted."""
    status = await conn.execute(PRUNE, key, keep)
    return int(status.split()[-1])


async def set_progress(conn: Conn, key: str, job_id: int, stage: str, progress: float) -> None:
    """Say what the job of `key` is doing and how far it is, and announce it on `CHANNEL`
    (delivered when the caller's transaction commits)."""
    await conn.execute(PROGRESS, key, job_id, stage, progress, CHANNEL)


async def set_failed(conn: Conn, key: str, job_id: int) -> None:
    """Say that the job of `key` failed, and announce it on `CHANNEL`."""
    await conn.execute(FAILED, key, job_id, CHANNEL)


async def job_of(conn: Conn, key: str) -> JobProgress | None:
    """The job of `key` (None: never queued)."""
    row = await conn.fetchrow(JOB, key)
    if row is None or row[0] is None:
        return None
    return JobProgress(
        job_id=int(row[0]),
        status=row[1],
        stage=row[2],
        progress=float(row[3]),
        attempts=int(row[5] or 0),
    )


async def open_job(conn: Conn, lock: str) -> int | None:
    """The id of a job holding `lock` that is waiting or running."""
    found: int | None = await conn.fetchval(OPEN_JOB, lock)
    return found


async def recent(conn: Conn, seconds: float) -> list[tuple[str, dict[str, Any]]]:
    """The requests asked for within `seconds`, by key."""
    rows = await conn.fetch(RECENT, seconds)
    return [(row[0], json.loads(row[1])) for row in rows]


async def jobs_by_state(conn: Conn) -> dict[str, int]:
    """How many jobs the queue holds in each state."""
    return {row[0]: int(row[1]) for row in await conn.fetch(JOBS_BY_STATE)}
