"""While the database cannot be reached, reads and writes answer at once with UNAVAILABLE
(HTTP 503, retry later), and no driver message reaches the client."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

import asyncpg
import pytest

from fivesoc.db import connect
from fivesoc.settings import Settings
from tests.conftest import SECRET_KEY, Clones, serve, token

READ = "{ communities(first: 1) { nodes { name } } }"
WRITE = (
    'mutation { createUniversity(input: {regionId: "UmVnaW9uOjE=", name: "某大学"}) {'
    " userErrors { code } } }"
)


async def _drop(admin: asyncpg.Connection, name: str) -> None:
    await admin.execute(f'drop database "{name}" with (force)')


async def _refuse(admin: asyncpg.Connection, name: str) -> None:
    """The database refuses new connections and its open ones are ended."""
    await admin.execute(f'alter database "{name}" with allow_connections false')
    pids = [r["pid"] for r in await admin.fetch(ACTIVE, name, admin.get_server_pid())]
    for pid in pids:  # by its value, and only while it is still a process of that database
        await admin.execute(TERMINATE, pid, name)


ACTIVE = "select pid from pg_stat_activity where datname = $1 and pid <> $2"
TERMINATE = "select pg_terminate_backend(pid) from pg_stat_activity where pid = $1 and datname = $2"


@pytest.mark.parametrize("outage", [_drop, _refuse], ids=["dropped", "refusing-connections"])
async def test_reads_and_writes_answer_unavailable_while_the_database_is_gone(
    clones: Clones,
    demo_template: str,
    outage: Callable[[asyncpg.Connection, str], Awaitable[None]],
    caplog: pytest.LogCaptureFixture,
) -> None:
    url = await clones.clone(demo_template)
    name = urlsplit(url).path.lstrip("/")
    settings = Settings(secret_key=SECRET_KEY).with_database_url(url)
    async with serve(settings) as http:
        before = await http.post("/graphql", json={"query": READ})
        assert before.status_code == 200
        admin = await connect.connect(clones.server)
        try:
            await outage(admin, name)
        finally:
            await admin.close()
        answers = {}
        for kind, query, headers in (("read", READ, {}), ("write", WRITE, token("admin", []))):
            started = time.monotonic()
            response = await http.post(
                "/graphql",
                json={"query": query},
                headers={**headers, "accept": "application/graphql-response+json"},
            )
            answers[kind] = (response, time.monotonic() - started)
    for kind, (response, took) in answers.items():
        assert response.status_code == 503, (kind, response.text)
        assert response.headers["retry-after"] == "5"
        (error,) = response.json()["errors"]
        assert error["extensions"] == {"code": "UNAVAILABLE"}, kind
        assert error["message"] == (
            "the database cannot be reached just now; retry in a few seconds"
        )
        assert took < 5, (kind, took)
    # Expected, so logged in a line each: no traceback, as for a fault of fivesoc.
    assert [r.getMessage() for r in caplog.records if r.exc_info] == []


def _pool_record(error: Exception) -> logging.LogRecord:
    """What asyncpg's pool logs when it fails to reopen its minimum of connections."""
    try:
        raise error
    except Exception:
        exc_info = sys.exc_info()
    message = "Failed to restore the pool connection floor; retrying"
    return logging.LogRecord("asyncpg.pool", logging.WARNING, __file__, 1, message, None, exc_info)


def test_the_pool_logs_a_reconnection_the_database_refused_in_one_line() -> None:
    one_line = connect.OneLineReconnectFailures()
    form = logging.Formatter("%(name)s: %(message)s")
    refused = _pool_record(asyncpg.CannotConnectNowError("the database system is starting up"))
    assert one_line.filter(refused)
    assert form.format(refused) == (
        "asyncpg.pool: Failed to restore the pool connection floor; retrying: "
        "the database system is starting up"
    )
    # Anything else is not an outage: its traceback stays.
    unexpected = _pool_record(ValueError("not an outage"))
    assert one_line.filter(unexpected)
    assert form.format(unexpected).startswith(
        "asyncpg.pool: Failed to restore the pool connection floor; retrying\nTraceback"
    )
