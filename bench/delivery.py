"""Subscription delivery: commit-to-arrival latency at 1, 100 and 1,000 subscribers, and the
events per second the server delivers, beside a floor measured in the same run.

The bench creates a database of its own on the server named by `--database-url` (default
`DATABASE_URL`), starts `fivesoc serve` on 127.0.0.1 against it (which migrates it and loads
the demo data), opens N WebSocket connections (graphql-transport-ws), each with one `events`
subscription, and commits change-log events with asyncpg through `fivesoc.db.events.append`,
one transaction each, as a mutation does. It drops the database at the end.

Times are taken on this process's monotonic clock. A write's time is the moment the bench
sends COMMIT. An arrival is the moment the message reached the subscriber's socket, as the
kernel stamped it on receipt (SO_TIMESTAMPNS): the delivery, whatever this process was doing
then. Beside it the bench gives when it read the message, which adds its own turn at 1,000
sockets on cores it shares with the server. The subscribers are read with websockets' sans-I/O
protocol over plain non-blocking sockets, without a task per connection, so that the client
takes as little of those cores as it can. The floor is the same commit reaching a bare
asyncpg connection that LISTENs on the change log's channel, in the same run: what any
delivery by LISTEN/NOTIFY must at least spend. Subscribers and the floor listener share this
process, and the server shares the machine's cores with it.

Every row counts the burst's events each subscriber missed and those it received twice.

Besides latency and throughput, each row gives the server's CPU time per delivery (all its
processes, from /proc), how long graphql-transport-ws pings sent during the burst waited for
their pongs, and how many client sockets closed (a missed keepalive closes one). With
`--workers N` the server runs N processes, and the subscribers spread over them. With
`--rounds R` every subscriber count is measured R times, the counts interleaved, and a summary
gives each count's medians.

    python bench/delivery.py --subscribers 1 100 1000 --events 50 --burst 200 --rounds 3
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import resource
import signal
import socket
import statistics
import struct
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Any

import asyncpg
import httpx
from websockets.client import ClientProtocol
from websockets.frames import Close, Frame, Opcode
from websockets.typing import Subprotocol
from websockets.uri import parse_uri

from fivesoc.db import events
from fivesoc.db.connect import with_database
from fivesoc.db.listener import CHANNEL
from fivesoc.schema.pagination import encode_cursor

SUBSCRIBE = "subscription($after: String) { events(after: $after) { event { summary } } }"
HEAD = "select xid::text, id from change_event order by xid desc, id desc limit 1"
CONNECT_AT_ONCE = 50  # WebSocket handshakes in flight while opening subscribers


class Arrivals:
    """Who has received which bench event, and when; the sockets that closed; the pongs.

    Each arrival has two times: when the bytes reached the subscriber's socket (stamped by the
    kernel as it received them: the delivery) and when this process read them (the delivery
    plus this process's own turn at them, on cores it shares with the server)."""

    def __init__(self, subscribers: int) -> None:
        self.subscribers = subscribers
        self.times: dict[int, list[float]] = {}  # bench number -> reached the sockets
        self.read: dict[int, list[float]] = {}  # bench number -> read by this process
        self.closed: list[str] = []
        self.sockets_closed: list[str] = []
        self.pongs: dict[int, float] = {}  # socket number -> when its pong came
        self.receivers: dict[int, set[int]] = {}  # bench number -> sockets that had it
        self.duplicates = 0  # a bench event a socket received again
        self._all_in: dict[int, asyncio.Event] = {}

    def expect(self, n: int) -> asyncio.Event:
        self.times.setdefault(n, [])
        return self._all_in.setdefault(n, asyncio.Event())

    def arrived(self, n: int, at: float, read: float, number: int) -> None:
        receivers = self.receivers.setdefault(n, set())
        if number in receivers:
            self.duplicates += 1
            return
        receivers.add(number)
        self.read.setdefault(n, []).append(read)
        times = self.times.setdefault(n, [])
        times.append(at)
        if len(times) == self.subscribers:
            self._all_in.setdefault(n, asyncio.Event()).set()

    def received(self, number: int, text: bytes, at: float, read: float) -> bool:
        """Note one message a socket received; False when it ends the subscription."""
        message = json.loads(text)
        if message["type"] == "pong":
            self.pongs[number] = at
        if message["type"] != "next":
            return True
        payload = message["payload"]
        if payload.get("errors"):
            self.closed.append(payload["errors"][0]["message"])
            return False
        n = payload["data"]["events"]["event"]["summary"].get("bench")
        if n is not None:
            self.arrived(n, at, read, number)
        return True


# Linux's SO_TIMESTAMPNS (<asm-generic/socket.h>; Python's socket module does not name it):
# the kernel stamps each packet as it is received, and recvmsg hands the stamp over with the
# data, as a struct timespec on the real-time clock. For TCP the stamp is that of the last
# packet a read takes, so an arrival is never stamped early.
SO_TIMESTAMPNS = 35
TIMESPEC = struct.Struct("@qq")
RECV_BYTES = 1 << 16


class Subscriber:
    """One graphql-transport-ws connection, read with websockets' sans-I/O protocol over a
    non-blocking socket so that each read comes with the kernel's time of arrival."""

    def __init__(self, number: int, sock: socket.socket, arrivals: Arrivals) -> None:
        self.number = number
        self.sock = sock
        self.arrivals = arrivals
        host, port = sock.getpeername()
        self.protocol = ClientProtocol(
            parse_uri(f"ws://{host}:{port}/graphql"),
            subprotocols=[Subprotocol("graphql-transport-ws")],
        )
        self.realtime_offset_ns = time.time_ns() - time.perf_counter_ns()
        self.loop = asyncio.get_running_loop()

    @classmethod
    async def open(
        cls, number: int, address: str, after: str | None, arrivals: Arrivals
    ) -> Subscriber:
        host, port = address.rsplit(":", 1)
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setblocking(False)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
        await asyncio.get_running_loop().sock_connect(sock, (host, int(port)))
        subscriber = cls(number, sock, arrivals)
        await subscriber._handshake(after)
        return subscriber

    async def _handshake(self, after: str | None) -> None:
        self.protocol.send_request(self.protocol.connect())
        self._flush()
        response = None
        while response is None:
            self.protocol.receive_data(await self.loop.sock_recv(self.sock, RECV_BYTES))
            response = next(iter(self.protocol.events_received()), None)
        if self.protocol.handshake_exc is not None:
            raise self.protocol.handshake_exc
        self.send({"type": "connection_init"})
        ack = None
        while not isinstance(ack, Frame):
            self.protocol.receive_data(await self.loop.sock_recv(self.sock, RECV_BYTES))
            ack = next(iter(self.protocol.events_received()), None)
        if json.loads(bytes(ack.data))["type"] != "connection_ack":
            raise RuntimeError("the server did not acknowledge the connection")
        payload = {"query": SUBSCRIBE, "variables": {"after": after}}
        self.send({"id": "1", "type": "subscribe", "payload": payload})
        self.loop.add_reader(self.sock.fileno(), self._readable)

    def send(self, message: dict[str, Any]) -> None:
        self.protocol.send_text(json.dumps(message).encode())
        self._flush()

    def _flush(self) -> None:
        for chunk in self.protocol.data_to_send():
            self.sock.sendall(chunk)  # a few bytes: the socket's buffer has room for them

    def _readable(self) -> None:
        try:
            data, ancillary, _, _ = self.sock.recvmsg(RECV_BYTES, socket.CMSG_SPACE(16))
        except BlockingIOError:
            return
        except OSError as error:
            self._lost(str(error))
            return
        read = time.perf_counter()
        if not data:
            self._lost("the server closed the connection")
            return
        at = read
        for level, kind, stamp in ancillary:
            if level == socket.SOL_SOCKET and kind == SO_TIMESTAMPNS:
                seconds, nanoseconds = TIMESPEC.unpack(stamp)
                at = (seconds * 1_000_000_000 + nanoseconds - self.realtime_offset_ns) / 1e9
        self.protocol.receive_data(data)
        for event in self.protocol.events_received():
            if isinstance(event, Frame) and event.opcode is Opcode.TEXT:
                self.arrivals.received(self.number, bytes(event.data), at, read)
            elif isinstance(event, Frame) and event.opcode is Opcode.CLOSE:
                self._lost(f"closed by the server: {Close.parse(event.data)}")
                return
        self._flush()  # pongs to the server's keepalive pings

    def _lost(self, why: str) -> None:
        self.arrivals.sockets_closed.append(why)
        self.loop.remove_reader(self.sock.fileno())

    def close(self) -> None:
        if self.sock.fileno() < 0:
            return
        self.loop.remove_reader(self.sock.fileno())
        with contextlib.suppress(OSError):
            self.protocol.send_close()
            self._flush()
        self.sock.close()


@contextlib.asynccontextmanager
async def subscribers(
    address: str, count: int, after: str | None, arrivals: Arrivals
) -> AsyncIterator[list[Subscriber]]:
    """`count` subscribers of the events after `after`, each one connection."""
    gate = asyncio.Semaphore(CONNECT_AT_ONCE)

    async def one(number: int) -> Subscriber:
        async with gate:
            return await Subscriber.open(number, address, after, arrivals)

    opened = await asyncio.gather(*(one(i) for i in range(count)), return_exceptions=True)
    sockets = [subscriber for subscriber in opened if isinstance(subscriber, Subscriber)]
    try:
        failed = next((error for error in opened if isinstance(error, BaseException)), None)
        if failed is not None:
            raise failed
        yield sockets
    finally:
        for subscriber in sockets:
            subscriber.close()


class Writer:
    """Commits bench events as a mutation does, and notes when each COMMIT was sent."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn
        self.next = 0
        self.sent: dict[int, float] = {}  # bench number -> COMMIT sent
        self.event_ids: dict[int, int] = {}  # change_event id -> bench number
        self.commit_ms: list[float] = []

    async def commit(self) -> int:
        self.next += 1
        n = self.next
        transaction = self.conn.transaction()
        await transaction.start()
        event_id = await events.append(
            self.conn, "project.status_changed", "Project", 1, None, {"bench": n}
        )
        self.event_ids[event_id] = n
        self.sent[n] = time.perf_counter()
        await transaction.commit()
        self.commit_ms.append((time.perf_counter() - self.sent[n]) * 1000)
        return n


class FloorListener:
    """A bare LISTEN connection on the change log's channel: when each commit reached it."""

    def __init__(self, writer: Writer) -> None:
        self.writer = writer
        self.times: dict[int, float] = {}
        self._heard: dict[int, asyncio.Event] = {}

    def on_notify(self, conn: object, pid: int, channel: str, payload: str) -> None:
        n = self.writer.event_ids.get(int(payload))
        if n is not None:
            self.times[n] = time.perf_counter()
            self._heard.setdefault(n, asyncio.Event()).set()

    async def heard(self, n: int) -> float:
        """When the commit of bench event `n` reached this listener (which may come after
        the subscribers have it: their server and this listener each have a turn)."""
        await self._heard.setdefault(n, asyncio.Event()).wait()
        return self.times[n]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


async def measure_one(
    address: str,
    writer: Writer,
    floor: FloorListener,
    count: int,
    n_events: int,
    burst: int,
    wait_s: float,
    cpu: ServerCPU,
) -> dict[str, Any]:
    """One row: `count` subscribers, timed events one at a time, then a burst."""
    arrivals = Arrivals(count)
    started = time.perf_counter()
    head = await writer.conn.fetchrow(HEAD)  # the log before this row is not replayed
    after = None if head is None else encode_cursor((head["xid"], head["id"]))
    async with subscribers(address, count, after, arrivals) as sockets:
        opened_s = time.perf_counter() - started
        # Warm-up: every subscriber has caught up and is live once it has these.
        for _ in range(3):
            done = arrivals.expect(writer.next + 1)
            await writer.commit()
            await asyncio.wait_for(done.wait(), wait_s)
        cpu_before = cpu.seconds()
        latency, read, last, floor_ms = [], [], [], []
        for _ in range(n_events):
            done = arrivals.expect(writer.next + 1)
            n = await writer.commit()
            await asyncio.wait_for(done.wait(), wait_s)
            sent = writer.sent[n]
            latency += [(at - sent) * 1000 for at in arrivals.times[n]]
            read += [(at - sent) * 1000 for at in arrivals.read[n]]
            last.append((max(arrivals.times[n]) - sent) * 1000)
            floor_ms.append((await asyncio.wait_for(floor.heard(n), wait_s) - sent) * 1000)
        # Throughput: a burst of commits, as fast as one connection makes them, with a
        # graphql-transport-ws ping sent on a few sockets halfway through.
        first = writer.next + 1
        waits = [arrivals.expect(first + i) for i in range(burst)]
        pinged = sockets[:: max(1, count // PINGED)][:PINGED]
        burst_started = time.perf_counter()
        for i in range(burst):
            await writer.commit()
            if i == burst // 2:
                ping_sent = time.perf_counter()
                for subscriber in pinged:
                    subscriber.send({"type": "ping"})
        written_s = time.perf_counter() - burst_started
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.gather(*(w.wait() for w in waits)), wait_s * 4)
        cpu_s = cpu.seconds() - cpu_before
        whole = sum(len(arrivals.times[first + i]) == count for i in range(burst))
        burst_s = max(max(arrivals.times[first + i], default=math.inf) for i in range(burst))
        burst_s -= writer.sent[first]
        floor_last = await asyncio.wait_for(floor.heard(first + burst - 1), wait_s)
        floor_burst_s = floor_last - writer.sent[first]
        pongs = [arrivals.pongs.get(subscriber.number) for subscriber in pinged]
        pong_ms = [(at - ping_sent) * 1000 if at is not None else math.inf for at in pongs]
    deliveries = (n_events + burst) * count
    return {
        "subscribers": count,
        "opened_s": opened_s,
        "p50_ms": statistics.median(latency),
        "p99_ms": percentile(latency, 0.99),
        "read_p50_ms": statistics.median(read),
        "read_p99_ms": percentile(read, 0.99),
        "last_p50_ms": statistics.median(last),
        "floor_p50_ms": statistics.median(floor_ms),
        "floor_p99_ms": percentile(floor_ms, 0.99),
        "burst": burst,
        "whole": whole,
        "missing": sum(count - len(arrivals.times[first + i]) for i in range(burst)),
        "duplicates": arrivals.duplicates,
        "written_s": written_s,
        "burst_s": burst_s,
        "floor_burst_s": floor_burst_s,
        "deliveries_per_s": burst * count / burst_s,
        "cpu_us_per_delivery": cpu_s / deliveries * 1e6,
        "pong_max_ms": max(pong_ms, default=0.0),
        "closed": len(arrivals.closed),
        "sockets_closed": len(arrivals.sockets_closed),
    }


# Sockets of each row that send a graphql-transport-ws ping during the burst.
PINGED = 10


async def measure(
    address: str,
    url: str,
    counts: list[int],
    rounds: int,
    n_events: int,
    burst: int,
    wait_s: float,
    cpu: ServerCPU,
) -> list[dict[str, Any]]:
    writer = Writer(await asyncpg.connect(url))
    floor = FloorListener(writer)
    listener = await asyncpg.connect(url)
    await listener.add_listener(CHANNEL, floor.on_notify)
    rows = []
    try:
        for _ in range(rounds):
            for count in counts:
                rows.append(
                    await measure_one(address, writer, floor, count, n_events, burst, wait_s, cpu)
                )
                print_row(rows[-1])
    finally:
        await listener.close()
        await writer.conn.close()
    print(f"COMMIT itself: p50 {statistics.median(writer.commit_ms):.2f} ms")
    return rows


def print_row(row: dict[str, Any]) -> None:
    print(
        f"{row['subscribers']:>5} subscribers (opened in {row['opened_s']:.1f} s): "
        f"latency p50 {row['p50_ms']:.1f} ms, p99 {row['p99_ms']:.1f} ms, "
        f"last of all p50 {row['last_p50_ms']:.1f} ms; read by the bench p50 "
        f"{row['read_p50_ms']:.1f} ms, p99 {row['read_p99_ms']:.1f} ms; "
        f"floor p50 {row['floor_p50_ms']:.2f} ms, "
        f"p99 {row['floor_p99_ms']:.2f} ms; ratio p50 {row['p50_ms'] / row['floor_p50_ms']:.0f}x"
        f" | burst of {row['burst']}: {row['whole']} delivered whole ({row['missing']} missing, "
        f"{row['duplicates']} received twice), written in "
        f"{row['written_s']:.2f} s, floor has all in {row['floor_burst_s']:.2f} s, every "
        f"subscriber has all in {row['burst_s']:.2f} s ({row['deliveries_per_s']:,.0f} "
        f"deliveries/s, {row['burst_s'] / row['floor_burst_s']:.1f}x the floor's time) | server "
        f"CPU {row['cpu_us_per_delivery']:.0f} us/delivery | pongs within "
        f"{row['pong_max_ms']:.0f} ms | closed as too slow: {row['closed']}, sockets closed: "
        f"{row['sockets_closed']}",
        flush=True,
    )


def summarise(rows: list[dict[str, Any]]) -> None:
    """Each subscriber count's medians over the rounds."""
    print("medians over the rounds:")
    for count in sorted({row["subscribers"] for row in rows}):
        mine = [row for row in rows if row["subscribers"] == count]

        def median(name: str, mine: list[dict[str, Any]] = mine) -> float:
            return statistics.median(row[name] for row in mine)

        print(
            f"{count:>5} subscribers, {len(mine)} rounds: p50 {median('p50_ms'):.1f} ms, "
            f"p99 {median('p99_ms'):.1f} ms (read by the bench: p50 "
            f"{median('read_p50_ms'):.1f} ms, p99 {median('read_p99_ms'):.1f} ms), "
            f"floor p50 {median('floor_p50_ms'):.2f} ms; burst "
            f"{median('burst_s'):.2f} s ({median('deliveries_per_s'):,.0f} deliveries/s), "
            f"floor {median('floor_burst_s'):.2f} s; CPU "
            f"{median('cpu_us_per_delivery'):.0f} us/delivery; pongs within "
            f"{median('pong_max_ms'):.0f} ms; bursts whole: "
            f"{sum(row['whole'] == row['burst'] for row in mine)} of {len(mine)} (missing "
            f"{sum(row['missing'] for row in mine)}, received twice "
            f"{sum(row['duplicates'] for row in mine)}); sockets closed: "
            f"{sum(row['sockets_closed'] for row in mine)}",
            flush=True,
        )


class ServerCPU:
    """CPU seconds (user and system) spent so far by the server and its child processes."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.tick = os.sysconf("SC_CLK_TCK")

    def seconds(self) -> float:
        pids = [self.pid, *self._children(self.pid)]
        total = 0
        for pid in pids:
            with contextlib.suppress(OSError):
                with open(f"/proc/{pid}/stat") as stat:
                    fields = stat.read().rpartition(")")[2].split()
                total += int(fields[11]) + int(fields[12])  # utime, stime
        return total / self.tick

    def _children(self, pid: int) -> list[int]:
        try:
            with open(f"/proc/{pid}/task/{pid}/children") as found:
                children = [int(child) for child in found.read().split()]
        except OSError:
            return []
        return [grandchild for c in children for grandchild in (c, *self._children(c))]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def raise_open_files(wanted: int) -> int:
    """Raise this process's (and its children's) open-files limit towards `wanted`."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        soft = target
    return soft


@contextlib.contextmanager
def own_database(server_url: str) -> Iterator[str]:
    name = f"fivesoc_bench_delivery_{uuid.uuid4().hex[:8]}"

    async def run(sql: str) -> None:
        admin = await asyncpg.connect(server_url)
        try:
            await admin.execute(sql)
        finally:
            await admin.close()

    asyncio.run(run(f'create database "{name}"'))
    try:
        yield with_database(server_url, name)
    finally:
        asyncio.run(run(f'drop database if exists "{name}" with (force)'))


@contextlib.contextmanager
def server(url: str, workers: int) -> Iterator[tuple[str, ServerCPU]]:
    port = free_port()
    env = {**os.environ, "DATABASE_URL": url, "FIVESOC_PORT": str(port),
           "FIVESOC_LOG_LEVEL": "warning"}  # fmt: skip
    process = subprocess.Popen(
        [sys.executable, "-m", "fivesoc", "serve", "--workers", str(workers)],
        env=env,
        stdout=subprocess.DEVNULL,
    )
    try:
        for _ in range(600):  # migrating and loading the demo data comes first
            try:
                with httpx.Client(timeout=1) as http:
                    if http.get(f"http://127.0.0.1:{port}/healthz").status_code == 200:
                        break
            except httpx.HTTPError:
                pass
            if process.poll() is not None:
                raise SystemExit("fivesoc serve stopped before it answered")
            time.sleep(0.2)
        else:
            raise SystemExit("fivesoc serve did not come up within two minutes")
        if workers > 1:
            time.sleep(3)  # every process answering, not only the first
        yield f"127.0.0.1:{port}", ServerCPU(process.pid)
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=60)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--subscribers", type=int, nargs="+", default=[1, 100, 1000])
    parser.add_argument("--events", type=int, default=50, help="timed events per row")
    parser.add_argument("--burst", type=int, default=200, help="events in the throughput burst")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds one event may take")
    parser.add_argument("--rounds", type=int, default=1, help="times each count is measured")
    parser.add_argument("--workers", type=int, default=1, help="server processes")
    args = parser.parse_args()
    if not args.database_url:
        raise SystemExit("give --database-url or set DATABASE_URL (a PostgreSQL server)")
    # Each subscriber is one socket here and one in the server (which inherits the limit).
    limit = raise_open_files(2 * max(args.subscribers) + 256)
    if limit < 2 * max(args.subscribers) + 64:
        raise SystemExit(f"the open-files limit ({limit}) is too low for that many subscribers")
    with (
        own_database(with_database(args.database_url, "postgres")) as url,
        server(url, args.workers) as (address, cpu),
    ):
        print(
            f"fivesoc serve on {address} ({args.workers} processes); open-files limit {limit}; "
            f"{os.cpu_count()} cores"
        )
        rows = asyncio.run(
            measure(
                address,
                url,
                args.subscribers,
                args.rounds,
                args.events,
                args.burst,
                args.timeout,
                cpu,
            )
        )
    if args.rounds > 1:
        summarise(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
