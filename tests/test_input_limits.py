"""Input beyond what fivesoc takes is refused before any work, with an error that says why."""

from __future__ import annotations

import asyncio
import base64
from types import SimpleNamespace

import asyncpg
import httpx
import pytest
from graphql import GraphQLError

from fivesoc.db import catalog, connect
from fivesoc.schema.errors import MaskUnexpectedErrors
from fivesoc.schema.pagination import encode_cursor
from fivesoc.settings import Settings
from tests.conftest import GraphQLClient, serve, token

# A node id of 25 digits: beyond the range of keys (bigint).
HUGE = "9" * 25


def _gid(type_name: str, key: str) -> str:
    return base64.b64encode(f"{type_name}:{key}".encode()).decode()


async def test_an_id_beyond_the_range_of_keys_names_nothing(client: GraphQLClient) -> None:
    data = await client.data(
        "query($id: ID!) { node(id: $id) { id } nodes(ids: [$id]) { id } }",
        {"id": _gid("Community", HUGE)},
    )
    assert data == {"node": None, "nodes": [None]}
    body = await client.execute(
        "query($r: ID!) { communities(filter: {region: $r}) { totalCount } }",
        {"r": _gid("Region", HUGE)},
    )
    assert body["errors"][0]["extensions"] == {
        "code": "BAD_USER_INPUT",
        "argument": "filter.region",
    }
    export = await client.http.get("/network/export", params={"region": _gid("Region", HUGE)})
    assert export.status_code == 400
    assert export.json()["errors"][0]["extensions"]["argument"] == "scope.region"


async def test_a_write_naming_an_id_beyond_the_range_is_invalid(client: GraphQLClient) -> None:
    admin = client.as_viewer(token("admin", []))
    data = await admin.data(
        """
        mutation($r: ID!) {
          createUniversity(input: {regionId: $r, name: "某大学"}) {
            university { id } userErrors { field message code } } }
        """,
        {"r": _gid("Region", HUGE)},
    )
    assert data["createUniversity"]["userErrors"] == [
        {"field": ["input", "regionId"], "message": "must be the id of a Region", "code": "INVALID"}
    ]


def _marked(order: str, value: object) -> str:
    """A cursor of communities in `order` (with that order's mark) holding `value`."""
    mark = catalog.COMMUNITIES.cursor_mark(catalog.COMMUNITIES.order(order))
    return encode_cursor((value, 5), mark)


@pytest.mark.parametrize(
    ("order", "cursor"),
    [
        ("FOUNDED_ON", _marked("FOUNDED_ON", "not a date")),
        ("RESIDENT_POPULATION", _marked("RESIDENT_POPULATION", 2**40)),
        ("NAME", _marked("NAME", "a\x00b")),
        ("NAME", _marked("NAME", None)),
        ("NAME", encode_cursor(("a", 5))),
    ],
    ids=["date", "integer_range", "nul", "id_order", "unmarked"],
)
async def test_a_cursor_of_another_list_is_refused(
    client: GraphQLClient, order: str, cursor: str
) -> None:
    body = await client.execute(
        "query($c: String!, $o: CommunityOrderField!) {"
        " communities(after: $c, orderBy: {field: $o}) { totalCount nodes { name } } }",
        {"c": cursor, "o": order},
    )
    assert body["errors"][0]["message"] == (
        "`after` is not a cursor of this list (in this order); use a cursor from its pageInfo "
        "or edges"
    )
    assert body["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "argument": "after"}


async def test_a_cursor_with_a_key_beyond_the_range_is_refused(client: GraphQLClient) -> None:
    body = await client.execute(
        "query($c: String!) { communities(after: $c) { totalCount } }",
        {"c": encode_cursor((None, 2**70))},
    )
    assert body["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "argument": "after"}


async def test_a_string_literal_with_a_nul_is_refused_in_validation(
    client: GraphQLClient,
) -> None:
    response = await client.http.post(
        "/graphql",
        json={"query": '{ communities(search: "a\\u0000b") { totalCount } }'},
        headers={"accept": "application/graphql-response+json"},
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {
            "message": "`a string in the document` contains a NUL character",
            "locations": [{"line": 1, "column": 23}],
            "extensions": {"code": "BAD_USER_INPUT"},
        }
    ]


async def test_a_search_longer_than_the_limit_is_refused(client: GraphQLClient) -> None:
    body = await client.execute(
        "query($q: String!) { organizations(search: $q) { totalCount } }", {"q": "社" * 101}
    )
    assert body["errors"][0]["message"] == (
        "`search` is 101 characters long, more than the limit of 100"
    )


async def test_statements_are_cancelled_after_the_timeout(migrated_url: str) -> None:
    pool = await connect.create_pool(migrated_url, statement_timeout_ms=50)
    try:
        with pytest.raises(asyncpg.QueryCanceledError):
            await pool.fetchval("select pg_sleep(1)")
    finally:
        await pool.close()


def test_a_cancelled_statement_is_a_timeout_error_not_an_internal_one() -> None:
    extension = MaskUnexpectedErrors()
    cancelled = GraphQLError(
        "canceling statement due to statement timeout",
        path=["communities"],
        original_error=asyncpg.QueryCanceledError("canceling statement due to statement timeout"),
    )

    result = SimpleNamespace(errors=[cancelled])
    extension.execution_context = SimpleNamespace(result=result)  # type: ignore[assignment]
    hook = extension.on_operation()
    next(hook)
    with pytest.raises(StopIteration):
        next(hook)
    (error,) = result.errors
    assert (error.message, error.extensions, error.path) == (
        "the request ran longer than this server allows; ask for less",
        {"code": "TIMEOUT"},
        ["communities"],
    )


async def test_healthz_answers_while_every_pooled_connection_is_busy(demo_url: str) -> None:
    settings = Settings(pool_min_size=1, pool_max_size=1).with_database_url(demo_url)
    async with serve(settings) as http:
        response = await http.get("/healthz")
        assert response.status_code == 200
        transport = http._transport
        assert isinstance(transport, httpx.ASGITransport)
        app_pool = transport.app.state.pool  # type: ignore[attr-defined]
        async with app_pool.acquire():  # the pool's only connection, held
            response = await asyncio.wait_for(http.get("/healthz"), timeout=1.0)
    assert response.json() == {"status": "ok", "database": "reachable"}


async def test_cors_lets_the_configured_origins_call_and_no_others(demo_url: str) -> None:
    origin = "https://app.example.org"
    settings = Settings(cors_origins=(origin,)).with_database_url(demo_url)
    async with serve(settings) as http:
        preflight = await http.options(
            "/graphql",
            headers={
                "origin": origin,
                "access-control-request-method": "POST",
                "access-control-request-headers": "authorization, content-type",
            },
        )
        answer = await http.post(
            "/graphql", json={"query": "{ regions { totalCount } }"}, headers={"origin": origin}
        )
        stranger = await http.post(
            "/graphql",
            json={"query": "{ regions { totalCount } }"},
            headers={"origin": "https://elsewhere.example"},
        )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == origin
    assert "authorization" in preflight.headers["access-control-allow-headers"].lower()
    assert answer.headers["access-control-allow-origin"] == origin
    assert "access-control-allow-origin" not in stranger.headers


async def test_without_cors_origins_no_browser_origin_is_allowed(client: GraphQLClient) -> None:
    response = await client.http.post(
        "/graphql",
        json={"query": "{ regions { totalCount } }"},
        headers={"origin": "https://app.example.org"},
    )
    assert "access-control-allow-origin" not in response.headers
