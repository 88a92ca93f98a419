"""Cursor connections: argument checks, opaque cursors, and the `Connection` type."""

from __future__ import annotations

import base64
import binascii
import dataclasses
import json
from collections.abc import Awaitable, Callable, Sequence
from typing import Annotated, TypeVar

import strawberry
from strawberry import relay
from strawberry.relay.types import NodeType

from fivesoc.db.listing import Key, Keyed, PageSpec
from fivesoc.schema.errors import UserInputError

N = TypeVar("N", bound=relay.Node)
R = TypeVar("R")

_CURSOR_PREFIX = "fivesoc:"


def encode_cursor(key: Key) -> str:
    """The opaque cursor of a position in a list: its sort value and id."""
    text = _CURSOR_PREFIX + json.dumps(list(key), ensure_ascii=False, separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode()


def decode_cursor(cursor: str, argument: str) -> Key:
    """The position a cursor stands for; a clear error for anything else."""
    try:
        text = base64.urlsafe_b64decode(cursor.encode()).decode()
        if text.startswith(_CURSOR_PREFIX):
            value, key = json.loads(text[len(_CURSOR_PREFIX) :])
            if isinstance(key, int) and not isinstance(key, bool):
                return (value, key)
    except (binascii.Error, UnicodeError, ValueError, TypeError):
        pass
    raise UserInputError(
        f"`{argument}` is not a cursor of this API; use a cursor from pageInfo or an edge",
        argument=argument,
    )


@dataclasses.dataclass(frozen=True, slots=True)
class PageArgs:
    """Checked `first/after/last/before` arguments of one connection field."""

    size: int
    after: Key | None
    before: Key | None
    from_end: bool

    @classmethod
    def parse(
        cls,
        *,
        first: int | None,
        after: str | None,
        last: int | None,
        before: str | None,
        default_size: int,
        max_size: int,
    ) -> PageArgs:
        if first is not None and last is not None:
            raise UserInputError(
                "pass either `first` or `last`, not both", argument="first" if first else "last"
            )
        for name, value in (("first", first), ("last", last)):
            if value is None:
                continue
            if value < 0:
                raise UserInputError(f"`{name}` must not be negative (got {value})", argument=name)
            if value > max_size:
                raise UserInputError(
                    f"`{name}` is {value}, more than the limit of {max_size} items per page; "
                    "ask for fewer and follow pageInfo.endCursor",
                    argument=name,
                )
        size = first if first is not None else last if last is not None else default_size
        return cls(
            size=size,
            after=None if after is None else decode_cursor(after, "after"),
            before=None if before is None else decode_cursor(before, "before"),
            from_end=last is not None,
        )

    def spec(self) -> PageSpec:
        """The database cut: one row more than the page, to learn whether more follow."""
        return PageSpec(
            limit=self.size + 1, after=self.after, before=self.before, from_end=self.from_end
        )


@strawberry.type(
    description=(
        "A page of a list, cut by opaque cursors (`first`/`after` forwards, `last`/`before` "
        "backwards), with the list's total size."
    )
)
class Connection(relay.Connection[NodeType]):
    nodes: list[NodeType] = strawberry.field(
        description="The items of this page, in order: the `node` of each edge."
    )
    count_total: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field(description="How many items the whole list holds, regardless of the page.")
    async def total_count(self) -> int:
        return await self.count_total()


def connection(
    rows: Sequence[Keyed[R]],
    page: PageArgs,
    make: Callable[[R], N],
    count_total: Callable[[], Awaitable[int]],
) -> Connection[N]:
    """Build a connection from rows fetched with `page.spec()` (possibly one row too many)."""
    has_more = len(rows) > page.size
    if has_more:
        rows = rows[1:] if page.from_end else rows[: page.size]
    edges = [relay.Edge(cursor=encode_cursor(row.key), node=make(row.record)) for row in rows]
    if page.from_end:
        has_previous, has_next = has_more, page.before is not None
    else:
        has_previous, has_next = page.after is not None, has_more
    return Connection(
        page_info=relay.PageInfo(
            has_next_page=has_next,
            has_previous_page=has_previous,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        edges=edges,
        nodes=[edge.node for edge in edges],
        count_total=count_total,
    )


First = Annotated[
    int | None,
    strawberry.argument(description="Return the first n items (after `after`); at most the limit."),
]
After = Annotated[str | None, strawberry.argument(description="Return items after this cursor.")]
Last = Annotated[
    int | None,
    strawberry.argument(
        description="Return the last n items (before `before`); at most the limit."
    ),
]
Before = Annotated[str | None, strawberry.argument(description="Return items before this cursor.")]
