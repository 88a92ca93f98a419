"""Cursor connections: argument checks, opaque cursors, and the `Connection` type."""

from __future__ import annotations

import base64
import binascii
import dataclasses
import json
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, Annotated, TypeVar

import strawberry
from graphql import GraphQLObjectType, get_named_type
from strawberry import relay
from strawberry.relay.types import NodeType

from fivesoc.db.listing import Key, Keyed, PageSpec
from fivesoc.schema.errors import UserInputError
from fivesoc.schema.selections import collect_fields

if TYPE_CHECKING:
    from fivesoc.schema.context import Info

N = TypeVar("N", bound=relay.Node)
R = TypeVar("R")

_CURSOR_PREFIX = "fivesoc:"
# Keys are bigint: a larger one names no row.
MAX_KEY = 2**63 - 1


def encode_cursor(key: Key, mark: str | None = None) -> str:
    """The opaque cursor of a position in a list: its sort value and id, and the `mark` of
    the list's order where it can be sorted more than one way (`Listing.cursor_mark`)."""
    items = [*key] if mark is None else [*key, mark]
    text = _CURSOR_PREFIX + json.dumps(items, ensure_ascii=False, separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode()


def decode_marked_cursor(cursor: str, argument: str) -> tuple[Key, str | None]:
    """The position a cursor stands for and the mark of its order (None if unmarked); a
    clear error for anything else."""
    try:
        text = base64.urlsafe_b64decode(cursor.encode()).decode()
        if text.startswith(_CURSOR_PREFIX):
            items = json.loads(text[len(_CURSOR_PREFIX) :])
            if isinstance(items, list) and len(items) in (2, 3):
                value, key, *marks = items
                mark = marks[0] if marks else None
                if type(key) is int and 0 <= key <= MAX_KEY and (mark is None or _mark(mark)):
                    return (value, key), mark
    except (binascii.Error, UnicodeError, ValueError, TypeError):
        pass
    raise UserInputError(
        f"`{argument}` is not a cursor of this API; use a cursor from pageInfo or an edge",
        argument=argument,
    )


def _mark(mark: object) -> bool:
    """Whether a cursor's third item can be a mark: a short hexadecimal fingerprint."""
    return (
        isinstance(mark, str) and 0 < len(mark) <= 16 and all(c in "0123456789abcdef" for c in mark)
    )


def decode_cursor(cursor: str, argument: str) -> Key:
    """The position an unmarked cursor (of a list with one order) stands for."""
    key, mark = decode_marked_cursor(cursor, argument)
    if mark is not None:
        raise UserInputError(
            f"`{argument}` is not a cursor of this list; use a cursor from its pageInfo or edges",
            argument=argument,
        )
    return key


@dataclasses.dataclass(frozen=True, slots=True)
class PageArgs:
    """Checked `first/after/last/before` arguments of one connection field."""

    size: int
    after: Key | None
    before: Key | None
    from_end: bool
    after_mark: str | None = None
    before_mark: str | None = None
    """The marks of the orders the cursors were made under (`encode_cursor`)."""

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
        after_key, after_mark = (
            (None, None) if after is None else decode_marked_cursor(after, "after")
        )
        before_key, before_mark = (
            (None, None) if before is None else decode_marked_cursor(before, "before")
        )
        return cls(
            size=size,
            after=after_key,
            before=before_key,
            from_end=last is not None,
            after_mark=after_mark,
            before_mark=before_mark,
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
    """A page; its edges, cursors and page info are built only when they are selected (a page
    asked for `nodes` alone encodes no cursor)."""

    nodes: list[NodeType] = strawberry.field(
        description="The items of this page, in order: the `node` of each edge."
    )
    keys: strawberry.Private[Sequence[Key]]
    more_before: strawberry.Private[bool]
    more_after: strawberry.Private[bool]
    count_total: strawberry.Private[Callable[[], Awaitable[int]]]
    mark: strawberry.Private[str | None] = None

    @strawberry.field(description="Pagination data for this connection")  # type: ignore[misc]
    def page_info(self) -> relay.PageInfo:
        return relay.PageInfo(
            has_next_page=self.more_after,
            has_previous_page=self.more_before,
            start_cursor=encode_cursor(self.keys[0], self.mark) if self.keys else None,
            end_cursor=encode_cursor(self.keys[-1], self.mark) if self.keys else None,
        )

    @strawberry.field(description="Contains the nodes in this connection")  # type: ignore[misc]
    def edges(self) -> list[relay.Edge[NodeType]]:
        return [
            relay.Edge(cursor=encode_cursor(key, self.mark), node=node)
            for key, node in zip(self.keys, self.nodes, strict=True)
        ]

    @strawberry.field(description="How many items the whole list holds, regardless of the page.")
    async def total_count(self) -> int:
        return await self.count_total()


# What a connection may be asked for without reading its rows.
COUNT_FIELDS = frozenset({"totalCount", "__typename"})


def counts_only(info: Info) -> bool:
    """True when the connection being resolved is asked for nothing but its count.

    It is decided from the fields the executor will resolve — fragments and inline fragments
    opened, `@skip`/`@include` applied, aliases ignored — never from names as written:
    `totalCount: nodes { … }` asks for nodes, and `... on HouseholdConnection { totalCount }`
    for the count alone.
    """
    raw = info._raw_info
    runtime = get_named_type(raw.return_type)
    if not isinstance(runtime, GraphQLObjectType):
        return False
    sets = [node.selection_set for node in raw.field_nodes if node.selection_set is not None]
    fields = collect_fields(raw.schema, raw.fragments, raw.variable_values, runtime, sets)
    return all(nodes[0].name.value in COUNT_FIELDS for nodes in fields.values())


def connection(
    rows: Sequence[Keyed[R]],
    page: PageArgs,
    make: Callable[[R], N],
    count_total: Callable[[], Awaitable[int]],
    mark: str | None = None,
) -> Connection[N]:
    """Build a connection from rows fetched with `page.spec()` (possibly one row too many);
    its cursors carry `mark`, the mark of the list's order (None for a list of one order)."""
    has_more = len(rows) > page.size
    if has_more:
        rows = rows[1:] if page.from_end else rows[: page.size]
    if page.from_end:
        has_previous, has_next = has_more, page.before is not None
    else:
        has_previous, has_next = page.after is not None, has_more
    return Connection(  # type: ignore[call-arg]
        nodes=[make(row.record) for row in rows],
        keys=[row.key for row in rows],
        more_before=has_previous,
        more_after=has_next,
        count_total=count_total,
        mark=mark,
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
