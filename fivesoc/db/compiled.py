"""A read plan, and the one SQL statement that builds its whole JSON answer in PostgreSQL.

A plan is a tree of plain values: objects over a row, their columns, references to other
rows, connections over the catalog's lists and relations. It knows nothing of GraphQL; the
schema layer turns a document into a plan, and `fetch_json` returns the JSON text that
PostgreSQL built, which the caller hands on without decoding it.

Every row an object is built from is aliased `t` and carries its record's fields by name
(the `Source`'s columns), so a `Column` is always `t.<field>`. A nested row reads its key from
the enclosing row through a one-row `p(key)`, so the inner `t` may shadow the outer one.
Values never enter the text: they go in as parameters, numbered as the text is built.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Literal, TypeAlias

import asyncpg

from fivesoc.db.listing import (
    BY_ID,
    Children,
    Key,
    Listing,
    Order,
    PageSpec,
    Source,
    cut_sql,
    cut_values,
    like_escape,
    order_by_sql,
)

# json_build_object takes at most 100 arguments: 50 keys.
MAX_OBJECT_KEYS = 50
_NAME = re.compile(r"[_A-Za-z][_0-9A-Za-z]*\Z")

Encoding: TypeAlias = Literal["json", "text", "float", "timestamp", "enum"]


class NotCompilable(Exception):
    """The plan cannot be written as SQL (the caller executes the operation instead)."""


@dataclasses.dataclass(frozen=True, slots=True)
class Column:
    """A field of the row `t` as JSON: as PostgreSQL encodes it (`json`), as text (numeric
    to a decimal string), as a float, as an ISO 8601 timestamp in UTC, or as the name of an
    enum value (`enum` maps each stored word to its name)."""

    name: str
    encoding: Encoding = "json"
    enum: tuple[tuple[str, str], ...] = ()


@dataclasses.dataclass(frozen=True, slots=True)
class Constant:
    """A fixed string, such as a type name."""

    value: str


@dataclasses.dataclass(frozen=True, slots=True)
class GlobalId:
    """The global id of the row `t`: base64 of `<type_name>:<id>`."""

    type_name: str


@dataclasses.dataclass(frozen=True, slots=True)
class Object:
    """A JSON object over the row `t`, its keys in order."""

    fields: tuple[tuple[str, Value], ...]


@dataclasses.dataclass(frozen=True, slots=True)
class Reference:
    """The row of `source` whose id is the field `key` of `t`, as `object` (null if none)."""

    key: str
    source: Source[object]
    object: Object


@dataclasses.dataclass(frozen=True, slots=True)
class ActorReference:
    """The actor whose id is the field `key` of `t`, built by its kind: each kind's source
    and object."""

    key: str
    kinds: tuple[tuple[str, Source[object], Object], ...]


@dataclasses.dataclass(frozen=True, slots=True)
class NodeById:
    """The row of `source` with this id as `object`, or null."""

    source: Source[object]
    id: int
    object: Object


@dataclasses.dataclass(frozen=True, slots=True)
class Array:
    """A JSON array of values."""

    items: tuple[Value, ...]


# The parts of a connection. A page is cut as `listing.PageSpec` says, one row more than
# `size` being read to learn whether more follow.
PageField: TypeAlias = Literal["hasNextPage", "hasPreviousPage", "startCursor", "endCursor"]


@dataclasses.dataclass(frozen=True, slots=True)
class Cursor:
    """The cursor of the edge's row."""


@dataclasses.dataclass(frozen=True, slots=True)
class Edges:
    """The page's edges: each an object of `Cursor`, the node (`Object`) or constants."""

    fields: tuple[tuple[str, Cursor | Object | Constant], ...]


@dataclasses.dataclass(frozen=True, slots=True)
class Nodes:
    """The page's nodes."""

    object: Object


@dataclasses.dataclass(frozen=True, slots=True)
class PageInfo:
    fields: tuple[tuple[str, PageField | Constant], ...]


@dataclasses.dataclass(frozen=True, slots=True)
class TotalCount:
    """How many rows the whole list holds."""


@dataclasses.dataclass(frozen=True, slots=True)
class Page:
    """`size` rows strictly between `after` and `before`, from the end when `from_end`."""

    size: int
    after: Key | None = None
    before: Key | None = None
    from_end: bool = False


ConnectionField: TypeAlias = TotalCount | Edges | Nodes | PageInfo | Constant


@dataclasses.dataclass(frozen=True, slots=True)
class ChildConnection:
    """A page of the rows of `children` whose parent is the row `t`."""

    children: Children[object]
    page: Page
    fields: tuple[tuple[str, ConnectionField], ...]


@dataclasses.dataclass(frozen=True, slots=True)
class RootConnection:
    """A page of a root list with its filter values, in a named order or ranked by `search`."""

    listing: Listing[object]
    page: Page
    fields: tuple[tuple[str, ConnectionField], ...]
    filters: Mapping[str, object] = dataclasses.field(default_factory=dict)
    order: str | None = None
    reverse: bool = False
    search: str | None = None


Value: TypeAlias = (
    Column
    | Constant
    | GlobalId
    | Object
    | Reference
    | ActorReference
    | NodeById
    | Array
    | ChildConnection
    | RootConnection
    | None
)
"""A JSON value; None is JSON null."""


class _Params:
    """Parameters in the order their `$n` appear."""

    def __init__(self) -> None:
        self.values: list[object] = []

    def add(self, *values: object) -> int:
        """Append values; the position of the first."""
        self.values.extend(values)
        return len(self.values) - len(values) + 1


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _key(name: str) -> str:
    if not _NAME.match(name):
        raise NotCompilable(f"{name!r} is not a name")
    return f"'{name}'"


def _timestamp(expr: str) -> str:
    """A timestamptz as Python's `datetime.isoformat()` writes it in UTC."""
    utc = f"({expr} at time zone 'UTC')"
    return (
        f"to_char({utc}, 'YYYY-MM-DD\"T\"HH24:MI:SS') || case when "
        f"extract(microseconds from {utc})::int % 1000000 <> 0 then to_char({utc}, '.US') "
        "else '' end || '+00:00'"
    )


def _column(column: Column) -> str:
    expr = f"t.{column.name}"
    match column.encoding:
        case "json":
            return expr
        case "text":
            return f"{expr}::text"
        case "float":
            return f"{expr}::float8"
        case "timestamp":
            return _timestamp(expr)
        case "enum":
            if all(name == word.upper() for word, name in column.enum):
                return f"upper({expr})"
            cases = " ".join(f"when {_literal(w)} then {_literal(n)}" for w, n in column.enum)
            return f"(case {expr} {cases} end)"
    raise AssertionError(column.encoding)


def _base64(text: str, urlsafe: bool = False) -> str:
    encoded = f"encode(convert_to({text}, 'UTF8'), 'base64')"
    return f"translate({encoded}, E'+/\\n', '-_')" if urlsafe else f"replace({encoded}, E'\\n', '')"


def _object(obj: Object, params: _Params) -> str:
    if len(obj.fields) > MAX_OBJECT_KEYS:
        raise NotCompilable(f"an object of more than {MAX_OBJECT_KEYS} fields")
    parts = ", ".join(f"{_key(key)}, {_value(value, params)}" for key, value in obj.fields)
    return f"json_build_object({parts})"


def _row(source: Source[object], condition: str) -> str:
    return f"select {source.columns} from {source.relation} where {condition}"


def _value(value: Value, params: _Params) -> str:
    match value:
        case None:
            return "null::json"
        case Column():
            return _column(value)
        case Constant():
            return f"{_literal(value.value)}::text"
        case GlobalId():
            return _base64(f"{_literal(value.type_name + ':')} || t.id")
        case Object():
            return _object(value, params)
        case Reference():
            inner = _row(value.source, "t.id = p.key")
            return (
                f"(select {_object(value.object, params)} from (select t.{value.key} as key) p "
                f"cross join lateral ({inner}) t)"
            )
        case ActorReference():
            cases = " ".join(
                f"when {_literal(kind)} then (select {_object(obj, params)} "
                f"from ({_row(source, 't.id = a.id')}) t)"
                for kind, source, obj in value.kinds
            )
            return (
                f"(select case a.kind {cases} end from (select t.{value.key} as key) p "
                "join actor a on a.id = p.key)"
            )
        case NodeById():
            position = params.add(value.id)
            inner = _row(value.source, f"t.id = ${position}::bigint")
            return f"(select {_object(value.object, params)} from ({inner}) t)"
        case Array():
            items = ", ".join(f"({_value(item, params)})::json" for item in value.items)
            return f"array_to_json(array[{items}]::json[])"
        case ChildConnection():
            return _child_connection(value, params)
        case RootConnection():
            return _root_connection(value, params)
    raise AssertionError(value)


def _cursor(order: Order, mark_at: int | None) -> str:
    """The cursor of the row `t` (with its sort value in `t.__sort`), as `encode_cursor`:
    with the order's mark, the text parameter at `mark_at`, when there is one."""
    if order.column == BY_ID.column:
        sort = "'null'"
    elif order.pg_type == "timestamptz":
        sort = f"to_json({_timestamp('t.__sort')})::text"
    elif order.pg_type == "numeric":
        sort = "to_json(t.__sort::text)::text"
    elif order.pg_type == "real":
        sort = "to_json(t.__sort::float8)::text"
    else:
        sort = "to_json(t.__sort)::text"
    mark = "" if mark_at is None else f" || ',' || to_json(${mark_at}::text)::text"
    return _base64(f"'fivesoc:[' || coalesce({sort}, 'null') || ',' || t.id{mark} || ']'", True)


def _connection(
    fields: tuple[tuple[str, ConnectionField], ...],
    order: Order,
    page: Page,
    size_at: int,
    fetch: str,
    count: Callable[[], str],
    params: _Params,
    mark: str | None = None,
) -> tuple[str, str]:
    """The connection's JSON over `t`, and `t`: the rows `fetch` reads, numbered in the order
    they were read (from the end when `from_end`), with their count in `__c`. `count` writes
    the statement counting the whole list, when it is asked for; the cursors carry `mark`
    (`Listing.cursor_mark`) when it is given."""
    size = f"${size_at}::int"
    marks: list[int] = []

    def cursor() -> str:
        # The mark becomes a parameter only once a cursor is selected: PostgreSQL cannot
        # type a parameter the statement never uses.
        if mark is not None and not marks:
            marks.append(params.add(mark))
        return _cursor(order, marks[0] if marks else None)

    direction = "desc" if order.descending != page.from_end else "asc"
    read_order = f"w.id {direction}"
    if order.column != BY_ID.column:
        read_order = f"w.__sort {direction}, {read_order}"
    numbered = (
        f"select w.*, row_number() over (order by {read_order}) as __n, "
        f"count(*) over () as __c from ({fetch}) w"
    )
    last_row = f"least(t.__c, {size})"
    kept = f"t.__n <= {size}"
    first, final = ("1", last_row) if not page.from_end else (last_row, "1")
    direction = "desc" if page.from_end else "asc"
    has_more = f"(coalesce(max(t.__c), 0) > {size})"
    page_values: dict[str, Callable[[], str]] = {
        "hasNextPage": lambda: (
            has_more if not page.from_end else str(page.before is not None).lower()
        ),
        "hasPreviousPage": lambda: (
            has_more if page.from_end else str(page.after is not None).lower()
        ),
        "startCursor": lambda: f"max({cursor()}) filter (where t.__n = {first} and {kept})",
        "endCursor": lambda: f"max({cursor()}) filter (where t.__n = {final} and {kept})",
    }
    parts = []
    for key, part in fields:
        match part:
            case TotalCount():
                sql = count()
            case Constant():
                sql = _value(part, params)
            case PageInfo():
                inner = ", ".join(
                    f"{_key(name)}, "
                    + (
                        _value(field, params)
                        if isinstance(field, Constant)
                        else page_values[field]()
                    )
                    for name, field in part.fields
                )
                sql = f"json_build_object({inner})"
            case Edges() | Nodes():
                if isinstance(part, Nodes):
                    item = _object(part.object, params)
                else:
                    item = (
                        "json_build_object("
                        + ", ".join(
                            f"{_key(name)}, "
                            + (cursor() if isinstance(field, Cursor) else _value(field, params))
                            for name, field in part.fields
                        )
                        + ")"
                    )
                sql = (
                    f"coalesce(json_agg({item} order by t.__n {direction}) "
                    f"filter (where t.__n <= {size}), '[]'::json)"
                )
        parts.append(f"{_key(key)}, {sql}")
    return f"json_build_object({', '.join(parts)})", numbered


def _reads_rows(fields: tuple[tuple[str, ConnectionField], ...]) -> bool:
    return any(isinstance(part, Edges | Nodes | PageInfo) for _, part in fields)


def _fetch(
    source: Source[object], where: str, order: Order, page: Page, params: _Params
) -> tuple[str, int]:
    """The page's rows (with their sort value as `__sort`), and the position of its size."""
    cut = PageSpec(0, page.after, page.before)
    cut_text, _ = cut_sql(
        order, page.after is not None, page.before is not None, len(params.values) + 1
    )
    params.add(*cut_values(order, cut))
    size_at = params.add(page.size)
    sort = "" if order.column == BY_ID.column else f", {order.column} as __sort"
    fetch = (
        f"select {source.columns}{sort} from {source.relation} "
        f"where {where} and {cut_text} "
        f"order by {order_by_sql(order, page.from_end)} limit ${size_at}::int + 1"
    )
    return fetch, size_at


def _child_connection(value: ChildConnection, params: _Params) -> str:
    children = value.children
    source, order = children.source, children.order

    def count() -> str:
        return f"(select count(*) from {source.relation} where {children.where})"

    if not _reads_rows(value.fields):
        built, _ = _connection(value.fields, order, value.page, 0, "", count, params)
        return f"(select {built} from (select t.id as key) p)"
    fetch, size_at = _fetch(source, children.where, order, value.page, params)
    built, numbered = _connection(value.fields, order, value.page, size_at, fetch, count, params)
    return (
        f"(select {built} from (select t.id as key) p "
        f"left join lateral ({numbered}) t on true group by p.key)"
    )


def _root_where(value: RootConnection, params: _Params) -> str:
    """The list's conditions: its filters and, when searching, the match."""
    listing = value.listing
    given = listing.given_filters(value.filters)
    first = params.add(*(filter_value for _, filter_value in given))
    conditions = [listing.where_sql([flt for flt, _ in given], first)]
    if value.search is not None:
        search_at = params.add(value.search, like_escape(value.search))
        conditions.append(listing.search_match(search_at))
    return " and ".join(conditions)


def _root_connection(value: RootConnection, params: _Params) -> str:
    listing = value.listing
    source = listing.source

    def count() -> str:
        return f"(select count(*) from {source.relation} where {_root_where(value, params)})"

    if not _reads_rows(value.fields):
        built, _ = _connection(value.fields, BY_ID, value.page, 0, "", count, params)
        return f"(select {built})"
    if value.search is not None:
        order = listing.search_order(params.add(value.search))
    else:
        order = listing.order(value.order, value.reverse)
    where = _root_where(value, params)
    fetch, size_at = _fetch(source, where, order, value.page, params)
    mark = listing.cursor_mark(order)
    built, numbered = _connection(
        value.fields, order, value.page, size_at, fetch, count, params, mark
    )
    return f"(select {built} from (select 1) p left join lateral ({numbered}) t on true)"


def render(root: Object) -> tuple[str, list[object]]:
    """The statement building `root` as JSON text, and its parameters."""
    params = _Params()
    return f"select {_object(root, params)}::text", params.values


async def fetch_json(
    conn: asyncpg.Pool | asyncpg.Connection, sql: str, args: Sequence[object]
) -> str:
    """The JSON text a rendered plan builds."""
    text: str = await conn.fetchval(sql, *args)
    return text
