"""The front door, fuzzed: generated operations and malformed requests, seeded, never get a
5xx or an internal error.

Operations are generated from the served schema (hypothesis-graphql): valid queries, invalid
ones, and mutations sent with an admin token on a fresh copy of the demo data. Malformed
requests are generated bodies, content types and Accept headers. Every answer must be below
500, JSON, and free of INTERNAL_SERVER_ERROR.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from collections.abc import Iterator

import httpx
import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from hypothesis_graphql import Mode, mutations, nodes, queries

from fivesoc.app import create_app
from fivesoc.schema import Reads, build_schema
from fivesoc.settings import Settings
from tests.conftest import SECRET_KEY, token

NEW = "application/graphql-response+json"
SDL = build_schema(reads=Reads.COMPILED).as_str()

SCALARS = {
    "Date": st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)).map(str).map(nodes.String),
    "DateTime": st.just("2024-01-01T00:00:00+00:00").map(nodes.String),
    "Decimal": st.sampled_from(["0", "1.5", "-3", "1e30", "0.0001", "x"]).map(nodes.String),
    "JSON": st.just("{}").map(nodes.String),
    # A file comes only as a part of a multipart request; written in a document it is text.
    "Upload": st.just("file.csv").map(nodes.String),
}


@pytest.fixture
def loop() -> Iterator[asyncio.AbstractEventLoop]:
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


@pytest.fixture
def http(demo_url: str, loop: asyncio.AbstractEventLoop) -> Iterator[httpx.AsyncClient]:
    """An HTTP client of the app as it is served (compiled reads), on the demo data."""
    settings = Settings(secret_key=SECRET_KEY, reads="compiled").with_database_url(demo_url)
    app = create_app(settings)
    lifespan = app.router.lifespan_context(app)
    loop.run_until_complete(lifespan.__aenter__())
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://fuzz")
    yield client
    loop.run_until_complete(client.aclose())
    loop.run_until_complete(lifespan.__aexit__(None, None, None))


def _sound(response: httpx.Response) -> None:
    """Below 500, JSON, and no internal error."""
    assert response.status_code < 500, response.text
    body = response.json()
    codes = [e.get("extensions", {}).get("code") for e in body.get("errors", [])]
    assert "INTERNAL_SERVER_ERROR" not in codes, body


FUZZ = settings(deadline=None, database=None, suppress_health_check=list(HealthCheck))


@pytest.mark.parametrize(
    ("kind", "examples", "draw"),
    # 480 valid queries and 360 mutations in seeded parts, so that parallel workers share
    # them; sized with the rest of the suite to its ten minutes.
    [
        ("queries", 160, 11),
        ("queries", 160, 15),
        ("queries", 160, 16),
        ("invalid", 400, 12),
        ("mutations", 180, 13),
        ("mutations", 180, 17),
    ],
)
def test_generated_operations_get_no_internal_error(
    http: httpx.AsyncClient, loop: asyncio.AbstractEventLoop, kind: str, examples: int, draw: int
) -> None:
    if kind == "mutations":
        strategy = mutations(SDL, custom_scalars=SCALARS)
    else:
        mode = Mode.NEGATIVE if kind == "invalid" else Mode.POSITIVE
        strategy = queries(SDL, custom_scalars=SCALARS, mode=mode)
    headers = {"accept": NEW, **token("admin", [])}

    @seed(draw)
    @settings(FUZZ, max_examples=examples)
    @given(strategy)
    def check(document: str) -> None:
        _sound(
            loop.run_until_complete(
                http.post("/graphql", json={"query": document}, headers=headers)
            )
        )

    check()


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
BODIES = st.one_of(
    st.binary(max_size=200),
    JSON_VALUES.map(lambda value: json.dumps(value).encode()),
    st.fixed_dictionaries(
        {"query": st.one_of(st.text(max_size=60), JSON_VALUES)},
        optional={
            "variables": JSON_VALUES,
            "operationName": JSON_VALUES,
            "extensions": JSON_VALUES,
        },
    ).map(lambda value: json.dumps(value).encode()),
)


@seed(14)
@settings(FUZZ, max_examples=300)
@given(
    body=BODIES,
    content_type=st.sampled_from(
        ["application/json", "text/plain", "", "application/graphql+json"]
    ),
    accept=st.sampled_from([NEW, "application/json", "*/*", "text/html", "", "application/*;q=0"]),
    method=st.sampled_from(["POST", "POST", "GET", "PUT"]),
)
def test_malformed_requests_get_no_internal_error(
    http: httpx.AsyncClient,
    loop: asyncio.AbstractEventLoop,
    body: bytes,
    content_type: str,
    accept: str,
    method: str,
) -> None:
    headers = {"content-type": content_type, "accept": accept}
    if method == "GET":
        params = {"query": body.decode("utf-8", "replace")[:500]}
        request = http.get("/graphql", params=params, headers={"accept": accept})
    else:
        request = http.request(method, "/graphql", content=body, headers=headers)
    response = loop.run_until_complete(request)
    if response.headers.get("content-type", "").startswith("text/html"):
        assert response.status_code == 200  # GraphiQL for a browser
        return
    _sound(response)
