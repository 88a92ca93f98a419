"""Subscribers that ask the same, with the same rights, share one execution per event and
receive the same bytes; each still ends on its own (a revoked token), joins late without
missing anything, and sees only what its own rights allow."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient
from starlette.testclient import WebSocketTestSession as Socket

from fivesoc import auth
from fivesoc.app import create_app
from fivesoc.broadcast import Broadcasts
from fivesoc.db import connect, events, revocations
from fivesoc.schema.pagination import encode_cursor
from fivesoc.settings import Settings
from tests.conftest import SECRET_KEY, token

EVENTS = "subscription($after: String) { events(after: $after) { cursor event { type summary } } }"
CURSORS = "subscription($after: String) { events(after: $after) { cursor } }"
HEAD = "select xid::text, id from change_event order by xid desc, id desc limit 1"


async def _run(url: str, sql: str, *args: Any) -> Any:
    conn = await connect.connect(url)
    try:
        return await conn.fetch(sql, *args)
    finally:
        await conn.close()


def _head(url: str) -> str | None:
    """The cursor of the log's last event (None while the log is empty)."""
    rows = asyncio.run(_run(url, HEAD))
    return encode_cursor((rows[0]["xid"], rows[0]["id"])) if rows else None


def _append(url: str, *numbers: int, type_: str = "project.status_changed") -> None:
    async def write() -> None:
        conn = await connect.connect(url)
        try:
            for n in numbers:
                async with conn.transaction():
                    await events.append(conn, type_, "Project", 1, None, {"n": n})
        finally:
            await conn.close()

    asyncio.run(write())


@pytest.fixture
def http(demo_url: str) -> Iterator[TestClient]:
    settings = Settings(secret_key=SECRET_KEY, revocation_refresh_s=1).with_database_url(demo_url)
    with TestClient(create_app(settings)) as client:
        yield client


def _broadcasts(http: TestClient) -> Broadcasts:
    shared: Broadcasts = http.app.state.graphql.broadcasts  # type: ignore[attr-defined]
    return shared


def _subscribe(ws: Socket, query: str, after: str | None) -> None:
    ws.send_json({"type": "connection_init"})
    assert ws.receive_json()["type"] == "connection_ack"
    payload = {"query": query, "variables": {"after": after}}
    ws.send_json({"id": "1", "type": "subscribe", "payload": payload})


def _connect(http: TestClient, headers: dict[str, str] | None = None) -> Any:
    return http.websocket_connect(
        "/graphql", subprotocols=["graphql-transport-ws"], headers=headers or {}
    )


def test_subscribers_asking_the_same_share_one_execution_and_get_the_same_bytes(
    demo_url: str, http: TestClient
) -> None:
    after = _head(demo_url)
    with _connect(http) as a, _connect(http) as b, _connect(http) as c, _connect(http) as d:
        for ws in (a, b, c):
            _subscribe(ws, EVENTS, after)
        _subscribe(d, CURSORS, after)
        _append(demo_url, 1, 2)
        sockets = {"a": a, "b": b, "c": c, "d": d}
        texts = {name: [ws.receive_text() for _ in range(2)] for name, ws in sockets.items()}
        shared = _broadcasts(http)
        started, executions = shared.started, shared.executions
    assert texts["a"] == texts["b"] == texts["c"]
    summaries = [json.loads(t)["payload"]["data"]["events"]["event"]["summary"] for t in texts["a"]]
    assert summaries == [{"n": 1}, {"n": 2}]
    assert [json.loads(t)["payload"]["data"]["events"].keys() for t in texts["d"]] == [
        {"cursor"},
        {"cursor"},
    ]
    # Two documents: two broadcasts, and each event executed once for each, not once for each
    # of the four subscribers.
    assert (started, executions) == (2, 4)


def test_a_late_subscriber_receives_what_the_first_did_then_the_rest(
    demo_url: str, http: TestClient
) -> None:
    after = _head(demo_url)
    with _connect(http) as first:
        _subscribe(first, EVENTS, after)
        _append(demo_url, 1, 2)
        early = [first.receive_text() for _ in range(2)]
        with _connect(http) as late:
            _subscribe(late, EVENTS, after)
            replayed = [late.receive_text() for _ in range(2)]
            _append(demo_url, 3)
            both = [first.receive_text(), late.receive_text()]
        shared = _broadcasts(http)
        started, executions = shared.started, shared.executions
    assert replayed == early
    assert both[0] == both[1]
    assert json.loads(both[0])["payload"]["data"]["events"]["event"]["summary"] == {"n": 3}
    assert (started, executions) == (1, 3)


def test_revoking_one_subscribers_token_ends_that_subscriber_alone(
    demo_url: str, http: TestClient
) -> None:
    after = _head(demo_url)
    ann = {"authorization": f"Bearer {auth.issue_token(SECRET_KEY, 'ann', 'admin', [])}"}
    bob = {"authorization": f"Bearer {auth.issue_token(SECRET_KEY, 'bob', 'admin', [])}"}
    with _connect(http, ann) as a, _connect(http, bob) as b:
        _subscribe(a, EVENTS, after)
        _subscribe(b, EVENTS, after)

        async def revoke() -> None:
            conn = await connect.connect(demo_url)
            try:
                await revocations.revoke_subject(conn, "ann")
            finally:
                await conn.close()

        asyncio.run(revoke())
        ended = [a.receive_json(), a.receive_json()]
        _append(demo_url, 7)
        kept = b.receive_json()
        started = _broadcasts(http).started
    assert [m["type"] for m in ended] == ["next", "complete"]
    (error,) = ended[0]["payload"]["errors"]
    assert (error["message"], error["extensions"]) == (
        "the token of this subscription has been revoked",
        {"code": "UNAUTHENTICATED"},
    )
    assert kept["payload"]["data"]["events"]["event"]["summary"] == {"n": 7}
    assert started == 1


NEEDS = "subscription($after: String) { needChanges(after: $after) { type need { id } } }"
NEED_IN = """
select n.id, h.region_id, r.name from need n join household h on h.id = n.household_id
join region r on r.id = h.region_id where r.name = any($1::text[]) order by r.name, n.id
"""


def test_subscribers_in_different_regions_do_not_share_and_see_only_their_own(
    demo_url: str, http: TestClient
) -> None:
    rows = asyncio.run(_run(demo_url, NEED_IN, ["干河陈街道", "龙城镇"]))
    first = {row["name"]: (row["id"], row["region_id"]) for row in reversed(rows)}
    (gan_need, gan_region), (wu_need, wu_region) = first["干河陈街道"], first["龙城镇"]
    after = _head(demo_url)
    with (
        _connect(http, token("caseworker", [gan_region], "gan")) as gan,
        _connect(http, token("caseworker", [wu_region], "wu")) as wu,
    ):
        _subscribe(gan, NEEDS, after)
        _subscribe(wu, NEEDS, after)

        async def close_needs() -> None:
            conn = await connect.connect(demo_url)
            try:
                for need, region in ((gan_need, gan_region), (wu_need, wu_region)):
                    async with conn.transaction():
                        await events.append(conn, "need.closed", "Need", need, region, {})
            finally:
                await conn.close()

        asyncio.run(close_needs())
        seen = {
            name: ws.receive_json()["payload"]["data"]["needChanges"]["need"]["id"]
            for name, ws in (("gan", gan), ("wu", wu))
        }
        started = _broadcasts(http).started
    assert started == 2
    assert seen == {
        "gan": _gid("Need", gan_need),
        "wu": _gid("Need", wu_need),
    }


def _gid(type_name: str, key: int) -> str:
    from base64 import b64encode

    return b64encode(f"{type_name}:{key}".encode()).decode()
