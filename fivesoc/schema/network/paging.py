"""Cursor connections over lists computed in memory (ranked actors, links, clusters).

The cursor of an item is its position in the list with its id, so pages follow the list's
own order; the list is the same for the same data version, so cursors stay valid until the
data changes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Generic, TypeVar

import strawberry
from strawberry import relay

from fivesoc.schema.context import Info
from fivesoc.schema.errors import UserInputError
from fivesoc.schema.pagination import After, Before, First, Last, PageArgs, encode_cursor

T = TypeVar("T")
R = TypeVar("R")


@strawberry.type(description="An item of a computed list, with its cursor.")
class ListEdge(Generic[T]):
    cursor: str = strawberry.field(description="Opaque position of the item in the list.")
    node: T = strawberry.field(description="The item.")


@strawberry.type(
    description=(
        "A page of a computed list, cut by opaque cursors (`first`/`after` forwards, "
        "`last`/`before` backwards), with the list's total size."
    )
)
class ListConnection(Generic[T]):
    page_info: relay.PageInfo = strawberry.field(description="Where this page lies.")
    edges: list[ListEdge[T]] = strawberry.field(description="The items with their cursors.")
    nodes: list[T] = strawberry.field(description="The items of this page, in order.")
    total_count: int = strawberry.field(description="How many items the whole list holds.")


@dataclasses.dataclass(frozen=True, slots=True)
class Window:
    """Which positions of a list of `total` items a page shows: `lo` … `hi - 1`, within the
    positions the cursors leave, `start` … `stop - 1`."""

    lo: int
    hi: int
    start: int
    stop: int
    total: int
    backwards: bool
    after: bool
    before: bool


def window_of(
    info: Info,
    total: int,
    *,
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
) -> Window:
    """The positions the arguments ask for in a list of `total` items (checked as for every
    connection)."""
    limits = info.context.limits
    page = PageArgs.parse(
        first=first,
        after=after,
        last=last,
        before=before,
        default_size=limits.default_page_size,
        max_size=limits.max_page_size,
    )
    start = 0 if page.after is None else _position(page.after[0], "after") + 1
    stop = total if page.before is None else _position(page.before[0], "before")
    start, stop = max(0, start), min(total, max(stop, 0))
    if page.from_end:
        lo, hi = max(start, stop - page.size), stop
    else:
        lo, hi = start, min(stop, start + page.size)
    return Window(
        lo, hi, start, stop, total, page.from_end, page.after is not None, page.before is not None
    )


def connection(window: Window, items: Sequence[tuple[int, T]]) -> ListConnection[T]:
    """The page of `window`, from its items in order as (id, node), position `window.lo` on."""
    edges = [
        ListEdge(cursor=encode_cursor((window.lo + k, ident)), node=node)
        for k, (ident, node) in enumerate(items)
    ]
    return ListConnection(
        page_info=relay.PageInfo(
            has_next_page=window.hi < window.stop or (window.backwards and window.before),
            has_previous_page=window.lo > window.start or (not window.backwards and window.after),
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        edges=edges,
        nodes=[edge.node for edge in edges],
        total_count=window.total,
    )


def page_of(
    info: Info,
    items: Sequence[R],
    make: Callable[[R], T],
    ident: Callable[[R], int],
    *,
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
) -> ListConnection[T]:
    """The page of `items` the arguments ask for (checked as for every connection)."""
    window = window_of(info, len(items), first=first, after=after, last=last, before=before)
    return connection(
        window, [(ident(items[i]), make(items[i])) for i in range(window.lo, window.hi)]
    )


def _position(value: object, argument: str) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    raise UserInputError(
        f"`{argument}` is not a cursor of this list; use a cursor from pageInfo or an edge",
        argument=argument,
    )


# What a list field pages through: the items, how to make each one's node, and its id.
Page = tuple[Sequence[R], Callable[[R], T], Callable[[R], int]]


def computed_list(
    node: type, description: str, items: Callable[[Any], Awaitable[Page[Any, Any]]]
) -> Any:
    """A connection field over a list computed from its parent object by `items`, with the
    four paging arguments every connection takes (for lists with arguments of their own,
    write the field and call `page_of`)."""

    async def resolve(
        self: Any,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Any:
        listed, make, ident = await items(self)
        return page_of(
            info, listed, make, ident, first=first, after=after, last=last, before=before
        )

    resolve.__annotations__["return"] = ListConnection[node]  # type: ignore[valid-type]
    return strawberry.field(resolver=resolve, description=description)
