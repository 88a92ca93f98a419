"""The HTTP layer: a Starlette app serving `/graphql` (GraphiQL in a browser) and `/healthz`."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import datetime as dt
import gc
import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import cast

import asyncpg
import jwt
from graphql import GraphQLError, parse
from starlette.applications import Starlette
from starlette.exceptions import HTTPException, WebSocketException
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType
from strawberry.types.unset import UNSET, UnsetType

from fivesoc import current_request, idempotency, jobs, logs, permissions, sheets_http
from fivesoc.auth import ANONYMOUS, InvalidToken, OpenIDProvider, Tokens, Viewer
from fivesoc.broadcast import Broadcasts
from fivesoc.db import analyses, connect, housekeeping
from fivesoc.db.budgets import Budgets
from fivesoc.db.connect import ConnectionInit
from fivesoc.db.held import HeldConnection
from fivesoc.db.listener import EventListener
from fivesoc.db.revocations import RevokedTokens
from fivesoc.graphql_http import (
    GRAPHQL_RESPONSE,
    LEGACY_JSON,
    GraphQLRequest,
    InputLimits,
    RequestError,
    is_multipart,
    negotiate,
    parse_get,
    parse_multipart,
    parse_post,
    read_body,
)
from fivesoc.graphql_ws import LegacyWSHandler, TransportWSHandler
from fivesoc.health import HealthCheck
from fivesoc.metrics import Metrics
from fivesoc.observe import Observe, metrics_page
from fivesoc.permissions import EXPORT, NEW_WINDOW, PUBLIC
from fivesoc.schema import QueryLimits, Reads, Schema, build_schema
from fivesoc.schema.compiled import splice, splice_message
from fivesoc.schema.context import Context, Limits
from fivesoc.schema.errors import (
    UNAVAILABLE_MESSAGE,
    UNREACHABLE,
    AnalysisFailed,
    AnalysisPending,
    Forbidden,
    NetworkTooLarge,
    UserInputError,
    with_code,
)
from fivesoc.schema.fair_use import pay, pay_for_network, pay_for_operation
from fivesoc.schema.loaders import Loaders
from fivesoc.schema.network.export import export_network, parse_export
from fivesoc.schema.network.service import NetworkCache
from fivesoc.settings import Settings
from fivesoc.sheets.service import PoolImports
from fivesoc.tracing import Tracing

logger = logging.getLogger("fivesoc")

# GraphiQL's page and the files it loads, shipped in the package.
GRAPHIQL_DIR = Path(__file__).with_name("static") / "graphiql"
GRAPHIQL_PAGE = (GRAPHIQL_DIR / "index.html").read_text(encoding="utf-8")
# The network explorer page (`/explore/`) and its libraries, shipped in the package.
EXPLORE_DIR = Path(__file__).with_name("static") / "explore"
WS_UNAUTHORIZED = 4401
# `on_ws_connect` returning this acknowledges a connection without a payload.
PLAIN_ACK: UnsetType = UNSET
# The garbage collector's thresholds in a server process (Python's defaults: 700, 10, 10):
# its youngest generation is collected every 50,000 objects allocated (net), the next every
# 20 of those collections, the oldest every 100 of the next's.
GC_THRESHOLDS = (50_000, 20, 100)
# How often each process writes its gauges (pool, subscribers) for `/metrics`.
SAMPLE_S = 1.0
# The queue's jobs are counted in the database every this many samples.
JOBS_SAMPLE_ROUNDS = 5


class GraphQLApp(GraphQL[Context, None]):
    """Strawberry's ASGI view, handing every request a fresh typed context."""

    graphql_ws_handler_class = LegacyWSHandler
    graphql_transport_ws_handler_class = TransportWSHandler

    def __init__(self, schema: Schema, app: Starlette, settings: Settings) -> None:
        super().__init__(
            schema, connection_init_wait_timeout=dt.timedelta(seconds=settings.ws_init_timeout_s)
        )
        self._app = app
        self.broadcasts = Broadcasts(schema, self.encode_json)
        """The subscriptions of this process, shared where they ask the same."""
        self._core_schema = schema._schema  # graphql-core's, for the costs of keyed writes
        self._limits = Limits(
            settings.default_page_size,
            settings.max_page_size,
            settings.subscriber_queue,
            settings.max_search_length,
            settings.max_cost,
            settings.budget_per_minute,
            settings.anonymous_budget_per_minute,
        )
        provider = None
        if settings.oidc_issuer is not None and settings.oidc_audience is not None:
            provider = OpenIDProvider(
                settings.oidc_issuer,
                settings.oidc_audience,
                role_claim=settings.oidc_role_claim,
                regions_claim=settings.oidc_regions_claim,
            )
        self._tokens = Tokens(
            settings.secret_key,
            settings.previous_secret_keys,
            lifetime_s=settings.token_lifetime_s,
            provider=provider,
        )
        self._input = InputLimits(
            settings.max_body_bytes,
            settings.max_string_length,
            settings.max_list_items,
            settings.max_upload_bytes,
        )
        self._max_tokens = settings.max_tokens

    async def find_provider(self) -> None:
        """Read the identity provider's discovery document and keys now, off the event loop,
        so that requests need not (they are read again only when the provider rotates)."""
        provider = self._tokens.provider
        if provider is not None:
            await asyncio.to_thread(lambda: provider.keys().get_signing_keys())

    async def get_context(self, request: Request | WebSocket, response: object) -> Context:
        pool: asyncpg.Pool = self._app.state.pool
        return Context(
            pool=pool,
            loaders=Loaders(pool),
            limits=self._limits,
            viewer=self._viewer(request),
            listener=self._app.state.listener,
            revocations=self._app.state.revocations,
            networks=self._app.state.networks,
            client=None if request.client is None else request.client.host,
            budgets=self._app.state.budgets,
            sheet_imports=PoolImports(pool),
        )

    async def http(self, request: Request) -> Response:
        """`/graphql` over HTTP, GET and POST, as `fivesoc.graphql_http` says; a browser's GET
        without a query gets GraphiQL. A POSTed mutation with an `Idempotency-Key` is answered
        once (`fivesoc.idempotency`)."""
        if request.method == "GET" and self._wants_ide(request):
            return await self.render_graphql_ide(request)
        try:
            media = negotiate(request.headers.get("accept"))
        except RequestError as refused:
            _answered(refused.code)
            return self._refusal(refused, LEGACY_JSON)
        try:
            wanted, allowed = await self._wanted(request)
            context = await self._context(request)
            key = None
            if not wanted.uploads:
                key = idempotency.key_of(request.method, request.headers, wanted, self._max_tokens)
            if key is not None:
                return await self._answer_once(wanted, allowed, context, key, media)
            result = await self._execute(wanted, allowed, context)
        except RequestError as refused:
            _answered(refused.code)
            return self._refusal(refused, media)
        finally:
            # The files of a multipart request, spooled to disk past a megabyte.
            await request.close()
        return self._answer(result, media)

    async def _wanted(self, request: Request) -> tuple[GraphQLRequest, set[OperationType]]:
        """The GraphQL request, and the operation types its method may run."""
        if request.method == "POST" and is_multipart(request.headers.get("content-type")):
            return await parse_multipart(request, self._input), {OperationType.MUTATION}
        if request.method == "POST":
            body = await read_body(request, self._input)
            wanted = parse_post(request.headers.get("content-type"), body, self._input)
            return wanted, {OperationType.QUERY, OperationType.MUTATION}
        if request.method == "GET":
            return parse_get(request.query_params, self._input), {OperationType.QUERY}
        raise RequestError(
            405,
            f"{request.method} is not served here: send GraphQL with POST (or a query with GET)",
            "METHOD_NOT_ALLOWED",
            headers={"allow": "GET, POST"},
        )

    async def _context(self, request: Request) -> Context:
        try:
            return await self.get_context(request, None)
        except HTTPException as refused:
            raise RequestError(
                refused.status_code,
                str(refused.detail),
                "UNAUTHENTICATED",
                headers={"www-authenticate": "Bearer"},
            ) from refused

    async def _answer_once(
        self,
        wanted: GraphQLRequest,
        allowed: set[OperationType],
        context: Context,
        key: str,
        media: str,
    ) -> Response:
        """A keyed mutation: run on one held connection, in one transaction with its stored
        answer; an answer not to keep goes out with `data: null`, its writes rolled back."""

        async def run(held: HeldConnection) -> idempotency.Answer:
            # The held connection stands in for the pool: it serves every call the resolvers
            # and loaders make on one (see fivesoc.db.held).
            pool = cast(asyncpg.Pool, held)
            result = await self._execute(
                wanted, allowed, dataclasses.replace(context, pool=pool, loaders=Loaders(pool))
            )
            codes = [(error.extensions or {}).get("code") for error in result.errors or []]
            if idempotency.kept(codes):
                return idempotency.Answer(self._answer(result, media), kept=True)
            result.data = None
            return idempotency.Answer(self._answer(result, media), kept=False)

        # The write pays before it holds a connection: a charge then neither waits for a
        # pooled connection nor holds the caller's budget locked while the write runs.
        document = parse(wanted.query, max_tokens=self._max_tokens)
        paid = await pay_for_operation(
            self._core_schema, document, wanted.operation_name, wanted.variables, context
        )
        if paid.refused is not None:
            shown = paid.shown(self._limits.max_cost)
            refusal = ExecutionResult(data=None, errors=[paid.refused], extensions=shown)
            return self._answer(refusal, media)
        context = dataclasses.replace(context, paid=paid)
        subject = context.viewer.subject or ""
        return await idempotency.answer_once(context.pool, subject, key, wanted, run)

    async def _execute(
        self, wanted: GraphQLRequest, allowed: set[OperationType], context: Context
    ) -> ExecutionResult:
        try:
            return await self.schema.execute(
                wanted.query,
                variable_values=wanted.variables,
                context_value=context,
                operation_name=wanted.operation_name,
                allowed_operation_types=allowed,
                operation_extensions=wanted.extensions,
            )
        except CannotGetOperationTypeError as error:
            raise RequestError(
                400, error.as_http_error_reason(), "GRAPHQL_VALIDATION_FAILED"
            ) from error
        except InvalidOperationTypeError as error:
            if error.operation_type is OperationType.SUBSCRIPTION:
                message = (
                    "subscriptions are served over WebSocket at /graphql "
                    "(graphql-transport-ws), not over HTTP"
                )
            else:
                message = "mutations need POST; GET serves queries only"
            raise RequestError(
                405, message, "METHOD_NOT_ALLOWED", headers={"allow": "POST"}
            ) from error

    def _answer(self, result: ExecutionResult, media: str) -> Response:
        """The response to an executed request: with `application/graphql-response+json`, a
        request that never reached execution (every error without a path, no data) is a 400
        without `data`; otherwise 200."""
        # Errors raised while parsing never reach the schema's extensions: name them here too.
        errors = [with_code(error) for error in result.errors or []]
        _answered((errors[0].extensions or {}).get("code", "") if errors else "ok")
        refused = result.data is None and bool(errors) and all(not e.path for e in errors)
        body: dict[str, object] = {}
        if not (refused and media == GRAPHQL_RESPONSE):
            body["data"] = result.data
        if errors:
            body["errors"] = [error.formatted for error in errors]
        if result.extensions:
            body["extensions"] = result.extensions
        status = 400 if refused and media == GRAPHQL_RESPONSE else 200
        headers = {}
        codes = {(error.extensions or {}).get("code"): error.extensions for error in errors}
        if "UNAVAILABLE" in codes:
            status, headers = 503, {"retry-after": "5"}
        elif (limited := codes.get("RATE_LIMITED")) is not None:
            status, headers = 429, {"retry-after": str(limited["retryAfter"])}
        return Response(
            self.encode_json(body), status, headers=headers, media_type=f"{media}; charset=utf-8"
        )

    def _refusal(self, refused: RequestError, media: str) -> Response:
        return Response(
            self.encode_json(refused.document()),
            refused.status,
            headers=refused.headers,
            media_type=f"{media}; charset=utf-8",
        )

    async def render_graphql_ide(self, request: Request) -> HTMLResponse:
        """GraphiQL, every file of it served from the package (`/graphiql/…`): it works with
        no network beyond this server."""
        return HTMLResponse(GRAPHIQL_PAGE)

    @staticmethod
    def _wants_ide(request: Request) -> bool:
        return "query" not in request.query_params and "text/html" in request.headers.get(
            "accept", ""
        )

    def encode_json(self, data: object) -> str | bytes:
        """JSON of a response or a WebSocket message; `data` that PostgreSQL built is spliced
        in as it is."""
        if isinstance(data, dict):
            spliced = splice(data) or splice_message(data)
            if spliced is not None:
                return spliced
        return super().encode_json(data)

    async def network_export(self, request: Request) -> Response:
        """`/network/export`: a network as a file, for a viewer whose grants allow exports
        (and, for a window not computed yet, new windows)."""
        try:
            viewer = self._viewer(request)
        except HTTPException as refused:
            error = RequestError(
                refused.status_code,
                str(refused.detail),
                "UNAUTHENTICATED",
                headers={"www-authenticate": "Bearer"},
            )
            return self._refusal(error, LEGACY_JSON)
        try:
            if not permissions.grants(viewer, EXPORT, PUBLIC):
                raise Forbidden("your token does not allow network exports")
            networks: NetworkCache = self._app.state.networks
            wanted, fmt = await parse_export(networks.pool, request.query_params)
            client = None if request.client is None else request.client.host
            requested, charge, too_costly = await pay_for_network(
                self._app.state.budgets, networks, viewer, client, self._limits, wanted
            )
            if too_costly is not None:
                return self._refusal(_refused_by_cost(too_costly), LEGACY_JSON)
            new_window = permissions.grants(viewer, NEW_WINDOW, PUBLIC)
            exported = await export_network(networks, wanted, fmt, new_window=new_window)
        except Forbidden as error:
            return self._refusal(RequestError(403, error.message, "FORBIDDEN"), LEGACY_JSON)
        except AnalysisPending as error:
            # A worker computes it: ask again once it has (`networkJob` says when).
            pending = RequestError(
                503, error.message, "ANALYSIS_PENDING", headers={"retry-after": "5"}
            )
            return self._refusal(pending, LEGACY_JSON)
        except AnalysisFailed as error:
            return self._refusal(RequestError(500, error.message, "ANALYSIS_FAILED"), LEGACY_JSON)
        except UNREACHABLE:
            unavailable = RequestError(
                503, UNAVAILABLE_MESSAGE, "UNAVAILABLE", headers={"retry-after": "5"}
            )
            return self._refusal(unavailable, LEGACY_JSON)
        except NetworkTooLarge as error:
            return self._refusal(RequestError(400, error.message, "NETWORK_TOO_LARGE"), LEGACY_JSON)
        except UserInputError as error:
            argument = (error.extensions or {}).get("argument")
            bad = RequestError(400, error.message, "BAD_USER_INPUT", argument=argument)
            return self._refusal(bad, LEGACY_JSON)
        headers = {
            "content-disposition": f'attachment; filename="{exported.filename}"',
            "vary": "accept-encoding",
        }
        if charge is not None:
            # The cost and what is left, as `extensions.cost` says them for GraphQL.
            headers["x-cost"] = str(requested)
            headers["x-cost-remaining"] = str(int(charge.remaining))
        if "gzip" in request.headers.get("accept-encoding", ""):
            # Sent as kept: the file was compressed once, when it was first written.
            headers["content-encoding"] = "gzip"
            return Response(exported.gzipped, media_type=exported.media_type, headers=headers)
        return Response(exported.content, media_type=exported.media_type, headers=headers)

    async def sheet_export(self, request: Request) -> Response:
        """`/sheets/export`: a list as CSV or XLSX, as the token may read it."""
        try:
            viewer = self._viewer(request)
        except HTTPException as refused:
            error = RequestError(refused.status_code, str(refused.detail), "UNAUTHENTICATED")
            return self._refusal(error, LEGACY_JSON)
        payer = self._payer(request, viewer)
        return await sheets_http.export(request.query_params, self._app.state.pool, viewer, payer)

    def _payer(self, request: Request, viewer: Viewer) -> sheets_http.Pay:
        """Charges a file's cost (one point a row) to the caller, as `/network/export` does."""
        client = None if request.client is None else request.client.host

        async def pay_for(rows: int) -> Response | None:
            if not self._limits.max_cost:
                return None
            _, refused = await pay(self._app.state.budgets, viewer, client, self._limits, rows)
            if refused is None:
                return None
            return self._refusal(_refused_by_cost(refused), LEGACY_JSON)

        return pay_for

    async def hsds_export(self, request: Request) -> Response:
        """`/hsds/export`: the directory as an HSDS 3.0 data package (public records)."""
        try:
            viewer = self._viewer(request)
        except HTTPException as refused:
            error = RequestError(refused.status_code, str(refused.detail), "UNAUTHENTICATED")
            return self._refusal(error, LEGACY_JSON)
        payer = self._payer(request, viewer)
        return await sheets_http.hsds_export(request.query_params, self._app.state.pool, payer)

    def _viewer(self, request: Request | WebSocket) -> Viewer:
        try:
            return self._viewer_of(request.headers.get("authorization"))
        except HTTPException as refused:
            if not isinstance(request, WebSocket):
                raise
            # The handshake is already accepted here: refuse by closing with the reason, under
            # the code graphql-transport-ws gives an unauthorised connection (4401).
            raise WebSocketException(WS_UNAUTHORIZED, refused.detail) from refused

    async def on_ws_connect(self, context: Context) -> UnsetType | dict[str, object] | None:
        """A WebSocket may carry its token in `connection_init`'s payload, as browsers cannot
        set headers: `{"authorization": "Bearer <token>"}` (any case of the key). It then
        stands for the connection instead of the handshake's header. A bad one is refused as
        the protocol says: graphql-transport-ws closes with 4403, graphql-ws answers
        `connection_error` with the reason."""
        params = context.connection_params or {}
        given = [value for key, value in params.items() if key.lower() == "authorization"]
        if not given:
            return PLAIN_ACK
        try:
            where = "`authorization` in connection_init"
            if not isinstance(given[0], str):
                raise HTTPException(401, f"{where} must be `Bearer <token>`")
            context.viewer = self._viewer_of(given[0], where)
        except HTTPException as refused:
            raise ConnectionRejectionError({"message": refused.detail}) from refused
        return PLAIN_ACK

    def _viewer_of(
        self, authorization: str | None, where: str = "the Authorization header"
    ) -> Viewer:
        if not authorization:
            return ANONYMOUS
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise HTTPException(401, f"{where} must be `Bearer <token>`")
        try:
            viewer = self._tokens.verify(token.strip())
        except InvalidToken as error:
            raise HTTPException(401, str(error)) from error
        revoked: RevokedTokens | None = getattr(self._app.state, "revocations", None)
        if revoked is not None and revoked.current.covers(
            viewer.token_id, viewer.subject, viewer.issued_at
        ):
            raise HTTPException(401, "the bearer token has been revoked")
        return viewer


def _answered(outcome: str) -> None:
    """The request being served was answered as GraphQL, with this outcome."""
    served = current_request.current()
    if served is not None:
        served.graphql = True
        served.outcome = outcome


def _refused_by_cost(error: GraphQLError) -> RequestError:
    """The HTTP refusal of a network file that costs too much, or that the budget cannot pay."""
    extensions = error.extensions or {}
    if extensions.get("code") == "RATE_LIMITED":
        retry = str(extensions["retryAfter"])
        return RequestError(429, error.message, "RATE_LIMITED", headers={"retry-after": retry})
    return RequestError(400, error.message, str(extensions.get("code")))


def create_app(
    settings: Settings,
    *,
    connection_init: ConnectionInit | None = None,
    tracing: Tracing | None = None,
) -> Starlette:
    """The fivesoc ASGI app for `settings.database_url`; the pool opens in the lifespan.

    `connection_init` runs on every new pooled connection (the tests count statements with it).
    `tracing` makes the spans (by default, what `FIVESOC_TRACING` says).
    """
    if settings.database_url is None:
        raise ValueError("create_app needs settings.database_url; `fivesoc serve` provides one")
    url = settings.database_url
    if tracing is None and settings.tracing != "off":
        tracing = Tracing.from_setting(settings.tracing)
    metrics = Metrics(settings.metrics_dir)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if tracing is not None:
            tracing.start()
        try:
            async with _serving(app):
                yield
        finally:
            metrics.close()
            if tracing is not None:
                tracing.stop()

    @contextlib.asynccontextmanager
    async def _serving(app: Starlette) -> AsyncIterator[None]:
        pool = await connect.create_pool(
            url,
            min_size=settings.pool_min_size,
            max_size=settings.pool_max_size,
            init=connection_init,
            statement_timeout_ms=settings.statement_timeout_ms,
        )
        app.state.pool = pool
        app.state.health = HealthCheck(url)
        queue = None
        if settings.analyses == "jobs":
            queue = jobs.queue_app(url)
            try:
                await queue.open_async()
            except BaseException:
                await pool.close()
                raise
        app.state.queue = queue
        listener = EventListener(url)
        app.state.networks = NetworkCache(
            pool,
            max_actors=settings.max_network_actors,
            max_job_actors=settings.max_job_actors,
            observe=metrics.observe_network,
            queue=queue,
            wait_s=settings.analysis_wait_s,
            signals=listener.jobs,
        )
        app.state.budgets = Budgets(pool)
        try:
            await listener.start()
        except BaseException:
            await pool.close()
            raise
        app.state.listener = listener
        revocations = RevokedTokens(pool, settings.revocation_refresh_s)
        try:
            await revocations.start()
        except BaseException:
            await listener.stop()
            await pool.close()
            raise
        app.state.revocations = revocations
        try:
            await graphql.find_provider()
        except (OSError, ValueError, jwt.PyJWKClientError) as error:
            # Its tokens are refused until it answers; fivesoc's own still work.
            logger.warning("the identity provider cannot be read: %s", error)
        await housekeeping.tidy(pool)
        purging = asyncio.create_task(housekeeping.tidy_every(pool), name="fivesoc-housekeeping")
        sampling = asyncio.create_task(_sample_every(app), name="fivesoc-metrics")
        try:
            yield
        finally:
            for task in (sampling, purging):
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            await revocations.stop()
            await app.state.health.close()
            await listener.stop()
            if queue is not None:
                await queue.close_async()
            await pool.close()

    def sample(app: Starlette) -> None:
        pool: asyncpg.Pool = app.state.pool
        idle = pool.get_idle_size()
        metrics.sample(
            busy=pool.get_size() - idle,
            idle=idle,
            most=pool.get_max_size(),
            subscribers=graphql.broadcasts.subscribers,
            events_waiting=app.state.listener.events_waiting() + graphql.broadcasts.waiting(),
        )

    async def _sample_every(app: Starlette) -> None:
        rounds = 0
        while True:
            sample(app)
            if app.state.queue is not None and rounds % JOBS_SAMPLE_ROUNDS == 0:
                try:
                    async with app.state.pool.acquire() as conn:
                        metrics.sample_jobs(await analyses.jobs_by_state(conn))
                except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as error:
                    logger.warning("cannot count the queue's jobs: %s", error)
            rounds += 1
            await asyncio.sleep(SAMPLE_S)

    async def healthz(request: Request) -> Response:
        try:
            await request.app.state.health.check()
        except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError) as error:
            logger.warning("health check: database unreachable: %s", error)
            return JSONResponse({"status": "unavailable", "database": "unreachable"}, 503)
        return JSONResponse({"status": "ok", "database": "reachable"})

    app = Starlette(lifespan=lifespan)
    if settings.cors_origins:
        # Browser pages of these origins may call the API, a bearer token included.
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["authorization", "content-type", "accept", idempotency.HEADER],
            expose_headers=[idempotency.REPLAYED],
            max_age=600,
        )
    # Outermost: every request gets its id, its metrics and its log line.
    app.add_middleware(Observe, metrics=metrics, tracing=tracing)
    limits = QueryLimits(
        settings.max_depth, settings.max_tokens, settings.max_aliases, settings.max_string_length
    )
    graphql = GraphQLApp(build_schema(limits, Reads(settings.reads)), app, settings)
    app.state.graphql = graphql
    app.router.routes.extend(
        [
            Route("/healthz", healthz, methods=["GET"]),
            Route(
                "/metrics",
                metrics_page(metrics, settings.metrics_token, before=sample),
                methods=["GET"],
            ),
            Route(
                "/graphql",
                graphql.http,
                methods=["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
            ),
            Route("/network/export", graphql.network_export, methods=["GET"]),
            Route("/sheets/export", graphql.sheet_export, methods=["GET"]),
            Route("/hsds/export", graphql.hsds_export, methods=["GET"]),
            Route(
                "/sheets/template",
                lambda request: sheets_http.template_response(request.query_params),
                methods=["GET"],
            ),
            WebSocketRoute("/graphql", graphql),
            Mount("/graphiql", StaticFiles(directory=GRAPHIQL_DIR), name="graphiql"),
            Mount("/explore", StaticFiles(directory=EXPLORE_DIR, html=True), name="explore"),
        ]
    )
    return app


def from_environment() -> Starlette:
    """The app as each server process of `fivesoc serve --workers N` builds it: its settings
    from the environment that `fivesoc serve` prepared (the database's URL, the signing key,
    the metrics folder), its logs set up as they say."""
    settings = Settings.from_env()
    logs.configure(settings.log_level, settings.log_format)
    return settled(create_app(settings))


def settled(app: Starlette) -> Starlette:
    """`app`, with everything made so far (modules, the schema: objects that live as long as
    the process) set aside from the garbage collector, so that its full collections do not
    walk them again and again while subscribers wait for their events; and the collector's
    generations collected less often (`GC_THRESHOLDS`), so that a server sending each event to
    a thousand sockets is not paused by a collection every few sends (`bench/delivery.py`: p99
    at 1,000 subscribers about halved)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
    return app
