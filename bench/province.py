"""A province analysed by a worker, and its results paged through the API.

The database is migrated if it is empty and given a generated province (`fivesoc db generate
--scale province --seed 1`: about 980,000 actors and 4.5 million links; nothing changes if
one is there), then ANALYZEd. One `fivesoc serve` with `FIVESOC_ANALYSES=jobs` is asked for
the province's network (its job alone: a province is more than FIVESOC_MAX_NETWORK_ACTORS, so
no server analyses or holds it), then one `fivesoc worker` runs that job alone. The bench
reports the worker's wall time from its start until the analysis is stored, its CPU time and
its peak resident memory (VmHWM, read from /proc before it is stopped), and the peak proportional
set size of it and the processes it forks for betweenness (sampled every half second: they
share its pages), against the goal of 10 minutes and 4 GB.

Then, round after round, it times pages of the stored analysis through the API (the
province's actors by betweenness, a page deep in that ranking by its cursor, the
communities' weakest linkage) beside their floor, measured in the same rounds: the page's
SQL alone over one asyncpg connection. Medians of the rounds, interleaved.

    python bench/province.py --database-url postgresql://…/bench_province
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import os
import signal
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import httpx
from api_vs_floor import free_port, serving

from fivesoc.db import analysis_pages, connect, migrate, synthetic
from fivesoc.schema.pagination import encode_cursor

SEED = 1
GOAL_S = 600.0
GOAL_MB = 4096.0
PAGE = 50


def gid(type_name: str, key: int) -> str:
    return base64.b64encode(f"{type_name}:{key}".encode()).decode()


def env_of(url: str) -> dict[str, str]:
    return {
        "DATABASE_URL": url,
        "FIVESOC_ANALYSES": "jobs",
        "FIVESOC_SECRET_KEY": "the-province-bench-signing-key-of-32-bytes-or-more",
        "FIVESOC_LOG_LEVEL": "info",
        "FIVESOC_ANONYMOUS_BUDGET_PER_MINUTE": str(10**12),
        "FIVESOC_BUDGET_PER_MINUTE": str(10**12),
    }


async def prepare(url: str) -> int:
    """Migrate and generate a province where the database is empty; ANALYZE; its id."""
    conn = await connect.connect(url)
    try:
        await migrate.migrate(conn)
        started = time.perf_counter()
        written = await synthetic.generate(conn, scale="province", seed=SEED)
        if written.loaded:
            print(f"generated the province in {time.perf_counter() - started:.0f} s")
        await conn.execute("analyze")
        province: int = await conn.fetchval(
            "select id from region where level = 'province' order by id limit 1"
        )
        return province
    finally:
        await conn.close()


def cpu_s(pid: int) -> float:
    """The CPU time of a process and of the children it has waited for (its forked ones)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def field_mb(pid: int, name: str, file: str = "status") -> float:
    try:
        for line in Path(f"/proc/{pid}/{file}").read_text().splitlines():
            if line.startswith(name):
                return int(line.split()[1]) / 1024
    except OSError:  # it has just ended
        pass
    return 0.0


def tree_pss_mb(pid: int) -> float:
    """The proportional set size of a process and its children (the processes it forks
    share its pages: each shared page counts once in all)."""
    children = []
    with contextlib.suppress(OSError):
        for task in Path(f"/proc/{pid}/task").iterdir():
            children += [int(c) for c in (task / "children").read_text().split()]
    return sum(field_mb(p, "Pss:", "smaps_rollup") for p in (pid, *children))


@contextlib.asynccontextmanager
async def worker(url: str, logs: Path) -> AsyncIterator[asyncio.subprocess.Process]:
    with (logs / "worker.log").open("wb") as log:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "fivesoc", "worker", "--name", "province",
            env={**os.environ, **env_of(url)}, stdout=log, stderr=asyncio.subprocess.STDOUT,
        )  # fmt: skip
    try:
        yield process
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGINT)
            await asyncio.wait_for(process.wait(), 60)


async def ask(http: httpx.AsyncClient, query: str) -> dict:
    answer = (await http.post("/graphql", json={"query": query})).json()
    if "errors" in answer:
        raise SystemExit(f"the API refused: {answer['errors']}")
    return dict(answer["data"])


async def stored(conn: asyncpg.Connection) -> tuple[str, int] | None:
    row = await conn.fetchrow(
        "select request_key, id from network_analysis order by id desc limit 1"
    )
    return None if row is None else (str(row[0]), int(row[1]))


async def run(args: argparse.Namespace, logs: Path) -> None:
    province = await prepare(args.database_url)
    conn = await asyncpg.connect(args.database_url)
    scope = f'scope: {{region: "{gid("Region", province)}"}}'
    port = free_port()
    env = {**env_of(args.database_url), "FIVESOC_HOST": "127.0.0.1", "FIVESOC_PORT": str(port)}
    argv = [sys.executable, "-m", "fivesoc", "serve", "--no-seed"]
    try:
        if args.pages_only:
            async with (
                serving("fivesoc", argv, port=port, env=env, stop=signal.SIGTERM, logs=logs),
                httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=900) as http,
            ):
                found = await stored(conn)
                if found is None:
                    raise SystemExit("no analysis stored: run without --pages-only first")
                await rounds(args, http, conn, scope, found[1])
            return
        await conn.execute("delete from network_request")  # analyse afresh
        async with (
            serving("fivesoc", argv, port=port, env=env, stop=signal.SIGTERM, logs=logs),
            httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=900) as http,
        ):
            await ask(http, f"{{ network({scope}) {{ job {{ state }} }} }}")
            started = time.perf_counter()
            pss = 0.0
            async with worker(args.database_url, logs) as process:
                while (found := await stored(conn)) is None:
                    if process.returncode is not None:
                        raise SystemExit(f"the worker stopped; see {logs / 'worker.log'}")
                    pss = max(pss, tree_pss_mb(process.pid))
                    await asyncio.sleep(0.5)
                wall = time.perf_counter() - started
                cpu, peak = cpu_s(process.pid), field_mb(process.pid, "VmHWM:")
            seconds = await conn.fetchval(
                "select seconds from network_analysis where id = $1", found[1]
            )
            print(f"worker: {wall:.0f} s from its start to the analysis stored (its own "
                  f"count: {seconds:.0f} s), {cpu:.0f} s of CPU (with its forked processes'), "
                  f"peak RSS {peak:,.0f} MB, peak PSS with its forked "
                  f"processes {pss:,.0f} MB (sampled every 0.5 s); goal {GOAL_S:.0f} s and "
                  f"{GOAL_MB:,.0f} MB: {wall / GOAL_S:.2f} and "
                  f"{max(peak, pss) / GOAL_MB:.2f} of it")  # fmt: skip
            await rounds(args, http, conn, scope, found[1])
    finally:
        await conn.close()


async def rounds(
    args: argparse.Namespace,
    http: httpx.AsyncClient,
    conn: asyncpg.Connection,
    scope: str,
    analysis_id: int,
) -> None:
    first = await ask(http, f"{{ network({scope}) {{ summary {{ nodes links }} }} }}")
    summary = first["network"]["summary"]
    print(f"province: {summary['nodes']:,} actors, {summary['links']:,} links")
    # A cursor half way down the ranking: the page after it is read by its place alone.
    middle = summary["nodes"] // 2
    cursor = encode_cursor((middle, 0))
    node = "id label degree betweenness pagerank constraint brokerage { total }"
    cases = {
        "first page by betweenness": (
            f"{{ network({scope}) {{ nodes(orderBy: BETWEENNESS, first: {PAGE}) "
            f"{{ nodes {{ {node} }} }} }} }}",
            (analysis_pages.PAGE["betweenness"], analysis_id, 0, PAGE),
        ),
        "a page half way down": (
            f'{{ network({scope}) {{ nodes(orderBy: BETWEENNESS, first: {PAGE}, after: "{cursor}") '
            f"{{ nodes {{ {node} }} }} }} }}",
            (analysis_pages.PAGE["betweenness"], analysis_id, middle + 1, PAGE),
        ),
        "weakest linkages": (
            f"{{ network({scope}) {{ linkages(first: {PAGE}) {{ nodes {{ index "
            "community { id label } societies { status partners { id label } } } } } }",
            (analysis_pages.LINKAGE_PAGE, analysis_id, 0, PAGE),
        ),
    }
    api: dict[str, list[float]] = {name: [] for name in cases}
    floor: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(args.rounds):
        for name, (query, (sql, *params)) in cases.items():
            started = time.perf_counter()
            await ask(http, query)
            api[name].append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            await conn.fetch(sql, *params)
            floor[name].append((time.perf_counter() - started) * 1000)
    median = statistics.median
    for name in cases:
        a, f = median(api[name]), median(floor[name])
        print(f"{name} ({PAGE} items): API p50 {a:.1f} ms, its SQL alone {f:.1f} ms, "
              f"ratio {a / f:.1f}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument(
        "--pages-only",
        action="store_true",
        help="time the pages of the analysis stored by an earlier run, without analysing",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="fivesoc-province-bench-") as logs:
        asyncio.run(run(args, Path(logs)))


if __name__ == "__main__":
    main()
