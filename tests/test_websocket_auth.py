"""WebSocket subscriptions authenticate like HTTP requests, over both subprotocols.

The bearer token travels in the `Authorization` header of the WebSocket handshake, or, for
browsers that cannot set one, as `authorization` in the `connection_init` payload. Both
graphql-transport-ws and the legacy graphql-ws are served by the same view and get their
context from the same `get_context`, so a token is checked the same way on either: a token
this server did not sign, or a header that is not `Bearer <token>`, closes the connection with
code 4401 and the reason; no token makes the viewer anonymous, which `needChanges` refuses
with a FORBIDDEN error. The server runs as `fivesoc serve`, and its log must hold no traceback.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosedError
from websockets.typing import Subprotocol

from fivesoc.auth import issue_token
from fivesoc.db import events
from tests import served
from tests.conftest import SECRET_KEY, token

NEED_CHANGES = "subscription { needChanges { type need { kind status } } }"
FORGED = {
    "authorization": f"Bearer {issue_token('another-key-of-32-bytes-or-more!!', 'intruder', 'admin', [])}"
}
MALFORMED = {"authorization": "Basic dXNlcjpwYXNz"}
PROTOCOLS = ["graphql-transport-ws", "graphql-ws"]


@pytest.fixture
def server(demo_url: str, tmp_path: Path) -> Iterator[str]:
    """`fivesoc serve` on the demo data, signing tokens with the tests' key; on leaving, its
    log must hold no traceback."""
    with served.running(demo_url, tmp_path / "serve.log", SECRET_KEY) as address:
        yield address
        assert httpx.get(f"http://{address}/healthz", timeout=5).status_code == 200


async def _start(
    address: str, protocol: str, headers: dict[str, str], init: dict[str, str] | None = None
) -> ClientConnection:
    """Connect, initialise the connection (with `init` as its payload) and start a
    `needChanges` subscription."""
    ws = await connect(
        f"ws://{address}/graphql",
        subprotocols=[Subprotocol(protocol)],
        additional_headers=headers,
    )
    hello: dict[str, Any] = {"type": "connection_init"}
    if init is not None:
        hello["payload"] = init
    await ws.send(json.dumps(hello))
    start = "subscribe" if protocol == "graphql-transport-ws" else "start"
    await ws.send(json.dumps({"id": "1", "type": start, "payload": {"query": NEED_CHANGES}}))
    return ws


async def _closing(
    address: str, protocol: str, headers: dict[str, str], init: dict[str, str] | None = None
) -> tuple[int, str] | None:
    """The code and reason of the close frame the server answers a subscription with."""
    try:  # the close may come while the client still sends, or when it waits for an answer
        ws = await _start(address, protocol, headers, init)
        message = await asyncio.wait_for(ws.recv(), timeout=20)
    except ConnectionClosedError as closed:
        frame = closed.rcvd  # None: dropped without a close frame
        return None if frame is None else (frame.code, frame.reason)
    raise AssertionError(f"the server answered {message!r} instead of closing")


async def _messages(ws: ClientConnection, count: int) -> list[dict[str, Any]]:
    return [json.loads(await asyncio.wait_for(ws.recv(), timeout=20)) for _ in range(count)]


@pytest.mark.parametrize("protocol", PROTOCOLS)
@pytest.mark.parametrize(
    ("headers", "reason"),
    [
        (FORGED, "the bearer token is not one this server signed"),
        (MALFORMED, "the Authorization header must be `Bearer <token>`"),
        ({"authorization": "Bearer "}, "the Authorization header must be `Bearer <token>`"),
    ],
    ids=["forged", "not-bearer", "empty"],
)
async def test_a_bad_token_closes_the_connection_with_the_reason(
    server: str, protocol: str, headers: dict[str, str], reason: str
) -> None:
    assert await _closing(server, protocol, headers) == (4401, reason)


@pytest.mark.parametrize("protocol", PROTOCOLS)
async def test_need_changes_without_a_token_are_refused(server: str, protocol: str) -> None:
    ws = await _start(server, protocol, {})
    ack, refusal, complete = await _messages(ws, 3)
    assert ack == {"type": "connection_ack"}
    assert refusal["type"] == ("next" if protocol == "graphql-transport-ws" else "data")
    assert refusal["payload"] == {
        "data": None,
        "errors": [
            {
                "message": "needs are personal data of vulnerable people: following their "
                "changes needs a caseworker token for their region",
                "extensions": {"code": "FORBIDDEN"},
            }
        ],
    }
    assert complete == {"id": "1", "type": "complete"}
    await ws.close()


@pytest.mark.parametrize("protocol", PROTOCOLS)
@pytest.mark.parametrize("carrier", ["header", "connection_init"])
async def test_a_valid_token_gets_need_changes(
    server: str, protocol: str, carrier: str, demo_conn: asyncpg.Connection
) -> None:
    """The token in the handshake's header, or in the payload, as a browser sends it."""
    need, region = await demo_conn.fetchrow(
        "select n.id, h.region_id from need n join household h on h.id = n.household_id "
        "join region r on r.id = h.region_id where r.name = '干河陈街道' and n.kind = 'medical'"
    )
    signed = token("caseworker", [region])
    if carrier == "header":
        ws = await _start(server, protocol, signed)
    else:
        ws = await _start(server, protocol, {}, {"Authorization": signed["authorization"]})
    [ack] = await _messages(ws, 1)
    assert ack == {"type": "connection_ack"}
    async with demo_conn.transaction():
        await events.append(demo_conn, "need.closed", "Need", need, region, {})
    [change] = await _messages(ws, 1)
    assert change["type"] == ("next" if protocol == "graphql-transport-ws" else "data")
    assert change["payload"] == {
        "data": {
            "needChanges": {
                "type": "need.closed",
                "need": {"kind": "MEDICAL", "status": "RESOLVED"},
            }
        }
    }
    await ws.close()


async def test_a_bad_token_in_connection_init_is_refused_as_each_protocol_says(
    server: str,
) -> None:
    # graphql-transport-ws: close with 4403 Forbidden.
    assert await _closing(server, "graphql-transport-ws", {}, FORGED) == (4403, "Forbidden")
    # graphql-ws: a connection_error naming the reason, then the close.
    ws = await _start(server, "graphql-ws", {}, MALFORMED)
    [error] = await _messages(ws, 1)
    assert error == {
        "type": "connection_error",
        "payload": {"message": "`authorization` in connection_init must be `Bearer <token>`"},
    }
    await ws.close()
