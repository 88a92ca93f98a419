"""The legacy graphql-ws WebSocket protocol, held to the newer protocol's rule on idle starts."""

from __future__ import annotations

import asyncio

from strawberry.subscriptions.protocols.graphql_ws.handlers import BaseGraphQLWSHandler
from strawberry.subscriptions.protocols.graphql_ws.types import ConnectionInitMessage

from fivesoc.schema.context import Context


class LegacyWSHandler(BaseGraphQLWSHandler[Context, None]):
    """The legacy graphql-ws protocol, with the newer protocol's rule: a connection that sends
    no `connection_init` within the wait is closed (4408), not kept open for ever."""

    async def handle(self) -> None:
        self._initialised = False
        waiting = asyncio.create_task(self._close_unless_initialised())
        try:
            await super().handle()
        finally:
            waiting.cancel()

    async def handle_connection_init(self, message: ConnectionInitMessage) -> None:
        self._initialised = True
        await super().handle_connection_init(message)

    async def _close_unless_initialised(self) -> None:
        await asyncio.sleep(self.view.connection_init_wait_timeout.total_seconds())
        if not self._initialised:
            await self.websocket.close(code=4408, reason="Connection initialisation timeout")
