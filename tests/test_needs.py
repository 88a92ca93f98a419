"""The need lifecycle: refer, resolve, close with versions; its subscription is guarded."""

from __future__ import annotations

import asyncio
import base64
from typing import Any

import asyncpg
import pytest
from starlette.testclient import TestClient

from fivesoc.app import create_app
from fivesoc.db import connect
from fivesoc.settings import Settings
from tests.conftest import SECRET_KEY, GraphQLClient, token

MOVE = """
mutation($input: UpdateNeedStatusInput!) {
  updateNeedStatus(input: $input) {
    need { status version resolvedOn }
    userErrors { field message code }
  }
}
"""


def _gid(type_name: str, key: int) -> str:
    return base64.b64encode(f"{type_name}:{key}".encode()).decode()


async def _need(conn: asyncpg.Connection, place: str, kind: str) -> int:
    need_id: int = await conn.fetchval(
        "select n.id from need n join household h on h.id = n.household_id "
        "join region r on r.id = h.region_id where r.name = $1 and n.kind = $2",
        place,
        kind,
    )
    return need_id


async def _open_need(conn: asyncpg.Connection) -> int:
    """A fresh open need of the 干河陈街道 household, opened on 2023-12-10."""
    need_id: int = await conn.fetchval(
        "insert into need (household_id, kind, description, opened_on) "
        "select household_id, 'care', '', '2023-12-10' from need where id = $1 returning id",
        await _need(conn, "干河陈街道", "medical"),
    )
    return need_id


async def test_resolve_a_referred_need(
    client: GraphQLClient, demo_conn: asyncpg.Connection
) -> None:
    need = await _open_need(demo_conn)
    await demo_conn.execute(
        "update need set status = 'referred', referred_on = '2023-12-10', referred_to_id = "
        "(select id from organization where name = '干河陈街道民政所') where id = $1",
        need,
    )
    yuanhui = await demo_conn.fetchval("select id from region where name = '源汇区'")
    caseworker = client.as_viewer(token("caseworker", [yuanhui]))
    data = await caseworker.data(
        MOVE,
        {"input": {"needId": _gid("Need", need), "status": "RESOLVED", "expectedVersion": 1,
                   "on": "2023-12-20"}},
    )  # fmt: skip
    assert data["updateNeedStatus"] == {
        "need": {"status": "RESOLVED", "version": 2, "resolvedOn": "2023-12-20"},
        "userErrors": [],
    }
    event = await demo_conn.fetchrow("select type, summary::text as summary from change_event")
    assert event["type"] == "need.resolved"
    assert event["summary"] == '{"to": "resolved", "from": "referred", "version": 2}'


@pytest.mark.parametrize(
    ("place", "kind", "move", "field", "code", "message"),
    [
        ("干河陈街道", "medical", {"status": "CLOSED", "expectedVersion": 2},
         ["input", "expectedVersion"], "CONFLICT",
         "the need is at version 1, not 2: read it again and retry"),
        ("龙城镇", "family_relations", {"status": "REFERRED", "expectedVersion": 1},
         ["input", "status"], "INVALID", "a resolved need cannot become referred"),
        ("临颍县", "safety", {"status": "RESOLVED", "expectedVersion": 1},
         ["input", "status"], "INVALID", "a resolved need cannot become resolved"),
    ],
)  # fmt: skip
async def test_a_refused_move_writes_nothing(
    client: GraphQLClient,
    demo_conn: asyncpg.Connection,
    place: str,
    kind: str,
    move: dict[str, Any],
    field: list[str],
    code: str,
    message: str,
) -> None:
    need = await _need(demo_conn, place, kind)
    before = await demo_conn.fetchrow("select status, version from need where id = $1", need)
    admin = client.as_viewer(token("admin", []))
    data = await admin.data(MOVE, {"input": {"needId": _gid("Need", need), **move}})
    assert data["updateNeedStatus"]["userErrors"] == [
        {"field": field, "message": message, "code": code}
    ]
    assert (
        await demo_conn.fetchrow("select status, version from need where id = $1", need) == before
    )
    assert await demo_conn.fetchval("select count(*) from change_event") == 0


async def test_an_anonymous_move_is_forbidden(
    client: GraphQLClient, demo_conn: asyncpg.Connection
) -> None:
    need = await _need(demo_conn, "临颍县", "safety")
    data = await client.data(
        MOVE, {"input": {"needId": _gid("Need", need), "status": "CLOSED", "expectedVersion": 1}}
    )
    assert [e["code"] for e in data["updateNeedStatus"]["userErrors"]] == ["FORBIDDEN"]
    assert await demo_conn.fetchval("select status from need where id = $1", need) == "resolved"


SUBSCRIBE = "subscription { needChanges { type need { kind status } } }"


async def _ids(url: str) -> dict[str, int]:
    conn = await connect.connect(url)
    try:
        return {
            "yuanhui": await conn.fetchval("select id from region where name = '源汇区'"),
            "ganhechen": await _need(conn, "干河陈街道", "medical"),
            "linying": await _need(conn, "临颍县", "safety"),
        }
    finally:
        await conn.close()


def _start(ws: Any) -> None:
    ws.send_json({"type": "connection_init"})
    assert ws.receive_json()["type"] == "connection_ack"
    ws.send_json({"id": "1", "type": "subscribe", "payload": {"query": SUBSCRIBE}})


def test_need_changes_reach_only_a_covering_caseworker(demo_url: str) -> None:
    ids = asyncio.run(_ids(demo_url))
    app = create_app(Settings(secret_key=SECRET_KEY).with_database_url(demo_url))
    with TestClient(app) as http:
        with http.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"]) as anonymous:
            _start(anonymous)
            refusal = anonymous.receive_json()
            assert refusal["type"] == "next"
            assert refusal["payload"]["errors"][0]["message"].startswith("needs are personal data")
        with http.websocket_connect(
            "/graphql",
            subprotocols=["graphql-transport-ws"],
            headers=token("caseworker", [ids["yuanhui"]]),
        ) as ws:
            _start(ws)
            admin = token("admin", [])
            for need in (ids["linying"], ids["ganhechen"]):  # 临颍县 lies outside 源汇区
                body = http.post(
                    "/graphql",
                    headers=admin,
                    json={"query": MOVE, "variables": {"input": {
                        "needId": _gid("Need", need), "status": "CLOSED", "expectedVersion": 1}}},
                ).json()  # fmt: skip
                assert body["data"]["updateNeedStatus"]["userErrors"] == []
            message = ws.receive_json()
            # The 临颍县 need was closed first but lies outside the token: only 干河陈's comes.
            assert message["payload"]["data"]["needChanges"] == {
                "type": "need.closed",
                "need": {"kind": "MEDICAL", "status": "CLOSED"},
            }


@pytest.mark.parametrize(
    ("move", "field", "message"),
    [
        # The database's rule need_referred_to_check, answered as the input at fault.
        ({"status": "REFERRED"}, ["input", "referredToId"],
         "a referral names the organization it goes to"),
        ({"status": "CLOSED", "on": "2023-12-09"}, ["input", "on"],
         "the date is before the need was opened"),
    ],
)  # fmt: skip
async def test_a_move_breaking_a_need_rule_names_its_field(
    client: GraphQLClient,
    demo_conn: asyncpg.Connection,
    move: dict[str, Any],
    field: list[str],
    message: str,
) -> None:
    need = await _open_need(demo_conn)
    admin = client.as_viewer(token("admin", []))
    data = await admin.data(
        MOVE, {"input": {"needId": _gid("Need", need), "expectedVersion": 1, **move}}
    )
    assert data["updateNeedStatus"] == {
        "need": None,
        "userErrors": [{"field": field, "message": message, "code": "INVALID"}],
    }
    row = await demo_conn.fetchrow("select status, version from need where id = $1", need)
    assert tuple(row) == ("open", 1)


async def test_a_referral_to_no_organization_is_not_found_whatever_the_move(
    client: GraphQLClient, demo_conn: asyncpg.Connection
) -> None:
    need = await _open_need(demo_conn)
    admin = client.as_viewer(token("admin", []))
    data = await admin.data(
        MOVE,
        {"input": {"needId": _gid("Need", need), "status": "RESOLVED", "expectedVersion": 1,
                   "referredToId": _gid("Organization", 999999), "on": "2023-12-11"}},
    )  # fmt: skip
    assert data["updateNeedStatus"]["userErrors"] == [
        {
            "field": ["input", "referredToId"],
            "message": "no organization has the id 999999",
            "code": "NOT_FOUND",
        }
    ]


async def test_a_referral_keeps_its_organization_when_closed(
    client: GraphQLClient, demo_conn: asyncpg.Connection
) -> None:
    need = await _open_need(demo_conn)
    office = await demo_conn.fetchval("select id from organization where name = '干河陈街道民政所'")
    admin = client.as_viewer(token("admin", []))
    query = """
    mutation($input: UpdateNeedStatusInput!) {
      updateNeedStatus(input: $input) {
        need { status referredTo { name } referredOn closedOn }
        userErrors { code }
      }
    }
    """
    referred = await admin.data(
        query,
        {"input": {"needId": _gid("Need", need), "status": "REFERRED", "expectedVersion": 1,
                   "referredToId": _gid("Organization", office), "on": "2023-12-10"}},
    )  # fmt: skip
    closed = await admin.data(
        query,
        {"input": {"needId": _gid("Need", need), "status": "CLOSED", "expectedVersion": 2,
                   "on": "2023-12-12"}},
    )  # fmt: skip
    assert referred["updateNeedStatus"]["need"] == {
        "status": "REFERRED",
        "referredTo": {"name": "干河陈街道民政所"},
        "referredOn": "2023-12-10",
        "closedOn": None,
    }
    assert closed["updateNeedStatus"]["need"] == {
        "status": "CLOSED",
        "referredTo": {"name": "干河陈街道民政所"},
        "referredOn": "2023-12-10",
        "closedOn": "2023-12-12",
    }


async def test_update_need_cannot_write_a_status_or_its_dates(client: GraphQLClient) -> None:
    # The rules of 0015_need_rules.sql bind status, referral and dates, which only
    # updateNeedStatus moves: updateNeed corrects a need's kind and description alone.
    data = await client.data('{ __type(name: "UpdateNeedInput") { inputFields { name } } }')
    names = {field["name"] for field in data["__type"]["inputFields"]}
    assert names == {"id", "expectedVersion", "kind", "description"}
