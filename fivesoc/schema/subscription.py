"""The root `Subscription` type: the change log, replayed from a cursor and then live.

A subscriber reads the log itself from its own position, in pages, and sleeps on the
process's listener between pages. Replay and live delivery are the same loop, so there is
no gap and no duplicate at the switch; a slow subscriber only falls behind on its own, and
nobody waits for it.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
from typing import Annotated

import strawberry

from fivesoc.db import events
from fivesoc.schema import filters as f
from fivesoc.schema.context import Info
from fivesoc.schema.errors import UserInputError
from fivesoc.schema.pagination import decode_cursor, encode_cursor
from fivesoc.schema.types.common import decode_id
from fivesoc.schema.types.event import ChangeEvent

PAGE = 100
# A subscriber re-reads the log at least this often even without a notification.
IDLE_WAKE_S = 5.0


@strawberry.type(description="A change event with the cursor to resume after it.")
class ChangeEventDelivery:
    cursor: str = strawberry.field(description="Pass as `after` to resume after this event.")
    event: ChangeEvent = strawberry.field(description="The event.")


@strawberry.type(description="Following changes as they are committed.")
class Subscription:
    @strawberry.subscription(
        description=(
            "Events of the change log: those after `after` first (all of them without it), "
            "then each new one as it commits; none is skipped or sent twice."
        )
    )
    async def events(
        self,
        info: Info,
        after: Annotated[
            str | None, strawberry.argument(description="Resume after this cursor.")
        ] = None,
        filter: Annotated[
            f.EventFilter | None, strawberry.argument(description="Which events to send.")
        ] = None,
    ) -> AsyncGenerator[ChangeEventDelivery, None]:
        position = None
        if after is not None:
            value, key = decode_cursor(after, "after")
            if not str(value).isdigit():
                raise UserInputError("`after` is not a cursor of the change log", argument="after")
            position = (str(value), key)
        types = None if filter is None or filter.types is None else list(filter.types)
        region = None if filter is None else decode_id(filter.region, "Region", "filter.region")
        listener = info.context.listener
        if listener is None:
            raise UserInputError("this server does not follow the change log")
        pool = info.context.pool
        while True:
            seen = listener.generation
            batch = await events.read(pool, position, PAGE, types=types, region_id=region)
            for event in batch:
                position = event.position
                yield ChangeEventDelivery(
                    cursor=encode_cursor(event.position), event=ChangeEvent.from_event(event)
                )
            if len(batch) < PAGE:
                await listener.wait(seen, IDLE_WAKE_S)
