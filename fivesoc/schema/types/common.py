"""What every type module needs: page arguments, connections over the catalog, node lookups."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Self, TypeVar

from strawberry import relay

from fivesoc.db import listing
from fivesoc.db.listing import Children, Listing, Order, Source
from fivesoc.schema.context import Info, Limits
from fivesoc.schema.errors import UserInputError
from fivesoc.schema.pagination import MAX_KEY, Connection, PageArgs, connection, counts_only

R = TypeVar("R")
N = TypeVar("N", bound=relay.Node)


def row_key(node_id: str) -> int | None:
    """The key a global id's node id stands for: ASCII digits within the range of keys."""
    if node_id.isascii() and node_id.isdigit() and len(node_id) <= 19:
        key = int(node_id)
        if key <= MAX_KEY:
            return key
    return None


def page_args(
    info: Info, first: int | None, after: str | None, last: int | None, before: str | None
) -> PageArgs:
    return limited_page_args(info.context.limits, first, after, last, before)


def limited_page_args(
    limits: Limits, first: int | None, after: str | None, last: int | None, before: str | None
) -> PageArgs:
    """Checked page arguments within `limits`."""
    return PageArgs.parse(
        first=first,
        after=after,
        last=last,
        before=before,
        default_size=limits.default_page_size,
        max_size=limits.max_page_size,
    )


def check_cursors(page: PageArgs, order: Order, mark: str | None = None) -> None:
    """Refuse a cursor of another list or of another order of this list: the cursors of a
    list that can be sorted more than one way carry the `mark` of their order, which must be
    this one's; and the sort value must be able to stand in this order."""
    cursors = (("after", page.after, page.after_mark), ("before", page.before, page.before_mark))
    for argument, key, given in cursors:
        if key is None:
            continue
        if mark is not None and given is not None and given != mark:
            raise UserInputError(
                f"`{argument}` is a cursor of another order of this list; page with the "
                "orderBy (or search) it was made under, or start again without it",
                argument=argument,
            )
        if given != mark or not order.accepts(key[0]):
            raise UserInputError(
                f"`{argument}` is not a cursor of this list (in this order); use a cursor "
                "from its pageInfo or edges",
                argument=argument,
            )


async def child_connection(
    info: Info,
    relation: Children[R],
    parent_id: int,
    make: Callable[[R], N],
    page: PageArgs,
) -> Connection[N]:
    """A page of `parent_id`'s rows through the request's batched loaders."""
    loaders = info.context.loaders
    check_cursors(page, relation.order)

    async def total() -> int:
        return await loaders.child_count(relation).load(parent_id)

    if counts_only(info):
        return connection([], page, make, count_total=total)
    rows = await loaders.children(relation).load((parent_id, page.spec()))
    return connection(rows, page, make, count_total=total)


async def root_connection(
    info: Info,
    list_: Listing[R],
    make: Callable[[R], N],
    page: PageArgs,
    filters: Mapping[str, object],
    *,
    order: str | None = None,
    reverse: bool = False,
    search: str | None = None,
) -> Connection[N]:
    """A page of a root list with its filters, in the named order or ranked by `search`."""
    pool = info.context.pool
    search = checked_search(search, order, info.context.limits.max_search_length)
    chosen = list_.search_order(0) if search else list_.order(order, reverse)
    mark = list_.cursor_mark(chosen)
    check_cursors(page, chosen, mark)

    async def total() -> int:
        return await listing.count(pool, list_, filters, search=search)

    if counts_only(info):
        return connection([], page, make, count_total=total, mark=mark)
    rows = await listing.fetch_page(
        pool, list_, page.spec(), filters, order=order, reverse=reverse, search=search
    )
    return connection(rows, page, make, count_total=total, mark=mark)


def checked_search(search: str | None, order: str | None, max_length: int) -> str | None:
    """The text to rank by, without surrounding space; an error for an empty one, one longer
    than `max_length` (a long text costs the database dearly), or one given with an order."""
    if search is None:
        return None
    search = search.strip()
    if not search:
        raise UserInputError("`search` must not be empty", argument="search")
    if len(search) > max_length:
        raise UserInputError(
            f"`search` is {len(search):,} characters long, more than the limit of {max_length}",
            argument="search",
        )
    if order is not None:
        raise UserInputError(
            "a search is ranked by similarity; leave out `orderBy`", argument="orderBy"
        )
    return search


async def load_nodes(
    info: Info,
    source: Source[R],
    make: Callable[[R], N],
    node_ids: Iterable[str],
    *,
    required: bool,
) -> list[N | None]:
    """Nodes for `node`/`nodes`: None for ids that name nothing (an error if `required`)."""
    ids = list(node_ids)
    keys = [row_key(node_id) for node_id in ids]
    loader = info.context.loaders.by_id(source)
    found = await loader.load_many([key for key in keys if key is not None])
    by_key = dict(zip([key for key in keys if key is not None], found, strict=True))
    nodes: list[N | None] = []
    for node_id, key in zip(ids, keys, strict=True):
        row = by_key.get(key) if key is not None else None
        if row is None and required:
            raise UserInputError(f"no object has the id {node_id!r}")
        nodes.append(None if row is None else make(row))
    return nodes


async def load_one(info: Info, source: Source[R], key: int) -> R | None:
    """One record by id, batched with every other lookup of the request."""
    return await info.context.loaders.by_id(source).load(key)


class Catalogued:
    """Mixin of the node types of entities (`fivesoc.schema.types.node.node`): `from_record`
    maps a record to the type, and `resolve_nodes` (for `node` and `nodes`) reads records
    batched through the request's loaders."""

    catalog_source: ClassVar[Source[Any]]
    # Each column the type copies from its record, with its conversion (None: as it is).
    conversions: ClassVar[tuple[tuple[str, Callable[[Any], Any] | None], ...]]
    if TYPE_CHECKING:
        id: int
        record: Any

    @classmethod
    def from_record(cls, row: Any) -> Self:
        values = {
            name: getattr(row, name) if convert is None else convert(getattr(row, name))
            for name, convert in cls.conversions
        }
        return cls(id=row.id, record=row, **values)  # type: ignore[call-arg]

    @classmethod
    async def resolve_nodes(
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Any]:
        return await load_nodes(
            info, cls.catalog_source, cls.from_record, node_ids, required=required
        )


def decode_id(value: relay.GlobalID | None, expected: str, argument: str) -> int | None:
    """The row id inside a global id of type `expected`; a clear error for anything else."""
    if value is None:
        return None
    key = row_key(value.node_id)
    if value.type_name != expected or key is None:
        raise UserInputError(
            f"`{argument}` must be the id of a {expected}, got one of a {value.type_name}",
            argument=argument,
        )
    return key
