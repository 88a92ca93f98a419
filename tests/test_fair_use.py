"""Fair use: costs worked out before an operation runs, a cap per operation, and budgets per
caller shared through PostgreSQL by every server process."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import itertools
import json
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import httpx
import pytest
import websockets.asyncio.client
from graphql import parse
from strawberry import relay
from websockets.typing import Subprotocol

from fivesoc.app import create_app
from fivesoc.db import budgets, network
from fivesoc.schema import build_schema
from fivesoc.schema.cost import Estimate, NetworkAsk, estimate
from fivesoc.settings import Settings
from tests import served
from tests.conftest import SECRET_KEY, StatementLog, token

SCHEMA = build_schema()._schema
NEW = "application/graphql-response+json"
# 1 for the connection, and 20 communities of the default page.
COMMUNITIES = "{ communities { nodes { name } } }"


def cost_of(query: str, variables: dict[str, object] | None = None) -> Estimate:
    return estimate(SCHEMA, parse(query), None, variables, 20)


@pytest.mark.parametrize(
    ("query", "objects"),
    [
        # The connection, then each of its 50 communities with its connection of 10 grids.
        ("{ communities(first: 50) { nodes { name grids(first: 10) { totalCount "
         "nodes { name } } } } }", 1 + 50 + 50 * (1 + 10)),
        # An edge and its node are one object each; pageInfo one in all.
        ("{ communities(first: 3) { edges { cursor node { name } } pageInfo { hasNextPage } } }",
         1 + 3 + 3 + 1),
        (COMMUNITIES, 1 + 20),
        ('{ nodes(ids: ["a", "b", "c"]) { id } }', 3),
        ("query { ...F } fragment F on Query { communities(first: 2) "
         "{ nodes { ... on Community { region { name } } } } }", 1 + 2 + 2),
        ("{ communities(last: 4) { totalCount } }", 1),
        ("{ __typename }", 0),
    ],
)  # fmt: skip
def test_the_cost_counts_the_objects_an_operation_may_return(query: str, objects: int) -> None:
    assert cost_of(query) == Estimate(objects)


def test_a_network_costs_the_actors_of_its_scope_once_per_network() -> None:
    query = """query($r: ID!) { network(scope: {region: $r}) {
        summary { nodes } timeline(dates: ["2022-01-01", "2023-01-01", "2024-01-01"]) { date } } }"""
    found = cost_of(query, {"r": "UmVnaW9uOjE2"})
    # The network and its summary, a list of timeline moments (a default page), and three
    # networks of the scope: the one asked for and two more dates of the timeline.
    assert found == Estimate(1 + 1 + 20, (NetworkAsk("UmVnaW9uOjE2", None, 3),))
    assert found.total({found.networks[0]: 1_000}) == 22 + 3 * 1_000


@contextlib.asynccontextmanager
async def app_client(
    url: str, settings: Settings, address: str = "10.0.0.1", log: StatementLog | None = None
) -> AsyncIterator[httpx.AsyncClient]:
    """A client of an app on `url`, calling from `address`."""
    app = create_app(
        settings.with_database_url(url), connection_init=None if log is None else log.attach
    )
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, client=(address, 1))
        async with httpx.AsyncClient(transport=transport, base_url="http://fivesoc.test") as http:
            yield http


def small(**changes: int) -> Settings:
    return Settings(
        secret_key=SECRET_KEY,
        max_cost=changes.get("max_cost", 100),
        anonymous_budget_per_minute=changes.get("anonymous", 100),
        budget_per_minute=changes.get("subjects", 1_000),
    )


async def ask(http: httpx.AsyncClient, query: str, headers: dict[str, str] | None = None
              ) -> httpx.Response:  # fmt: skip
    return await http.post(
        "/graphql", json={"query": query}, headers={"accept": NEW, **(headers or {})}
    )


async def test_an_operation_costing_more_than_the_cap_is_refused_before_it_runs(
    demo_url: str,
) -> None:
    async with app_client(demo_url, small(max_cost=20)) as http:
        refused = await ask(http, COMMUNITIES)
        after = await ask(http, "{ communities { totalCount } }")
    assert refused.status_code == 400
    assert refused.json()["errors"] == [
        {
            "message": "this operation would cost 21 points, more than the 20 one operation may "
            "cost: ask for smaller pages, fewer nested lists or a smaller network scope",
            "extensions": {"code": "MAX_COST_EXCEEDED", "cost": 21, "maximum": 20},
        }
    ]
    assert "data" not in refused.json()
    # Nothing was charged for it: the next operation (1 point) finds the budget full.
    assert after.json()["extensions"]["cost"]["throttleStatus"]["currentlyAvailable"] == 99


async def test_past_the_budget_an_operation_is_rate_limited_with_when_to_retry(
    demo_url: str,
) -> None:
    async with app_client(demo_url, small()) as http:
        answers = [await ask(http, COMMUNITIES) for _ in range(5)]
    # 100 points a minute, 21 an operation: four fit (16 left), the fifth does not.
    assert [a.status_code for a in answers] == [200, 200, 200, 200, 429]
    left = [a.json()["extensions"]["cost"]["throttleStatus"]["currentlyAvailable"] for a in answers]
    assert left[:4] == [79, 58, 37, 16]
    limited = answers[4]
    error = limited.json()["errors"][0]
    assert error["extensions"]["code"] == "RATE_LIMITED"
    # 5 points short, refilled at 100/60 a second: 3 s (less if the requests were slow).
    assert 1 <= error["extensions"]["retryAfter"] <= 3
    assert limited.headers["retry-after"] == str(error["extensions"]["retryAfter"])
    assert error["message"].startswith("this operation costs 21 points and your budget holds 16")
    assert "data" not in limited.json()


async def test_each_caller_has_its_own_budget(demo_url: str) -> None:
    async with app_client(demo_url, small()) as http:
        for _ in range(4):
            await ask(http, COMMUNITIES)
        anonymous = await ask(http, COMMUNITIES)
        analyst = await ask(http, COMMUNITIES, token("analyst", [], subject="ana"))
    async with app_client(demo_url, small(), address="10.0.0.2") as elsewhere:
        neighbour = await ask(elsewhere, COMMUNITIES)
    assert anonymous.status_code == 429
    # A token's subject spends its own budget (1,000 here); another address its own.
    assert analyst.status_code == 200
    assert analyst.json()["extensions"]["cost"]["throttleStatus"]["currentlyAvailable"] == 979
    assert neighbour.json()["extensions"]["cost"]["throttleStatus"]["currentlyAvailable"] == 79


async def test_servers_on_one_database_share_the_budgets(demo_url: str) -> None:
    async with (
        app_client(demo_url, small()) as first,
        app_client(demo_url, small()) as second,
    ):
        spent = [await ask(first if i % 2 else second, COMMUNITIES) for i in range(4)]
        last = await ask(first, COMMUNITIES)
    assert [a.status_code for a in spent] == [200] * 4
    assert last.status_code == 429


async def test_concurrent_operations_never_spend_more_than_the_budget(demo_url: str) -> None:
    async with app_client(demo_url, Settings(
        secret_key=SECRET_KEY, max_cost=100, anonymous_budget_per_minute=100, pool_max_size=10,
    )) as http:  # fmt: skip
        answers = await asyncio.gather(*(ask(http, COMMUNITIES) for _ in range(12)))
    assert sorted(a.status_code for a in answers) == [200] * 4 + [429] * 8


async def test_fair_use_adds_one_statement_to_an_operation(demo_url: str) -> None:
    counts = {}
    for max_cost in (0, 100):
        log = StatementLog()
        settings = dataclasses.replace(small(max_cost=max_cost), pool_min_size=1, pool_max_size=1)
        async with app_client(demo_url, settings, log=log) as http:
            await ask(http, COMMUNITIES)  # asyncpg's type cache, warmed
            log.statements.clear()
            await ask(http, COMMUNITIES)
        counts[max_cost] = log.statements
    assert len(counts[100]) == len(counts[0]) + 1
    assert [s for s in counts[100] if "cost_budget" in s] == [counts[100][0]]


async def test_a_network_file_costs_its_scope(demo_url: str, demo_conn: asyncpg.Connection) -> None:
    region = await demo_conn.fetchval("select id from region where name = '德清县'")
    actors = await network.scope_actors(demo_conn, region)
    params = {"region": str(relay.GlobalID("Region", str(region))), "format": "json"}
    async with app_client(demo_url, small(max_cost=1_000, anonymous=1_000)) as http:
        exported = await http.get("/network/export", params=params)
        again = await http.get("/network/export", params=params)
    async with app_client(demo_url, small(max_cost=actors - 1)) as http:
        refused = await http.get("/network/export", params=params)
    assert exported.status_code == 200
    assert (exported.headers["x-cost"], exported.headers["x-cost-remaining"]) == (
        str(actors),
        str(1_000 - actors),
    )
    # Spent twice, less what refilled in between (1,000 a minute: 17 a second).
    assert 0 <= int(again.headers["x-cost-remaining"]) - (1_000 - 2 * actors) <= 17
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["extensions"]["code"] == "MAX_COST_EXCEEDED"


async def test_a_subscription_pays_when_it_starts(demo_url: str, tmp_path: Path) -> None:
    """Over WebSocket too: with the budget spent, a subscription is refused with RATE_LIMITED."""
    with served.running(
        demo_url, tmp_path / "serve.log", SECRET_KEY,
        FIVESOC_MAX_COST="21", FIVESOC_ANONYMOUS_BUDGET_PER_MINUTE="21",
    ) as address:  # fmt: skip
        async with httpx.AsyncClient(base_url=f"http://{address}") as http:
            spent = await ask(http, COMMUNITIES)  # 21 points: all of it
        async with websockets.asyncio.client.connect(
            f"ws://{address}/graphql", subprotocols=[Subprotocol("graphql-transport-ws")]
        ) as ws:
            await ws.send(json.dumps({"type": "connection_init"}))
            assert json.loads(await ws.recv())["type"] == "connection_ack"
            query = "subscription { events { event { type } } }"  # 2 points
            await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": query}}))
            answer = json.loads(await asyncio.wait_for(ws.recv(), 10))
            ended = json.loads(await asyncio.wait_for(ws.recv(), 10))
    assert spent.status_code == 200
    assert answer["type"] == "next"
    assert answer["payload"]["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
    assert ended == {"id": "1", "type": "complete"}


async def test_a_keyed_write_refused_by_the_budget_is_not_stored(
    demo_url: str, demo_conn: asyncpg.Connection
) -> None:
    """A RATE_LIMITED answer is no answer to keep: its key stays free for a later retry."""
    project_id = await demo_conn.fetchval("select id from project order by id limit 1")
    mutation = {
        "query": "mutation($i: PostProjectUpdateInput!) { postProjectUpdate(input: $i) "
        "{ update { title } userErrors { code } } }",
        "variables": {"i": {"projectId": str(relay.GlobalID("Project", str(project_id))),
                            "title": "限额"}},
    }  # fmt: skip
    admin = {**token("admin", [], subject="keyed"), "accept": NEW}
    async with app_client(demo_url, small(subjects=30)) as http:
        first = await http.post(
            "/graphql", json=mutation, headers={**admin, "idempotency-key": "k-1"}
        )
        second = await http.post(
            "/graphql", json=mutation, headers={**admin, "idempotency-key": "k-2"}
        )
    # The payload, its update, and its userErrors (a list of objects: a default page of 20).
    assert first.json()["extensions"]["cost"]["requestedQueryCost"] == 1 + 1 + 20
    assert first.json()["data"]["postProjectUpdate"]["update"] == {"title": "限额"}
    # 8 points left of 30: the second is refused, and its key is not kept.
    assert second.status_code == 429
    assert second.json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
    stored = await demo_conn.fetch("select key from idempotent_request order by key")
    assert [row["key"] for row in stored] == ["k-1"]
    titles = await demo_conn.fetchval("select count(*) from project_update where title = '限额'")
    assert titles == 1


async def test_budgets_idle_for_a_minute_are_forgotten(demo_conn: asyncpg.Connection) -> None:
    await demo_conn.execute(
        "insert into cost_budget (caller, available, updated_at, last_take) values "
        "('idle', 5, now() - interval '2 minutes', 1), ('busy', 5, now(), 1)"
    )
    await budgets.forget_idle(demo_conn)
    assert await demo_conn.fetchval("select array_agg(caller) from cost_budget") == ["busy"]


async def test_a_failure_while_charging_reaches_the_client_masked(
    demo_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def failing(*args: object, **kwargs: object) -> tuple[float, float]:
        raise RuntimeError("a detail of fivesoc's own")

    monkeypatch.setattr(budgets, "take", failing)
    async with app_client(demo_url, small()) as http:
        answer = await ask(http, COMMUNITIES)
    (error,) = answer.json()["errors"]
    assert error["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
    assert error["message"].startswith("Internal server error (error id ")
    assert "detail" not in answer.text


async def test_a_busy_caller_spends_a_share_held_by_its_process(demo_url: str) -> None:
    """With a budget of 2,000 a minute, a process takes a twentieth (100 points) at a time:
    four operations of 21 points cost the database one statement, the fifth takes a share
    again, giving back the 16 left of the first."""
    log = StatementLog()
    settings = dataclasses.replace(small(anonymous=2_000), pool_min_size=1, pool_max_size=1)
    async with app_client(demo_url, settings, log=log) as http:
        left = []
        for _ in range(5):
            answer = await ask(http, COMMUNITIES)
            left.append(answer.json()["extensions"]["cost"]["throttleStatus"]["currentlyAvailable"])
    takes = [s for s in log.statements if s.lstrip().startswith("insert into cost_budget")]
    assert len(takes) == 2
    # What is left, as each answer says it, falls by 21 while the share lasts; the new share
    # also counts what the bucket refilled meanwhile (33 points a second).
    drops = [round(a - b) for a, b in itertools.pairwise(left)]
    assert left[0] == 2_000 - 21
    assert drops[:3] == [21, 21, 21]
    assert 0 < drops[3] <= 21
