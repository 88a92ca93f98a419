"""The HTTP layer: health check, GraphiQL, masked unexpected errors."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

import httpx
import pytest

from fivesoc.app import create_app
from fivesoc.db import connect
from fivesoc.settings import Settings
from tests.conftest import Clones, GraphQLClient


async def test_healthz_answers_when_the_database_is_reachable(client: GraphQLClient) -> None:
    response = await client.http.get("/healthz")
    assert (response.status_code, response.json()) == (
        200,
        {"status": "ok", "database": "reachable"},
    )


async def test_healthz_answers_503_when_the_database_is_gone(
    clones: Clones, empty_template: str
) -> None:
    url = await clones.clone(empty_template)
    app = create_app(Settings().with_database_url(url))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://fivesoc.test") as http:
            admin = await connect.connect(clones.server)
            try:
                name = urlsplit(url).path.lstrip("/")
                await admin.execute(f'drop database "{name}" with (force)')
            finally:
                await admin.close()
            response = await http.get("/healthz")
    assert (response.status_code, response.json()) == (
        503,
        {"status": "unavailable", "database": "unreachable"},
    )


async def test_graphiql_is_served_to_a_browser(client: GraphQLClient) -> None:
    response = await client.http.get("/graphql", headers={"accept": "text/html"})
    assert response.status_code == 200
    assert "graphiql" in response.text.lower()


async def test_an_unexpected_error_is_masked_and_logged_with_an_id(
    client: GraphQLClient, demo_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    conn = await connect.connect(demo_url)
    try:
        await conn.execute("drop table micro_grid")
    finally:
        await conn.close()
    with caplog.at_level(logging.ERROR, logger="fivesoc.errors"):
        body = await client.execute(
            "{ communities(first: 1) { nodes { microGrids { totalCount } } } }"
        )
    [error] = body["errors"]
    error_id = error["extensions"]["errorId"]
    assert error["message"] == f"Internal server error (error id {error_id}); it has been logged."
    assert error["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
    assert "micro_grid" not in error["message"]
    [record] = [r for r in caplog.records if error_id in r.getMessage()]
    assert record.exc_info is not None
    assert 'relation "micro_grid" does not exist' in str(record.exc_info[1])


async def test_a_syntax_error_is_reported_as_it_is(client: GraphQLClient) -> None:
    body = await client.execute("{ communities(first: 1) { nodes { name }")
    assert body["errors"][0]["message"].startswith("Syntax Error")
