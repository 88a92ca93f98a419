"""The HTTP layer: a Starlette app serving `/graphql` (GraphiQL in a browser) and `/healthz`."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator

import asyncpg
from starlette.applications import Starlette
from starlette.exceptions import HTTPException, WebSocketException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.types.unset import UNSET, UnsetType

from fivesoc.auth import ANONYMOUS, InvalidToken, Viewer, viewer_from_token
from fivesoc.db import connect
from fivesoc.db.connect import ConnectionInit
from fivesoc.db.listener import EventListener
from fivesoc.schema import QueryLimits, Reads, Schema, build_schema
from fivesoc.schema.compiled import splice
from fivesoc.schema.context import Context, Limits
from fivesoc.schema.errors import UserInputError
from fivesoc.schema.loaders import Loaders
from fivesoc.schema.network.export import export_network, parse_export
from fivesoc.schema.network.service import NetworkCache
from fivesoc.settings import Settings

logger = logging.getLogger("fivesoc")

HEALTH_TIMEOUT_S = 2.0
WS_UNAUTHORIZED = 4401
# `on_ws_connect` returning this acknowledges a connection without a payload.
PLAIN_ACK: UnsetType = UNSET


class GraphQLApp(GraphQL[Context, None]):
    """Strawberry's ASGI view, handing every request a fresh typed context."""

    def __init__(self, schema: Schema, app: Starlette, settings: Settings) -> None:
        super().__init__(schema)
        self._app = app
        self._limits = Limits(
            settings.default_page_size, settings.max_page_size, settings.subscriber_queue
        )
        self._secret = settings.secret_key

    async def get_context(self, request: Request | WebSocket, response: object) -> Context:
        pool: asyncpg.Pool = self._app.state.pool
        return Context(
            pool=pool,
            loaders=Loaders(pool),
            limits=self._limits,
            viewer=self._viewer(request),
            listener=self._app.state.listener,
            networks=self._app.state.networks,
        )

    def encode_json(self, data: object) -> str | bytes:
        """JSON of a response; `data` that PostgreSQL built is spliced in as it is."""
        if isinstance(data, dict) and (spliced := splice(data)) is not None:
            return spliced
        return super().encode_json(data)

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
            return viewer_from_token(self._secret, token.strip())
        except InvalidToken as error:
            raise HTTPException(401, str(error)) from error


def create_app(settings: Settings, *, connection_init: ConnectionInit | None = None) -> Starlette:
    """The fivesoc ASGI app for `settings.database_url`; the pool opens in the lifespan.

    `connection_init` runs on every new pooled connection (the tests count statements with it).
    """
    if settings.database_url is None:
        raise ValueError("create_app needs settings.database_url; `fivesoc serve` provides one")
    url = settings.database_url

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        pool = await connect.create_pool(
            url,
            min_size=settings.pool_min_size,
            max_size=settings.pool_max_size,
            init=connection_init,
        )
        app.state.pool = pool
        app.state.networks = NetworkCache(pool, max_actors=settings.max_network_actors)
        listener = EventListener(url)
        try:
            await listener.start()
        except BaseException:
            await pool.close()
            raise
        app.state.listener = listener
        try:
            yield
        finally:
            await listener.stop()
            await pool.close()

    async def healthz(request: Request) -> Response:
        pool: asyncpg.Pool = request.app.state.pool
        try:
            await pool.fetchval("select 1", timeout=HEALTH_TIMEOUT_S)
        except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError) as error:
            logger.warning("health check: database unreachable: %s", error)
            return JSONResponse({"status": "unavailable", "database": "unreachable"}, 503)
        return JSONResponse({"status": "ok", "database": "reachable"})

    async def network_export(request: Request) -> Response:
        try:
            wanted, fmt = parse_export(request.query_params)
            exported = await export_network(request.app.state.networks, wanted, fmt)
        except UserInputError as error:
            return JSONResponse({"error": error.message}, 400)
        return Response(
            exported.content,
            media_type=exported.media_type,
            headers={"content-disposition": f'attachment; filename="{exported.filename}"'},
        )

    app = Starlette(lifespan=lifespan)
    limits = QueryLimits(settings.max_depth, settings.max_tokens, settings.max_aliases)
    graphql = GraphQLApp(build_schema(limits, Reads(settings.reads)), app, settings)
    app.router.routes.extend(
        [
            Route("/healthz", healthz, methods=["GET"]),
            Route("/graphql", graphql, methods=["GET", "POST"]),
            Route("/network/export", network_export, methods=["GET"]),
            WebSocketRoute("/graphql", graphql),
        ]
    )
    return app
