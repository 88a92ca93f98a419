"""Keyset-paginated lists, batched child lists, counts and lookups by id.

A `Source` declares where a record type's rows come from (table, columns, record class); a
`Listing` is a root list over a source with optional filters; a `Children` is a list of rows
belonging to parents. Their SQL is built once, when the declaration is made, from those
declarations only: no value ever enters the text; values go in as parameters.

Pages are ordered by primary key and cut by it (`id > $after`), never by OFFSET, and ask for
one row more than the page so the caller knows whether another page follows.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Generic, TypeVar

import asyncpg

R = TypeVar("R")


@dataclasses.dataclass(frozen=True, slots=True)
class PageSpec:
    """A page cut: rows strictly between `after` and `before`, at most `limit`, from one end."""

    limit: int
    after: int | None = None
    before: int | None = None
    from_end: bool = False


@dataclasses.dataclass(frozen=True, slots=True)
class Filter:
    """A filter of a root list: `sql` with `{p}` for its parameter; a null value filters nothing."""

    name: str
    sql: str
    pg_type: str


@dataclasses.dataclass(frozen=True, eq=False)
class Source(Generic[R]):
    """Rows of one record type: `relation` is aliased `t`; `columns` are named as the fields."""

    relation: str
    columns: str
    record: type[R]
    fields: tuple[str, ...] = dataclasses.field(init=False)
    by_ids_sql: str = dataclasses.field(init=False)

    def __post_init__(self) -> None:
        names = tuple(f.name for f in dataclasses.fields(self.record))  # type: ignore[arg-type]
        object.__setattr__(self, "fields", names)
        object.__setattr__(
            self,
            "by_ids_sql",
            f"select {self.columns} from {self.relation} where t.id = any($1::bigint[])",
        )

    def make(self, row: asyncpg.Record) -> R:
        return self.record(**{name: row[name] for name in self.fields})


def _cut(after: str, before: str) -> str:
    return (
        f"({after}::bigint is null or t.id > {after}) "
        f"and ({before}::bigint is null or t.id < {before})"
    )


@dataclasses.dataclass(frozen=True, eq=False)
class Listing(Generic[R]):
    """A root list of `source` rows, narrowed by `where` (fixed) and `filters` (by argument)."""

    source: Source[R]
    where: str = "true"
    filters: Sequence[Filter] = ()
    forward_sql: str = dataclasses.field(init=False)
    backward_sql: str = dataclasses.field(init=False)
    count_sql: str = dataclasses.field(init=False)

    def __post_init__(self) -> None:
        # Page statements take $1 after, $2 before, $3 limit, then the filters; count takes
        # only the filters, from $1.
        def where(first: int) -> str:
            conditions = [self.where]
            for position, flt in enumerate(self.filters, start=first):
                param = f"${position}::{flt.pg_type}"
                conditions.append(f"({param} is null or {flt.sql.format(p=param)})")
            return " and ".join(conditions)

        base = (
            f"select {self.source.columns} from {self.source.relation} "
            f"where {where(4)} and {_cut('$1', '$2')}"
        )
        object.__setattr__(self, "forward_sql", f"{base} order by t.id limit $3")
        object.__setattr__(self, "backward_sql", f"{base} order by t.id desc limit $3")
        object.__setattr__(
            self, "count_sql", f"select count(*) from {self.source.relation} where {where(1)}"
        )

    def filter_values(self, values: Mapping[str, object]) -> list[object]:
        unknown = set(values) - {flt.name for flt in self.filters}
        if unknown:
            raise ValueError(f"unknown filters: {sorted(unknown)}")
        return [values.get(flt.name) for flt in self.filters]


@dataclasses.dataclass(frozen=True, eq=False)
class Children(Generic[R]):
    """Rows of `source` belonging to a parent: `match` ties a row `t` to the parent id `p.key`."""

    source: Source[R]
    match: str
    forward_sql: str = dataclasses.field(init=False)
    backward_sql: str = dataclasses.field(init=False)
    count_sql: str = dataclasses.field(init=False)

    def __post_init__(self) -> None:
        # $1 parent ids, $2 after, $3 before, $4 limit per parent.
        inner = (
            f"select {self.source.columns} from {self.source.relation} "
            f"where {self.match} and {_cut('$2', '$3')}"
        )
        head = (
            "select p.key as parent_key, c.* from unnest($1::bigint[]) as p(key) cross join lateral"
        )
        object.__setattr__(self, "forward_sql", f"{head} ({inner} order by t.id limit $4) as c")
        object.__setattr__(
            self, "backward_sql", f"{head} ({inner} order by t.id desc limit $4) as c"
        )
        object.__setattr__(
            self,
            "count_sql",
            "select p.key as parent_key, "
            f"(select count(*) from {self.source.relation} where {self.match}) as n "
            "from unnest($1::bigint[]) as p(key)",
        )


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
) -> list[R]:
    """Up to `page.limit` rows of a root list, in id order (also when cut from the end)."""
    sql = listing.backward_sql if page.from_end else listing.forward_sql
    values = listing.filter_values(filters or {})
    rows = await conn.fetch(sql, page.after, page.before, page.limit, *values)
    records = [listing.source.make(row) for row in rows]
    return records[::-1] if page.from_end else records


async def count(
    conn: asyncpg.Pool | asyncpg.Connection,
    listing: Listing[R],
    filters: Mapping[str, object] | None = None,
) -> int:
    """How many rows the root list holds with these filters, ignoring any page cut."""
    values = listing.filter_values(filters or {})
    result = await conn.fetchval(listing.count_sql, *values)
    return int(result)


async def fetch_children(
    conn: asyncpg.Pool | asyncpg.Connection,
    children: Children[R],
    parent_ids: Sequence[int],
    page: PageSpec,
) -> dict[int, list[R]]:
    """For each parent, up to `page.limit` of its rows in id order; one statement for all."""
    sql = children.backward_sql if page.from_end else children.forward_sql
    rows = await conn.fetch(sql, list(parent_ids), page.after, page.before, page.limit)
    grouped: dict[int, list[R]] = {parent_id: [] for parent_id in parent_ids}
    for row in rows:
        grouped[row["parent_key"]].append(children.source.make(row))
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
