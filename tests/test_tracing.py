"""OpenTelemetry tracing (the `otel` extra): a span per request with its operation, and a
span per SQL statement below it."""

from __future__ import annotations

import pytest

pytest.importorskip("opentelemetry.sdk", reason="the otel extra is not installed")

from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import (
    InMemorySpanExporter,
)
from opentelemetry.trace import SpanKind

from fivesoc.settings import Settings
from fivesoc.tracing import Tracing
from tests.conftest import SECRET_KEY, serve


async def test_each_request_is_a_span_with_its_operation_and_its_statements(
    demo_url: str,
) -> None:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    settings = Settings(secret_key=SECRET_KEY, reads="executed").with_database_url(demo_url)
    async with serve(settings, tracing=Tracing(provider)) as http:
        exporter.clear()  # the statements of the app's start
        parent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
        response = await http.post(
            "/graphql",
            json={"query": "query Traced { communities(first: 2) { nodes { name } } }"},
            headers={"traceparent": parent, "x-request-id": "trace-1"},
        )
        assert response.status_code == 200
    spans = exporter.get_finished_spans()
    servers = [span for span in spans if span.kind is SpanKind.SERVER]
    assert len(servers) == 1
    (request,) = servers
    assert request.name == "POST /graphql"
    assert dict(request.attributes or {}) == {
        "http.request.method": "POST",
        "url.path": "/graphql",
        "http.route": "/graphql",
        "http.response.status_code": 200,
        "fivesoc.request_id": "trace-1",
        "graphql.operation.type": "query",
        "graphql.operation.name": "Traced",
        "fivesoc.outcome": "ok",
    }
    # It continues the caller's trace.
    assert request.context.trace_id == 0x0AF7651916CD43DD8448EB211C80319C
    assert request.parent is not None
    assert request.parent.span_id == 0xB7AD6B7169203331
    statements = [span for span in spans if span.kind is SpanKind.CLIENT]
    assert statements, [span.name for span in spans]
    assert all(span.context.trace_id == request.context.trace_id for span in statements)
    assert all(span.attributes and span.attributes.get("db.system") == "postgresql"
               for span in statements)  # fmt: skip
