"""Subscriptions shared by everyone who asked the same: one execution per event, the same
bytes sent to each.

Subscribers over graphql-transport-ws that send the same document, variables and operation
name, and see the same data (the same role and regions), would each run the same GraphQL
execution on every event and encode the same JSON. A `Broadcast` runs the operation once
(`schema.stream`), encodes each result once, and puts the text on the queue of every
`Member`; each member's own task sends it on its socket with its operation id spliced in.

- **Same stream for each.** A member joins a broadcast only while the broadcast still holds
  everything it has sent (half the queue's bound at most), and gets that first: a
  subscriber that joins late receives exactly what it would have received alone. A broadcast
  that has sent more stops taking members, and the next subscriber starts another.
- **Nobody waits for a slow member.** A live message that finds `bound` messages still
  waiting for a member closes that member's subscription with `SUBSCRIBER_TOO_SLOW` and the
  cursor of the last event sent to it, as a subscription of its own would be. A replay (the
  log before the subscription caught up) instead waits until every member has room, so that
  resuming far back goes at the pace of the slowest, as it does alone.
- **Each member its own.** Every member pays for its subscription as it starts (fair use),
  and each member's token is checked against the revocations every `REVOCATION_CHECK_S`: a
  revoked one ends that member alone. The shared execution runs for the visibility, not for
  any one token.
"""

from __future__ import annotations

import asyncio
import collections
import dataclasses
import enum
import json
import logging
from collections.abc import Callable

from graphql import DocumentNode, GraphQLError, GraphQLFormattedError
from strawberry.schema import BaseSchema
from strawberry.types.execution import ExecutionResult, PreExecutionError
from strawberry.utils.aio import aclosing

from fivesoc.auth import Viewer
from fivesoc.db.listener import FellBehind
from fivesoc.schema import Schema
from fivesoc.schema.context import Context, Delivering
from fivesoc.schema.loaders import Loaders
from fivesoc.schema.subscription import REVOCATION_CHECK_S, SubscriberTooSlow

logger = logging.getLogger("fivesoc.broadcast")

Position = tuple[str, int]


class Kind(enum.Enum):
    """What a queued message is: a result (`NEXT`), or how a member's subscription ends."""

    NEXT = "next"
    ERROR = "error"  # the operation was refused before it ran: its errors, and no `complete`
    COMPLETE = "complete"
    TOO_SLOW = "too slow"
    REVOKED = "revoked"


@dataclasses.dataclass(frozen=True, slots=True)
class Message:
    """A message for members: `text` is a `next` payload's JSON (for `NEXT`), `errors` an
    `error` message's payload (for `ERROR`); `position` the change-log event it delivers."""

    kind: Kind
    text: str = ""
    errors: list[GraphQLFormattedError] | None = None
    position: Position | None = None


FINAL = frozenset({Kind.ERROR, Kind.COMPLETE, Kind.TOO_SLOW, Kind.REVOKED})


@dataclasses.dataclass(frozen=True, slots=True)
class Key:
    """Who may share one execution: the same operation, seen with the same rights."""

    query: str
    variables: str
    operation_name: str | None
    role: str
    regions: frozenset[int]

    @classmethod
    def of(
        cls,
        query: str,
        variables: dict[str, object] | None,
        operation_name: str | None,
        viewer: Viewer,
    ) -> Key:
        canonical = json.dumps(variables or {}, sort_keys=True, separators=(",", ":"))
        return cls(query, canonical, operation_name, viewer.role, viewer.region_ids)


class Member:
    """One subscriber of a broadcast: its queue of messages not yet sent, and where it is."""

    def __init__(self, viewer: Viewer, bound: int) -> None:
        self.viewer = viewer
        self.bound = bound
        self.queue: collections.deque[Message] = collections.deque()
        self.wake = asyncio.Event()
        self.sent: Position | None = None
        """The position of the last event sent to this member."""
        self.ended = False

    def offer(self, message: Message) -> bool:
        """Queue `message`; False when the member has left (ended, or too slow for it)."""
        if self.ended:
            return False
        if message.kind in FINAL:
            self.end(message)
            return False
        self.queue.append(message)
        self.wake.set()
        return True

    def end(self, message: Message) -> None:
        """End the subscription with `message` (after what is queued, unless it is dropped)."""
        if self.ended:
            return
        if message.kind in (Kind.TOO_SLOW, Kind.REVOKED):
            self.queue.clear()  # nothing more is sent to it but the reason
        self.queue.append(message)
        self.ended = True
        self.wake.set()

    def too_slow(self) -> GraphQLError:
        """The error that closes this member, with the cursor to resume after."""
        return SubscriberTooSlow(FellBehind(self.bound, self.sent))


class Broadcast:
    """One execution of a subscription, its results sent to every member."""

    def __init__(
        self,
        schema: BaseSchema,
        key: Key,
        variables: dict[str, object] | None,
        context: Context,
        encode: Callable[[object], str | bytes],
        retain: int,
        registry: Broadcasts,
    ) -> None:
        self.key = key
        self.members: set[Member] = set()
        self.history: list[Message] | None = []
        """Everything sent so far, while it is at most `retain` messages; then None."""
        self._schema = schema
        self._variables = variables
        self._context = context
        self._encode = encode
        self._retain = retain
        self._registry = registry
        self._room = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._sweeper: asyncio.Task[None] | None = None

    @property
    def joinable(self) -> bool:
        return self.history is not None

    def start(self) -> None:
        self._task = asyncio.create_task(self._pump(), name="fivesoc-broadcast")
        if self._context.revocations is not None:
            self._sweeper = asyncio.create_task(self._sweep(), name="fivesoc-broadcast-tokens")

    def add(self, member: Member) -> None:
        assert self.history is not None, "a broadcast that sent too much takes no members"
        for message in self.history:
            member.offer(message)
        self.members.add(member)

    def taken(self) -> None:
        """A member took a message from its queue: a replay waiting for room may go on."""
        self._room.set()

    def leave(self, member: Member) -> None:
        self.members.discard(member)
        if not self.members:
            self._stop()

    def _stop(self) -> None:
        self._registry.finished(self)
        for task in (self._task, self._sweeper):
            if task is not None and task is not asyncio.current_task():
                task.cancel()

    async def _pump(self) -> None:
        try:
            stream = await self._schema.stream(
                self.key.query,
                variable_values=self._variables,
                context_value=self._context,
                operation_name=self.key.operation_name,
            )
            async with aclosing(stream):
                first = True
                async for result in stream:
                    if first and isinstance(result, PreExecutionError):
                        errors = [error.formatted for error in result.errors or ()]
                        self._send(Message(Kind.ERROR, errors=errors))
                        return
                    first = False
                    if not isinstance(result, ExecutionResult):  # pragma: no cover
                        # @defer and @stream have no form in graphql-transport-ws's `next`.
                        refused = GraphQLError("incremental delivery is not served here")
                        self._send(Message(Kind.ERROR, errors=[refused.formatted]))
                        return
                    self._registry.executions += 1
                    delivering: Delivering = self._context.delivering
                    if delivering.replayed:
                        await self._wait_for_room()
                    self._send(Message(Kind.NEXT, self._payload(result), None, delivering.position))
                    if not self.members:
                        return  # every member has left: nobody to execute for
            self._send(Message(Kind.COMPLETE))
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("a shared subscription failed")
            self._send(Message(Kind.COMPLETE))
        finally:
            self._registry.finished(self)
            if self._sweeper is not None:
                self._sweeper.cancel()

    def _payload(self, result: ExecutionResult) -> str:
        payload: dict[str, object] = {"data": result.data}
        if result.errors:
            payload["errors"] = [error.formatted for error in result.errors]
        if result.extensions:
            payload["extensions"] = result.extensions
        encoded = self._encode(payload)
        return encoded.decode() if isinstance(encoded, bytes) else encoded

    def _send(self, message: Message) -> None:
        if self.history is not None:
            if len(self.history) < self._retain:
                self.history.append(message)
            else:
                self.history = None
                self._registry.unlist(self)  # the next subscriber starts a broadcast of its own
        for member in list(self.members):
            if message.kind is Kind.NEXT and len(member.queue) >= member.bound:
                member.end(Message(Kind.TOO_SLOW))
                self.members.discard(member)
            elif not member.offer(message):
                self.members.discard(member)

    async def _wait_for_room(self) -> None:
        while any(len(member.queue) >= member.bound for member in self.members):
            self._room.clear()
            await self._room.wait()

    async def _sweep(self) -> None:
        revocations = self._context.revocations
        assert revocations is not None
        while True:
            await asyncio.sleep(REVOCATION_CHECK_S)
            current = revocations.current
            for member in list(self.members):
                viewer = member.viewer
                if viewer.token_id is not None and current.covers(
                    viewer.token_id, viewer.subject, viewer.issued_at
                ):
                    member.end(Message(Kind.REVOKED))
                    self.members.discard(member)


class Broadcasts:
    """The broadcasts of one process, by key."""

    def __init__(self, schema: Schema, encode: Callable[[object], str | bytes]) -> None:
        self.schema = schema
        self.core_schema = schema._schema
        self.encode = encode
        self.open: dict[Key, Broadcast] = {}
        """The broadcasts that take members, by key."""
        self.running: set[Broadcast] = set()
        """Every broadcast under way, taking members or not."""
        self.subscribers = 0
        """Subscriptions open in this process, shared or not."""
        self.started = 0
        """Broadcasts started."""
        self.executions = 0
        """Results made by broadcasts, each sent to every member of its broadcast."""

    def subscription(self, query: str) -> DocumentNode | None:
        """`query` parsed, if it is a subscription these broadcasts may share."""
        return self.schema.subscription_of(query)

    def join(
        self,
        key: Key,
        variables: dict[str, object] | None,
        context: Context,
        member: Member,
    ) -> Broadcast:
        """Add `member` to the broadcast of `key`, started with `context` if there is none."""
        broadcast = self.open.get(key)
        if broadcast is None or not broadcast.joinable:
            shared = dataclasses.replace(
                context,
                # The execution is the visibility's, not one token's: each member's token is
                # checked on its own (`Broadcast._sweep`).
                viewer=dataclasses.replace(context.viewer, token_id=None),
                loaders=Loaders(context.pool),
                connection_params=None,
                delivering=Delivering(),
            )
            broadcast = Broadcast(
                self.schema,
                key,
                variables,
                shared,
                self.encode,
                max(1, member.bound // 2),  # room left for what comes live
                self,
            )
            self.open[key] = broadcast
            self.running.add(broadcast)
            self.started += 1
            broadcast.add(member)
            broadcast.start()
            return broadcast
        broadcast.add(member)
        return broadcast

    def waiting(self) -> int:
        """Messages queued for members and not yet sent, all together."""
        return sum(len(member.queue) for broadcast in self.running for member in broadcast.members)

    def unlist(self, broadcast: Broadcast) -> None:
        """`broadcast` takes no more members."""
        if self.open.get(broadcast.key) is broadcast:
            del self.open[broadcast.key]

    def finished(self, broadcast: Broadcast) -> None:
        """`broadcast` has ended, or all its members have left."""
        self.unlist(broadcast)
        self.running.discard(broadcast)


__all__ = ["Broadcast", "Broadcasts", "Key", "Kind", "Member", "Message"]
