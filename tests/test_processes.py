"""Several server processes on one database: two `fivesoc serve`, or one with two workers; a
subscriber on one sees a write made through another, and `/metrics` counts them together."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import asyncpg
import httpx
import pytest
import websockets
from prometheus_client.parser import text_string_to_metric_families

from tests import served
from tests.conftest import SECRET_KEY, token


@pytest.fixture
def two_servers(demo_url: str) -> Iterator[tuple[str, str]]:
    ports = [served.free_port(), served.free_port()]
    env = {**os.environ, "DATABASE_URL": demo_url, "FIVESOC_SECRET_KEY": SECRET_KEY,
           "FIVESOC_LOG_LEVEL": "warning"}  # fmt: skip
    processes = [served.start(env, port) for port in ports]
    try:
        for port in ports:
            served.wait_until_healthy(port)
        yield f"127.0.0.1:{ports[0]}", f"127.0.0.1:{ports[1]}"
    finally:
        for process in processes:
            served.stop(process)


async def test_a_write_through_one_process_reaches_a_subscriber_of_the_other(
    two_servers: tuple[str, str], demo_conn: asyncpg.Connection
) -> None:
    first, second = two_servers
    project = await demo_conn.fetchval("select id from project where name = '居家颐养'")
    project_gid = base64.b64encode(f"Project:{project}".encode()).decode()
    async with websockets.connect(
        f"ws://{first}/graphql", subprotocols=[websockets.Subprotocol("graphql-transport-ws")]
    ) as ws:
        await ws.send(json.dumps({"type": "connection_init"}))
        assert json.loads(await ws.recv())["type"] == "connection_ack"
        await ws.send(json.dumps({
            "id": "1", "type": "subscribe",
            "payload": {"query": "subscription { events { event { type summary } } }"},
        }))  # fmt: skip
        async with httpx.AsyncClient(base_url=f"http://{second}") as http:
            response = await http.post(
                "/graphql",
                headers=token("admin", []),
                json={
                    "query": "mutation($i: PostProjectUpdateInput!) { postProjectUpdate(input: $i)"
                    " { userErrors { code } } }",
                    "variables": {"i": {"projectId": project_gid, "title": "跨进程"}},
                },
            )
            assert response.json()["data"]["postProjectUpdate"]["userErrors"] == []
        message = json.loads(await asyncio.wait_for(ws.recv(), timeout=20))
    assert message["type"] == "next"
    assert message["payload"]["data"]["events"]["event"] == {
        "type": "project_update.posted",
        "summary": {"projectId": project, "title": "跨进程"},
    }


def test_serve_with_two_workers_answers_from_both_and_counts_them_together(
    demo_url: str, tmp_path: Path
) -> None:
    named = {"query": "query Counted { communities(first: 1) { totalCount } }"}
    with served.running(
        demo_url, tmp_path / "serve.log", SECRET_KEY, ("--workers", "2")
    ) as address:
        pids: dict[str, float] = {}
        sent = 0
        # Each request on a new connection, which either process may accept; until both have
        # answered (a handful of requests; 200 at most).
        while len(pids) < 2 and sent < 200:
            assert httpx.post(f"http://{address}/graphql", json=named).status_code == 200
            sent += 1
            page = httpx.get(f"http://{address}/metrics").text
            pids = {
                sample.labels["pid"]: sample.value
                for family in text_string_to_metric_families(page)
                for sample in family.samples
                if sample.name == "fivesoc_process_requests" and sample.value > 0
            }
        families = {family.name: family for family in text_string_to_metric_families(page)}
    assert len(pids) == 2, f"one process answered all {sent} requests"
    # Every request is counted once, whichever process served it (the last scrape counts
    # itself only once answered).
    requests = families["fivesoc_http_requests"].samples
    assert sum(pids.values()) == sum(s.value for s in requests if s.name.endswith("_total"))
    operations = {
        sample.labels["operation"]: sample.value
        for sample in families["fivesoc_graphql_operations"].samples
        if sample.name == "fivesoc_graphql_operations_total"
    }
    assert operations == {"Counted": sent}
    pool = {s.labels["state"]: s.value for s in families["fivesoc_pool_connections"].samples}
    assert pool["max"] == 20  # two processes of 10


def live_processes(address: str) -> dict[int, float]:
    """The server processes `/metrics` knows alive, with the requests each has served."""
    page = httpx.get(f"http://{address}/metrics").text
    return {
        int(sample.labels["pid"]): sample.value
        for family in text_string_to_metric_families(page)
        for sample in family.samples
        if sample.name == "fivesoc_process_requests"
    }


def test_a_worker_killed_is_replaced_and_what_it_counted_stays_counted(
    demo_url: str, tmp_path: Path
) -> None:
    named = {"query": "query Counted { communities(first: 1) { totalCount } }"}
    with served.running(
        demo_url, tmp_path / "serve.log", SECRET_KEY, ("--workers", "2")
    ) as address:
        for _ in range(3):
            assert httpx.post(f"http://{address}/graphql", json=named).status_code == 200
        before = live_processes(address)
        assert len(before) == 2
        killed = min(before)
        os.kill(killed, signal.SIGKILL)
        deadline = time.monotonic() + 60
        after = before
        while time.monotonic() < deadline:
            time.sleep(0.2)
            after = live_processes(address)
            if len(after) == 2 and killed not in after:
                break
        assert len(after) == 2, after
        assert killed not in after
        # The killed process's counts are still there, added to the others'.
        page = httpx.get(f"http://{address}/metrics").text
    counted = [
        sample.value
        for family in text_string_to_metric_families(page)
        for sample in family.samples
        if sample.name == "fivesoc_graphql_operations_total"
        and sample.labels["operation"] == "Counted"
    ]
    assert counted == [3]


async def test_with_two_workers_a_write_reaches_a_subscriber_whichever_process_serves_it(
    demo_url: str, demo_conn: asyncpg.Connection, tmp_path: Path
) -> None:
    project = await demo_conn.fetchval("select id from project where name = '居家颐养'")
    project_gid = base64.b64encode(f"Project:{project}".encode()).decode()
    write = {
        "query": "mutation($i: PostProjectUpdateInput!) { postProjectUpdate(input: $i)"
        " { userErrors { code } } }",
        "variables": {"i": {"projectId": project_gid, "title": "两个进程"}},
    }
    with served.running(
        demo_url, tmp_path / "serve.log", SECRET_KEY, ("--workers", "2")
    ) as address:
        # Three subscribers, each on its own connection, so that both processes likely hold
        # one; each gets the write, made on yet another connection.
        async with contextlib.AsyncExitStack() as stack:
            sockets = []
            for _ in range(3):
                ws = await stack.enter_async_context(websockets.connect(
                    f"ws://{address}/graphql",
                    subprotocols=[websockets.Subprotocol("graphql-transport-ws")],
                ))  # fmt: skip
                await ws.send(json.dumps({"type": "connection_init"}))
                assert json.loads(await ws.recv())["type"] == "connection_ack"
                await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {
                    "query": "subscription { events { event { type summary } } }"}}))  # fmt: skip
                sockets.append(ws)
            async with httpx.AsyncClient(base_url=f"http://{address}") as http:
                response = await http.post("/graphql", headers=token("admin", []), json=write)
                assert response.json()["data"]["postProjectUpdate"]["userErrors"] == []
            for ws in sockets:
                message = json.loads(await asyncio.wait_for(ws.recv(), timeout=20))
                assert message["payload"]["data"]["events"]["event"] == {
                    "type": "project_update.posted",
                    "summary": {"projectId": project, "title": "两个进程"},
                }


def test_with_two_workers_a_revoked_token_is_refused_by_every_process(
    demo_url: str, tmp_path: Path
) -> None:
    headers = token("admin", [], subject="erin")
    query = {"query": "{ communities(first: 1) { totalCount } }"}
    with served.running(
        demo_url, tmp_path / "serve.log", SECRET_KEY, ("--workers", "2"),
        FIVESOC_REVOCATION_REFRESH_S="1",
    ) as address:  # fmt: skip
        served_by: set[int] = set()
        for _ in range(200):  # on new connections, until both processes have accepted it
            answer = httpx.post(f"http://{address}/graphql", json=query, headers=headers)
            assert answer.status_code == 200
            served_by = {pid for pid, count in live_processes(address).items() if count > 0}
            if len(served_by) == 2:
                break
        assert len(served_by) == 2
        revoked = subprocess.run(
            [sys.executable, "-m", "fivesoc", "revoke", "--subject", "erin"],
            env={**os.environ, "DATABASE_URL": demo_url, "FIVESOC_SECRET_KEY": SECRET_KEY},
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert revoked.returncode == 0, revoked.stderr
        time.sleep(2.5)  # each process reads the revocations every second
        # Twenty requests on new connections: whichever process takes each, it refuses.
        statuses = {
            httpx.post(f"http://{address}/graphql", json=query, headers=headers).status_code
            for _ in range(20)
        }
    assert statuses == {401}
