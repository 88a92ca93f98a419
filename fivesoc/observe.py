"""Every request observed: an id, a metric, a log line, and (when tracing is on) a span;
and `/metrics`, for whom it may answer.

`Observe` wraps the whole ASGI app. A request keeps the id its client gave in
`X-Request-Id` when it is valid (`fivesoc.current_request`), else gets a new one; the
response carries it back in `X-Request-Id`, and every log line written while it is served
carries it too. When it ends it is counted (`fivesoc.metrics`) and logged on `fivesoc.access`
with its method, path, status, duration and, for GraphQL, its operation and outcome.
"""

from __future__ import annotations

import contextlib
import hmac
import ipaddress
import logging
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from starlette.applications import Starlette
from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fivesoc import current_request
from fivesoc.metrics import CONTENT_TYPE, Metrics, route_of

if TYPE_CHECKING:
    from fivesoc.tracing import Tracing

HEADER = "x-request-id"
# The status of a WebSocket not accepted yet; once accepted, 101 (Switching Protocols).
NOT_ACCEPTED = 0
access = logging.getLogger("fivesoc.access")


class Observe:
    """The ASGI middleware of the module's docstring."""

    def __init__(self, app: ASGIApp, metrics: Metrics, tracing: Tracing | None = None) -> None:
        self.app = app
        self.metrics = metrics
        self.tracing = tracing

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        served = current_request.Served(current_request.request_id_from(headers.get(HEADER)))
        started = time.perf_counter()
        status = 500 if scope["type"] == "http" else NOT_ACCEPTED
        echoed = (HEADER.encode(), served.request_id.encode())

        recorded = False

        def record() -> None:
            nonlocal recorded
            if not recorded:
                recorded = True
                self._record(scope, served, status, time.perf_counter() - started)

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] in ("http.response.start", "websocket.accept"):
                message["headers"] = [*message.get("headers", ()), echoed]
                status = message.get("status", 101)
            elif message["type"] == "websocket.close" and status == NOT_ACCEPTED:
                status = 403  # closed before the handshake was accepted: refused
            elif message["type"] == "http.response.body" and not message.get("more_body"):
                # Counted and logged before the client has the whole answer: whatever it
                # asks next (`/metrics`, say) sees this request counted.
                record()
            await send(message)

        with current_request.serving(served), self._span(scope, headers) as span:
            try:
                await self.app(scope, receive, send_with_id)
            finally:
                if span is not None and self.tracing is not None:
                    self.tracing.finish(span, served, status)
                record()

    def _span(self, scope: Scope, headers: Headers) -> contextlib.AbstractContextManager[Any]:
        if self.tracing is None:
            return contextlib.nullcontext(None)
        return self.tracing.request_span(scope, headers)

    def _record(
        self, scope: Scope, served: current_request.Served, status: int, seconds: float
    ) -> None:
        route = route_of(scope["path"])
        method = scope.get("method", "WEBSOCKET")
        metrics = self.metrics
        metrics.http_requests.labels(route, method, str(status)).inc()
        metrics.http_seconds.labels(route).observe(seconds)
        metrics.process_requests.inc()
        details: dict[str, object] = {
            "method": method,
            "path": scope["path"],
            "status": status,
            "duration_ms": round(seconds * 1000, 3),
        }
        if served.graphql:
            kind = served.operation_type or "unknown"
            label = metrics.operation_label(served.operation, served.operation_type is not None)
            metrics.operations.labels(label, kind, served.outcome).inc()
            metrics.operation_seconds.labels(kind).observe(seconds)
            details["operation_type"] = kind
            details["outcome"] = served.outcome
        access.info("%s %s %s", method, scope["path"], status, extra=details)


def metrics_page(
    metrics: Metrics, token: str | None, *, before: Callable[[Starlette], None]
) -> Callable[[Request], Awaitable[Response]]:
    """The `/metrics` endpoint: `metrics` in Prometheus's text format, once `before` has
    brought this process's gauges up to date, for a client `_refusal` lets in."""

    async def page(request: Request) -> Response:
        refused = _refusal(request, token)
        if refused is not None:
            return refused
        before(request.app)
        return Response(metrics.exposition(), media_type=CONTENT_TYPE)

    return page


def _refusal(request: Request, token: str | None) -> Response | None:
    """Why `/metrics` is refused to this request, if it is: without `FIVESOC_METRICS_TOKEN`
    it answers loopback clients only; with it, whoever sends it as a bearer token."""
    if token is None:
        host = request.client.host if request.client is not None else ""
        try:
            if ipaddress.ip_address(host).is_loopback:
                return None
        except ValueError:
            pass
        return JSONResponse(
            {"error": "/metrics answers the loopback interface only; set FIVESOC_METRICS_TOKEN "
             "to read it from elsewhere"},
            403,
        )  # fmt: skip
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode()):
        return None
    return JSONResponse(
        {"error": "/metrics needs the bearer token of FIVESOC_METRICS_TOKEN"},
        401,
        headers={"www-authenticate": "Bearer"},
    )
