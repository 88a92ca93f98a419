"""Keyset-paginated lists, batched child lists, counts and lookups by id.

A `Source` declares where a record type's rows come from (table, columns, record class); a
`Listing` is a root list over a source with optional filters, orders and a name search; a
`Children` is a list of rows belonging to parents. Their SQL is built from those declarations
only: no value ever enters the text; values go in as parameters.

Pages are cut by their sort key and the primary key (`(key, id) > ($key, $id)`), never by
OFFSET, and ask for one row more than the page so the caller knows whether another page
follows.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import math
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Generic, TypeVar

import asyncpg

R = TypeVar("R")

# A position in an ordered list: the sort value (None when ordered by id alone) and the id.
Key = tuple[object, int]


@dataclasses.dataclass(frozen=True, slots=True)
class PageSpec:
    """A page cut: rows strictly between `after` and `before`, at most `limit`, from one end."""

    limit: int
    after: Key | None = None
    before: Key | None = None
    from_end: bool = False


@dataclasses.dataclass(frozen=True, slots=True)
class Keyed(Generic[R]):
    """A record with its position in the list it was read from."""

    record: R
    key: Key


@dataclasses.dataclass(frozen=True, slots=True)
class Filter:
    """A filter of a root list: `sql` with `{p}` for its parameter; a null value filters nothing."""

    name: str
    sql: str
    pg_type: str


@dataclasses.dataclass(frozen=True, slots=True)
class Words:
    """A criterion taking a word of the kind list `enum` (the GraphQL enum of that name)."""

    enum: str


@dataclasses.dataclass(frozen=True, slots=True)
class NodeId:
    """A criterion taking the global id of a `type_name` node (`Actor`: of any actor); its
    filter gets the key."""

    type_name: str


@dataclasses.dataclass(frozen=True, slots=True)
class Value:
    """A criterion taking a plain `Int` or `String`."""

    scalar: str


@dataclasses.dataclass(frozen=True, slots=True)
class Dates:
    """A criterion taking a range of dates; its two filters get the first and the last day."""


@dataclasses.dataclass(frozen=True, slots=True)
class Custom:
    """A criterion taking the input `name`, which says itself how it sets its filters."""

    name: str


Takes = Words | NodeId | Value | Dates | Custom


@dataclasses.dataclass(frozen=True, slots=True)
class Criterion:
    """What a client may narrow a root list by: one field of its filter input, `name`, with
    what it takes and says, read by one or more `filters`."""

    name: str
    description: str
    takes: Takes
    filters: tuple[Filter, ...]


@dataclasses.dataclass(frozen=True, slots=True)
class Order:
    """A sort order: a NOT NULL expression over `t`, ties broken by id in the same direction.
    `description` says it to clients (`By name.`)."""

    column: str = "t.id"
    pg_type: str = "bigint"
    descending: bool = False
    description: str = ""
    identity: str = ""
    """What the order is, for its `mark`, when `column` is not (a column with a parameter)."""

    @property
    def mark(self) -> str:
        """A short fingerprint of the order — its expression, type and direction — carried
        by the cursors of a list that can be sorted more than one way, so that a cursor made
        under one order is refused under another."""
        direction = "desc" if self.descending else "asc"
        basis = f"{self.identity or self.column} {self.pg_type} {direction}"
        return hashlib.blake2s(basis.encode(), digest_size=4).hexdigest()

    def accepts(self, value: object) -> bool:
        """Whether a cursor's sort value can stand for a value of this order (ordered by id,
        the value is none)."""
        if _by_id(self):
            return value is None
        try:
            coerced = self.coerce(value)
        except (ValueError, ArithmeticError):
            return False
        match self.pg_type:
            case "integer":
                return type(coerced) is int and -(2**31) <= coerced < 2**31
            case "text":
                return isinstance(coerced, str) and "\x00" not in coerced and _encodable(coerced)
            case "date":
                return isinstance(coerced, dt.date)
            case "timestamptz":
                return isinstance(coerced, dt.datetime)
            case "numeric":
                return isinstance(coerced, Decimal) and coerced.is_finite()
            case "real":
                return isinstance(coerced, int | float) and math.isfinite(coerced)
        return False

    def coerce(self, value: object) -> object:
        """The parameter value for a cursor's sort value (cursors carry JSON scalars)."""
        if self.pg_type == "date" and isinstance(value, str):
            return dt.date.fromisoformat(value)
        if self.pg_type == "timestamptz" and isinstance(value, str):
            return dt.datetime.fromisoformat(value)
        if self.pg_type == "numeric" and isinstance(value, str):
            return Decimal(value)
        return value


BY_ID = Order()


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@dataclasses.dataclass(frozen=True, eq=False)
class Source(Generic[R]):
    """Rows of one record type: `relation` is aliased `t`.

    Each field of the record is the column of its name (`t.<field>`) unless `computed` gives
    it an SQL expression over the relation (a derived value, or a column of a joined table).
    `personal` rows are personal data as a whole: read only through the privacy guard.
    """

    relation: str
    record: type[R]
    computed: Mapping[str, str] = dataclasses.field(default_factory=dict)
    personal: bool = False
    fields: tuple[str, ...] = dataclasses.field(init=False)
    expressions: Mapping[str, str] = dataclasses.field(init=False)
    columns: str = dataclasses.field(init=False)
    by_ids_sql: str = dataclasses.field(init=False)

    def __post_init__(self) -> None:
        names = tuple(f.name for f in dataclasses.fields(self.record))  # type: ignore[arg-type]
        unknown = set(self.computed) - set(names)
        if unknown:
            raise ValueError(f"{self.record.__name__} has no fields {sorted(unknown)}")
        expressions = {name: self.computed.get(name, f"t.{name}") for name in names}
        columns = ", ".join(
            expr if expr == f"t.{name}" else f"{expr} as {name}"
            for name, expr in expressions.items()
        )
        object.__setattr__(self, "fields", names)
        object.__setattr__(self, "expressions", expressions)
        object.__setattr__(self, "columns", columns)
        object.__setattr__(
            self,
            "by_ids_sql",
            f"select {columns} from {self.relation} where t.id = any($1::bigint[])",
        )

    def make(self, row: asyncpg.Record) -> R:
        return self.record(**{name: row[name] for name in self.fields})

    @property
    def archivable(self) -> bool:
        """Whether its rows can be archived (they have `archived_at`)."""
        return "archived_at" in self.fields


def _by_id(order: Order) -> bool:
    return order.column == "t.id"


def position_sql(order: Order, later: bool, first: int) -> str:
    """Rows strictly past a position given in `$first` on (its sort value, then its id; the
    id alone when ordered by id): later in the list's order, or earlier."""
    ascending = later != order.descending
    comparison = ">" if ascending else "<"
    if _by_id(order):
        return f"t.id {comparison} ${first}::bigint"
    typed = order.pg_type
    return f"({order.column}, t.id) {comparison} (${first}::{typed}, ${first + 1}::bigint)"


def cut_sql(order: Order, after: bool, before: bool, first: int) -> tuple[str, int]:
    """Conditions keeping rows strictly between the positions a page gives (`after`,
    `before`), their values in parameters from `$first` on; and how many parameters.

    No condition stands in for a position not given (no `$n is null or …`): each shape of
    cut is its own statement, so a cached generic plan sees the real conditions.
    """
    conditions = []
    position = first
    for given, later in ((after, True), (before, False)):
        if given:
            conditions.append(position_sql(order, later, position))
            position += 1 if _by_id(order) else 2
    return " and ".join(conditions) or "true", position - first


def cut_values(order: Order, page: PageSpec) -> list[object]:
    """The parameters of `cut_sql` for a page's positions."""
    values: list[object] = []
    for key in (page.after, page.before):
        if key is not None:
            values += [key[1]] if _by_id(order) else [order.coerce(key[0]), key[1]]
    return values


def order_by_sql(order: Order, from_end: bool) -> str:
    descending = order.descending != from_end
    direction = "desc" if descending else "asc"
    if order.column == "t.id":
        return f"t.id {direction}"
    return f"{order.column} {direction}, t.id {direction}"


# The search ranks rows by trigram similarity of `search_column` to the text, among rows
# whose name contains it or is similar enough (pg_trgm's `%`); it works for Chinese text.
SEARCH_RANK = "similarity({column}, {p}::text)"
SEARCH_MATCH = "({column} ilike '%' || {escaped}::text || '%' or {column} % {p}::text)"


@dataclasses.dataclass(frozen=True, slots=True)
class AlsoKnownAs:
    """Other names of a list's rows, which its search matches and ranks as it does the name:
    the `name` of each live (not archived) row of `table` whose `key` is the row's id."""

    table: str
    key: str

    @property
    def rows(self) -> str:
        """The aliases of the row `t`, aliased `aka`: a FROM and WHERE to select from."""
        return f"from {self.table} aka where aka.{self.key} = t.id and aka.archived_at is null"


@dataclasses.dataclass(frozen=True, eq=False)
class Listing(Generic[R]):
    """A root list of `source` rows, narrowed by `where` (always), by `criteria` (a client's
    filter) and `fixed` filters (set by the server: archived rows, a viewer's scope), sorted by
    one of `orders` (by id when none is named), or ranked by a name search. The search also
    matches the rows' `search_aliases`, and ranks a row by its best match, name or alias: an
    exact alias ranks as high as an exact name.

    `name` and `noun` say it to clients: its filter input is `<name>Filter` ("Which <noun> to
    list."), its order input `<order_name>Order` (`order_name` defaults to `name`).
    """

    source: Source[R]
    name: str = ""
    noun: str = ""
    criteria: Sequence[Criterion] = ()
    fixed: Sequence[Filter] = ()
    orders: Mapping[str, Order] = dataclasses.field(default_factory=dict)
    search_column: str | None = None
    search_aliases: AlsoKnownAs | None = None
    order_name: str = ""
    where: str = "true"
    filters: tuple[Filter, ...] = dataclasses.field(init=False)

    def __post_init__(self) -> None:
        every = [flt for criterion in self.criteria for flt in criterion.filters]
        object.__setattr__(self, "filters", (*every, *self.fixed))
        if not self.order_name:
            object.__setattr__(self, "order_name", self.name)

    def order(self, name: str | None, reverse: bool = False) -> Order:
        """The named order (by id when None), turned round when `reverse`."""
        order = BY_ID if name is None else self.orders[name]
        if reverse:
            return dataclasses.replace(order, descending=not order.descending)
        return order

    def given_filters(self, values: Mapping[str, object]) -> list[tuple[Filter, object]]:
        """The filters given a value (not null), with their values."""
        pairs = zip(self.filters, self.filter_values(values), strict=True)
        return [(flt, value) for flt, value in pairs if value is not None]

    def where_sql(self, given: Sequence[Filter], first: int) -> str:
        """The list's conditions with the filters given (no condition stands in for one left
        out), their values from `$first` on."""
        conditions = [self.where]
        for position, flt in enumerate(given, start=first):
            conditions.append(flt.sql.format(p=f"${position}::{flt.pg_type}"))
        return " and ".join(conditions)

    @functools.cache  # noqa: B019 - declarations live as long as the process
    def page_sql(
        self,
        order_name: str | None,
        reverse: bool,
        from_end: bool,
        searching: bool,
        cut: tuple[bool, bool],
        given: tuple[Filter, ...],
    ) -> str:
        """Parameters: the limit, then [search text, its LIKE-escaped form], the positions of
        the cut that are given (`cut`: after, before), the filters given."""
        position = 2
        conditions = []
        if searching:
            conditions.append(self.search_match(position))
            position += 2
        order = self.search_order(2) if searching else self.order(order_name, reverse)
        cut_text, width = cut_sql(order, *cut, position)
        conditions.append(cut_text)
        conditions.insert(0, self.where_sql(given, position + width))
        sort = "" if _by_id(order) else f", {order.column} as sort_key"
        return (
            f"select {self.source.columns}{sort} from {self.source.relation} "
            f"where {' and '.join(conditions)} order by {order_by_sql(order, from_end)} limit $1"
        )

    @functools.cache  # noqa: B019
    def count_sql(self, searching: bool, given: tuple[Filter, ...]) -> str:
        """Parameters: [search text, its LIKE-escaped form], then the filters given."""
        conditions = [self.where_sql(given, 3 if searching else 1)]
        if searching:
            conditions.append(self.search_match(1))
        return f"select count(*) from {self.source.relation} where {' and '.join(conditions)}"

    def search_order(self, position: int) -> Order:
        """Rank by similarity to the search text in `$position`, best first."""
        assert self.search_column is not None, "this list has no search"
        rank = SEARCH_RANK.format(column=self.search_column, p=f"${position}")
        if self.search_aliases is not None:
            alias_rank = SEARCH_RANK.format(column="aka.name", p=f"${position}")
            best = f"(select coalesce(max({alias_rank}), 0) {self.search_aliases.rows})"
            rank = f"greatest({rank}, {best})"
        return Order(rank, "real", descending=True, identity="search")

    def cursor_mark(self, order: Order) -> str | None:
        """The mark the list's cursors carry in `order`: None when the list has one order
        only (no `orderBy`, no `search`), whose cursors stay as they were."""
        if not self.orders and self.search_column is None:
            return None
        return order.mark

    def search_match(self, position: int) -> str:
        assert self.search_column is not None, "this list has no search"
        parameters = {"p": f"${position}", "escaped": f"${position + 1}"}
        own = SEARCH_MATCH.format(column=self.search_column, **parameters)
        if self.search_aliases is None:
            return own
        alias = SEARCH_MATCH.format(column="aka.name", **parameters)
        return f"({own} or exists (select {self.search_aliases.rows} and {alias}))"

    def filter_values(self, values: Mapping[str, object]) -> list[object]:
        unknown = set(values) - {flt.name for flt in self.filters}
        if unknown:
            raise ValueError(f"unknown filters: {sorted(unknown)}")
        return [values.get(flt.name) for flt in self.filters]


@dataclasses.dataclass(frozen=True, eq=False)
class Children(Generic[R]):
    """Rows of `source` belonging to a parent: `match` ties a row `t` to the parent id `p.key`.

    Archived rows are not among them; they stay readable by id and in root lists that ask
    for them.
    """

    source: Source[R]
    match: str
    order: Order = BY_ID
    where: str = dataclasses.field(init=False)
    """`match`, without archived rows: the condition on `t` and `p.key`."""
    count_sql: str = dataclasses.field(init=False)

    def __post_init__(self) -> None:
        # Archived rows are left out, as root lists leave them out by default.
        match = self.match
        if self.source.archivable:
            match = f"({match}) and t.archived_at is null"
        object.__setattr__(self, "where", match)
        object.__setattr__(
            self,
            "count_sql",
            "select p.key as parent_key, "
            f"(select count(*) from {self.source.relation} where {match}) as n "
            "from unnest($1::bigint[]) as p(key)",
        )

    @functools.cache  # noqa: B019 - declarations live as long as the process
    def page_sql(self, from_end: bool, cut: tuple[bool, bool]) -> str:
        """Parameters: the parent ids, the limit per parent, the positions of the cut that
        are given (`cut`: after, before)."""
        sort = "" if _by_id(self.order) else f", {self.order.column} as sort_key"
        cut_text, _ = cut_sql(self.order, *cut, 3)
        inner = (
            f"select {self.source.columns}{sort} from {self.source.relation} "
            f"where {self.where} and {cut_text} "
            f"order by {order_by_sql(self.order, from_end)} limit $2"
        )
        return (
            "select p.key as parent_key, c.* from unnest($1::bigint[]) as p(key) "
            f"cross join lateral ({inner}) as c"
        )


def _keyed(source: Source[R], order: Order, row: asyncpg.Record) -> Keyed[R]:
    sort_value = None if _by_id(order) else row["sort_key"]
    if isinstance(sort_value, dt.date | dt.datetime):
        sort_value = sort_value.isoformat()
    elif isinstance(sort_value, Decimal):
        sort_value = str(sort_value)
    return Keyed(source.make(row), (sort_value, row["id"]))


def like_escape(text: str) -> str:
    """`text` with LIKE's wildcards escaped, to match literally inside `'%' || … || '%'`."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


async def fetch_by_ids(
    conn: asyncpg.Pool | asyncpg.Connection, source: Source[R], ids: Sequence[int]
) -> dict[int, R]:
    """Rows of `source` with the given ids, by id (missing ids are absent)."""
    rows = await conn.fetch(source.by_ids_sql, list(ids))
    return {row["id"]: source.make(row) for row in rows}


async def fetch_page(
    conn: asyncpg.Pool | asyncpg.Connection,
    listing: Listing[R],
    page: PageSpec,
    filters: Mapping[str, object] | None = None,
    *,
    order: str | None = None,
    reverse: bool = False,
    search: str | None = None,
) -> list[Keyed[R]]:
    """Up to `page.limit` rows of a root list, in list order (also when cut from the end)."""
    searching = search is not None
    given = listing.given_filters(filters or {})
    cut = (page.after is not None, page.before is not None)
    sql = listing.page_sql(
        order, reverse, page.from_end, searching, cut, tuple(flt for flt, _ in given)
    )
    used = listing.search_order(2) if searching else listing.order(order, reverse)
    args: list[object] = [page.limit]
    if search is not None:
        args += [search, like_escape(search)]
    args += cut_values(used, page)
    args += [value for _, value in given]
    rows = await conn.fetch(sql, *args)
    keyed = [_keyed(listing.source, used, row) for row in rows]
    return keyed[::-1] if page.from_end else keyed


async def count(
    conn: asyncpg.Pool | asyncpg.Connection,
    listing: Listing[R],
    filters: Mapping[str, object] | None = None,
    *,
    search: str | None = None,
) -> int:
    """How many rows the root list holds with these filters, ignoring any page cut."""
    given = listing.given_filters(filters or {})
    args: list[object] = [] if search is None else [search, like_escape(search)]
    args += [value for _, value in given]
    sql = listing.count_sql(search is not None, tuple(flt for flt, _ in given))
    result = await conn.fetchval(sql, *args)
    return int(result)


async def fetch_children(
    conn: asyncpg.Pool | asyncpg.Connection,
    children: Children[R],
    parent_ids: Sequence[int],
    page: PageSpec,
) -> dict[int, list[Keyed[R]]]:
    """For each parent, up to `page.limit` of its rows in list order; one statement for all."""
    sql = children.page_sql(page.from_end, (page.after is not None, page.before is not None))
    cut = cut_values(children.order, page)
    rows = await conn.fetch(sql, list(parent_ids), page.limit, *cut)
    grouped: dict[int, list[Keyed[R]]] = {parent_id: [] for parent_id in parent_ids}
    for row in rows:
        grouped[row["parent_key"]].append(_keyed(children.source, children.order, row))
    if page.from_end:
        for records in grouped.values():
            records.reverse()
    return grouped


async def count_children(
    conn: asyncpg.Pool | asyncpg.Connection, children: Children[R], parent_ids: Sequence[int]
) -> dict[int, int]:
    """For each parent, how many rows it has; one statement for all."""
    rows = await conn.fetch(children.count_sql, list(parent_ids))
    return {row["parent_key"]: int(row["n"]) for row in rows}
