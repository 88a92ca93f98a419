"""A flood of network requests with distinct windows, and a small query's latency meanwhile.

Two `fivesoc serve` processes on the same database, exercised in turn, round after round:

- `unguarded`: costs and budgets off (`FIVESOC_MAX_COST=0`) and the flood sent with analyst
  tokens, which may have new windows computed: what any caller could do before fair use;
- `guarded`: the defaults, and the flood sent anonymously, as an outsider would.

In each turn the small query (`{ communities(first: 5) { nodes { name } } }`) is timed alone
for a few seconds, then `--requests` network requests (`network(scope: {region: …}, window:
{asOf: …}) { summary { nodes links } }`, each with a day no request asked for before) are
sent at once while the small query and `/healthz` go on being timed, one at a time, until the
flood has been answered. Reported: how the flood was answered (by error code), how long it
took, the server's CPU and memory, and the small query's p50/p99 alone and during the flood.

    python bench/flood.py --database-url postgresql://…/bench_county

The database is migrated if it is empty and given a generated county (`fivesoc db generate
--scale county --seed 7`; nothing changes if one is there), then ANALYZEd.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import datetime as dt
import json
import os
import signal
import sys
import tempfile
import time
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
from api_vs_floor import free_port, percentile, processes, serving, tree_cpu_s
from strawberry import relay

from fivesoc.auth import issue_token
from fivesoc.db import connect, migrate, synthetic

SMALL = "{ communities(first: 5) { nodes { name } } }"
NETWORK = """query($r: ID!, $d: Date!) {
  network(scope: {region: $r}, window: {asOf: $d}) { summary { nodes links } } }"""
KEY = "the-flood-bench-signing-key-of-32-bytes"
ALONE_S = 3.0
FLOOD_LIMIT_S = 600.0


@dataclasses.dataclass
class Turn:
    contender: str
    round: int
    alone_p50_ms: float
    alone_p99_ms: float
    flood_p50_ms: float
    flood_p99_ms: float
    healthz_max_ms: float
    flood_s: float
    answers: dict[str, int]
    server_cpu_s: float
    rss_mb: float


async def prepare(url: str) -> int:
    """Migrate and generate a county where the database is empty; ANALYZE; the county's id."""
    conn = await connect.connect(url)
    try:
        await migrate.migrate(conn)
        await synthetic.generate(conn, scale="county", seed=7)  # nothing if it is there
        await conn.execute("analyze")
        county: int = await conn.fetchval(
            "select id from region where level = 'county' order by id limit 1"
        )
        return county
    finally:
        await conn.close()


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def timed_loop(http: httpx.AsyncClient, path: str, body: dict | None, stop: asyncio.Event,
                     latencies: list[float]) -> None:  # fmt: skip
    while not stop.is_set():
        started = time.perf_counter()
        if body is None:
            await http.get(path)
        else:
            await http.post(path, json=body)
        latencies.append((time.perf_counter() - started) * 1000)


def code_of(response: httpx.Response) -> str:
    body = response.json()
    errors = body.get("errors") or []
    if not errors:
        return "answered"
    return str(errors[0].get("extensions", {}).get("code", "error"))


async def turn(name: str, pid: int, port: int, headers: dict[str, str], region: str,
               days: list[dt.date], round_: int) -> Turn:  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    limits = httpx.Limits(max_connections=len(days) + 4)
    async with httpx.AsyncClient(base_url=base, timeout=FLOOD_LIMIT_S, limits=limits) as http:
        alone: list[float] = []
        stop = asyncio.Event()
        loop = asyncio.create_task(timed_loop(http, "/graphql", {"query": SMALL}, stop, alone))
        await asyncio.sleep(ALONE_S)
        stop.set()
        await loop
        during: list[float] = []
        health: list[float] = []
        stop = asyncio.Event()
        probes = [
            asyncio.create_task(timed_loop(http, "/graphql", {"query": SMALL}, stop, during)),
            asyncio.create_task(timed_loop(http, "/healthz", None, stop, health)),
        ]
        cpu_before = tree_cpu_s(processes(), pid)
        started = time.perf_counter()
        answers = await asyncio.gather(
            *(
                http.post(
                    "/graphql",
                    json={"query": NETWORK, "variables": {"r": region, "d": day.isoformat()}},
                    headers=headers,
                )
                for day in days
            )
        )
        flood_s = time.perf_counter() - started
        cpu = tree_cpu_s(processes(), pid) - cpu_before
        stop.set()
        await asyncio.gather(*probes)
    alone.sort()
    during.sort()
    return Turn(
        name,
        round_,
        percentile(alone, 0.5),
        percentile(alone, 0.99),
        percentile(during, 0.5) if during else 0.0,
        percentile(during, 0.99) if during else 0.0,
        max(health, default=0.0),
        flood_s,
        dict(Counter(code_of(answer) for answer in answers)),
        cpu,
        rss_mb(pid),
    )


@contextlib.asynccontextmanager
async def server(name: str, url: str, extra: dict[str, str], logs: Path
                 ) -> AsyncIterator[tuple[int, int]]:  # fmt: skip
    port = free_port()
    env = {
        "DATABASE_URL": url,
        "FIVESOC_HOST": "127.0.0.1",
        "FIVESOC_PORT": str(port),
        "FIVESOC_LOG_LEVEL": "warning",
        "FIVESOC_SECRET_KEY": KEY,
        **extra,
    }
    argv = [sys.executable, "-m", "fivesoc", "serve", "--no-seed"]
    async with serving(name, argv, port=port, env=env, stop=signal.SIGINT, logs=logs) as up:
        yield up.pid, up.port


async def run(args: argparse.Namespace, logs: Path) -> list[Turn]:
    county = await prepare(args.database_url)
    region = str(relay.GlobalID("Region", str(county)))
    analyst = {"authorization": f"Bearer {issue_token(KEY, 'flood', 'analyst', [])}"}
    contenders = {
        "unguarded": ({"FIVESOC_MAX_COST": "0"}, analyst),
        "guarded": ({}, {}),
    }
    turns: list[Turn] = []
    first_day = dt.date(2015, 1, 1)
    async with contextlib.AsyncExitStack() as stack:
        up = {
            name: await stack.enter_async_context(server(name, args.database_url, extra, logs))
            for name, (extra, _) in contenders.items()
        }
        order = list(contenders)
        for round_ in range(args.rounds):
            for name in order if round_ % 2 == 0 else reversed(order):
                pid, port = up[name]
                offset = len(turns) * args.requests
                days = [first_day + dt.timedelta(days=offset + i) for i in range(args.requests)]
                done = await turn(name, pid, port, contenders[name][1], region, days, round_)
                turns.append(done)
                print(json.dumps(dataclasses.asdict(done)), file=sys.stderr, flush=True)
    return turns


def table(turns: list[Turn]) -> str:
    rows = [
        "| contender | round | flood answered as | flood s | server CPU s | RSS MB | small "
        "query p50/p99 alone (ms) | during the flood (ms) | /healthz max (ms) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for t in turns:
        answers = ", ".join(f"{code} {n}" for code, n in sorted(t.answers.items()))
        rows.append(
            f"| {t.contender} | {t.round + 1} | {answers} | {t.flood_s:.1f} | "
            f"{t.server_cpu_s:.1f} | {t.rss_mb:.0f} | {t.alone_p50_ms:.1f}/{t.alone_p99_ms:.1f} "
            f"| {t.flood_p50_ms:.1f}/{t.flood_p99_ms:.1f} | {t.healthz_max_ms:.0f} |"
        )
    return "\n".join(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if not args.database_url:
        parser.error("give --database-url or set DATABASE_URL")
    with tempfile.TemporaryDirectory() as logs:
        turns = asyncio.run(run(args, Path(logs)))
    print(table(turns))
    if args.json is not None:
        args.json.write_text(json.dumps([dataclasses.asdict(t) for t in turns], indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
