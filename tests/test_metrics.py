"""`/metrics` in Prometheus's format: read with prometheus-client's own parser, its counters
move by exactly what was asked of the server."""

from __future__ import annotations

import contextlib
import json
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
import websockets
from prometheus_client.parser import text_string_to_metric_families

from fivesoc.app import create_app
from fivesoc.settings import Settings
from tests import served
from tests.conftest import SECRET_KEY

Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


def samples(text: str) -> Samples:
    """Every sample of a `/metrics` page, by name and labels."""
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def value(page: Samples, name: str, **labels: str) -> float:
    """One sample's value; 0 when the page has none (nothing counted yet)."""
    return page.get((name, frozenset(labels.items())), 0.0)


def scrape(http: httpx.Client) -> Samples:
    response = http.get("/metrics")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain; version=0.0.4")
    return samples(response.text)


@pytest.fixture(scope="module")
def server(module_demo_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One `fivesoc serve` for the tests of the module: its address."""
    log = tmp_path_factory.mktemp("metrics") / "serve.log"
    with served.running(module_demo_url, log, SECRET_KEY) as address:
        yield address


def test_the_counters_move_by_the_requests_made(server: str) -> None:
    named = {"query": "query ThreeTimes { communities(first: 1) { totalCount } }"}
    invalid = {"query": "query Broken { communities { noSuchField } }"}
    network = {"query": "query Web { network { summary { nodes links } } }"}
    with httpx.Client(base_url=f"http://{server}") as http:
        before = scrape(http)
        for _ in range(3):
            assert http.post("/graphql", json=named).status_code == 200
        assert http.post("/graphql", json=invalid).status_code == 200
        assert http.post("/graphql", json=network).json()["data"]["network"]["summary"]
        after = scrape(http)

    def moved(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    operations = "fivesoc_graphql_operations_total"
    assert moved(operations, operation="ThreeTimes", type="query", outcome="ok") == 3
    assert moved(operations, operation="Broken", type="query",
                 outcome="GRAPHQL_VALIDATION_FAILED") == 1  # fmt: skip
    assert moved(operations, operation="Web", type="query", outcome="ok") == 1
    # Five POSTs to /graphql, all answered 200 (the invalid one as legacy JSON does), and the
    # first scrape, which the second counts.
    assert moved("fivesoc_http_requests_total", route="/graphql", method="POST", status="200") == 5
    assert moved("fivesoc_http_requests_total", route="/metrics", method="GET", status="200") == 1
    assert moved("fivesoc_http_request_duration_seconds_count", route="/graphql") == 5
    assert moved("fivesoc_graphql_operation_duration_seconds_count", type="query") == 5
    # The network was built once and analysed once.
    assert moved("fivesoc_network_seconds_count", stage="build") == 1
    assert moved("fivesoc_network_seconds_count", stage="analysis") == 1
    assert value(after, "fivesoc_pool_connections", state="max") == 10


async def _subscribers(http: httpx.AsyncClient, expected: int) -> dict[str, float]:
    """`/metrics` once it counts `expected` subscribers (each process samples its gauges
    every few milliseconds here), or as it is after fifty tries."""
    for _ in range(50):
        page = samples((await http.get("/metrics")).text)
        if value(page, "fivesoc_subscribers") == expected:
            break
    return page


async def test_open_subscriptions_are_counted(server: str) -> None:
    subscribe = {"query": "subscription { events { cursor } }"}
    async with (
        websockets.connect(
            f"ws://{server}/graphql", subprotocols=[websockets.Subprotocol("graphql-transport-ws")]
        ) as ws,
        websockets.connect(
            f"ws://{server}/graphql", subprotocols=[websockets.Subprotocol("graphql-ws")]
        ) as legacy,
        httpx.AsyncClient(base_url=f"http://{server}") as http,
    ):
        await ws.send(json.dumps({"type": "connection_init"}))
        assert json.loads(await ws.recv())["type"] == "connection_ack"
        for number in ("1", "2"):
            await ws.send(json.dumps({"id": number, "type": "subscribe", "payload": subscribe}))
        page = await _subscribers(http, 2)
        assert value(page, "fivesoc_subscribers") == 2
        assert value(page, "fivesoc_subscription_events_waiting") == 0
        # The legacy protocol's subscriptions are not shared, and counted all the same.
        await legacy.send(json.dumps({"type": "connection_init"}))
        assert json.loads(await legacy.recv())["type"] == "connection_ack"
        await legacy.send(json.dumps({"id": "3", "type": "start", "payload": subscribe}))
        assert value(await _subscribers(http, 3), "fivesoc_subscribers") == 3
        await ws.send(json.dumps({"id": "1", "type": "complete"}))
        assert value(await _subscribers(http, 2), "fivesoc_subscribers") == 2
        await legacy.send(json.dumps({"id": "3", "type": "stop"}))
        assert value(await _subscribers(http, 1), "fivesoc_subscribers") == 1


@contextlib.asynccontextmanager
async def _app_client(
    demo_url: str, client: tuple[str, int], **settings: str
) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the app at the address `client`, its lifespan running."""
    app = create_app(
        Settings.from_env({"DATABASE_URL": demo_url, "FIVESOC_SECRET_KEY": SECRET_KEY, **settings})
    )
    transport = httpx.ASGITransport(app=app, client=client)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://fivesoc.test") as http,
    ):
        yield http


@pytest.mark.parametrize(
    ("client", "settings", "headers", "status"),
    [
        (("127.0.0.1", 5000), {}, {}, 200),
        (("::1", 5000), {}, {}, 200),
        (("10.1.2.3", 5000), {}, {}, 403),
        (("10.1.2.3", 5000), {"FIVESOC_METRICS_TOKEN": "scrape-me-if-you-can"}, {}, 401),
        (("127.0.0.1", 5000), {"FIVESOC_METRICS_TOKEN": "scrape-me-if-you-can"}, {}, 401),
        (("10.1.2.3", 5000), {"FIVESOC_METRICS_TOKEN": "scrape-me-if-you-can"},
         {"authorization": "Bearer scrape-me-if-you-can"}, 200),
        (("10.1.2.3", 5000), {"FIVESOC_METRICS_TOKEN": "scrape-me-if-you-can"},
         {"authorization": "Bearer scrape-me-if-you-cant"}, 401),
    ],
)  # fmt: skip
async def test_who_may_read_the_metrics(
    demo_url: str,
    client: tuple[str, int],
    settings: dict[str, str],
    headers: dict[str, str],
    status: int,
) -> None:
    async with _app_client(demo_url, client, **settings) as http:
        response = await http.get("/metrics", headers=headers)
    assert response.status_code == status, response.text
