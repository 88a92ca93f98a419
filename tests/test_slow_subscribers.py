"""A subscriber that stops reading is closed once its queue is full; nobody else waits for it.

The server runs as `fivesoc serve` with `FIVESOC_SUBSCRIBER_QUEUE=5`, and the clients talk to it
over real sockets. That matters: the queue of a subscription fills only when the server's send
loop stops taking events from it, and that happens only when a send has to wait, i.e. when
the connection's buffers are full because the client stopped reading. The slow client here
stops reading its socket (its library stops after one buffered message, its kernel receive
buffer is a few KiB) while large events commit, until the server's socket send buffer and
its transport's buffer are full; the next live events then pile up in the queue.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.typing import Subprotocol

from fivesoc.db import connect as db_connect
from fivesoc.db import events
from fivesoc.db.listener import EventListener, follow
from fivesoc.settings import Settings, SettingsError
from tests import served

BOUND = 5
PAD = 64 * 1024  # bytes of padding per event, so that few events fill a socket's buffers
SUBSCRIBE = "subscription($after: String) { events(after: $after) { cursor event { summary } } }"


@pytest.fixture
def server(migrated_url: str) -> Iterator[str]:
    """`fivesoc serve` on an empty log, with a subscriber queue of `BOUND` events."""
    port = served.free_port()
    env = {**os.environ, "DATABASE_URL": migrated_url, "FIVESOC_LOG_LEVEL": "warning",
           "FIVESOC_SUBSCRIBER_QUEUE": str(BOUND)}  # fmt: skip
    process = served.start(env, port)
    try:
        served.wait_until_healthy(port)
        yield f"127.0.0.1:{port}"
    finally:
        served.stop(process)


def _events_to_fill_the_pipe() -> int:
    """Events of `PAD` bytes that fill, twice over, what lies between the server and a client
    that stopped reading: the server socket's largest send buffer (Linux: tcp_wmem's maximum)
    and the transport's 64 KiB; plus the queue's bound."""
    wmem = Path("/proc/sys/net/ipv4/tcp_wmem")
    largest = int(wmem.read_text().split()[2]) if wmem.exists() else 4 * 1024 * 1024
    return 2 * (largest + 64 * 1024) // PAD + BOUND + 2


async def _subscribe(
    address: str, after: str | None = None, *, stalls: bool = False
) -> ClientConnection:
    sock = socket.socket()
    if stalls:
        # A few KiB of kernel receive buffer: set before connecting so the window stays small.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    host, port = address.split(":")
    sock.connect((host, int(port)))
    sock.setblocking(False)
    ws = await connect(
        f"ws://{address}/graphql",
        sock=sock,
        subprotocols=[Subprotocol("graphql-transport-ws")],
        compression=None,  # compressed, the padding would take no room in the buffers
        max_queue=1,  # the client library buffers one message, then stops reading the socket
        max_size=None,
    )
    await ws.send(json.dumps({"type": "connection_init"}))
    assert json.loads(await ws.recv())["type"] == "connection_ack"
    await ws.send(json.dumps({"id": "1", "type": "subscribe",
                              "payload": {"query": SUBSCRIBE, "variables": {"after": after}}}))  # fmt: skip
    return ws


async def _message(ws: ClientConnection) -> dict[str, Any]:
    message: dict[str, Any] = json.loads(await asyncio.wait_for(ws.recv(), timeout=20))
    return message


async def _delivery(ws: ClientConnection) -> tuple[int, str]:
    """The next event's number and cursor."""
    message = await _message(ws)
    assert message["type"] == "next", message
    assert "errors" not in message["payload"], message
    delivery = message["payload"]["data"]["events"]
    return delivery["event"]["summary"]["n"], delivery["cursor"]


async def test_a_subscriber_that_stops_reading_is_closed_and_resumes_from_its_cursor(
    server: str, migrated_url: str
) -> None:
    last = _events_to_fill_the_pipe()
    conn = await db_connect.connect(migrated_url)

    async def append(n: int, pad: str = "") -> None:
        async with conn.transaction():
            await events.append(conn, "project.status_changed", "Project", n, None,
                                {"n": n, "pad": pad})  # fmt: skip

    try:
        slow = await _subscribe(server, stalls=True)
        fast = await _subscribe(server)
        await append(1)
        # Both have read the log up to its head: from here on every event is live for them.
        assert (await _delivery(slow))[0] == 1
        assert (await _delivery(fast))[0] == 1

        # The slow client reads nothing more. The fast one reads each event as it commits,
        # and gets every one while the slow one's queue overflows.
        for n in range(2, last + 1):
            await append(n, "x" * PAD)
            assert (await _delivery(fast))[0] == n

        # The slow client reads again: what was in the pipe, then the reason it was closed.
        numbers, cursor = [], None
        while (message := await _message(slow))["type"] == "next" and (
            "errors" not in message["payload"]
        ):
            numbers.append(message["payload"]["data"]["events"]["event"]["summary"]["n"])
            cursor = message["payload"]["data"]["events"]["cursor"]
        assert numbers == list(range(2, numbers[-1] + 1))
        assert numbers[-1] < last  # it was closed before the end
        [error] = message["payload"]["errors"]
        assert error["extensions"] == {"code": "SUBSCRIBER_TOO_SLOW", "bound": BOUND,
                                       "cursor": cursor}  # fmt: skip
        assert error["message"] == (
            "this subscription fell behind: more than 5 events were waiting to be sent to it, "
            f'so it was closed; resubscribe with after: "{cursor}" to receive the rest'
        )
        assert await _message(slow) == {"id": "1", "type": "complete"}
        await slow.close()

        # Resuming after that cursor brings exactly the rest, in order, then live events.
        resumed = await _subscribe(server, after=cursor)
        rest = [(await _delivery(resumed))[0] for _ in range(numbers[-1] + 1, last + 1)]
        assert rest == list(range(numbers[-1] + 1, last + 1))
        await append(last + 1)
        assert (await _delivery(resumed))[0] == last + 1
        assert (await _delivery(fast))[0] == last + 1
        await resumed.close()
        await fast.close()
    finally:
        await conn.close()


async def test_a_backlog_longer_than_the_queue_is_replayed_at_the_subscriber_pace(
    server: str, migrated_url: str
) -> None:
    """Only live events count against the bound: resuming far back is not falling behind."""
    conn = await db_connect.connect(migrated_url)
    try:
        for n in range(1, 4 * BOUND + 1):
            async with conn.transaction():
                await events.append(conn, "project.status_changed", "Project", n, None, {"n": n})
        ws = await _subscribe(server)
        assert [(await _delivery(ws))[0] for _ in range(4 * BOUND)] == list(range(1, 4 * BOUND + 1))
        async with conn.transaction():
            await events.append(conn, "project.status_changed", "Project", 99, None, {"n": 99})
        assert (await _delivery(ws))[0] == 99
        await ws.close()
    finally:
        await conn.close()


def test_the_queue_bound_is_a_setting() -> None:
    assert Settings.from_env({}).subscriber_queue == 1000
    assert Settings.from_env({"FIVESOC_SUBSCRIBER_QUEUE": "5"}).subscriber_queue == 5
    with pytest.raises(SettingsError, match="FIVESOC_SUBSCRIBER_QUEUE must be at least 1, got 0"):
        Settings.from_env({"FIVESOC_SUBSCRIBER_QUEUE": "0"})


async def test_a_reader_cancelled_as_a_change_arrives_stops() -> None:
    """A closed subscription cancels its reader, maybe just as the listener wakes it; the
    cancellation must win, or the reader lives on and the server cannot shut down."""
    listener = EventListener("postgresql://never-connected.invalid/fivesoc")
    waiter = asyncio.create_task(listener.wait(listener.generation, 5.0))
    await asyncio.sleep(0)  # the waiter now waits on the listener
    await listener._wake()  # what a notification runs
    waiter.cancel()  # in the same step: before the waiter resumes
    with pytest.raises(asyncio.CancelledError):
        await waiter
    assert listener.generation == 1


async def test_replayed_events_still_waiting_do_not_count_against_live_ones(
    migrated_url: str,
) -> None:
    """At the switch from replay to live the queue may still be full of replayed events; a
    live event committed then is queued behind them, not taken for falling behind."""
    conn = await db_connect.connect(migrated_url)
    pool = await db_connect.create_pool(migrated_url, min_size=1, max_size=2)
    listener = EventListener(migrated_url)
    await listener.start()
    try:
        for n in range(1, 3 * BOUND + 1):
            async with conn.transaction():
                await events.append(conn, "project.status_changed", "Project", n, None, {"n": n})
        following = follow(pool, listener, None, bound=BOUND, personal_regions=None)
        taken = [(await anext(following)).summary["n"] for _ in range(2 * BOUND)]
        # The reader has now queued the last BOUND of the backlog and waits, live, at the head.
        await asyncio.sleep(0.5)
        async with conn.transaction():
            await events.append(conn, "project.status_changed", "Project", 99, None, {"n": 99})
        await asyncio.sleep(0.5)  # time for the reader to read it
        taken += [(await anext(following)).summary["n"] for _ in range(BOUND + 1)]
        assert taken == [*range(1, 3 * BOUND + 1), 99]
        await following.aclose()
    finally:
        await listener.stop()
        await pool.close()
        await conn.close()
