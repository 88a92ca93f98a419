"""Requests per second and p50/p99 latency of fivesoc beside a floor, in one run.

The floor fetches the same data with one hand-written SQL statement through asyncpg, the JSON
built by PostgreSQL: what any API over this database must at least spend. fivesoc runs as a
server process (uvicorn, one worker) on 127.0.0.1 and is driven over HTTP from this process;
both share the machine's cores. The figures to keep are the ratios, not the absolute times.

    python bench/api_vs_floor.py --database-url postgresql://…/bench --requests 400

The database should hold a generated city (`fivesoc db generate --scale city`). Every loop is
bounded by `--requests`; the server is stopped at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import asyncpg
import httpx

PAGE = """
query($first: Int!) {
  communities(first: $first) {
    nodes {
      name
      grids(first: 20) { nodes { name } }
      organizations(first: 10) {
        nodes {
          name
          projects(first: 5) { nodes { name updates(first: 3) { nodes { title postedAt } } } }
        }
      }
    }
  }
}
"""

# The same data as PAGE, in one statement, JSON built by PostgreSQL.
PAGE_FLOOR = """
select json_agg(json_build_object(
  'name', c.name,
  'grids', (select coalesce(json_agg(json_build_object('name', g.name) order by g.id), '[]')
            from (select id, name from grid where community_id = c.id order by id limit 20) g),
  'organizations', (
    select coalesce(json_agg(json_build_object(
      'name', o.name,
      'projects', (
        select coalesce(json_agg(json_build_object(
          'name', p.name,
          'updates', (
            select coalesce(json_agg(json_build_object('title', u.title, 'postedAt', u.posted_at)
                                     order by u.posted_at desc, u.id desc), '[]')
            from (select id, title, posted_at from project_update where project_id = p.id
                  order by posted_at desc, id desc limit 3) u)
        ) order by p.id), '[]')
        from (select id, name from project where id in (
                select project_id from project_participant where actor_id = o.id)
              order by id limit 5) p)
    ) order by o.id), '[]')
    from (select id, name from organization where id in (
            select pp.actor_id from project_participant pp
            join project_community pc on pc.project_id = pp.project_id
            where pc.community_id = c.id
            union
            select case when l.source_id = c.id then l.target_id else l.source_id end
            from collaboration_link l where c.id in (l.source_id, l.target_id))
          order by id limit 10) o)
) order by c.id)
from (select id, name from community order by id limit $1) c
"""

# The same data through PostGraphile 5 (the peer), with the functions of postgraphile/peer.sql.
PAGE_PEER = """
query($first: Int!) {
  allCommunities(first: $first, orderBy: PRIMARY_KEY_ASC) {
    nodes {
      name
      gridsByCommunityId(first: 20, orderBy: PRIMARY_KEY_ASC) { nodes { name } }
      partnerOrganizations(first: 10) {
        nodes {
          name
          projects(first: 5) {
            nodes { name projectUpdatesByProjectId(first: 3, orderBy: POSTED_AT_DESC) {
              nodes { title postedAt } } }
          }
        }
      }
    }
  }
}
"""

SEARCH_PEER = """
query($q: String!) { searchOrganizations(q: $q, first: 20) { nodes { name kind } } }
"""

SEARCH = """
query($q: String!) { organizations(search: $q, first: 20) { nodes { name kind } } }
"""

SEARCH_FLOOR = """
select json_agg(json_build_object('name', name, 'kind', kind) order by rank desc, id desc)
from (select id, name, kind, similarity(name, $1) as rank from organization
      where name ilike '%' || $1 || '%' or name % $1
      order by similarity(name, $1) desc, id desc limit 20) o
"""


Call = Callable[[], Awaitable[None]]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def drive(call: Call, requests: int, concurrency: int) -> dict[str, float]:
    """Run `requests` calls, `concurrency` at a time; requests per second and latencies (ms)."""
    latencies: list[float] = []
    remaining = iter(range(requests))

    async def worker() -> None:
        for _ in remaining:
            started = time.perf_counter()
            await call()
            latencies.append((time.perf_counter() - started) * 1000)

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "rps": requests / elapsed,
        "p50_ms": statistics.median(latencies),
        "p99_ms": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))],
    }


async def measure(
    url: str, base: str, peer: str | None, requests: int, concurrency: int
) -> dict[str, dict]:
    pool = await asyncpg.create_pool(url, min_size=concurrency, max_size=concurrency)
    results: dict[str, dict] = {}
    async with httpx.AsyncClient(timeout=60) as http:

        def graphql(server: str, query: str, variables: dict[str, object]) -> Call:
            async def call() -> None:
                response = await http.post(
                    f"{server}/graphql", json={"query": query, "variables": variables}
                )
                body = response.json()
                if response.status_code != 200 or "errors" in body:
                    raise RuntimeError(f"{server} answered {response.status_code}: {body}")

            return call

        async def fetch(sql: str, arg: object) -> None:
            await pool.fetchval(sql, arg)

        cases: dict[str, dict[str, Call]] = {
            "page of 50 communities": {
                "fivesoc": graphql(base, PAGE, {"first": 50}),
                "floor": lambda: fetch(PAGE_FLOOR, 50),
            },
            "Chinese name search": {
                "fivesoc": graphql(base, SEARCH, {"q": "合成机构12"}),
                "floor": lambda: fetch(SEARCH_FLOOR, "合成机构12"),
            },
        }
        if peer is not None:
            cases["page of 50 communities"]["postgraphile"] = graphql(
                peer, PAGE_PEER, {"first": 50}
            )
            cases["Chinese name search"]["postgraphile"] = graphql(
                peer, SEARCH_PEER, {"q": "合成机构12"}
            )
        for name, contenders in cases.items():
            for call in contenders.values():  # warm up every contender
                await drive(call, max(10, requests // 10), concurrency)
            results[name] = {
                who: await drive(call, requests, concurrency) for who, call in contenders.items()
            }
    await pool.close()
    return results


PEER_DIR = Path(__file__).with_name("postgraphile")


def start_peer(url: str, port: int) -> subprocess.Popen[bytes]:
    """PostGraphile 5 on `port`, after giving the database the functions it needs."""
    node = PEER_DIR / "node_modules" / ".bin" / "node"
    if not node.exists():
        raise SystemExit("run `npm install` in bench/postgraphile first (Node.js 22 comes with it)")
    subprocess.run(
        ["psql", url, "-q", "-v", "ON_ERROR_STOP=1", "-f", str(PEER_DIR / "peer.sql")], check=True
    )
    cli = PEER_DIR / "node_modules" / "postgraphile" / "dist" / "cli-run.js"
    env = {**os.environ, "DATABASE_URL": url, "PEER_PORT": str(port)}
    return subprocess.Popen(
        [str(node), str(cli), "-C", "graphile.config.mjs"],
        cwd=PEER_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def wait_until_up(url: str) -> None:
    for _ in range(150):
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not come up")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"), required=False)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument(
        "--peer", action="store_true", help="also measure PostGraphile 5 (bench/postgraphile)"
    )
    args = parser.parse_args()
    if not args.database_url:
        parser.error("give --database-url or set DATABASE_URL")
    port = free_port()
    env = {**os.environ, "DATABASE_URL": args.database_url, "FIVESOC_PORT": str(port),
           "FIVESOC_LOG_LEVEL": "warning"}  # fmt: skip
    server = subprocess.Popen(
        [sys.executable, "-m", "fivesoc", "serve", "--no-seed"], env=env, stdout=subprocess.DEVNULL
    )
    peer_port = free_port()
    peer = start_peer(args.database_url, peer_port) if args.peer else None
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(f"{base}/healthz")
        peer_base = f"http://127.0.0.1:{peer_port}" if peer is not None else None
        if peer_base is not None:
            wait_until_up(f"{peer_base}/graphql")
        results = asyncio.run(
            measure(args.database_url, base, peer_base, args.requests, args.concurrency)
        )
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
        if peer is not None:
            peer.terminate()
            peer.wait(timeout=30)
    print(json.dumps(results, indent=2, ensure_ascii=False))
    for name, contenders in results.items():
        mine = contenders["fivesoc"]
        line = [f"{name}:"]
        for who, figures in contenders.items():
            line.append(
                f"{who} {figures['rps']:.1f} req/s (p50 {figures['p50_ms']:.0f} ms, "
                f"p99 {figures['p99_ms']:.0f} ms, {figures['rps'] / mine['rps']:.2f}x fivesoc)"
            )
        print("  ".join(line))
    return 0


if __name__ == "__main__":
    sys.exit(main())
