"""The WebSocket protocols: graphql-transport-ws with shared subscriptions, and the legacy
graphql-ws held to the newer protocol's rule on idle starts."""

from __future__ import annotations

import asyncio
import dataclasses
import json
from typing import cast

from graphql import DocumentNode
from starlette.websockets import WebSocketDisconnect
from strawberry.asgi import ASGIWebSocketAdapter
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
    Operation,
)
from strawberry.subscriptions.protocols.graphql_transport_ws.types import (
    CompleteMessage,
    ErrorMessage,
)
from strawberry.subscriptions.protocols.graphql_ws.handlers import BaseGraphQLWSHandler
from strawberry.subscriptions.protocols.graphql_ws.types import ConnectionInitMessage
from strawberry.types.execution import ExecutionResult

from fivesoc.broadcast import Broadcast, Broadcasts, Key, Kind, Member
from fivesoc.schema.context import Context
from fivesoc.schema.fair_use import pay_for_operation
from fivesoc.schema.subscription import revoked_error


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

    async def handle_async_results(
        self,
        operation_id: str,
        query: str,
        operation_name: str | None,
        variables: dict[str, object] | None,
    ) -> None:
        """Run the operation as strawberry does, counted among the process's subscribers
        (`fivesoc_subscribers`) while it is open if it is a subscription; over this protocol
        subscriptions are not shared."""
        broadcasts: Broadcasts | None = getattr(self.view, "broadcasts", None)
        if broadcasts is None or broadcasts.subscription(query) is None:
            await super().handle_async_results(operation_id, query, operation_name, variables)
            return
        broadcasts.subscribers += 1
        try:
            await super().handle_async_results(operation_id, query, operation_name, variables)
        finally:
            broadcasts.subscribers -= 1

    async def _close_unless_initialised(self) -> None:
        await asyncio.sleep(self.view.connection_init_wait_timeout.total_seconds())
        if not self._initialised:
            await self.websocket.close(code=4408, reason="Connection initialisation timeout")


# The most messages a member sends before it lets the event loop run other work.
SENDS_PER_TURN = 8


class TransportWSHandler(BaseGraphQLTransportWSHandler[Context, None]):
    """graphql-transport-ws, with subscriptions shared: those with the same document,
    variables and operation name, seen with the same role and regions, run once per event
    and each receive the same bytes (`fivesoc.broadcast`). Every subscription still pays for
    itself as it starts; what cannot be shared (a document that does not parse or validate,
    a query or mutation, one refused its cost) runs as strawberry runs it."""

    async def run_operation(self, operation: Operation[Context, None]) -> None:
        broadcasts: Broadcasts | None = getattr(self.view, "broadcasts", None)
        document = None if broadcasts is None else broadcasts.subscription(operation.query)
        if broadcasts is None or document is None:
            await super().run_operation(operation)
            return
        broadcasts.subscribers += 1
        try:
            joined = await self._join(broadcasts, operation, document)
            if joined is None:
                await super().run_operation(operation)
            else:
                await self._deliver(operation, *joined)
        finally:
            broadcasts.subscribers -= 1

    async def _join(
        self, broadcasts: Broadcasts, operation: Operation[Context, None], document: DocumentNode
    ) -> tuple[Broadcast, Member] | None:
        context = self.context
        paid = await pay_for_operation(
            broadcasts.core_schema,
            document,
            operation.operation_name,
            operation.variables,
            context,
        )
        if paid.refused is not None:
            return None  # answered as strawberry answers it, which refuses it again
        key = Key.of(operation.query, operation.variables, operation.operation_name, context.viewer)
        member = Member(context.viewer, context.limits.subscriber_queue)
        broadcast = broadcasts.join(
            key, operation.variables, dataclasses.replace(context, paid=paid), member
        )
        return broadcast, member

    async def _deliver(
        self, operation: Operation[Context, None], broadcast: Broadcast, member: Member
    ) -> None:
        """Send the member's messages as they come, until its subscription ends."""
        prefix = '{"id":' + json.dumps(operation.id) + ',"type":"next","payload":'
        websocket = cast(ASGIWebSocketAdapter, self.websocket).ws
        sends = 0
        try:
            while True:
                if not member.queue:
                    member.wake.clear()
                    await member.wake.wait()
                    continue
                sends += 1
                if sends % SENDS_PER_TURN == 0:
                    # A send returns at once while the socket takes data: let the other
                    # members, and the pings waiting for their pongs, have their turn.
                    await asyncio.sleep(0)
                message = member.queue.popleft()
                broadcast.taken()
                if operation.completed:
                    return
                if message.kind is Kind.NEXT:
                    await websocket.send_text(prefix + message.text + "}")
                    if message.position is not None:
                        member.sent = message.position
                    continue
                if message.kind is Kind.ERROR:
                    refused = ErrorMessage(
                        id=operation.id, type="error", payload=message.errors or []
                    )
                    await operation.send_operation_message(refused)
                    return
                ending = {Kind.TOO_SLOW: member.too_slow, Kind.REVOKED: revoked_error}.get(
                    message.kind
                )
                if ending is not None:
                    await operation.send_next(ExecutionResult(data=None, errors=[ending()]))
                await operation.send_operation_message(
                    CompleteMessage(id=operation.id, type="complete")
                )
                return
        except WebSocketDisconnect:
            return  # the connection is closing: its handler cleans up
        finally:
            broadcast.leave(member)
