"""Writes sent with an `Idempotency-Key`: the first answer is stored with the write, and a retry
gets it back without writing again, even when the server was killed before it answered."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import os
from collections.abc import AsyncIterator

import asyncpg
import httpx
import pytest

from fivesoc import idempotency
from fivesoc.db import idempotency as stored_answers
from fivesoc.db.held import HeldConnection
from fivesoc.graphql_http import GraphQLRequest
from fivesoc.schema.types.project import ProjectUpdate
from fivesoc.settings import Settings
from tests import served
from tests.conftest import SECRET_KEY, serve, token

POST = """
mutation($input: PostProjectUpdateInput!) {
  postProjectUpdate(input: $input) {
    update { title project { name } }
    userErrors { field message code }
  }
}
"""

UPDATES = "select count(*) from project_update where title = $1"
EVENTS = "select count(*) from change_event"
STORED = "select count(*) from idempotent_request"


@pytest.fixture
async def http(demo_url: str) -> AsyncIterator[httpx.AsyncClient]:
    settings = Settings(secret_key=SECRET_KEY).with_database_url(demo_url)
    async with serve(settings) as client:
        yield client


@pytest.fixture
async def project(demo_conn: asyncpg.Connection) -> str:
    """The global id of the demo project 幸福管家 (in 德清县)."""
    key = await demo_conn.fetchval("select id from project where name = '幸福管家'")
    return base64.b64encode(f"Project:{key}".encode()).decode()


def post_body(project: str, title: str) -> dict[str, object]:
    return {"query": POST, "variables": {"input": {"projectId": project, "title": title}}}


async def send(
    http: httpx.AsyncClient, body: dict[str, object], key: str, subject: str = "tester"
) -> httpx.Response:
    headers = {**token("admin", [], subject), "idempotency-key": key}
    return await http.post("/graphql", json=body, headers=headers)


def answer(response: httpx.Response) -> dict[str, object]:
    """The body of an answer, less what it cost (tests/test_fair_use.py tests that)."""
    body: dict[str, object] = response.json()
    body.pop("extensions", None)
    return body


POSTED = {
    "data": {
        "postProjectUpdate": {
            "update": {"title": "冬季走访", "project": {"name": "幸福管家"}},
            "userErrors": [],
        }
    }
}


async def test_a_retry_gets_the_first_answer_and_writes_nothing(
    http: httpx.AsyncClient, demo_conn: asyncpg.Connection, project: str
) -> None:
    first = await send(http, post_body(project, "冬季走访"), "retry-1")
    retry = await send(http, post_body(project, "冬季走访"), "retry-1")
    assert (first.status_code, answer(first)) == (200, POSTED)
    assert "idempotent-replayed" not in first.headers
    assert retry.status_code == 200
    assert retry.headers["idempotent-replayed"] == "true"
    assert retry.headers["content-type"] == first.headers["content-type"]
    assert retry.content == first.content
    assert await demo_conn.fetchval(UPDATES, "冬季走访") == 1
    assert await demo_conn.fetchval(EVENTS) == 1
    assert await demo_conn.fetchval(STORED) == 1


async def test_the_same_key_with_another_request_is_refused(
    http: httpx.AsyncClient, demo_conn: asyncpg.Connection, project: str
) -> None:
    await send(http, post_body(project, "冬季走访"), "reused")
    other = await send(http, post_body(project, "春季走访"), "reused")
    assert other.status_code == 422
    assert answer(other) == {
        "errors": [
            {
                "message": "this Idempotency-Key was used with another request (query, "
                "operationName or variables differ); send a new key for a new request",
                "extensions": {"code": "IDEMPOTENCY_KEY_REUSED"},
            }
        ]
    }
    assert await demo_conn.fetchval(UPDATES, "春季走访") == 0
    assert await demo_conn.fetchval(EVENTS) == 1


async def test_two_subjects_with_one_key_each_write_once(
    http: httpx.AsyncClient, demo_conn: asyncpg.Connection, project: str
) -> None:
    ana = await send(http, post_body(project, "冬季走访"), "shared", subject="ana")
    bo = await send(http, post_body(project, "冬季走访"), "shared", subject="bo")
    ana_again = await send(http, post_body(project, "冬季走访"), "shared", subject="ana")
    assert [answer(r) for r in (ana, bo, ana_again)] == [POSTED, POSTED, POSTED]
    assert [r.headers.get("idempotent-replayed") for r in (ana, bo, ana_again)] == [
        None,
        None,
        "true",
    ]
    assert await demo_conn.fetchval(UPDATES, "冬季走访") == 2
    assert await demo_conn.fetchval(EVENTS) == 2


@pytest.mark.parametrize(
    ("key", "said"),
    [
        ("", "it is empty"),
        ("two words", "character 4 is not one"),
        ("x" * 256, "it is 256 long"),
        ("clé", "character 3 is not one"),
    ],
)
async def test_a_malformed_key_is_refused(
    http: httpx.AsyncClient, demo_conn: asyncpg.Connection, project: str, key: str, said: str
) -> None:
    headers = {**token("admin", []), "idempotency-key": key.encode()}
    response = await http.post("/graphql", json=post_body(project, "冬季走访"), headers=headers)
    assert response.status_code == 400
    assert answer(response) == {
        "errors": [
            {
                "message": "the Idempotency-Key header must be 1 to 255 visible ASCII "
                f"characters (no spaces): {said}",
                "extensions": {"code": "BAD_REQUEST"},
            }
        ]
    }
    assert await demo_conn.fetchval(EVENTS) == 0
    assert await demo_conn.fetchval(STORED) == 0


async def test_a_refusal_with_user_errors_is_an_answer_stored_and_replayed(
    http: httpx.AsyncClient, demo_conn: asyncpg.Connection, project: str
) -> None:
    first = await send(http, post_body(project, "   "), "blank")
    retry = await send(http, post_body(project, "   "), "blank")
    assert answer(first) == {
        "data": {
            "postProjectUpdate": {
                "update": None,
                "userErrors": [
                    {"field": ["input", "title"], "message": "must not be blank", "code": "INVALID"}
                ],
            }
        }
    }
    assert (retry.headers["idempotent-replayed"], retry.content) == ("true", first.content)
    assert await demo_conn.fetchval(EVENTS) == 0
    assert await demo_conn.fetchval(STORED) == 1


OLD_ANSWER = """
insert into idempotent_request (subject, key, fingerprint, status, content_type, body, created_at)
values ('tester', $1, $2, 200, 'application/json', '{}', now() - $3::text::interval)
"""


async def test_a_key_is_free_again_after_24_hours(
    http: httpx.AsyncClient, demo_conn: asyncpg.Connection, project: str
) -> None:
    await demo_conn.execute(OLD_ANSWER, "old", b"\0" * 32, "24 hours 1 second")
    response = await send(http, post_body(project, "冬季走访"), "old")
    assert "idempotent-replayed" not in response.headers
    assert answer(response) == POSTED
    assert await demo_conn.fetchval(UPDATES, "冬季走访") == 1


async def test_purge_deletes_the_answers_older_than_24_hours(
    demo_conn: asyncpg.Connection,
) -> None:
    for key, age in [("a", "25 hours"), ("b", "24 hours 1 second"), ("c", "23 hours 59 minutes")]:
        await demo_conn.execute(OLD_ANSWER, key, b"\0" * 32, age)
    assert await stored_answers.purge(demo_conn) == 2
    assert await demo_conn.fetchval("select array_agg(key) from idempotent_request") == ["c"]


@pytest.mark.parametrize("key", ["a-query", "not a key"])
async def test_a_key_on_a_query_is_ignored(
    http: httpx.AsyncClient, demo_conn: asyncpg.Connection, key: str
) -> None:
    body = {"query": "{ communities { totalCount } }"}
    for _ in range(2):
        response = await send(http, body, key)
        assert answer(response) == {"data": {"communities": {"totalCount": 5}}}
        assert "idempotent-replayed" not in response.headers
    assert await demo_conn.fetchval(STORED) == 0


async def test_two_requests_at_once_with_one_key_write_once(
    http: httpx.AsyncClient, demo_conn: asyncpg.Connection, project: str
) -> None:
    both = await asyncio.gather(
        send(http, post_body(project, "冬季走访"), "twice"),
        send(http, post_body(project, "冬季走访"), "twice"),
    )
    assert [answer(r) for r in both] == [POSTED, POSTED]
    assert sorted(str(r.headers.get("idempotent-replayed")) for r in both) == ["None", "true"]
    assert await demo_conn.fetchval(UPDATES, "冬季走访") == 1
    assert await demo_conn.fetchval(EVENTS) == 1


async def test_an_answer_with_an_internal_error_is_rolled_back_and_not_stored(
    http: httpx.AsyncClient,
    demo_conn: asyncpg.Connection,
    project: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The write succeeds, then its payload fails: without a key the write would stay; with
    one, nothing stays, the answer says so (`data: null`), and a retry writes anew."""

    def broken(record: object) -> ProjectUpdate:
        raise RuntimeError("the payload cannot be built")

    with monkeypatch.context() as patched:
        patched.setattr(ProjectUpdate, "from_record", broken)
        failed = await send(http, post_body(project, "冬季走访"), "internal")
    assert failed.status_code == 200
    assert failed.json()["data"] is None
    assert [e["extensions"]["code"] for e in failed.json()["errors"]] == ["INTERNAL_SERVER_ERROR"]
    assert await demo_conn.fetchval(UPDATES, "冬季走访") == 0
    assert await demo_conn.fetchval(STORED) == 0
    retry = await send(http, post_body(project, "冬季走访"), "internal")
    assert "idempotent-replayed" not in retry.headers
    assert answer(retry) == POSTED
    assert await demo_conn.fetchval(UPDATES, "冬季走访") == 1


async def test_the_held_connection_runs_statements_sent_at_once_one_after_another(
    demo_conn: asyncpg.Connection,
) -> None:
    held = HeldConnection(demo_conn)
    values = await asyncio.gather(*(held.fetchval("select $1::int * 2", i) for i in range(10)))
    assert values == [0, 2, 4, 6, 8, 10, 12, 14, 16, 18]


async def test_a_transaction_on_the_held_connection_is_a_savepoint(
    demo_conn: asyncpg.Connection,
) -> None:
    """A block that raises undoes its own writes and no others, nested at any depth, also
    after an inner block has been rolled back to."""
    held = HeldConnection(demo_conn)
    insert = "insert into revoked_subject (subject) values ($1)"

    async def inner_fails() -> None:
        async with held.transaction():
            await held.execute(insert, "inner")
            raise RuntimeError

    async def both_fail() -> None:
        async with held.transaction():
            await held.execute(insert, "undone")
            async with held.transaction():
                await held.execute(insert, "undone too")
            with contextlib.suppress(RuntimeError):
                await inner_fails()
            raise RuntimeError

    async with demo_conn.transaction():
        async with held.acquire() as conn, conn.transaction():
            await conn.execute(insert, "outer")
            with pytest.raises(RuntimeError):
                await inner_fails()
            async with conn.transaction():
                await conn.execute(insert, "kept")
        with pytest.raises(RuntimeError):
            await both_fail()
        subjects = await held.fetch("select subject from revoked_subject order by subject")
    assert [row["subject"] for row in subjects] == ["kept", "outer"]


CLAIM = """
insert into idempotent_request (subject, key, fingerprint, status, content_type, body)
values ('tester', 'held', $1, 200, 'application/json', '{"data": "stored"}')
"""

WAITING = """
select count(*) from pg_stat_activity
where datname = current_database() and wait_event_type = 'Lock'
"""


async def _until_waiting(conn: asyncpg.Connection) -> None:
    for _ in range(200):
        if await conn.fetchval(WAITING) == 1:
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the request did not wait for the key")


@pytest.mark.parametrize("outcome", ["commit", "rollback"])
async def test_a_request_waits_for_the_transaction_holding_its_key(
    http: httpx.AsyncClient,
    demo_conn: asyncpg.Connection,
    demo_url: str,
    project: str,
    outcome: str,
) -> None:
    """Another transaction holds the key uncommitted: the request waits on it, then replays
    what it committed, or, when it rolls back, claims the key and writes itself."""
    body = post_body(project, "冬季走访")
    variables = body["variables"]
    assert isinstance(variables, dict)
    sent = idempotency.fingerprint(GraphQLRequest(POST, None, variables))
    holder = await asyncpg.connect(demo_url)
    try:
        transaction = holder.transaction()
        await transaction.start()
        await holder.execute(CLAIM, sent)
        request = asyncio.ensure_future(send(http, body, "held"))
        await _until_waiting(demo_conn)
        assert not request.done()
        await (transaction.commit() if outcome == "commit" else transaction.rollback())
        response = await asyncio.wait_for(request, timeout=10)
    finally:
        await holder.close()
    if outcome == "commit":
        assert (response.headers["idempotent-replayed"], response.content) == (
            "true",
            b'{"data": "stored"}',
        )
        assert await demo_conn.fetchval(EVENTS) == 0
    else:
        assert "idempotent-replayed" not in response.headers
        assert answer(response) == POSTED
        assert await demo_conn.fetchval(EVENTS) == 1


async def test_a_retry_waiting_longer_than_a_statement_may_is_told_to_retry_later(
    demo_url: str, demo_conn: asyncpg.Connection, project: str
) -> None:
    body = post_body(project, "冬季走访")
    variables = body["variables"]
    assert isinstance(variables, dict)
    sent = idempotency.fingerprint(GraphQLRequest(POST, None, variables))
    settings = Settings(secret_key=SECRET_KEY, statement_timeout_ms=300)
    holder = await asyncpg.connect(demo_url)
    try:
        async with holder.transaction():
            await holder.execute(CLAIM, sent)
            async with serve(settings.with_database_url(demo_url)) as http:
                response = await send(http, body, "held")
    finally:
        await holder.close()
    assert response.status_code == 409
    assert response.json()["errors"] == [
        {
            "message": "a request with this Idempotency-Key is still being answered; retry "
            "when it has been",
            "extensions": {"code": "IDEMPOTENCY_KEY_IN_USE"},
        }
    ]
    assert await demo_conn.fetchval(EVENTS) == 0


BURST = 60

OTHER_SESSIONS = """
select count(*) from pg_stat_activity
where datname = current_database() and pid <> pg_backend_pid()
"""


async def test_writes_cut_off_by_a_killed_server_are_retried_once_each(
    demo_url: str, demo_conn: asyncpg.Connection, project: str
) -> None:
    """A burst of keyed writes, the server killed (SIGKILL) amid it, a new server started,
    every unanswered write sent again with its key: each title is written exactly once."""
    env = {**os.environ, "DATABASE_URL": demo_url, "FIVESOC_SECRET_KEY": SECRET_KEY,
           "FIVESOC_LOG_LEVEL": "warning"}  # fmt: skip
    titles = [f"burst-{i:02d}" for i in range(BURST)]
    answered: dict[str, httpx.Response] = {}
    quarter_answered = asyncio.Event()

    async def write(base: str, title: str) -> None:
        async with httpx.AsyncClient(base_url=base, timeout=30) as client:
            answered[title] = await send(client, post_body(project, title), f"key-{title}")
        if len(answered) >= BURST // 4:
            quarter_answered.set()

    port = served.free_port()
    process = served.start(env, port)
    try:
        await asyncio.to_thread(served.wait_until_healthy, port)
        burst = [
            asyncio.ensure_future(write(f"http://127.0.0.1:{port}", title)) for title in titles
        ]
        await asyncio.wait_for(quarter_answered.wait(), timeout=20)
        process.kill()
        await asyncio.gather(*burst, return_exceptions=True)
    finally:
        process.kill()
        process.wait(timeout=30)
    unanswered = [title for title in titles if title not in answered]
    assert unanswered, "the server answered every write before it was killed"
    # The killed server's sessions end (rolling back what they had not committed) before the
    # rows are counted.
    for _ in range(400):
        if await demo_conn.fetchval(OTHER_SESSIONS) == 0:
            break
        await asyncio.sleep(0.05)
    else:
        raise AssertionError("the killed server's sessions did not end")
    committed_before = await demo_conn.fetchval(
        "select count(*) from project_update where title like 'burst-%'"
    )

    port = served.free_port()
    process = served.start(env, port)
    try:
        await asyncio.to_thread(served.wait_until_healthy, port)
        await asyncio.gather(*(write(f"http://127.0.0.1:{port}", t) for t in unanswered))
    finally:
        served.stop(process)

    for title in titles:
        assert answered[title].status_code == 200, answered[title].text
        assert answered[title].json()["data"]["postProjectUpdate"]["userErrors"] == []
    rows = await demo_conn.fetch(
        "select title, count(*) as n from project_update where title like 'burst-%' group by title"
    )
    assert {row["title"]: row["n"] for row in rows} == dict.fromkeys(titles, 1)
    # Writes committed before the kill but never answered come back as replays, unwritten.
    replayed = sum(answered[t].headers.get("idempotent-replayed") == "true" for t in unanswered)
    assert replayed == committed_before - (BURST - len(unanswered))
    assert await demo_conn.fetchval(EVENTS) == BURST
    assert json.loads(answered[titles[0]].content)["data"]["postProjectUpdate"]["update"] == {
        "title": titles[0],
        "project": {"name": "幸福管家"},
    }
