"""Requests per second, latency and CPU per request of fivesoc beside a floor and a peer.

Four queries (a nested page, a node by id with three counts, a filtered and ordered root list
of 100, a Chinese name search), each asked of every contender:

- `fivesoc`: a `fivesoc serve` process answering through one compiled SQL statement
  (`FIVESOC_READS=compiled`);
- `fivesoc-executed`: a second `fivesoc serve` process resolving every field in Python
  (`FIVESOC_READS=executed`), to show what the compiled path gains (`--no-executed` leaves it
  out);
- `floor`: the same data in one hand-written statement through asyncpg, the JSON built by
  PostgreSQL and fetched as text: what any API over this database must at least spend;
- `postgraphile` (`--peer`): PostGraphile 5 serving the same database (bench/postgraphile).

Servers listen on 127.0.0.1 and are driven over HTTP from this process; everything shares the
machine's cores with PostgreSQL. Before timing, the bench runs ANALYZE and checks that every
contender answers every query with the same data. Then, round after round, for each query and
each contender: a warm-up, then the timed run, during which the server's CPU time and
PostgreSQL's are read from /proc. It prints medians across rounds; the ratios are what to keep.

    python bench/api_vs_floor.py --database-url postgresql://…/bench --peer

The database should hold a generated city (`fivesoc db generate --scale city --seed 7`). Every
loop is bounded by `--requests`; the servers it starts are stopped at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import dataclasses
import datetime as dt
import json
import math
import os
import re
import signal
import socket
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import asyncpg

# 1. A page: 50 communities, their grids, partner organizations, those organizations' projects
# and each project's 3 latest updates.

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

# A community's partner organizations (`c` the community), as fivesoc's catalog relates them:
# through a live project serving the community, or a live collaboration link.
_PARTNER_IDS = """
    select pp.actor_id from project_participant pp
    join project_community pc on pc.project_id = pp.project_id
    join project j on j.id = pp.project_id
    where pc.community_id = c.id and j.archived_at is null
    union
    select case when l.source_id = c.id then l.target_id else l.source_id end
    from collaboration_link l
    where c.id in (l.source_id, l.target_id) and l.archived_at is null"""

PAGE_FLOOR = f"""
select json_build_object('communities', json_build_object('nodes', coalesce(json_agg(
  json_build_object(
    'name', c.name,
    'grids', json_build_object('nodes', (
      select coalesce(json_agg(json_build_object('name', g.name) order by g.id), '[]')
      from (select id, name from grid where community_id = c.id and archived_at is null
            order by id limit 20) g)),
    'organizations', json_build_object('nodes', (
      select coalesce(json_agg(json_build_object(
        'name', o.name,
        'projects', json_build_object('nodes', (
          select coalesce(json_agg(json_build_object(
            'name', p.name,
            'updates', json_build_object('nodes', (
              select coalesce(json_agg(
                json_build_object('title', u.title, 'postedAt', u.posted_at)
                order by u.posted_at desc, u.id desc), '[]')
              from (select id, title, posted_at from project_update where project_id = p.id
                    order by posted_at desc, id desc limit 3) u))
          ) order by p.id), '[]')
          from (select id, name from project where archived_at is null and id in (
                  select project_id from project_participant where actor_id = o.id)
                order by id limit 5) p))
      ) order by o.id), '[]')
      from (select id, name from organization
            where archived_at is null and id in ({_PARTNER_IDS})
            order by id limit 10) o))
  ) order by c.id), '[]')))::text
from (select id, name from community where archived_at is null order by id limit $1) c
"""

PAGE_PEER = """
query($first: Int!) {
  communities: allCommunities(
    first: $first, condition: {archivedAt: null}, orderBy: PRIMARY_KEY_ASC
  ) {
    nodes {
      name
      grids: gridsByCommunityId(
        first: 20, condition: {archivedAt: null}, orderBy: PRIMARY_KEY_ASC
      ) { nodes { name } }
      organizations: partnerOrganizations(first: 10) {
        nodes {
          name
          projects(first: 5) {
            nodes {
              name
              updates: projectUpdatesByProjectId(
                first: 3, orderBy: [POSTED_AT_DESC, PRIMARY_KEY_DESC]
              ) { nodes { title postedAt } }
            }
          }
        }
      }
    }
  }
}
"""

# 2. A node by its global id, with three counts.

NODE = """
query($id: ID!) {
  node(id: $id) {
    id
    ... on Community {
      name
      grids { totalCount }
      organizations { totalCount }
      servingProjects { totalCount }
    }
  }
}
"""

# The global id is fivesoc's: base64 of `Community:<id>`, unbroken.
NODE_FLOOR = f"""
select json_build_object('node', (
  select json_build_object(
    'id', replace(encode(convert_to('Community:' || c.id, 'UTF8'), 'base64'), chr(10), ''),
    'name', c.name,
    'grids', json_build_object('totalCount', (
      select count(*) from grid where community_id = c.id and archived_at is null)),
    'organizations', json_build_object('totalCount', (
      select count(*) from organization where archived_at is null and id in ({_PARTNER_IDS}))),
    'servingProjects', json_build_object('totalCount', (
      select count(*) from project where archived_at is null and id in (
        select project_id from project_community where community_id = c.id))))
  from community c where c.id = $1))::text
"""

NODE_PEER = """
query($id: ID!) {
  node(id: $id) {
    id
    ... on Community {
      name
      grids: gridsByCommunityId(condition: {archivedAt: null}) { totalCount }
      organizations: partnerOrganizations { totalCount }
      servingProjects { totalCount }
    }
  }
}
"""

# The community the node query reads: the one served by the most projects (then the one with
# the most grids), so that every count it asks for is a real one.
NODE_COMMUNITY = """
select c.id from community c where c.archived_at is null
order by (select count(*) from project_community pc where pc.community_id = c.id) desc,
         (select count(*) from grid g where g.community_id = c.id) desc, c.id
limit 1
"""

# PostGraphile's own node id for a community.
PEER_NODE_ID = "query($id: BigInt!) { communityByRowId(rowId: $id) { id } }"

# 3. A root list of 100, filtered and ordered, with a few scalar fields.

LIST = """
query($kind: OrganizationKind!) {
  organizations(first: 100, filter: {kind: $kind}, orderBy: {field: NAME}) {
    nodes { id name kind foundedOn version }
  }
}
"""

LIST_FLOOR = """
select json_build_object('organizations', json_build_object('nodes', coalesce(json_agg(
  json_build_object(
    'id', replace(encode(convert_to('Organization:' || o.id, 'UTF8'), 'base64'), chr(10), ''),
    'name', o.name, 'kind', upper(o.kind), 'foundedOn', o.founded_on, 'version', o.version)
  order by o.name, o.id), '[]')))::text
from (select id, name, kind, founded_on, version from organization
      where kind = $1 and archived_at is null order by name, id limit 100) o
"""

LIST_PEER = """
query($kind: String!) {
  organizations: allOrganizations(
    first: 100, condition: {kind: $kind, archivedAt: null}, orderBy: [NAME_ASC, PRIMARY_KEY_ASC]
  ) { nodes { id name kind foundedOn version } }
}
"""

# Social-work agencies: a fifth of the organizations, thousands in a city.
LIST_KIND = "social_work_agency"

# 4. A Chinese name search over organizations, ranked by trigram similarity.

SEARCH = """
query($q: String!) { organizations(search: $q, first: 20) { nodes { name kind } } }
"""

# The search text holds none of LIKE's wildcards, so it goes into the pattern as it is.
SEARCH_FLOOR = """
select json_build_object('organizations', json_build_object('nodes', coalesce(json_agg(
  json_build_object('name', o.name, 'kind', upper(o.kind)) order by o.rank desc, o.id desc),
  '[]')))::text
from (select id, name, kind, similarity(name, $1) as rank from organization
      where (name ilike '%' || $1 || '%' or name % $1) and archived_at is null
      order by similarity(name, $1) desc, id desc limit 20) o
"""

SEARCH_PEER = """
query($q: String!) { organizations: searchOrganizations(q: $q, first: 20) { nodes { name kind } } }
"""

SEARCH_TEXT = "合成机构12"

PEER_DIR = Path(__file__).with_name("postgraphile")
START_TIMEOUT_S = 120
STOP_TIMEOUT_S = 30
REQUEST_TIMEOUT_S = 120
CONTENDERS = ("fivesoc", "fivesoc-executed", "floor", "postgraphile")
# A compiled answer is PostgreSQL's JSON text, spliced in: its objects read `{"key" : value`,
# where strawberry's read `{"key":value`.
BUILT_BY_POSTGRESQL = re.compile(r'\{"data":\{"[^"]+" : ')


@dataclasses.dataclass(frozen=True)
class Case:
    """One query as each contender asks it, and how many rows its answer must at least hold
    (so that an empty answer, equal everywhere, cannot pass the check)."""

    name: str
    graphql: str
    variables: Mapping[str, object]
    floor: str
    floor_args: tuple[object, ...]
    peer: str
    peer_variables: Mapping[str, object]
    rows: Callable[[Any], int]
    least: int


def cases(community: int, peer_node_id: str | None) -> list[Case]:
    """The four queries; the node query reads `community` (PostGraphile's id for it given)."""
    return [
        Case(
            name="page of 50 communities",
            graphql=PAGE,
            variables={"first": 50},
            floor=PAGE_FLOOR,
            floor_args=(50,),
            peer=PAGE_PEER,
            peer_variables={"first": 50},
            rows=lambda data: len(data["communities"]["nodes"]),
            least=50,
        ),
        Case(
            name="node by id, 3 counts",
            graphql=NODE,
            variables={"id": base64_id("Community", community)},
            floor=NODE_FLOOR,
            floor_args=(community,),
            peer=NODE_PEER,
            peer_variables={"id": peer_node_id},
            rows=lambda data: 0 if data["node"] is None else 1,
            least=1,
        ),
        Case(
            name="100 organizations by name",
            graphql=LIST,
            variables={"kind": LIST_KIND.upper()},
            floor=LIST_FLOOR,
            floor_args=(LIST_KIND,),
            peer=LIST_PEER,
            peer_variables={"kind": LIST_KIND},
            rows=lambda data: len(data["organizations"]["nodes"]),
            least=100,
        ),
        Case(
            name="Chinese name search",
            graphql=SEARCH,
            variables={"q": SEARCH_TEXT},
            floor=SEARCH_FLOOR,
            floor_args=(SEARCH_TEXT,),
            peer=SEARCH_PEER,
            peer_variables={"q": SEARCH_TEXT},
            rows=lambda data: len(data["organizations"]["nodes"]),
            least=1,
        ),
    ]


def base64_id(type_name: str, row_id: int) -> str:
    """fivesoc's global id of a row: base64 of `<type name>:<id>`."""
    return base64.b64encode(f"{type_name}:{row_id}".encode()).decode()


# Answers compared across contenders.


# Fields each server writes in a form of its own, brought to one before comparing:
# PostGraphile gives enum values as stored (`social_work_agency`) and instants with six
# decimals of seconds; fivesoc and the floor give enum names and leave out zero decimals.
_SAME_FORM: Mapping[str, Callable[[Any], Any]] = {
    "kind": lambda value: value.upper(),
    "postedAt": lambda value: dt.datetime.fromisoformat(value),
}


def comparable(value: Any, *, ids: bool) -> Any:
    """`value` with `_SAME_FORM` applied, and without `id` fields unless `ids` (PostGraphile's
    node ids are its own; fivesoc's and the floor's are compared)."""
    if isinstance(value, dict):
        return {
            key: _SAME_FORM[key](item)
            if key in _SAME_FORM and item is not None
            else comparable(item, ids=ids)
            for key, item in value.items()
            if ids or key != "id"
        }
    if isinstance(value, list):
        return [comparable(item, ids=ids) for item in value]
    return value


def first_difference(mine: Any, theirs: Any, path: str = "data") -> str | None:
    """Where two answers first differ, as a path and both values; None if they are equal."""
    if isinstance(mine, dict) and isinstance(theirs, dict):
        if list(mine) != list(theirs):
            return f"{path}: fields {list(mine)} != {list(theirs)}"
        for key in mine:
            found = first_difference(mine[key], theirs[key], f"{path}.{key}")
            if found is not None:
                return found
        return None
    if isinstance(mine, list) and isinstance(theirs, list):
        for index, (a, b) in enumerate(zip(mine, theirs, strict=False)):
            found = first_difference(a, b, f"{path}[{index}]")
            if found is not None:
                return found
        if len(mine) != len(theirs):
            return f"{path}: {len(mine)} items != {len(theirs)}"
        return None
    if mine != theirs:
        return f"{path}: {mine!r} != {theirs!r}"
    return None


# Contenders.

Answer = str | bytes
Call = Callable[[], Awaitable[Answer]]


class HTTPConnection:
    """One keep-alive HTTP/1.1 connection to a server on 127.0.0.1, sending whole requests.

    Far lighter than a general client (httpx spends more CPU per request than fivesoc's
    server does), so that the bench's own work, which shares the cores, weighs little on what
    it measures. It reads what these servers send: a status line, headers, and a body of
    Content-Length bytes or in chunks.
    """

    def __init__(self, port: int, reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        self.port = port
        self._reader = reader
        self._writer = writer

    async def exchange(self, request: bytes) -> tuple[int, bytes]:
        """Send `request`; the status and body of the response."""
        self._writer.write(request)
        status_line = await self._reader.readline()
        if not status_line:
            raise ConnectionError(f"127.0.0.1:{self.port} closed the connection")
        headers: dict[bytes, bytes] = {}
        while (line := await self._reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.partition(b":")
            headers[name.strip().lower()] = value.strip().lower()
        if headers.get(b"transfer-encoding") == b"chunked":
            body = await self._chunks()
        else:
            body = await self._reader.readexactly(int(headers[b"content-length"]))
        return int(status_line.split()[1]), body

    async def _chunks(self) -> bytes:
        parts = []
        while size := int((await self._reader.readline()).split(b";")[0], 16):
            parts.append(await self._reader.readexactly(size))
            await self._reader.readline()
        await self._reader.readline()  # the empty trailer
        return b"".join(parts)


@contextlib.asynccontextmanager
async def http_connection(port: int) -> AsyncIterator[HTTPConnection]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        yield HTTPConnection(port, reader, writer)
    finally:
        writer.close()
        with contextlib.suppress(OSError):
            await writer.wait_closed()


def graphql_request(port: int, query: str, variables: Mapping[str, object]) -> bytes:
    """The whole HTTP request of a GraphQL POST to /graphql, encoded once."""
    body = json.dumps({"query": query, "variables": variables}).encode()
    head = (
        f"POST /graphql HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


@contextlib.asynccontextmanager
async def graphql_session(
    port: int, query: str, variables: Mapping[str, object]
) -> AsyncIterator[Call]:
    """A request function over a connection of its own; an error answer stops the bench.

    Answers are not decoded while timing (the check decodes them once, beforehand): an
    error shows as a top-level `"errors":` key, which no JSON string can hold unescaped.
    """
    request = graphql_request(port, query, variables)
    async with http_connection(port) as connection:

        async def call() -> bytes:
            async with asyncio.timeout(REQUEST_TIMEOUT_S):
                status, body = await connection.exchange(request)
            if status != 200 or b'"errors":' in body:
                raise RuntimeError(f"127.0.0.1:{port} answered {status}: {body[:2000]!r}")
            return body

        yield call


@dataclasses.dataclass(frozen=True)
class Contender:
    """A way of answering the cases. `session` opens a request function for a case (one per
    request in flight; its result the answer as received), and `data` reads an answer's data.
    The CPU counted as the server's is that of `pid` and its children, or this process's own
    where there is no server (the floor). A `peer` names node ids and enum values its own
    way."""

    name: str
    session: Callable[[Case], contextlib.AbstractAsyncContextManager[Call]]
    data: Callable[[Answer], Any]
    pid: int | None
    peer: bool = False


def graphql_data(answer: Answer) -> Any:
    return json.loads(answer)["data"]


def server_contender(name: str, server: Server, *, peer: bool = False) -> Contender:
    def session(case: Case) -> contextlib.AbstractAsyncContextManager[Call]:
        if peer:
            return graphql_session(server.port, case.peer, case.peer_variables)
        return graphql_session(server.port, case.graphql, case.variables)

    return Contender(name, session, graphql_data, server.pid, peer)


def floor_contender(pool: asyncpg.Pool) -> Contender:
    """The floor: each request takes a connection of the pool, as the servers' requests do."""

    @contextlib.asynccontextmanager
    async def session(case: Case) -> AsyncIterator[Call]:
        async def fetch() -> str:
            text: str = await pool.fetchval(case.floor, *case.floor_args)
            return text

        yield fetch

    return Contender("floor", session, json.loads, None)


async def answer(contender: Contender, case: Case) -> Answer:
    """One answer of `contender` to `case`."""
    async with contender.session(case) as call:
        return await call()


async def check(contenders: Sequence[Contender], all_cases: Sequence[Case]) -> None:
    """Every contender answers every case with the same data as the first one, or the bench
    stops and says where they differ: the timings compare equal work or nothing."""
    reference, others = contenders[0], contenders[1:]
    for case in all_cases:
        text = await answer(reference, case)
        mine = reference.data(text)
        if case.rows(mine) < case.least:
            raise SystemExit(
                f"check: {reference.name} answers {case.name!r} with {case.rows(mine)} rows, "
                f"fewer than {case.least}: is the database a generated county or city?"
            )
        for other in others:
            theirs = other.data(await answer(other, case))
            found = first_difference(
                comparable(mine, ids=not other.peer), comparable(theirs, ids=not other.peer)
            )
            if found is not None:
                raise SystemExit(
                    f"check: {other.name} answers {case.name!r} differently from "
                    f"{reference.name}, at {found}"
                )
        written = text.decode() if isinstance(text, bytes) else text
        compiled = BUILT_BY_POSTGRESQL.match(written) is not None
        path = "one SQL statement" if compiled else "the executed path (not compiled)"
        print(f"check: {case.name}: all agree; {reference.name} answered through {path}")


# Measures.


@dataclasses.dataclass(frozen=True)
class Proc:
    """What /proc says of a process: its parent, its name, and its CPU seconds (user and
    system, with those of its children that have ended)."""

    ppid: int
    comm: str
    cpu_s: float


def processes() -> dict[int, Proc]:
    """Every process of the machine, from /proc/<pid>/stat (see proc(5))."""
    tick = os.sysconf("SC_CLK_TCK")
    found: dict[int, Proc] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            text = Path(entry.path, "stat").read_text()
        except OSError:  # ended meanwhile
            continue
        # The name is in parentheses and may hold anything, parentheses included.
        head, _, tail = text.rpartition(")")
        fields = tail.split()
        # Fields 4 (ppid) and 14-17 (utime, stime, cutime, cstime), numbered from 1 as in
        # proc(5); `fields` starts at field 3.
        ticks = sum(int(value) for value in fields[11:15])
        found[int(entry.name)] = Proc(int(fields[1]), head.partition("(")[2], ticks / tick)
    return found


def tree_cpu_s(procs: Mapping[int, Proc], root: int) -> float:
    """CPU seconds of `root` and every live process below it."""
    children: dict[int, list[int]] = {}
    for pid, proc in procs.items():
        children.setdefault(proc.ppid, []).append(pid)
    total, todo = 0.0, [root]
    while todo:
        pid = todo.pop()
        if pid in procs:
            total += procs[pid].cpu_s
        todo.extend(children.get(pid, ()))
    return total


def postgres_cpu_s(procs: Mapping[int, Proc]) -> float:
    """CPU seconds of the PostgreSQL server: every process named `postgres`. A backend that
    ends passes its time to the postmaster's children's time, so the sum only grows."""
    return sum(proc.cpu_s for proc in procs.values() if proc.comm == "postgres")


@dataclasses.dataclass(frozen=True)
class Figures:
    """One timed run: throughput, latency (ms), and CPU per request (ms) of the server, of
    PostgreSQL and of this process (the client, or the floor itself)."""

    rps: float
    p50_ms: float
    p99_ms: float
    server_cpu_ms: float
    db_cpu_ms: float
    client_cpu_ms: float


def percentile(ordered: Sequence[float], q: float) -> float:
    """The nearest-rank percentile of an ascending sequence."""
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


async def drive(calls: Sequence[Call], requests: int) -> tuple[float, list[float]]:
    """Run `requests` calls, one at a time through each of `calls`: the seconds it took and
    each latency (ms)."""
    latencies: list[float] = []
    remaining = iter(range(requests))

    async def worker(call: Call) -> None:
        for _ in remaining:
            started = time.perf_counter()
            await call()
            latencies.append((time.perf_counter() - started) * 1000)

    started = time.perf_counter()
    await asyncio.gather(*(worker(call) for call in calls))
    return time.perf_counter() - started, latencies


async def timed(contender: Contender, calls: Sequence[Call], requests: int) -> Figures:
    """One timed run through `calls`, with the CPU that the server, PostgreSQL and this
    process spent meanwhile, per request."""
    before = processes()
    client = time.process_time()
    elapsed, latencies = await drive(calls, requests)
    client = time.process_time() - client
    after = processes()
    if contender.pid is None:
        server = client
    else:
        server = tree_cpu_s(after, contender.pid) - tree_cpu_s(before, contender.pid)
    latencies.sort()
    per_request = 1000 / requests
    return Figures(
        rps=requests / elapsed,
        p50_ms=statistics.median(latencies),
        p99_ms=percentile(latencies, 0.99),
        server_cpu_ms=server * per_request,
        db_cpu_ms=(postgres_cpu_s(after) - postgres_cpu_s(before)) * per_request,
        client_cpu_ms=client * per_request,
    )


@dataclasses.dataclass(frozen=True)
class Result:
    round: int
    case: str
    contender: str
    figures: Figures


async def measure(
    contenders: Sequence[Contender],
    all_cases: Sequence[Case],
    *,
    requests: int,
    concurrency: int,
    rounds: int,
) -> list[Result]:
    """Every round, every case, every contender: a warm-up, then the timed run, through the
    same `concurrency` connections. Each round starts with the next contender, so that none
    always follows the same one."""
    warm_up = max(10, requests // 10)
    results: list[Result] = []
    for number in range(rounds):
        shift = number % len(contenders)
        order = [*contenders[shift:], *contenders[:shift]]
        for case in all_cases:
            for contender in order:
                async with contextlib.AsyncExitStack() as sessions:
                    calls = [
                        await sessions.enter_async_context(contender.session(case))
                        for _ in range(concurrency)
                    ]
                    await drive(calls, warm_up)
                    figures = await timed(contender, calls, requests)
                results.append(Result(number + 1, case.name, contender.name, figures))
                print(
                    f"round {number + 1}/{rounds}  {case.name}  {contender.name}: "
                    f"{figures.rps:.1f} req/s",
                    file=sys.stderr,
                    flush=True,
                )
    return results


# Servers.


@dataclasses.dataclass(frozen=True)
class Server:
    pid: int
    port: int


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.asynccontextmanager
async def serving(
    name: str,
    argv: Sequence[str],
    *,
    port: int,
    env: Mapping[str, str],
    stop: signal.Signals,
    logs: Path,
    cwd: Path | None = None,
) -> AsyncIterator[Server]:
    """A server process, up once it answers a GraphQL request; stopped on leaving, whatever
    happens. Its output goes to a file, shown if it fails to start."""
    log_path = logs / f"{name}.log"
    with log_path.open("wb") as log:
        process = await asyncio.create_subprocess_exec(
            *argv, cwd=cwd, env={**os.environ, **env}, stdout=log, stderr=asyncio.subprocess.STDOUT
        )
        try:
            await wait_until_up(name, process, port, log_path)
            yield Server(process.pid, port)
        finally:
            if process.returncode is None:
                process.send_signal(stop)
            try:
                await asyncio.wait_for(process.wait(), STOP_TIMEOUT_S)
            except TimeoutError:
                process.kill()
                await process.wait()


async def wait_until_up(
    name: str, process: asyncio.subprocess.Process, port: int, log_path: Path
) -> None:
    """Wait until the server answers `{ __typename }` on `port`, at most START_TIMEOUT_S."""
    request = graphql_request(port, "{ __typename }", {})
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.returncode is not None:
            raise SystemExit(
                f"{name} ended at start (status {process.returncode}):\n{tail(log_path)}"
            )
        with contextlib.suppress(OSError, asyncio.IncompleteReadError, TimeoutError):
            async with asyncio.timeout(5), http_connection(port) as connection:
                status, _ = await connection.exchange(request)
                if status == 200:
                    return
        await asyncio.sleep(0.2)
    raise SystemExit(f"{name} did not answer on 127.0.0.1:{port} within {START_TIMEOUT_S} s")


def tail(path: Path, size: int = 3000) -> str:
    """The end of a log file."""
    return path.read_text(errors="replace")[-size:]


def fivesoc_server(
    database_url: str, reads: str, logs: Path
) -> contextlib.AbstractAsyncContextManager[Server]:
    """`fivesoc serve` on a free port, reading as `reads` says, logging only warnings."""
    port = free_port()
    env = {
        "DATABASE_URL": database_url,
        "FIVESOC_HOST": "127.0.0.1",
        "FIVESOC_PORT": str(port),
        "FIVESOC_LOG_LEVEL": "warning",
        "FIVESOC_READS": reads,
        # Costs are worked out and charged as always, from a budget the bench cannot empty.
        "FIVESOC_ANONYMOUS_BUDGET_PER_MINUTE": str(10**12),
    }
    argv = [sys.executable, "-m", "fivesoc", "serve", "--no-seed"]
    return serving(f"fivesoc-{reads}", argv, port=port, env=env, stop=signal.SIGINT, logs=logs)


def peer_server(database_url: str, logs: Path) -> contextlib.AbstractAsyncContextManager[Server]:
    """PostGraphile 5 on a free port, in production mode, with the Node.js of its package."""
    node = PEER_DIR / "node_modules" / ".bin" / "node"
    cli = PEER_DIR / "node_modules" / "postgraphile" / "dist" / "cli-run.js"
    if not node.exists() or not cli.exists():
        raise SystemExit("run `npm install` in bench/postgraphile first (Node.js 22 comes with it)")
    port = free_port()
    env = {
        "DATABASE_URL": database_url,
        "PEER_PORT": str(port),
        "GRAPHILE_ENV": "production",
        "NODE_ENV": "production",
    }
    argv = [str(node), str(cli), "-C", "graphile.config.mjs"]
    return serving(
        "postgraphile", argv, port=port, env=env, stop=signal.SIGTERM, logs=logs, cwd=PEER_DIR
    )


# The run.


async def run(args: argparse.Namespace, logs: Path) -> list[Result]:
    """Prepare the database, start the servers, check the answers, and measure (unless only
    `--check` was asked); the servers and connections are closed on the way out."""
    url: str = args.database_url
    async with contextlib.AsyncExitStack() as stack:
        # Instants in UTC, as fivesoc writes them; JSON built in PostgreSQL prints them in the
        # session's time zone.
        pool = await asyncpg.create_pool(
            url,
            min_size=args.concurrency,
            max_size=args.concurrency,
            server_settings={"timezone": "UTC"},
        )
        stack.push_async_callback(pool.close)
        print("ANALYZE …", file=sys.stderr, flush=True)
        await pool.execute("analyze")
        if args.peer:
            await pool.execute((PEER_DIR / "peer.sql").read_text())
        community: int = await pool.fetchval(NODE_COMMUNITY)

        contenders = [
            server_contender(
                "fivesoc", await stack.enter_async_context(fivesoc_server(url, "compiled", logs))
            )
        ]
        if not args.no_executed:
            server = await stack.enter_async_context(fivesoc_server(url, "executed", logs))
            contenders.append(server_contender("fivesoc-executed", server))
        contenders.append(floor_contender(pool))
        peer_node_id = None
        if args.peer:
            server = await stack.enter_async_context(peer_server(url, logs))
            contenders.append(server_contender("postgraphile", server, peer=True))
            async with graphql_session(server.port, PEER_NODE_ID, {"id": str(community)}) as ask:
                peer_node_id = graphql_data(await ask())["communityByRowId"]["id"]

        all_cases = cases(community, peer_node_id)
        await check(contenders, all_cases)
        if args.check:
            return []
        return await measure(
            contenders,
            all_cases,
            requests=args.requests,
            concurrency=args.concurrency,
            rounds=args.rounds,
        )


def medians(results: Sequence[Result]) -> dict[tuple[str, str], Figures]:
    """Each figure's median across rounds, per case and contender, in the order measured."""
    runs: dict[tuple[str, str], list[Figures]] = {}
    for result in results:
        runs.setdefault((result.case, result.contender), []).append(result.figures)
    return {
        key: Figures(
            *(
                statistics.median(getattr(figures, field.name) for figures in measured)
                for field in dataclasses.fields(Figures)
            )
        )
        for key, measured in runs.items()
    }


def table(results: Sequence[Result]) -> str:
    """The Markdown table of the medians, contenders in `CONTENDERS` order within a case."""
    summary = medians(results)
    lines = [
        "| query | contender | req/s | p50 ms | p99 ms | server CPU ms/req | db CPU ms/req "
        "| × floor req/s |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    case_names = list(dict.fromkeys(case for case, _ in summary))
    for case in case_names:
        floor = summary.get((case, "floor"))
        for contender in CONTENDERS:
            figures = summary.get((case, contender))
            if figures is None:
                continue
            ratio = f"{figures.rps / floor.rps:.2f}×" if floor is not None else "—"
            lines.append(
                f"| {case} | {contender} | {figures.rps:,.1f} | {figures.p50_ms:.1f} "
                f"| {figures.p99_ms:.1f} | {figures.server_cpu_ms:.2f} | {figures.db_cpu_ms:.2f} "
                f"| {ratio} |"
            )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--requests", type=int, default=200, help="timed requests per run")
    parser.add_argument("--concurrency", type=int, default=8, help="requests in flight")
    parser.add_argument("--rounds", type=int, default=3, help="runs of every query and contender")
    parser.add_argument(
        "--peer", action="store_true", help="also measure PostGraphile 5 (bench/postgraphile)"
    )
    parser.add_argument(
        "--no-executed", action="store_true", help="leave out fivesoc with FIVESOC_READS=executed"
    )
    parser.add_argument(
        "--check", action="store_true", help="only check that all contenders agree, then stop"
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="write every run's figures")
    args = parser.parse_args()
    if not args.database_url:
        parser.error("give --database-url or set DATABASE_URL")
    for name in ("requests", "concurrency", "rounds"):
        if getattr(args, name) < 1:
            parser.error(f"--{name} must be at least 1")

    with tempfile.TemporaryDirectory(prefix="api_vs_floor-") as logs:
        results = asyncio.run(run(args, Path(logs)))
    if not results:
        return 0
    if args.json is not None:
        args.json.write_text(
            json.dumps(
                {
                    "requests": args.requests,
                    "concurrency": args.concurrency,
                    "rounds": args.rounds,
                    "runs": [dataclasses.asdict(result) for result in results],
                },
                indent=2,
                ensure_ascii=False,
            )
        )
    print(
        f"\nMedians of {args.rounds} rounds, {args.requests} requests each, "
        f"{args.concurrency} in flight; the floor's server CPU is this process's own.\n"
    )
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
