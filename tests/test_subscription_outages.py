"""A subscription that loses the database ends with UNAVAILABLE and the cursor of the last
event it sent, and resuming after that cursor brings exactly the rest, over both WebSocket
subprotocols; meanwhile writes answer 503, and the server logs no traceback.

The server runs as `fivesoc serve` on the test's own clone of the demo data. The outage is
that database refusing connections (`allow_connections false`) and its server processes
terminated, all but the test's own writer's. A subscription notices at its next read of the
log; were the LISTEN connection back before that, the subscription would ride the outage out,
which is right too but not what is tested here, so the outage lasts until the subscription
has ended. The end comes as the protocol's data message (`next` or `data`) carrying the error,
then `complete`; the socket stays open, and the test resubscribes on it. The subscriber holds
an admin token, so that it is sent every event of the log and what it gets can be compared
with the `change_event` table.
"""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import asyncpg
import httpx
import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.typing import Subprotocol

from fivesoc.db import connect as db_connect
from fivesoc.db import events
from fivesoc.schema.pagination import encode_cursor
from tests import served
from tests.conftest import SECRET_KEY, Clones, token

PROTOCOLS = ["graphql-transport-ws", "graphql-ws"]
SUBSCRIBE = "subscription($after: String) { events(after: $after) { cursor event { id type } } }"
POST = (
    "mutation($i: PostProjectUpdateInput!) { postProjectUpdate(input: $i) { userErrors { code } } }"
)
ADMIN = token("admin", [])
# The log in position order, as a subscriber with every right is sent it.
LOG = "select id, type, xid::text as xid from change_event order by xid, id"
# Bounds on every wait: the server notices the outage at its next read of the log, which a
# subscription makes at least every 5 s (`fivesoc.db.listener.IDLE_WAKE_S`).
WAIT_S = 15.0


@pytest.fixture
def server(demo_url: str, tmp_path: Path) -> Iterator[str]:
    """`fivesoc serve` on the test's copy of the demo data; on leaving, its log must hold no
    traceback."""
    with served.running(demo_url, tmp_path / "serve.log", SECRET_KEY) as address:
        yield address


class Outage:
    """Makes the test's own database unreachable for everyone but `spared`, then reachable."""

    def __init__(self, clones: Clones, url: str) -> None:
        self.server = clones.server
        self.name = urlsplit(url).path.lstrip("/")
        assert self.name.startswith("fivesoc_t_")  # a throwaway clone of this test

    async def begin(self, spared: int) -> list[int]:
        """Refuse new connections, end every existing one but `spared`; the pids ended."""
        admin = await db_connect.connect(self.server)
        try:
            await admin.execute(f'alter database "{self.name}" with allow_connections false')
            pids: list[int] = [
                row["pid"]
                for row in await admin.fetch(
                    "select pid from pg_stat_activity where datname = $1 and pid <> $2",
                    self.name,
                    spared,
                )
            ]
            for pid in pids:
                # By its value, and only while it is still a process of this database.
                await admin.execute(
                    "select pg_terminate_backend(pid) from pg_stat_activity "
                    "where pid = $1 and datname = $2",
                    pid,
                    self.name,
                )
        finally:
            await admin.close()
        return pids

    async def end(self) -> None:
        admin = await db_connect.connect(self.server)
        try:
            await admin.execute(f'alter database "{self.name}" with allow_connections true')
        finally:
            await admin.close()


async def _subscribe(
    ws: ClientConnection, protocol: str, operation: str, after: str | None
) -> None:
    start = "subscribe" if protocol == "graphql-transport-ws" else "start"
    payload = {"query": SUBSCRIBE, "variables": {"after": after}}
    await ws.send(json.dumps({"id": operation, "type": start, "payload": payload}))


async def _message(ws: ClientConnection) -> dict[str, Any]:
    message: dict[str, Any] = json.loads(await asyncio.wait_for(ws.recv(), timeout=WAIT_S))
    return message


async def _deliveries(
    ws: ClientConnection, protocol: str, operation: str, count: int
) -> list[dict[str, Any]]:
    """The next `count` events sent for `operation`, each `{cursor, event: {id, type}}`."""
    data = "next" if protocol == "graphql-transport-ws" else "data"
    deliveries = []
    for _ in range(count):
        message = await _message(ws)
        assert (message["type"], message["id"]) == (data, operation), message
        assert "errors" not in message["payload"], message
        deliveries.append(message["payload"]["data"]["events"])
    return deliveries


def _id(delivery: dict[str, Any]) -> tuple[int, str]:
    """The event's row id and type."""
    type_name, _, key = base64.b64decode(delivery["event"]["id"]).decode().partition(":")
    assert type_name == "ChangeEvent"
    return int(key), delivery["event"]["type"]


def _gid(project: int) -> str:
    return base64.b64encode(f"Project:{project}".encode()).decode()


async def _post(http: httpx.AsyncClient, project: int, title: str) -> None:
    """Post an update on the project as admin (a `project_update.posted` event)."""
    response = await http.post(
        "/graphql",
        headers=ADMIN,
        json={"query": POST, "variables": {"i": {"projectId": _gid(project), "title": title}}},
    )
    assert response.status_code == 200, response.text
    assert response.json()["data"] == {"postProjectUpdate": {"userErrors": []}}


@pytest.fixture
async def writer(demo_url: str) -> AsyncIterator[asyncpg.Connection]:
    """The test's own connection to its database, which the outage spares."""
    conn = await db_connect.connect(demo_url)
    yield conn
    await conn.close()


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_a_subscription_ends_with_its_cursor_in_an_outage_and_resumes_after_it(
    server: str,
    protocol: str,
    clones: Clones,
    demo_url: str,
    writer: asyncpg.Connection,
) -> None:
    project = await writer.fetchval("select min(id) from project")
    outage = Outage(clones, demo_url)
    data = "next" if protocol == "graphql-transport-ws" else "data"
    async with (
        httpx.AsyncClient(base_url=f"http://{server}", timeout=WAIT_S) as http,
        connect(f"ws://{server}/graphql", subprotocols=[Subprotocol(protocol)],
                additional_headers=ADMIN) as ws,
    ):  # fmt: skip
        await _post(http, project, "一")
        await _post(http, project, "二")
        await ws.send(json.dumps({"type": "connection_init"}))
        assert await _message(ws) == {"type": "connection_ack"}
        await _subscribe(ws, protocol, "1", None)
        replayed = await _deliveries(ws, protocol, "1", 2)
        await _post(http, project, "三")
        [live] = await _deliveries(ws, protocol, "1", 1)
        received = [*replayed, live]
        rows = await writer.fetch(LOG)
        assert [_id(d) for d in received] == [(r["id"], r["type"]) for r in rows]
        assert [d["cursor"] for d in received] == [encode_cursor((r["xid"], r["id"])) for r in rows]
        cursor = live["cursor"]

        ended = await outage.begin(spared=writer.get_server_pid())
        try:
            assert ended  # the server's pooled and LISTEN connections, at least
            # The subscription ends with the cursor of the last event it sent, in the
            # protocol's data message, then `complete`; the socket stays open.
            assert await _message(ws) == {
                "id": "1",
                "type": data,
                "payload": {
                    "data": None,
                    "errors": [
                        {
                            "message": "the database cannot be reached just now; retry in a few "
                            f'seconds: resubscribe with after: "{cursor}" to receive the rest',
                            "extensions": {"code": "UNAVAILABLE", "cursor": cursor},
                        }
                    ],
                },
            }
            assert await _message(ws) == {"id": "1", "type": "complete"}
            # A write through the server is refused for now, in the same words.
            refused = await http.post(
                "/graphql",
                headers={**ADMIN, "accept": "application/graphql-response+json"},
                json={"query": POST, "variables": {"i": {"projectId": _gid(project),
                                                         "title": "不"}}},
            )  # fmt: skip
            assert refused.status_code == 503
            # Charging its cost is the write's first use of the database: it fails there,
            # before the mutation runs, so the error names no field.
            assert refused.json()["errors"] == [
                {
                    "message": "the database cannot be reached just now; retry in a few seconds",
                    "extensions": {"code": "UNAVAILABLE"},
                }
            ]
            # Another writer, which the server cannot see meanwhile, adds to the log.
            async with writer.transaction():
                await events.append(writer, "project.status_changed", "Project", project,
                                    None, {"during": "outage"})  # fmt: skip
        finally:
            await outage.end()

        # Back: a write through the server, then the same socket resumes after the cursor
        # and gets exactly what was committed after it.
        await _post(http, project, "四")
        await _subscribe(ws, protocol, "2", cursor)
        after = (await writer.fetch(LOG))[len(received) :]
        assert [r["type"] for r in after] == ["project.status_changed", "project_update.posted"]
        resumed = await _deliveries(ws, protocol, "2", len(after))
        assert [_id(d) for d in resumed] == [(r["id"], r["type"]) for r in after]
        # Then live again; from the first event on, none was skipped and none sent twice.
        await _post(http, project, "五")
        [latest] = await _deliveries(ws, protocol, "2", 1)
        log = [(r["id"], r["type"]) for r in await writer.fetch(LOG)]
        assert [_id(d) for d in [*received, *resumed, latest]] == log
        assert log[-1][1] == "project_update.posted"
