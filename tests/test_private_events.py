"""Events about personal records reach only those who may read the record: in `events`, by id,
in subscriptions and in `fivesoc events tail`; to everyone else they do not exist."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import asyncpg
import pytest
from starlette.testclient import TestClient

from fivesoc import auth
from fivesoc.app import create_app
from fivesoc.db import events
from fivesoc.settings import Settings
from tests.conftest import SECRET_KEY, GraphQLClient, token

EVENTS = "{ events { totalCount nodes { id type } } }"


@pytest.fixture
async def logged(demo_conn: asyncpg.Connection) -> dict[str, int]:
    """Three events: a project's (public) and a household's in 康乾街道 (Deqing), a need's in
    Luohe; the region ids of Deqing county and Luohe city."""
    deqing_town = await demo_conn.fetchval("select id from region where name = '康乾街道'")
    luohe = await demo_conn.fetchval("select id from region where name = '漯河市'")
    async with demo_conn.transaction():
        await events.append(demo_conn, "project.status_changed", "Project", 1, deqing_town, {})
        await events.append(demo_conn, "household.created", "Household", 2, deqing_town, {})
        await events.append(demo_conn, "need.closed", "Need", 3, luohe, {"kind": "medical"})
    return {
        "deqing": await demo_conn.fetchval("select id from region where name = '德清县'"),
        "luohe": luohe,
    }


def _types(data: dict) -> list[str]:
    return [node["type"] for node in data["events"]["nodes"]]


async def test_the_log_shows_each_reader_only_what_it_may_read(
    client: GraphQLClient, logged: dict[str, int]
) -> None:
    anonymous = await client.data(EVENTS)
    assert (_types(anonymous), anonymous["events"]["totalCount"]) == (
        ["project.status_changed"],
        1,
    )
    analyst = await client.as_viewer(token("analyst", [])).data(EVENTS)
    assert _types(analyst) == ["project.status_changed"]
    deqing = await client.as_viewer(token("caseworker", [logged["deqing"]])).data(EVENTS)
    assert (_types(deqing), deqing["events"]["totalCount"]) == (
        ["project.status_changed", "household.created"],
        2,
    )
    admin = await client.as_viewer(token("admin", [])).data(EVENTS)
    assert _types(admin) == ["project.status_changed", "household.created", "need.closed"]


async def test_a_personal_event_by_id_is_null_to_those_who_may_not_read_it(
    client: GraphQLClient, logged: dict[str, int]
) -> None:
    admin = await client.as_viewer(token("admin", [])).data(EVENTS)
    need_event = admin["events"]["nodes"][2]["id"]
    query = "query($id: ID!) { node(id: $id) { id ... on ChangeEvent { type } } }"
    assert await client.data(query, {"id": need_event}) == {"node": None}
    outside = client.as_viewer(token("caseworker", [logged["deqing"]]))
    assert await outside.data(query, {"id": need_event}) == {"node": None}
    inside = client.as_viewer(token("caseworker", [logged["luohe"]]))
    assert await inside.data(query, {"id": need_event}) == {
        "node": {"id": need_event, "type": "need.closed"}
    }


SUBSCRIBE = "subscription { events { event { type } } }"


def test_a_subscription_delivers_only_what_its_viewer_may_read(
    demo_url: str, logged: dict[str, int]
) -> None:
    settings = Settings(secret_key=SECRET_KEY).with_database_url(demo_url)
    with TestClient(create_app(settings)) as http:
        delivered = {}
        for who, headers in (("anonymous", {}), ("admin", token("admin", []))):
            with http.websocket_connect(
                "/graphql", subprotocols=["graphql-transport-ws"], headers=headers
            ) as ws:
                ws.send_json({"type": "connection_init"})
                assert ws.receive_json()["type"] == "connection_ack"
                ws.send_json({"id": "1", "type": "subscribe", "payload": {"query": SUBSCRIBE}})
                first = ws.receive_json()["payload"]["data"]["events"]["event"]["type"]
                delivered[who] = first
                if who == "admin":
                    more = [
                        ws.receive_json()["payload"]["data"]["events"]["event"]["type"]
                        for _ in range(2)
                    ]
                    delivered[who] = [first, *more]
    assert delivered["anonymous"] == "project.status_changed"
    assert delivered["admin"] == ["project.status_changed", "household.created", "need.closed"]


def _tail(demo_url: str, *extra: str) -> list[str]:
    env = {**os.environ, "DATABASE_URL": demo_url, "FIVESOC_SECRET_KEY": SECRET_KEY}
    done = subprocess.run(
        [sys.executable, "-m", "fivesoc", "events", "tail", "--no-follow", *extra],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return [json.loads(line)["type"] for line in done.stdout.splitlines()]


def test_events_tail_prints_personal_events_only_to_a_reader_who_may_read_them(
    demo_url: str, logged: dict[str, int]
) -> None:
    assert _tail(demo_url) == ["project.status_changed"]
    admin = auth.issue_token(SECRET_KEY, "ops", "admin", [])
    assert _tail(demo_url, "--token", admin) == [
        "project.status_changed",
        "household.created",
        "need.closed",
    ]
