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
from collections.abc import Callable, Iterator

import asyncpg
import httpx
import pytest
import websockets
from prometheus_client.parser import text_string_to_metric_families
from prometheus_client.samples import Sample

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


@pytest.fixture(scope="module")
def workers(module_demo_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`fivesoc serve --workers 2`, reading the revocations every second: its address."""
    log = tmp_path_factory.mktemp("workers") / "serve.log"
    with served.running(
        module_demo_url, log, SECRET_KEY, ("--workers", "2"), FIVESOC_REVOCATION_REFRESH_S="1"
    ) as address:
        yield address


def metrics_of(address: str) -> dict[str, list[Sample]]:
    """The samples of `/metrics`, by name."""
    page = httpx.get(f"http://{address}/metrics").text
    found: dict[str, list[Sample]] = {}
    for family in text_string_to_metric_families(page):
        for sample in family.samples:
            found.setdefault(sample.name, []).append(sample)
    return found


def live_processes(address: str) -> dict[int, float]:
    """The server processes `/metrics` knows alive, with the requests each has served."""
    samples = metrics_of(address)["fivesoc_process_requests"]
    return {int(sample.labels["pid"]): sample.value for sample in samples}


def counted(address: str, operation: str) -> float:
    """How many operations of this name `/metrics` has counted, by every process."""
    samples = metrics_of(address).get("fivesoc_graphql_operations_total", [])
    return sum(s.value for s in samples if s.labels["operation"] == operation)


def until_both_answer(address: str, request: Callable[[], httpx.Response]) -> int:
    """Send `request` (each on a new connection, which either process may accept) until
    both processes have answered something; how many were sent (200 at most)."""
    for sent in range(1, 201):
        assert request().status_code == 200
        if len([count for count in live_processes(address).values() if count > 0]) == 2:
            return sent
    raise AssertionError("one process answered all 200 requests")


def test_serve_with_two_workers_answers_from_both_and_counts_them_together(
    workers: str,
) -> None:
    named = {"query": "query Counted { communities(first: 1) { totalCount } }"}
    sent = until_both_answer(workers, lambda: httpx.post(f"http://{workers}/graphql", json=named))
    # Every operation is counted once, whichever process served it.
    assert counted(workers, "Counted") == sent
    found = metrics_of(workers)
    pool = {s.labels["state"]: s.value for s in found["fivesoc_pool_connections"]}
    assert pool["max"] == 20  # two processes of 10


async def test_with_two_workers_a_write_reaches_a_subscriber_whichever_process_serves_it(
    workers: str, module_demo_url: str
) -> None:
    conn = await asyncpg.connect(module_demo_url)
    try:
        project = await conn.fetchval("select id from project where name = '居家颐养'")
    finally:
        await conn.close()
    project_gid = base64.b64encode(f"Project:{project}".encode()).decode()
    write = {
        "query": "mutation($i: PostProjectUpdateInput!) { postProjectUpdate(input: $i)"
        " { userErrors { code } } }",
        "variables": {"i": {"projectId": project_gid, "title": "两个进程"}},
    }
    # Three subscribers, each on its own connection, so that both processes likely hold one;
    # each gets the write, made on yet another connection.
    async with contextlib.AsyncExitStack() as stack:
        sockets = []
        for _ in range(3):
            ws = await stack.enter_async_context(websockets.connect(
                f"ws://{workers}/graphql",
                subprotocols=[websockets.Subprotocol("graphql-transport-ws")],
            ))  # fmt: skip
            await ws.send(json.dumps({"type": "connection_init"}))
            assert json.loads(await ws.recv())["type"] == "connection_ack"
            await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {
                "query": "subscription { events { event { type summary } } }"}}))  # fmt: skip
            sockets.append(ws)
        async with httpx.AsyncClient(base_url=f"http://{workers}") as http:
            response = await http.post("/graphql", headers=token("admin", []), json=write)
            assert response.json()["data"]["postProjectUpdate"]["userErrors"] == []
        for ws in sockets:
            message = json.loads(await asyncio.wait_for(ws.recv(), timeout=20))
            assert message["payload"]["data"]["events"]["event"] == {
                "type": "project_update.posted",
                "summary": {"projectId": project, "title": "两个进程"},
            }


def test_with_two_workers_a_revoked_token_is_refused_by_every_process(
    workers: str, module_demo_url: str
) -> None:
    headers = token("admin", [], subject="erin")
    query = {"query": "{ communities(first: 1) { totalCount } }"}
    until_both_answer(
        workers, lambda: httpx.post(f"http://{workers}/graphql", json=query, headers=headers)
    )
    revoked = subprocess.run(
        [sys.executable, "-m", "fivesoc", "revoke", "--subject", "erin"],
        env={**os.environ, "DATABASE_URL": module_demo_url, "FIVESOC_SECRET_KEY": SECRET_KEY},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert revoked.returncode == 0, revoked.stderr
    time.sleep(2.5)  # each process reads the revocations every second
    # Twenty requests on new connections: whichever process takes each, it refuses.
    statuses = {
        httpx.post(f"http://{workers}/graphql", json=query, headers=headers).status_code
        for _ in range(20)
    }
    assert statuses == {401}


def test_a_worker_killed_is_replaced_and_what_it_counted_stays_counted(workers: str) -> None:
    named = {"query": "query BeforeTheKill { communities(first: 1) { totalCount } }"}
    for _ in range(3):
        assert httpx.post(f"http://{workers}/graphql", json=named).status_code == 200
    before = live_processes(workers)
    assert len(before) == 2
    killed = min(before)
    os.kill(killed, signal.SIGKILL)
    deadline = time.monotonic() + 60
    after = before
    while time.monotonic() < deadline:
        time.sleep(0.2)
        after = live_processes(workers)
        if len(after) == 2 and killed not in after:
            break
    assert len(after) == 2, after
    assert killed not in after
    # The killed process's counts are still there, added to the others'.
    assert counted(workers, "BeforeTheKill") == 3
