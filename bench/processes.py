"""The page query's throughput with one server process and with two (`fivesoc serve
--workers N`), on the same machine and database, in the same run: the ratio of two to one.

Each contender is a `fivesoc serve` with compiled reads (`--reads executed`: every field
resolved in Python); the one-process server is the floor.
Round after round, each contender (in alternating order) gets a warm-up, then `--requests`
requests of the page of `api_vs_floor.py` (50 communities, their grids, organizations,
projects and updates) through `--concurrency` keep-alive connections, each opened anew so that
the processes of the two-process server share them as the kernel hands them out. Reported per
run: requests per second, p50/p99 latency, and the CPU per request of the server's processes
and of PostgreSQL; then the median throughputs and their ratio.

    python bench/processes.py --database-url postgresql://…/bench_county

The database is migrated if it is empty and given a generated county (`fivesoc db generate
--scale county --seed 7`; nothing changes if one is there), then ANALYZEd.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import json
import os
import signal
import statistics
import sys
import tempfile
from collections.abc import AsyncIterator, Sequence
from pathlib import Path

from api_vs_floor import (
    PAGE,
    Call,
    Contender,
    Figures,
    drive,
    free_port,
    graphql_data,
    graphql_session,
    serving,
    timed,
)
from flood import prepare

from fivesoc.db.errors import DatabaseError

WORKERS = (1, 2)


@dataclasses.dataclass(frozen=True)
class Run:
    workers: int
    round: int
    figures: Figures


@contextlib.asynccontextmanager
async def server(url: str, workers: int, reads: str, logs: Path) -> AsyncIterator[tuple[int, int]]:
    """`fivesoc serve --workers N` on a free port, reading as `reads` says: its pid and port."""
    port = free_port()
    env = {
        "DATABASE_URL": url,
        "FIVESOC_HOST": "127.0.0.1",
        "FIVESOC_PORT": str(port),
        "FIVESOC_LOG_LEVEL": "warning",
        "FIVESOC_READS": reads,
        "FIVESOC_SECRET_KEY": "the-processes-bench-key-of-32-bytes-or-more",
        # Costs are worked out and charged as always, from a budget the bench cannot empty.
        "FIVESOC_ANONYMOUS_BUDGET_PER_MINUTE": str(10**12),
    }
    argv = [sys.executable, "-m", "fivesoc", "serve", "--no-seed", "--workers", str(workers)]
    name = f"fivesoc-{workers}"
    async with serving(name, argv, port=port, env=env, stop=signal.SIGTERM, logs=logs) as up:
        yield up.pid, up.port


async def run(args: argparse.Namespace, logs: Path) -> list[Run]:
    await prepare(args.database_url)
    runs: list[Run] = []
    variables = {"first": 50}
    async with contextlib.AsyncExitStack() as stack:
        up = {
            workers: await stack.enter_async_context(
                server(args.database_url, workers, args.reads, logs)
            )
            for workers in WORKERS
        }
        for number in range(args.rounds):
            order = WORKERS if number % 2 == 0 else tuple(reversed(WORKERS))
            for workers in order:
                pid, port = up[workers]
                contender = Contender(
                    f"{workers} process(es)",
                    lambda _case, port=port: graphql_session(port, PAGE, variables),
                    graphql_data,
                    pid,
                )
                async with contextlib.AsyncExitStack() as sessions:
                    calls: Sequence[Call] = [
                        await sessions.enter_async_context(graphql_session(port, PAGE, variables))
                        for _ in range(args.concurrency)
                    ]
                    await drive(calls, max(10, args.requests // 10))
                    figures = await timed(contender, calls, args.requests)
                runs.append(Run(workers, number + 1, figures))
                print(
                    f"round {number + 1}/{args.rounds}  {workers} process(es): "
                    f"{figures.rps:.1f} req/s",
                    file=sys.stderr,
                    flush=True,
                )
    return runs


def table(runs: Sequence[Run]) -> str:
    rows = [
        "| processes | round | req/s | p50 ms | p99 ms | server CPU ms/req "
        "| PostgreSQL CPU ms/req |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in runs:
        f = r.figures
        rows.append(
            f"| {r.workers} | {r.round} | {f.rps:.1f} | {f.p50_ms:.1f} | {f.p99_ms:.1f} | "
            f"{f.server_cpu_ms:.2f} | {f.db_cpu_ms:.2f} |"
        )
    medians = {
        workers: statistics.median(r.figures.rps for r in runs if r.workers == workers)
        for workers in WORKERS
    }
    rows.append("")
    rows.append(
        "median req/s: "
        + ", ".join(f"{workers} process(es) {rps:.1f}" for workers, rps in medians.items())
        + f"; two over one: {medians[2] / medians[1]:.2f}"
    )
    return "\n".join(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--reads",
        choices=["compiled", "executed"],
        default="compiled",
        help="FIVESOC_READS of both servers (default compiled)",
    )
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if not args.database_url:
        parser.error("give --database-url or set DATABASE_URL")
    try:
        with tempfile.TemporaryDirectory() as logs:
            runs = asyncio.run(run(args, Path(logs)))
    except DatabaseError as error:
        raise SystemExit(f"processes: {error}") from error
    print(table(runs))
    if args.json is not None:
        args.json.write_text(json.dumps([dataclasses.asdict(r) for r in runs], indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
