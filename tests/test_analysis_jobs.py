"""Network analyses as jobs: two `fivesoc serve` with FIVESOC_ANALYSES=jobs and `fivesoc
worker` processes, all started here on one database. A request on one server queues the job,
a worker computes and stores it, the other server serves what was stored; a write makes the
next answer stale until a worker has recomputed it; a worker killed mid-job leaves its job
to another, and the analysis is stored once."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import httpx
import pytest
import websockets
from prometheus_client.parser import text_string_to_metric_families
from prometheus_client.samples import Sample

import fivesoc
from fivesoc.db import analyses, connect, network
from fivesoc.db.listener import EventListener
from fivesoc.graph.analysis import analyse
from fivesoc.graph.build import build_graph
from fivesoc.schema.network import jobs as network_jobs
from fivesoc.schema.network.export import export_network, parse_export
from fivesoc.schema.network.inputs import NetworkRequest
from fivesoc.schema.network.service import NetworkCache
from fivesoc.settings import Settings, SettingsError
from fivesoc.worker import Analyser
from tests import served
from tests.conftest import SECRET_KEY, GraphQLClient, serve, token

JOBS = {"FIVESOC_ANALYSES": "jobs", "FIVESOC_WORKER_HEARTBEAT_S": "1",
        "FIVESOC_WORKER_STALLED_S": "3"}  # fmt: skip


def env_of(database_url: str, **settings: str) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": database_url, "FIVESOC_SECRET_KEY": SECRET_KEY,
            "FIVESOC_LOG_LEVEL": "info", **JOBS, **settings}  # fmt: skip


@contextlib.contextmanager
def worker(
    database_url: str, log: Path, *args: str, **settings: str
) -> Iterator[subprocess.Popen[bytes]]:
    """`fivesoc worker` with `args` and `settings`, its output in `log`; stopped on leaving
    (if alive)."""
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "fivesoc", "worker", *args],
            env=env_of(database_url, **settings),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextlib.contextmanager
def server(database_url: str, **settings: str) -> Iterator[str]:
    port = served.free_port()
    process = served.start(env_of(database_url, **settings), port)
    try:
        served.wait_until_healthy(port)
        yield f"127.0.0.1:{port}"
    finally:
        served.stop(process)


def ask(address: str, query: str, headers: dict[str, str] | None = None) -> dict:
    response = httpx.post(
        f"http://{address}/graphql", json={"query": query}, headers=headers, timeout=60
    )
    body = response.json()
    assert "errors" not in body, body
    return dict(body["data"])


def until(check: object, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():  # type: ignore[operator]
            return
        time.sleep(0.1)
    raise AssertionError(f"not within {seconds:g} s")


async def fetchval(url: str, sql: str, *args: object) -> object:
    conn = await asyncpg.connect(url)
    try:
        return await conn.fetchval(sql, *args)
    finally:
        await conn.close()


def samples(address: str) -> dict[str, list[Sample]]:
    """The samples of `/metrics` at `address`, by name."""
    found: dict[str, list[Sample]] = {}
    for family in text_string_to_metric_families(httpx.get(f"http://{address}/metrics").text):
        for sample in family.samples:
            found.setdefault(sample.name, []).append(sample)
    return found


def gid(type_name: str, key: int) -> str:
    return base64.b64encode(f"{type_name}:{key}".encode()).decode()


async def test_one_server_queues_a_worker_computes_the_other_serves_then_stale_after_a_write(
    demo_url: str, tmp_path: Path
) -> None:
    deqing = await fetchval(demo_url, "select id from region where name = '德清县'")
    assert isinstance(deqing, int)
    scope = f'scope: {{region: "{gid("Region", deqing)}"}}'
    # What the analysis must say, computed here from the same rows.
    conn = await asyncpg.connect(demo_url)
    try:
        data = await network.load_network(conn, deqing)
        version = await network.data_version(conn)
    finally:
        await conn.close()
    expected = analyse(build_graph(data.actors, data.links, data.works))
    top = expected.centrality.order("betweenness")[0]

    with server(demo_url) as first, server(demo_url) as second:
        # No worker yet: asking for the job alone queues it and answers at once.
        queued = ask(
            first, f"{{ network({scope}) {{ dataVersion job {{ state stage progress }} }} }}"
        )
        assert queued["network"] == {
            "dataVersion": f"{version[0]}.{version[1]}",
            "job": {"state": "QUEUED", "stage": "queued", "progress": 0.0},
        }
        assert await fetchval(demo_url, "select count(*) from procrastinate_jobs") == 1
        assert await fetchval(demo_url, "select count(*) from network_analysis") == 0

        with worker(demo_url, tmp_path / "worker.log", FIVESOC_ANALYSIS_DELAY_S="1"):
            # The second server waits for the worker (nothing stored yet), then serves it.
            query = (
                f"{{ network({scope}) {{ stale dataVersion asOfDataVersion job {{ state }} "
                "summary { nodes links components } "
                "nodes(orderBy: BETWEENNESS, first: 1) { nodes { id } } } }"
            )
            answer = ask(second, query)["network"]
            assert answer["stale"] is False
            assert (
                answer["asOfDataVersion"] == answer["dataVersion"] == f"{version[0]}.{version[1]}"
            )
            assert answer["job"] == {"state": "DONE"}
            assert answer["summary"] == {
                "nodes": expected.summary.nodes,
                "links": expected.summary.links,
                "components": expected.summary.components,
            }
            kind = data.actors[[a[0] for a in data.actors].index(top)][1]
            type_name = "".join(part.title() for part in kind.split("_"))
            assert answer["nodes"]["nodes"] == [{"id": gid(type_name, top)}]
            # The first server serves the same stored analysis: one row, one job, no other.
            assert ask(first, query)["network"] == answer
            assert await fetchval(demo_url, "select count(*) from network_analysis") == 1
            assert await fetchval(demo_url, "select count(*) from procrastinate_jobs") == 1

            # A write moves the data version: the stored analysis is served, marked stale,
            # while the worker recomputes (it pauses 1 s before analysing).
            project = await fetchval(demo_url, "select id from project where name = '居家颐养'")
            assert isinstance(project, int)
            written = ask(
                first,
                'mutation { postProjectUpdate(input: {projectId: "'
                + gid("Project", project)
                + '", title: "分析之后"}) { userErrors { code } } }',
                token("admin", []),
            )
            assert written["postProjectUpdate"]["userErrors"] == []
            after = await fetchval(demo_url, "select max(id) from change_event")
            moved = f"{after}.{version[1]}"
            stale = ask(second, f"{{ network({scope}) {{ stale dataVersion asOfDataVersion }} }}")
            assert stale["network"] == {
                "stale": True,
                "dataVersion": moved,
                "asOfDataVersion": f"{version[0]}.{version[1]}",
            }
            # Asked to wait, the caller gets the fresh one; stored once more.
            fresh = ask(
                first,
                f"{{ network({scope}, wait: true) {{ stale asOfDataVersion summary {{ nodes }} }} }}",
            )
            assert fresh["network"] == {
                "stale": False,
                "asOfDataVersion": moved,
                "summary": {"nodes": expected.summary.nodes},
            }
            assert await fetchval(demo_url, "select count(*) from network_analysis") == 2
            # Another write: only the two newest analyses are kept, the fresh one and the one
            # served stale while it was computed.
            ask(
                first,
                'mutation { postProjectUpdate(input: {projectId: "'
                + gid("Project", project)
                + '", title: "再写一次"}) { userErrors { code } } }',
                token("admin", []),
            )
            last = ask(first, f"{{ network({scope}, wait: true) {{ asOfDataVersion }} }}")
            kept = await fetchval(
                demo_url,
                "select array_agg(events_version::text || '.' || datasets_version order by id) "
                "from network_analysis",
            )
            assert kept == [moved, last["network"]["asOfDataVersion"]]
    assert "Traceback" not in (tmp_path / "worker.log").read_text()


async def test_a_worker_killed_mid_job_leaves_it_to_another_and_it_is_stored_once(
    demo_url: str, tmp_path: Path
) -> None:
    deqing = await fetchval(demo_url, "select id from region where name = '德清县'")
    assert isinstance(deqing, int)
    scope = f'scope: {{region: "{gid("Region", deqing)}"}}'
    with server(demo_url) as address:
        with worker(demo_url, tmp_path / "killed.log", FIVESOC_ANALYSIS_DELAY_S="60") as first:
            ask(address, f"{{ network({scope}) {{ job {{ state }} }} }}")

            def analysing() -> bool:
                job = ask(address, f"{{ network({scope}) {{ job {{ state stage attempts }} }} }}")
                return bool(
                    job["network"]["job"]
                    == {"state": "RUNNING", "stage": "analysing", "attempts": 1}
                )

            until(analysing)
            first.kill()  # SIGKILL: no goodbye, no heartbeat any more
            first.wait()
        with worker(demo_url, tmp_path / "second.log"):
            answer = ask(
                address,
                f"{{ network({scope}) {{ stale summary {{ nodes }} job {{ state attempts }} }} }}",
            )
    assert answer["network"]["stale"] is False
    assert answer["network"]["job"] == {"state": "DONE", "attempts": 2}
    assert answer["network"]["summary"]["nodes"] > 0
    assert await fetchval(demo_url, "select count(*) from network_analysis") == 1
    assert await fetchval(demo_url, "select count(*) from procrastinate_jobs") == 1
    assert "queued again" in (tmp_path / "second.log").read_text()


async def test_inline_analyses_are_never_stale_and_have_no_job(client: GraphQLClient) -> None:
    answer = await client.data("{ network { dataVersion stale asOfDataVersion job { state } } }")
    network = answer["network"]
    assert network["stale"] is False
    assert network["job"] is None
    assert network["asOfDataVersion"] == network["dataVersion"]


async def test_the_network_job_subscription_follows_the_job_until_it_is_done(
    demo_url: str, tmp_path: Path
) -> None:
    deqing = await fetchval(demo_url, "select id from region where name = '德清县'")
    assert isinstance(deqing, int)
    subscription = (
        f'subscription {{ networkJob(scope: {{region: "{gid("Region", deqing)}"}}) '
        "{ state stage progress } }"
    )
    with server(demo_url) as address:
        async with websockets.connect(
            f"ws://{address}/graphql",
            subprotocols=[websockets.Subprotocol("graphql-transport-ws")],
        ) as ws:
            await ws.send(json.dumps({"type": "connection_init"}))
            assert json.loads(await ws.recv())["type"] == "connection_ack"
            await ws.send(json.dumps(
                {"id": "1", "type": "subscribe", "payload": {"query": subscription}}
            ))  # fmt: skip
            first = json.loads(await asyncio.wait_for(ws.recv(), timeout=20))
            # Queued by the subscription itself; no worker runs yet.
            assert first["payload"]["data"]["networkJob"] == {
                "state": "QUEUED",
                "stage": "queued",
                "progress": 0.0,
            }
            seen = []
            port = served.free_port()
            with worker(
                demo_url,
                tmp_path / "worker.log",
                "--name",
                "w1",
                "--metrics-port",
                str(port),
                FIVESOC_ANALYSIS_DELAY_S="1",
            ):
                while True:
                    message = json.loads(await asyncio.wait_for(ws.recv(), timeout=30))
                    if message["type"] == "complete":
                        break
                    seen.append(message["payload"]["data"]["networkJob"])
                # The worker's own metrics: one analysis by w1, of at least the pause.
                worker_metrics = samples(f"127.0.0.1:{port}")
                count = worker_metrics["fivesoc_analysis_seconds_count"]
                assert [(s.labels, s.value) for s in count] == [({"worker": "w1"}, 1.0)]
                total = worker_metrics["fivesoc_analysis_seconds_sum"][0].value
                assert total >= 1.0

            # The server's: the queue's jobs by state, one succeeded (counted every 5 s).
            def succeeded() -> bool:
                jobs = {s.labels["state"]: s.value for s in samples(address)["fivesoc_jobs"]}
                return jobs.get("succeeded") == 1.0 and jobs.get("todo") == 0.0

            until(succeeded, 15)
    stages = [job["stage"] for job in seen]
    # Each change once, in order; it pauses a second while analysing, so that is seen.
    assert "analysing" in stages
    assert stages == [s for s in ("building", "analysing", "storing", "done") if s in stages]
    assert seen[-1] == {"state": "DONE", "stage": "done", "progress": 1.0}
    assert [job["progress"] for job in seen] == sorted(job["progress"] for job in seen)


async def test_without_a_worker_a_request_that_must_wait_is_told_its_job(demo_url: str) -> None:
    settings = Settings(secret_key=SECRET_KEY, analyses="jobs", analysis_wait_s=1)
    deqing = await fetchval(demo_url, "select id from region where name = '德清县'")
    assert isinstance(deqing, int)
    scope = {"region": gid("Region", deqing)}
    async with serve(settings.with_database_url(demo_url)) as http:
        query = {"query": "{ network { summary { nodes } } }"}
        body = (await http.post("/graphql", json=query)).json()
        # The explorer's drawing (an export) is told so too, as a typed refusal.
        exported = await http.get("/network/export", params={"region": scope["region"]})
        # The explorer follows the job with its own query, which waits for nothing.
        script = (Path(fivesoc.__file__).parent / "static/explore/explore.js").read_text()
        page_query = re.search(r"const JOB = `(.*?)`;", script, re.DOTALL)
        assert page_query is not None
        variables = {"scope": scope, "window": None}
        followed = (
            await http.post("/graphql", json={"query": page_query[1], "variables": variables})
        ).json()
    job = await fetchval(demo_url, "select min(id) from procrastinate_jobs")
    assert isinstance(job, int)
    assert body["data"] is None
    [error] = body["errors"]
    assert error["extensions"] == {"code": "ANALYSIS_PENDING", "jobId": job}
    assert error["message"].startswith(
        f"the analysis of this network is being computed (job {job})"
    )
    assert exported.status_code == 503
    [refusal] = exported.json()["errors"]
    assert refusal["extensions"] == {"code": "ANALYSIS_PENDING"}
    assert refusal["message"].startswith("the analysis of this network is being computed (job ")
    assert followed["data"] == {
        "network": {
            "job": {"jobId": job + 1, "state": "QUEUED", "stage": "queued", "progress": 0.0}
        }
    }


def test_a_worker_must_be_taken_for_dead_after_more_than_its_heartbeat() -> None:
    with pytest.raises(SettingsError, match="FIVESOC_WORKER_STALLED_S must exceed"):
        Settings.from_env({"FIVESOC_WORKER_HEARTBEAT_S": "10", "FIVESOC_WORKER_STALLED_S": "10"})
    with pytest.raises(SettingsError, match="FIVESOC_ANALYSES must be one of inline, jobs"):
        Settings.from_env({"FIVESOC_ANALYSES": "threads"})
    assert Settings.from_env({}).analyses == "inline"


@contextlib.asynccontextmanager
async def job_followed(
    url: str, monkeypatch: pytest.MonkeyPatch, reread_s: float
) -> AsyncIterator[tuple[asyncpg.Connection, str, int, asyncio.Queue[str], list[str]]]:
    """A request whose job runs (as a worker would leave it), followed in this process
    through a listener; yields a connection to move the job with, the request key, the job
    id, the stages the follower sent and a list with one entry per read of the job's row."""
    pool = await connect.create_pool(url, min_size=1, max_size=2)
    listener = EventListener(url)
    await listener.start()
    key = NetworkRequest().key
    conn = await asyncpg.connect(url)
    reads: list[str] = []

    async def counted(pool: asyncpg.Pool, key: str) -> network_jobs.NetworkJob | None:
        reads.append(key)
        return await job_of(pool, key)

    job_of = network_jobs.job_of
    monkeypatch.setattr(network_jobs, "job_of", counted)
    sent: asyncio.Queue[str] = asyncio.Queue()

    async def follow() -> None:
        async for job in network_jobs.follow_job(pool, key, listener.jobs, reread_s=reread_s):
            await sent.put(f"{job.state.value} {job.stage}")

    try:
        await analyses.remember(conn, key, NetworkRequest().as_json())
        job_id = await conn.fetchval(
            "insert into procrastinate_jobs (queue_name, task_name, lock, queueing_lock, args, "
            "status) values ('analyses', 'fivesoc.analyse_network', 'l', 'l', '{}', 'doing') "
            "returning id"
        )
        await analyses.set_progress(conn, key, job_id, "building", 0.1)
        # Its announcement heard before the follower starts, so that it wakes none.
        assert await listener.jobs.wait(key, 0, 10) == 1
        following = asyncio.create_task(follow())
        try:
            yield conn, key, job_id, sent, reads
            await asyncio.wait_for(following, 10)
        finally:
            following.cancel()
    finally:
        await conn.close()
        await listener.stop()
        await pool.close()


async def test_a_job_follower_reads_the_job_once_per_announced_change(
    migrated_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No safety re-read within the test: every read is one announcement's.
    async with job_followed(migrated_url, monkeypatch, reread_s=600) as followed:
        conn, key, job_id, sent, reads = followed
        assert await asyncio.wait_for(sent.get(), 10) == "RUNNING building"
        # A second's analysis: a follower polling the row would read it several times meanwhile.
        await asyncio.sleep(1)
        for stage, progress in [("analysing", 0.4), ("storing", 0.9), ("done", 1.0)]:
            await analyses.set_progress(conn, key, job_id, stage, progress)
            assert (
                await asyncio.wait_for(sent.get(), 10)
                == f"{'DONE' if stage == 'done' else 'RUNNING'} {stage}"
            )
    # One read at the start and one per change announced: three changes, four reads.
    assert len(reads) == 4


async def test_a_job_follower_reads_again_when_an_announcement_is_lost(
    migrated_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with job_followed(migrated_url, monkeypatch, reread_s=0.2) as followed:
        conn, key, job_id, sent, _ = followed
        assert await asyncio.wait_for(sent.get(), 10) == "RUNNING building"
        # Changed without an announcement: found by the re-read alone.
        await conn.execute(
            "update network_request set stage = 'storing' where request_key = $1", key
        )
        assert await asyncio.wait_for(sent.get(), 10) == "RUNNING storing"
        await analyses.set_failed(conn, key, job_id)
        assert await asyncio.wait_for(sent.get(), 10) == "FAILED failed"


async def run_cli(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    """`fivesoc` with `args`, which must succeed; its output and errors."""
    return await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "fivesoc", *args],
        env=env,
        capture_output=True,
        check=True,
    )


async def test_a_timeline_is_one_job_and_the_cli_exports_what_a_worker_stored(
    demo_url: str, tmp_path: Path
) -> None:
    deqing = await fetchval(demo_url, "select id from region where name = '德清县'")
    assert isinstance(deqing, int)
    query = (
        f'{{ network(scope: {{region: "{gid("Region", deqing)}"}}) {{ '
        'timeline(dates: ["2022-01-01", "2023-01-01", "2024-01-01"]) '
        "{ date summary { nodes links } change { nodes links } } } }"
    )
    analyst = token("analyst", [])  # may have windows computed

    async def timeline_of(settings: Settings) -> dict:
        async with serve(settings.with_database_url(demo_url)) as http:
            body = (await http.post("/graphql", json={"query": query}, headers=analyst)).json()
        assert "errors" not in body, body
        return dict(body["data"])

    # What the server computes itself, and exports.
    expected = await timeline_of(Settings(secret_key=SECRET_KEY))
    pool = await connect.create_pool(demo_url, min_size=1, max_size=2)
    try:
        wanted, fmt = await parse_export(pool, {"region": "德清县", "format": "json"})
        computed = (await export_network(NetworkCache(pool), wanted, fmt)).content
    finally:
        await pool.close()

    with worker(demo_url, tmp_path / "worker.log"):
        jobs = Settings(secret_key=SECRET_KEY, analyses="jobs")
        assert await timeline_of(jobs) == expected
        # One job for the network asked for, and one for the three dates of its timeline.
        assert await fetchval(demo_url, "select count(*) from procrastinate_jobs") == 2
        dated = "select count(*) from procrastinate_jobs where args -> 'request' ? 'dates'"
        assert await fetchval(demo_url, dated) == 1
        # Asked again: stored, nothing queued.
        assert await timeline_of(jobs) == expected
        assert await fetchval(demo_url, "select count(*) from procrastinate_jobs") == 2
        # With workers, the command line exports the analysis a worker stored.
        await fetchval(demo_url, "delete from network_analysis")
        export = ["network", "export", "--region", "德清县", "--format", "json", "-o", "-"]
        stored = await run_cli(export, env=env_of(demo_url))
    assert stored.stdout == computed
    job = await fetchval(demo_url, "select max(id) from procrastinate_jobs")
    message = (
        f"waiting up to 60 s for a worker (`fivesoc worker`) to analyse this network: job {job}"
    )
    assert message in stored.stderr.decode().splitlines()
    assert await fetchval(demo_url, "select count(*) from procrastinate_jobs") == 3


PAGED = """
summary { nodes links components nodesBySociety { society count } }
modularity
brokerage { total liaison }
byBetweenness: nodes(orderBy: BETWEENNESS, first: 4) {
  totalCount pageInfo { hasNextPage endCursor }
  nodes { id label society boundary articulationPoint degree strength betweenness pagerank
          cluster constraint effectiveSize brokerage { coordinator total } }
}
byConstraint: nodes(orderBy: CONSTRAINT, last: 3) { totalCount nodes { id constraint } }
communities: nodes(orderBy: DEGREE, society: COMMUNITY, first: 2) {
  totalCount nodes { id degree }
}
linkages(first: 3) {
  totalCount
  nodes { index missing single community { id }
          societies { society status score strength partners { id } via { id } } }
}
"""


async def test_a_network_over_the_servers_limit_is_served_by_pages_of_its_stored_rows(
    demo_url: str,
) -> None:
    """With a limit of 20 actors, the whole demo network (more) is analysed by the worker's
    code for large networks, stored one row per actor, and served by pages of those rows:
    the pages equal those of the same network analysed inline, cursors included."""
    small = Settings(secret_key=SECRET_KEY, analyses="jobs", max_network_actors=20)
    inline = Settings(secret_key=SECRET_KEY).with_database_url(demo_url)
    async with serve(inline) as http:
        body = (await http.post("/graphql", json={"query": f"{{ network {{ {PAGED} }} }}"})).json()
        assert "errors" not in body, body
        expected = body["data"]["network"]
        # The next page after the fourth actor, by its cursor.
        after = expected["byBetweenness"]["pageInfo"]["endCursor"]
        query = f'{{ network {{ nodes(orderBy: BETWEENNESS, first: 2, after: "{after}") {{ nodes {{ id }} }} }} }}'
        expected_next = (await http.post("/graphql", json={"query": query})).json()["data"]
    assert expected["summary"]["nodes"] > 20

    async with serve(small.with_database_url(demo_url)) as http:
        queued = (
            await http.post("/graphql", json={"query": "{ network { job { state } } }"})
        ).json()
        assert queued["data"]["network"]["job"] == {"state": "QUEUED"}
        pool = await connect.create_pool(demo_url, min_size=1, max_size=2)
        try:
            conn = await asyncpg.connect(demo_url)
            try:
                job = await conn.fetchval("select id from procrastinate_jobs")
                key, request = await conn.fetchrow(
                    "select request_key, request::text from network_request"
                )
            finally:
                await conn.close()
            assert await Analyser(pool, "w", small.with_database_url(demo_url)).run(
                job, key, json.loads(request)
            )
        finally:
            await pool.close()
        # Stored by rows: the arrays empty, one row per actor.
        assert await fetchval(
            demo_url, "select (whole, actors, cardinality(actor_ids)) from network_analysis"
        ) == (False, expected["summary"]["nodes"], 0)
        assert (
            await fetchval(demo_url, "select count(*) from network_analysis_actor")
            == expected["summary"]["nodes"]
        )

        body = (await http.post("/graphql", json={"query": f"{{ network {{ {PAGED} }} }}"})).json()
        assert "errors" not in body, body
        assert body["data"]["network"] == expected
        assert (await http.post("/graphql", json={"query": query})).json()["data"] == expected_next
        # What needs the whole network in memory is refused by name, not failed.
        body = (
            await http.post(
                "/graphql",
                json={"query": "{ network { bridges(first: 1) { totalCount } } }"},
            )
        ).json()
        # And so are its timeline and its export, before any job is queued for them.
        timeline = (
            await http.post(
                "/graphql",
                json={"query": '{ network { timeline(dates: ["2024-01-01"]) { date } } }'},
            )
        ).json()
        exported = await http.get("/network/export", params={"format": "json"})
    assert timeline["errors"][0]["extensions"]["code"] == "NETWORK_TOO_LARGE"
    assert await fetchval(demo_url, "select count(*) from procrastinate_jobs") == 1
    assert exported.status_code == 400
    assert "NETWORK_TOO_LARGE" in exported.text
    [error] = body["errors"]
    assert error["extensions"] == {
        "code": "NETWORK_TOO_LARGE",
        "actors": expected["summary"]["nodes"],
    }
    assert error["path"] == ["network", "bridges"]
