"""Two server processes on one database: a subscriber on one sees a write made through the other."""

from __future__ import annotations

import asyncio
import base64
import json
import os
from collections.abc import Iterator

import asyncpg
import httpx
import pytest
import websockets

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
