"""Analyses as jobs: the time from a write to a fresh stored analysis of a county.

One `fivesoc serve` with `FIVESOC_ANALYSES=jobs` and one `fivesoc worker` on the same database.
The county's network is asked for once and waited for (the first analysis: queued, computed
by the worker, stored, read by the server). Then, round after round, a write goes through the
API (a project update), and the bench times:

- the first answer to the county's network after the write, which is served at once from
  the analysis stored before it, marked stale (with analyses inline, that request rebuilt and
  analysed the county: 1.0–1.4 s);
- the time until the worker has stored the analysis of the new data version (it notices the
  write within a second, queues the county, which was asked for recently, and computes it);
- the floor, in the same run: the worker's own time for that analysis, as it stored it (read
  the rows, build, analyse, store). The ratio write → fresh / floor is what noticing the
  write and queueing cost on top.

    python bench/jobs.py --database-url postgresql://…/bench_county

The database is migrated if it is empty and given a generated county (`fivesoc db generate
--scale county --seed 7`; nothing changes if one is there), then ANALYZEd.
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
from flood import prepare

from fivesoc.auth import issue_token

KEY = "the-jobs-bench-signing-key-of-32-bytes-or-more"


def gid(type_name: str, key: int) -> str:
    return base64.b64encode(f"{type_name}:{key}".encode()).decode()


@contextlib.asynccontextmanager
async def worker(url: str, logs: Path) -> AsyncIterator[None]:
    with (logs / "worker.log").open("wb") as log:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "fivesoc", "worker", "--name", "bench",
            env={**os.environ, **env_of(url)}, stdout=log, stderr=asyncio.subprocess.STDOUT,
        )  # fmt: skip
    try:
        yield
    finally:
        process.send_signal(signal.SIGINT)
        await asyncio.wait_for(process.wait(), 30)


def env_of(url: str) -> dict[str, str]:
    return {
        "DATABASE_URL": url,
        "FIVESOC_ANALYSES": "jobs",
        "FIVESOC_SECRET_KEY": KEY,
        "FIVESOC_LOG_LEVEL": "info",
        "FIVESOC_ANONYMOUS_BUDGET_PER_MINUTE": str(10**12),
        "FIVESOC_BUDGET_PER_MINUTE": str(10**12),
    }


async def ask(http: httpx.AsyncClient, query: str, headers: dict[str, str] | None = None) -> dict:
    answer = (await http.post("/graphql", json={"query": query}, headers=headers)).json()
    if "errors" in answer:
        raise SystemExit(f"the API refused: {answer['errors']}")
    return dict(answer["data"])


async def run(args: argparse.Namespace, logs: Path) -> None:
    county = await prepare(args.database_url)
    conn = await asyncpg.connect(args.database_url)
    try:
        project = await conn.fetchval("select id from project order by id limit 1")
    finally:
        await conn.close()
    scope = f'scope: {{region: "{gid("Region", county)}"}}'
    admin = {"authorization": f"Bearer {issue_token(KEY, 'bench', 'admin', [])}"}
    port = free_port()
    env = {**env_of(args.database_url), "FIVESOC_HOST": "127.0.0.1", "FIVESOC_PORT": str(port)}
    argv = [sys.executable, "-m", "fivesoc", "serve", "--no-seed"]
    async with (
        serving("fivesoc", argv, port=port, env=env, stop=signal.SIGTERM, logs=logs),
        worker(args.database_url, logs),
        httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=600) as http,
    ):
        started = time.perf_counter()
        first = await ask(http, f"{{ network({scope}) {{ summary {{ nodes links }} }} }}")
        print(f"county: {first['network']['summary']['nodes']:,} actors, "
              f"{first['network']['summary']['links']:,} links; first answer (computed, or "
              f"read where stored): {time.perf_counter() - started:.2f} s")  # fmt: skip
        key = await key_of(args.database_url)
        stale_ms, fresh_s, floor_s = [], [], []
        for round_ in range(1, args.rounds + 1):
            await ask(
                http,
                f'mutation {{ postProjectUpdate(input: {{projectId: "{gid("Project", project)}", '
                f'title: "bench {round_}"}}) {{ userErrors {{ code }} }} }}',
                admin,
            )
            written = time.perf_counter()
            answer = await ask(http, f"{{ network({scope}) {{ stale summary {{ nodes }} }} }}")
            stale_ms.append((time.perf_counter() - written) * 1000)
            assert answer["network"]["stale"] is True, answer
            seconds = await until_fresh(args.database_url, key)
            fresh_s.append(time.perf_counter() - written)
            floor_s.append(seconds)
            print(f"round {round_}: first answer after the write {stale_ms[-1]:.1f} ms (stale); "
                  f"fresh analysis stored {fresh_s[-1]:.2f} s after the write; the worker's "
                  f"own time {seconds:.2f} s")  # fmt: skip
    median = statistics.median
    print(f"median: first answer {median(stale_ms):.1f} ms; write → fresh stored "
          f"{median(fresh_s):.2f} s; floor (the worker's analysis) {median(floor_s):.2f} s; "
          f"ratio {median(fresh_s) / median(floor_s):.2f}")  # fmt: skip


async def key_of(url: str) -> str:
    conn = await asyncpg.connect(url)
    try:
        key: str = await conn.fetchval(
            "select request_key from network_request order by asked_at desc limit 1"
        )
        return key
    finally:
        await conn.close()


async def until_fresh(url: str, key: str) -> float:
    """Wait until the analysis of `key` at the current data version is stored; the worker's
    time for it."""
    conn = await asyncpg.connect(url)
    try:
        while True:
            row = await conn.fetchrow(
                "select a.seconds from network_analysis a where a.request_key = $1 "
                "and a.events_version = (select coalesce(max(id), 0) from change_event) "
                "and a.datasets_version = (select count(*) from dataset)",
                key,
            )
            if row is not None:
                return float(row[0])
            await asyncio.sleep(0.02)
    finally:
        await conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="fivesoc-jobs-bench-") as logs:
        asyncio.run(run(args, Path(logs)))


if __name__ == "__main__":
    main()
