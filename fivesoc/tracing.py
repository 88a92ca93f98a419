"""OpenTelemetry tracing, an optional extra (`pip install fivesoc[otel]`), off unless
`FIVESOC_TRACING` says otherwise.

Each HTTP request or WebSocket is a server span named by its method and route
(`POST /graphql`), continuing the trace of an incoming `traceparent` header; once answered,
it carries the GraphQL operation's name and type (`graphql.operation.name`,
`graphql.operation.type`), the outcome and the status. Each SQL statement run meanwhile is a
span of its own below it (OpenTelemetry's asyncpg instrumentation). Nothing here imports
OpenTelemetry until tracing is asked for, so fivesoc runs without the extra.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from starlette.datastructures import Headers
from starlette.types import Scope

from fivesoc.current_request import Served
from fivesoc.metrics import route_of

if TYPE_CHECKING:
    from opentelemetry.sdk.trace import TracerProvider

INSTRUMENTATION = "fivesoc"


class TracingUnavailable(RuntimeError):
    """Tracing was asked for, and the `otel` extra is not installed."""


class Tracing:
    """Spans of requests and SQL statements, made by `provider`."""

    def __init__(self, provider: TracerProvider) -> None:
        from opentelemetry.instrumentation.asyncpg import AsyncPGInstrumentor

        self.provider = provider
        self._tracer = provider.get_tracer(INSTRUMENTATION)
        self._sql = AsyncPGInstrumentor()  # type: ignore[no-untyped-call]

    @classmethod
    def from_setting(cls, exporter: str) -> Tracing:
        """Tracing that sends its spans by OTLP (`otlp`, to where `OTEL_EXPORTER_OTLP_*`
        say) or prints them (`console`), in batches."""
        try:
            from opentelemetry.sdk.resources import Resource
            from opentelemetry.sdk.trace import TracerProvider
            from opentelemetry.sdk.trace.export import (
                BatchSpanProcessor,
                ConsoleSpanExporter,
                SpanExporter,
            )
        except ImportError as error:
            raise TracingUnavailable(
                f"FIVESOC_TRACING={exporter} needs the otel extra: pip install 'fivesoc[otel]'"
            ) from error
        chosen: SpanExporter
        if exporter == "otlp":
            from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

            chosen = OTLPSpanExporter()
        else:
            chosen = ConsoleSpanExporter()
        provider = TracerProvider(resource=Resource.create({"service.name": "fivesoc"}))
        provider.add_span_processor(BatchSpanProcessor(chosen))
        return cls(provider)

    def start(self) -> None:
        """Trace SQL statements from now on."""
        self._sql.instrument(tracer_provider=self.provider)

    def stop(self) -> None:
        """Stop tracing SQL statements, and send the spans still held."""
        self._sql.uninstrument()
        self.provider.force_flush()

    @contextlib.contextmanager
    def request_span(self, scope: Scope, headers: Headers) -> Iterator[Any]:
        """The server span of one request, current while the block runs."""
        from opentelemetry import propagate
        from opentelemetry.trace import SpanKind

        method = scope.get("method", "GET")
        route = route_of(scope["path"])
        attributes = {
            "http.request.method": method,
            "url.path": scope["path"],
            "http.route": route,
        }
        with self._tracer.start_as_current_span(
            f"{method} {route}",
            context=propagate.extract(dict(headers)),
            kind=SpanKind.SERVER,
            attributes=attributes,
        ) as span:
            yield span

    def finish(self, span: Any, served: Served, status: int) -> None:
        """What the request turned out to be, on its span."""
        span.set_attribute("http.response.status_code", status)
        span.set_attribute("fivesoc.request_id", served.request_id)
        if served.operation_type is not None:
            span.set_attribute("graphql.operation.type", served.operation_type)
        if served.operation is not None:
            span.set_attribute("graphql.operation.name", served.operation)
        if served.graphql:
            span.set_attribute("fivesoc.outcome", served.outcome)
