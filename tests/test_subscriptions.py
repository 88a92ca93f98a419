"""Subscriptions over graphql-transport-ws: replay from a cursor, then live; a dropped LISTEN
connection loses nothing."""

from __future__ import annotations

import asyncio
import base64
from typing import Any

from starlette.testclient import TestClient
from starlette.testclient import WebSocketTestSession as WebSocket

from fivesoc.app import create_app
from fivesoc.db import connect, events
from fivesoc.settings import Settings
from tests.conftest import SECRET_KEY, token

SUBSCRIBE = "subscription($after: String) { events(after: $after) { cursor event { summary } } }"


async def _append(url: str, *numbers: int) -> None:
    conn = await connect.connect(url)
    try:
        for n in numbers:
            async with conn.transaction():
                await events.append(conn, "project.status_changed", "Project", n, None, {"n": n})
    finally:
        await conn.close()


async def _terminate(url: str, pid: int) -> None:
    conn = await connect.connect(url)
    try:
        await conn.execute("select pg_terminate_backend($1)", pid)
    finally:
        await conn.close()


def _subscribe(ws: WebSocket, after: str | None = None) -> None:
    ws.send_json({"type": "connection_init"})
    assert ws.receive_json()["type"] == "connection_ack"
    ws.send_json(
        {
            "id": "1",
            "type": "subscribe",
            "payload": {"query": SUBSCRIBE, "variables": {"after": after}},
        }
    )


def _receive(ws: WebSocket, count: int) -> list[dict[str, Any]]:
    deliveries = []
    for _ in range(count):
        message = ws.receive_json()
        assert message["type"] == "next", message
        deliveries.append(message["payload"]["data"]["events"])
    return deliveries


def _numbers(deliveries: list[dict[str, Any]]) -> list[int]:
    return [d["event"]["summary"]["n"] for d in deliveries]


def test_replay_then_live_then_resume_after_a_disconnect(migrated_url: str) -> None:
    app = create_app(Settings(secret_key=SECRET_KEY).with_database_url(migrated_url))
    with TestClient(app) as http:
        asyncio.run(_append(migrated_url, 1, 2))
        with http.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"]) as ws:
            _subscribe(ws)
            assert _numbers(_receive(ws, 2)) == [1, 2]  # replayed
            asyncio.run(_append(migrated_url, 3))
            [live] = _receive(ws, 1)
            assert _numbers([live]) == [3]
        asyncio.run(_append(migrated_url, 4, 5))  # missed while disconnected
        with http.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"]) as ws:
            _subscribe(ws, after=live["cursor"])
            assert _numbers(_receive(ws, 2)) == [4, 5]
            asyncio.run(_append(migrated_url, 6))
            assert _numbers(_receive(ws, 1)) == [6]


def test_a_dropped_listen_connection_loses_no_event(migrated_url: str) -> None:
    app = create_app(Settings(secret_key=SECRET_KEY).with_database_url(migrated_url))
    with TestClient(app) as http:
        listener = app.state.listener
        with http.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"]) as ws:
            _subscribe(ws)
            asyncio.run(_append(migrated_url, 1))
            assert _numbers(_receive(ws, 1)) == [1]
            pid = listener.connection_pid
            asyncio.run(_terminate(migrated_url, pid))
            asyncio.run(_append(migrated_url, 2, 3))  # committed while the listener is down
            assert _numbers(_receive(ws, 2)) == [2, 3]
            assert listener.reconnects >= 1
            assert listener.connection_pid != pid


PROJECT_UPDATES = """
subscription($project: ID, $community: ID) {
  projectUpdates(project: $project, community: $community) { cursor update { title project { name } } }
}
"""

POST = (
    "mutation($i: PostProjectUpdateInput!) { postProjectUpdate(input: $i) { userErrors { code } } }"
)


def _gid(type_name: str, key: int) -> str:
    return base64.b64encode(f"{type_name}:{key}".encode()).decode()


async def _ids(url: str) -> dict[str, int]:
    conn = await connect.connect(url)
    try:
        rows = await conn.fetch(
            "select name, id from project union all select name, id from community "
            "where name = '干丰社区'"
        )
        return {row["name"]: row["id"] for row in rows}
    finally:
        await conn.close()


def test_project_updates_of_one_project_or_of_a_community(demo_url: str) -> None:
    ids = asyncio.run(_ids(demo_url))
    weining = "2023年推进“五社联动·关爱一小一老”社工系列活动"
    app = create_app(Settings(secret_key=SECRET_KEY).with_database_url(demo_url))
    with TestClient(app) as http:
        admin = token("admin", [])

        def post(project: str, title: str) -> None:
            body = http.post(
                "/graphql",
                headers=admin,
                json={
                    "query": POST,
                    "variables": {
                        "i": {"projectId": _gid("Project", ids[project]), "title": title}
                    },
                },
            ).json()
            assert body["data"]["postProjectUpdate"]["userErrors"] == []

        with http.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"]) as one, \
                http.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"]) as served:  # fmt: skip
            for ws, variables in (
                (one, {"project": _gid("Project", ids["幸福管家"])}),
                (served, {"community": _gid("Community", ids["干丰社区"])}),
            ):
                ws.send_json({"type": "connection_init"})
                assert ws.receive_json()["type"] == "connection_ack"
                ws.send_json({"id": "1", "type": "subscribe",
                              "payload": {"query": PROJECT_UPDATES, "variables": variables}})  # fmt: skip
            post(weining, "威宁")  # serves no Deqing community: neither subscriber gets it
            post("居家颐养", "居家")  # serves 干丰社区
            post("幸福管家", "幸福")  # both
            assert [
                m["payload"]["data"]["projectUpdates"]["update"]["title"]
                for m in (one.receive_json(),)
            ] == ["幸福"]
            titles = [
                served.receive_json()["payload"]["data"]["projectUpdates"]["update"]["title"]
                for _ in range(2)
            ]
            assert titles == ["居家", "幸福"]
