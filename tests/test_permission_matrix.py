"""Every cell of `fivesoc.permissions.GRANTS`, tried against a running server.

The cases are generated from the declaration: for each operation and record class, each kind
of viewer (anonymous, analyst, a caseworker inside the record's region and one outside it,
admin, an expired token, a revoked token) and each transport (HTTP, and WebSocket with
graphql-transport-ws), one probe asks the server to do that operation on such a record and
says whether it was done (`seen`), refused or hidden (`not seen`), or the token refused
(`unauthenticated`). What is expected comes from `GRANTS` alone: `all` → seen, `own` → seen
only by the caseworker inside the region, `none` → not seen; an expired or revoked token is
refused whatever it asks. Network files exist only over HTTP.

The network holds no personal records, so its personal cells are `none` for every role: their
probes look for a personal name (a household head, a member, a volunteer) in what the network
answers, which must never be there.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import datetime as dt
import json
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import jwt
import pytest
from strawberry import relay
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed
from websockets.typing import Subprotocol

from fivesoc import permissions
from fivesoc.auth import Role, issue_token
from fivesoc.db import connect as db_connect
from fivesoc.db import revocations
from fivesoc.permissions import (
    ALL,
    ANALYZE,
    COUNT,
    EXPORT,
    FOLLOW,
    NEW_WINDOW,
    OWN,
    PERSONAL,
    READ,
    WRITE,
    Operation,
    RecordClass,
)
from tests import served
from tests.conftest import SECRET_KEY, Clones

SEEN, NOT_SEEN, UNAUTHENTICATED = "seen", "not seen", "unauthenticated"

# The kinds of viewer, with the role their token names (None: no token).
VIEWERS: dict[str, Role | None] = {
    "anonymous": None,
    "analyst": "analyst",
    "caseworker inside": "caseworker",
    "caseworker outside": "caseworker",
    "admin": "admin",
    "expired token": "caseworker",
    "revoked token": "caseworker",
}
TRANSPORTS = ("http", "ws")


def expected(viewer: str, operation: Operation, record_class: RecordClass) -> str:
    """What `GRANTS` says this viewer gets."""
    if viewer in ("expired token", "revoked token"):
        return UNAUTHENTICATED
    role = VIEWERS[viewer] or "anonymous"
    granted = permissions.scope(role, operation, record_class)
    if granted is ALL or (granted is OWN and viewer == "caseworker inside"):
        return SEEN
    return NOT_SEEN


def transports(operation: Operation) -> tuple[str, ...]:
    return ("http",) if operation is EXPORT else TRANSPORTS


CASES = [
    pytest.param(viewer, operation, record_class, transport, id=f"{viewer}-{operation.value}-"
                 f"{record_class.value}-{transport}")
    for viewer in VIEWERS
    for operation in Operation
    for record_class in RecordClass
    for transport in transports(operation)
]  # fmt: skip


@dataclasses.dataclass(frozen=True)
class World:
    """The running server, its database, the records the probes aim at, and the tokens."""

    address: str
    database_url: str
    county: str  # global ids
    community: str
    household: str
    need: str
    project_update: str
    after: str | None  # the change log's cursor before the fixture's own events
    households: int
    communities: int
    personal_names: frozenset[str]
    headers: dict[str, dict[str, str]]


def _gid(type_name: str, key: int) -> str:
    return str(relay.GlobalID(type_name, str(key)))


# The first county holding both a household and a community; another county; counts; every
# personal name there is.
FIND = """
with county as (
    select r.id, r.path from region r
    where r.level = 'county'
      and exists (select from household h join region p on p.id = h.region_id
                  where r.path @> p.path)
      and exists (select from community c join region p on p.id = c.region_id
                  where r.path @> p.path)
    order by r.id limit 1
)
select county.id as county,
       (select h.id from household h join region p on p.id = h.region_id
        where county.path @> p.path order by h.id limit 1) as household,
       (select c.id from community c join region p on p.id = c.region_id
        where county.path @> p.path order by c.id limit 1) as community,
       (select r.id from region r where r.level = 'county' and r.id <> county.id
        order by r.id limit 1) as elsewhere,
       (select p.id from project p order by p.id limit 1) as project,
       (select count(*) from household) as households,
       (select count(*) from community where archived_at is null) as communities,
       (select array_agg(name) from (select head_name as name from household
        union select full_name from household_member union select full_name from volunteer) n)
           as personal_names
from county
"""


async def _prepare(url: str) -> tuple[asyncpg.Record, str]:
    """The records to aim at, and a revoked caseworker token."""
    conn = await db_connect.connect(url)
    try:
        found = await conn.fetchrow(FIND)
        assert found is not None
        revoked = issue_token(SECRET_KEY, "revoked", "caseworker", [found["county"]])
        claims = jwt.decode(revoked, options={"verify_signature": False})
        expires = dt.datetime.fromtimestamp(claims["exp"], dt.UTC)
        await revocations.revoke_token(conn, claims["jti"], expires)
        return found, revoked
    finally:
        await conn.close()


def _post(address: str, headers: dict[str, str], query: str, variables: dict[str, Any]) -> Any:
    answer = httpx.post(
        f"http://{address}/graphql",
        json={"query": query, "variables": variables},
        headers=headers,
        timeout=30,
    )
    body = answer.json()
    assert "errors" not in body, body
    return body["data"]


@pytest.fixture(scope="module")
def world(server_url: str, demo_template: str, tmp_path_factory: pytest.TempPathFactory
          ) -> Iterator[World]:  # fmt: skip
    clones = Clones(server_url)
    url = asyncio.run(clones.clone(demo_template))
    found, revoked = asyncio.run(_prepare(url))
    county = found["county"]
    now = dt.datetime.now(dt.UTC)
    headers = {
        "anonymous": {},
        "analyst": issue_token(SECRET_KEY, "analyst", "analyst", []),
        "caseworker inside": issue_token(SECRET_KEY, "inside", "caseworker", [county]),
        "caseworker outside": issue_token(
            SECRET_KEY, "outside", "caseworker", [found["elsewhere"]]
        ),
        "admin": issue_token(SECRET_KEY, "admin", "admin", []),
        "expired token": issue_token(
            SECRET_KEY, "expired", "caseworker", [county], now=now - dt.timedelta(hours=2)
        ),
        "revoked token": revoked,
    }
    bearer = {
        viewer: {} if value == {} else {"authorization": f"Bearer {value}"}
        for viewer, value in headers.items()
    }
    log = tmp_path_factory.mktemp("matrix") / "serve.log"
    with contextlib.ExitStack() as stack:
        stack.callback(lambda: asyncio.run(clones.drop_all()))
        address = stack.enter_context(served.running(url, log, SECRET_KEY))
        admin = bearer["admin"]
        total = _post(address, admin, "{ events { totalCount } }", {})["events"]["totalCount"]
        after = None
        if total:
            edges = _post(address, admin, "query($n: Int) { events(first: $n) { edges { cursor } } }",
                          {"n": total})["events"]["edges"]  # fmt: skip
            after = edges[-1]["cursor"]
        household = _gid("Household", found["household"])
        need = _post(
            address,
            admin,
            "mutation($i: OpenNeedInput!) { openNeed(input: $i) { need { id } userErrors "
            "{ message } } }",
            {"i": {"householdId": household, "kind": "CARE", "description": "matrix"}},
        )["openNeed"]["need"]["id"]
        update = _post(
            address,
            admin,
            "mutation($i: PostProjectUpdateInput!) { postProjectUpdate(input: $i) "
            "{ update { id } userErrors { message } } }",
            {"i": {"projectId": _gid("Project", found["project"]), "title": "matrix"}},
        )["postProjectUpdate"]["update"]["id"]
        yield World(
            address=address,
            database_url=url,
            county=_gid("Region", county),
            community=_gid("Community", found["community"]),
            household=household,
            need=need,
            project_update=update,
            after=after,
            households=found["households"],
            communities=found["communities"],
            personal_names=frozenset(found["personal_names"]),
            headers=bearer,
        )


@dataclasses.dataclass(frozen=True)
class Answer:
    """What a transport brought back: data (None when refused), errors, and whether the
    token itself was refused."""

    data: dict[str, Any] | None
    errors: list[dict[str, Any]]
    unauthenticated: bool = False


async def _over_http(world: World, viewer: str, query: str, variables: dict[str, Any]) -> Answer:
    async with httpx.AsyncClient(timeout=60) as http:
        answer = await http.post(
            f"http://{world.address}/graphql",
            json={"query": query, "variables": variables},
            headers=world.headers[viewer],
        )
    if answer.status_code == 401:
        return Answer(None, [], unauthenticated=True)
    body = answer.json()
    return Answer(body.get("data"), body.get("errors", []))


async def _over_ws(world: World, viewer: str, query: str, variables: dict[str, Any]) -> Answer:
    """The first result of `query` over graphql-transport-ws (a subscription's first event)."""
    try:
        async with connect(
            f"ws://{world.address}/graphql",
            subprotocols=[Subprotocol("graphql-transport-ws")],
            additional_headers=world.headers[viewer],
        ) as ws:
            await ws.send(json.dumps({"type": "connection_init"}))
            assert json.loads(await ws.recv())["type"] == "connection_ack"
            payload = {"query": query, "variables": variables}
            await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": payload}))
            message = json.loads(await asyncio.wait_for(ws.recv(), 60))
    except ConnectionClosed as closed:
        code = None if closed.rcvd is None else closed.rcvd.code
        if code != 4401:
            raise
        return Answer(None, [], unauthenticated=True)
    if message["type"] == "error":
        return Answer(None, message["payload"])
    assert message["type"] == "next", message
    return Answer(message["payload"].get("data"), message["payload"].get("errors", []))


Send = Callable[[str, dict[str, Any]], Awaitable[Answer]]


async def _rows(world: World, sql: str, name: str) -> int:
    conn = await db_connect.connect(world.database_url)
    try:
        count: int = await conn.fetchval(sql, name)
        return count
    finally:
        await conn.close()


def _labels(data: dict[str, Any] | None) -> set[str]:
    if data is None or data.get("network") is None:
        return set()
    return {node["label"] for node in data["network"]["nodes"]["nodes"]}


NETWORK_LABELS = """query($r: ID!, $w: NetworkWindow) {
  network(scope: {region: $r}, window: $w) { nodes(first: 100) { nodes { label } } } }"""


async def probe(
    world: World, viewer: str, operation: Operation, record_class: RecordClass, send: Send,
    transport: str, day: dt.date,
) -> bool:  # fmt: skip
    """Whether `operation` on a record of `record_class` was done for `viewer`."""
    personal = record_class is PERSONAL
    name = f"{viewer} {transport}"  # of what a write creates: one per case
    if operation is READ:
        if personal:
            got = await send("query($id: ID!) { node(id: $id) { ... on Household { headName } } }",
                             {"id": world.household})  # fmt: skip
            return got.data is not None and (got.data["node"] or {}).get("headName") is not None
        got = await send("query($id: ID!) { node(id: $id) { ... on Community { name } } }",
                         {"id": world.community})  # fmt: skip
        return got.data is not None and (got.data["node"] or {}).get("name") is not None
    if operation is COUNT:
        field, total = ("households", world.households) if personal else (
            "communities", world.communities)  # fmt: skip
        got = await send(f"{{ {field} {{ totalCount }} }}", {})
        return got.data is not None and got.data[field]["totalCount"] == total
    if operation is WRITE:
        if personal:
            got = await send(
                "mutation($i: CreateHouseholdMemberInput!) { createHouseholdMember(input: $i) "
                "{ householdMember { id } userErrors { code } } }",
                {"i": {"householdId": world.household, "fullName": name, "relation": "CHILD"}},
            )
            sql = "select count(*) from household_member where full_name = $1"
            done = got.data is not None and got.data["createHouseholdMember"]["householdMember"]
        else:
            got = await send(
                "mutation($i: CreateGridInput!) { createGrid(input: $i) { grid { id } "
                "userErrors { code } } }",
                {"i": {"communityId": world.community, "name": name}},
            )
            sql = "select count(*) from grid where name = $1"
            done = got.data is not None and got.data["createGrid"]["grid"]
        assert await _rows(world, sql, name) == (1 if done else 0), "rows follow the answer"
        return bool(done)
    if operation is FOLLOW:
        wanted = world.need if personal else world.project_update
        kind = "need.opened" if personal else "project_update.posted"
        if transport == "ws":
            # Replayed from before the fixture's need, then its project update: of both, the
            # first event is the need for those who may follow it, else the update.
            types = ["need.opened", "project_update.posted"] if personal else [kind]
            got = await send(
                "subscription($a: String, $t: [String!]) { events(after: $a, "
                "filter: {types: $t}) { event { type entityId } } }",
                {"a": world.after, "t": types},
            )
            first = None if got.data is None else got.data["events"]["event"]
            return first is not None and first["entityId"] == wanted
        got = await send(
            "query($t: [String!]) { events(first: 100, filter: {types: $t}) "
            "{ nodes { entityId } } }",
            {"t": [kind]},
        )
        return got.data is not None and any(
            n["entityId"] == wanted for n in got.data["events"]["nodes"]
        )
    if operation in (ANALYZE, NEW_WINDOW):
        window = None if operation is ANALYZE else {"asOf": day.isoformat()}
        got = await send(NETWORK_LABELS, {"r": world.county, "w": window})
        labels = _labels(got.data)
        if personal:
            return bool(labels & world.personal_names)
        return bool(labels) and not got.errors
    assert operation is EXPORT
    async with httpx.AsyncClient(timeout=60) as http:
        answer = await http.get(
            f"http://{world.address}/network/export",
            params={"region": world.county, "format": "graphml"},
            headers=world.headers[viewer],
        )
    if answer.status_code == 401:
        raise Unauthenticated
    if answer.status_code != 200:
        return False
    if personal:
        return any(person in answer.text for person in world.personal_names)
    return "<graphml" in answer.text


class Unauthenticated(Exception):
    """The server refused the token itself."""


@pytest.mark.parametrize(("viewer", "operation", "record_class", "transport"), CASES)
async def test_a_cell_of_the_matrix(
    world: World, viewer: str, operation: Operation, record_class: RecordClass, transport: str
) -> None:
    index = [c.values for c in CASES].index((viewer, operation, record_class, transport))
    over = _over_http if transport == "http" else _over_ws

    answers: list[Answer] = []

    async def send(query: str, variables: dict[str, Any]) -> Answer:
        answer = await over(world, viewer, query, variables)
        answers.append(answer)
        if answer.unauthenticated:
            raise Unauthenticated
        return answer

    day = dt.date(2020, 1, 1) + dt.timedelta(days=index)  # a window nobody computed yet
    try:
        done = await probe(world, viewer, operation, record_class, send, transport, day)
        outcome = SEEN if done else NOT_SEEN
    except Unauthenticated:
        outcome = UNAUTHENTICATED
    assert outcome == expected(viewer, operation, record_class), answers


def test_every_declared_cell_is_tried() -> None:
    """Each role × operation × record class of `GRANTS` has its cases, over every transport
    the operation has: 7 viewers × (6 operations × 2 classes × 2 transports + exports'
    2 classes over HTTP) = 182."""
    tried = {(VIEWERS[v] or "anonymous", o, c) for v, o, c, _ in (p.values for p in CASES)}
    declared = {(role, o, c) for role, o, c, _ in permissions.matrix()}
    assert tried == declared
    assert len(CASES) == 182


def test_the_readme_shows_the_matrix(repo_root: Path) -> None:
    """The README's table is the declaration, cell for cell."""
    readme = (repo_root / "README.md").read_text(encoding="utf-8")
    for role, operations in permissions.GRANTS.items():
        cells = [f"{public.value} / {personal.value}" for public, personal in operations.values()]
        assert f"| {role} | " + " | ".join(cells) + " |" in readme, role
