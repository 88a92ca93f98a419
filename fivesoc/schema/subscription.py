"""The root `Subscription` type: the change log, replayed from a cursor and then live.

Each subscription follows the log with its own reader and bounded queue
(`fivesoc.db.listener.follow`). Replay and live delivery are the same loop, so there is no gap
and no duplicate at the switch. A subscriber that stops taking events falls behind on its own
and nobody waits for it; once more than `FIVESOC_SUBSCRIBER_QUEUE` live events wait for it,
it is closed with a `SUBSCRIBER_TOO_SLOW` error carrying the cursor to resume after.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncGenerator
from typing import Annotated, Any

import asyncpg
import strawberry
from graphql import GraphQLError
from strawberry import relay

from fivesoc import permissions
from fivesoc.db import catalog, events
from fivesoc.db.listener import FellBehind, follow
from fivesoc.permissions import FOLLOW, PERSONAL
from fivesoc.schema import filters as f
from fivesoc.schema import privacy
from fivesoc.schema.context import Info
from fivesoc.schema.errors import UNAVAILABLE_MESSAGE, UNREACHABLE, Forbidden, UserInputError
from fivesoc.schema.loaders import Loaders
from fivesoc.schema.network.inputs import (
    LinkKindsArgument,
    ScopeArgument,
    WindowArgument,
    parse_request,
)
from fivesoc.schema.network.jobs import NetworkJob, follow_job
from fivesoc.schema.network.query import cache_of, served_of
from fivesoc.schema.pagination import decode_cursor, encode_cursor
from fivesoc.schema.types.common import decode_id
from fivesoc.schema.types.event import ChangeEvent
from fivesoc.schema.types.household import Need
from fivesoc.schema.types.project import ProjectUpdate

logger = logging.getLogger("fivesoc.subscriptions")


@strawberry.type(description="A change event with the cursor to resume after it.")
class ChangeEventDelivery:
    cursor: str = strawberry.field(description="Pass as `after` to resume after this event.")
    event: ChangeEvent = strawberry.field(description="The event.")


@strawberry.type(description="A project update with the cursor to resume after it.")
class ProjectUpdateDelivery:
    cursor: str = strawberry.field(description="Pass as `after` to resume after this update.")
    update: ProjectUpdate = strawberry.field(description="The update.")


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
        types = None if filter is None or filter.types is None else list(filter.types)
        region = None if filter is None else decode_id(filter.region, "Region", "filter.region")
        async for event in _follow(info, _position(after), types=types, region_id=region):
            yield ChangeEventDelivery(
                cursor=encode_cursor(event.position), event=ChangeEvent.from_event(event)
            )

    @strawberry.subscription(
        description=(
            "The job of a worker computing the analysis of a network (the arguments of "
            "`network`), queued if the analysis of the current data version is neither "
            "stored nor being computed: its state each time it changes, until it is done or "
            "has failed. Nothing is sent where the server computes analyses itself, or when "
            "the analysis is stored already."
        )
    )
    async def network_job(
        self,
        info: Info,
        scope: ScopeArgument = None,
        window: WindowArgument = None,
        link_kinds: LinkKindsArgument = None,
    ) -> AsyncGenerator[NetworkJob, None]:
        request = parse_request(scope, window, link_kinds)
        served = await served_of(info, request, wait=False, result=False)
        if served.job_id is None:
            return
        cache = cache_of(info)
        async for job in follow_job(cache.pool, request.key, cache.signals):
            yield job

    @strawberry.subscription(
        description=(
            "Changes to household needs (personal data: a caseworker token covering their "
            "region, or an admin token), replayed after `after`, then live. Needs outside the "
            "token's regions are not sent."
        )
    )
    async def need_changes(
        self,
        info: Info,
        region: Annotated[
            relay.GlobalID | None,
            strawberry.argument(description="Only needs in this region or below it."),
        ] = None,
        after: Annotated[
            str | None, strawberry.argument(description="Resume after this cursor.")
        ] = None,
    ) -> AsyncGenerator[NeedChangeDelivery, None]:
        viewer = info.context.viewer
        if not privacy.granted(info, FOLLOW):
            raise Forbidden(
                "needs are personal data of vulnerable people: following their changes needs "
                "a caseworker token for their region"
            )
        following = _follow(
            info,
            _position(after),
            types=["need.referred", "need.resolved", "need.closed"],
            region_id=decode_id(region, "Region", "region"),
        )
        async for event in following:
            loaders = Loaders(info.context.pool)
            row = await loaders.by_id(catalog.NEED).load(event.entity_id)
            if row is None:
                continue
            place = await loaders.by_id(catalog.REGION).load(row.region_id)
            if place is None or not permissions.allows(viewer, FOLLOW, PERSONAL, place.path_ids):
                continue
            yield NeedChangeDelivery(
                cursor=encode_cursor(event.position), type=event.type, need=Need.from_record(row)
            )

    @strawberry.subscription(
        description=(
            "Updates posted on projects — of one project, of the projects serving a community, "
            "or of a region's projects — replayed after `after`, then live."
        )
    )
    async def project_updates(
        self,
        info: Info,
        project: Annotated[
            relay.GlobalID | None, strawberry.argument(description="Only this project.")
        ] = None,
        community: Annotated[
            relay.GlobalID | None,
            strawberry.argument(description="Only projects serving this community."),
        ] = None,
        region: Annotated[
            relay.GlobalID | None,
            strawberry.argument(description="Only projects of this region or below it."),
        ] = None,
        after: Annotated[
            str | None, strawberry.argument(description="Resume after this cursor.")
        ] = None,
    ) -> AsyncGenerator[ProjectUpdateDelivery, None]:
        following = _follow(
            info,
            _position(after),
            types=["project_update.posted"],
            region_id=decode_id(region, "Region", "region"),
            project_id=decode_id(project, "Project", "project"),
            community_id=decode_id(community, "Community", "community"),
        )
        async for event in following:
            # A fresh set of loaders per event: the subscription outlives any one request.
            loaders = Loaders(info.context.pool)
            row = await loaders.by_id(catalog.PROJECT_UPDATE).load(event.entity_id)
            if row is not None:
                yield ProjectUpdateDelivery(
                    cursor=encode_cursor(event.position), update=ProjectUpdate.from_record(row)
                )


@strawberry.type(description="A change to a household need, with the cursor to resume after it.")
class NeedChangeDelivery:
    cursor: str = strawberry.field(description="Pass as `after` to resume after this change.")
    type: str = strawberry.field(description="What happened, e.g. `need.resolved`.")
    need: Need = strawberry.field(description="The need as it is now.")


def _position(after: str | None) -> tuple[str, int] | None:
    if after is None:
        return None
    value, key = decode_cursor(after, "after")
    if not str(value).isdigit():
        raise UserInputError("`after` is not a cursor of the change log", argument="after")
    return (str(value), key)


async def _follow(
    info: Info, position: tuple[str, int] | None, **filters: Any
) -> AsyncGenerator[events.Event, None]:
    """Events after `position` from the log, then live, with a bounded queue (see `follow`)."""
    listener = info.context.listener
    if listener is None:
        raise UserInputError("this server does not follow the change log")
    bound = info.context.limits.subscriber_queue
    # Events about personal records reach only those who may read the record.
    scope = privacy.scope(info, FOLLOW)
    delivering = info.context.delivering

    def taken(event: events.Event, replayed: bool) -> None:
        delivering.position = event.position
        delivering.replayed = replayed

    following = follow(
        info.context.pool,
        listener,
        position,
        bound=bound,
        taken=taken,
        personal_regions=None if scope is None else tuple(scope),
        **filters,
    )
    delivered = position
    try:
        async with contextlib.aclosing(following):  # stops its reader as soon as we stop
            async for event in _unless_revoked(info, following):
                yield event
                delivered = event.position
    except FellBehind as behind:
        raise SubscriberTooSlow(behind) from behind
    except (*UNREACHABLE, asyncpg.PostgresError) as error:
        # Never the driver's words: what happened, and where to resume.
        logger.warning("subscription ended, the database is unreachable: %s", error)
        cursor = None if delivered is None else encode_cursor(delivered)
        resume = f' with after: "{cursor}"' if cursor is not None else ""
        raise GraphQLError(
            f"{UNAVAILABLE_MESSAGE}: resubscribe{resume} to receive the rest",
            extensions={"code": "UNAVAILABLE", "cursor": cursor},
        ) from error


# How often a subscription looks whether its token has been revoked meanwhile.
REVOCATION_CHECK_S = 1.0


async def _unless_revoked(
    info: Info, following: AsyncGenerator[events.Event, None]
) -> AsyncGenerator[events.Event, None]:
    """The events, until the token of the subscription is revoked: then it ends with an
    UNAUTHENTICATED error, within a second or two, whether events come or not."""
    viewer = info.context.viewer
    revocations = info.context.revocations
    if viewer.token_id is None or revocations is None:
        async for event in following:
            yield event
        return
    pending: asyncio.Future[events.Event] | None = None
    try:
        while True:
            if pending is None:
                pending = asyncio.ensure_future(anext(following))
            done, _ = await asyncio.wait({pending}, timeout=REVOCATION_CHECK_S)
            if revocations.current.covers(viewer.token_id, viewer.subject, viewer.issued_at):
                raise revoked_error()
            if not done:
                continue
            try:
                event = pending.result()
            except StopAsyncIteration:
                return
            pending = None
            yield event
    finally:
        if pending is not None and not pending.done():
            pending.cancel()
            with contextlib.suppress(asyncio.CancelledError, StopAsyncIteration):
                await pending


def revoked_error() -> GraphQLError:
    """What ends a subscription whose token has been revoked."""
    return GraphQLError(
        "the token of this subscription has been revoked",
        extensions={"code": "UNAUTHENTICATED"},
    )


class SubscriberTooSlow(GraphQLError):
    """The subscription fell behind the live log by its queue's bound and was closed."""

    def __init__(self, behind: FellBehind) -> None:
        cursor = None if behind.delivered is None else encode_cursor(behind.delivered)
        resume = (
            f'resubscribe with after: "{cursor}" to receive the rest'
            if cursor is not None
            else "resubscribe with the same `after` to receive the rest"
        )
        super().__init__(
            f"this subscription fell behind: more than {behind.bound} events were waiting to be "
            f"sent to it, so it was closed; {resume}",
            extensions={"code": "SUBSCRIBER_TOO_SLOW", "bound": behind.bound, "cursor": cursor},
        )
