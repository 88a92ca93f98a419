"""DataLoaders, built fresh for every request: every nested lookup of a request is batched.

There is one loader per declaration of `db.catalog` and per kind of lookup (by id, a page of
children, a count of children), one for the county of a community and one for a worker's
continuing-education hours in a year; each batch function
calls exactly one db function, once per batch (once per distinct page cut for child pages).
`shared` runs other work once per request for every field that asks for it (a network).
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Awaitable, Callable, Hashable, Sequence
from decimal import Decimal
from typing import Any, TypeVar

import asyncpg
from strawberry.dataloader import DataLoader

from fivesoc.db import listing, network, qualifications
from fivesoc.db.listing import Children, Keyed, PageSpec, Source

R = TypeVar("R")
T = TypeVar("T")

ChildKey = tuple[int, PageSpec]


class Loaders:
    """The loaders of one request (or of one subscription event)."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool
        self._by_id: dict[Source[Any], DataLoader[int, Any]] = {}
        self._children: dict[Children[Any], DataLoader[ChildKey, list[Keyed[Any]]]] = {}
        self._counts: dict[Children[Any], DataLoader[int, int]] = {}
        self._shared: dict[Hashable, asyncio.Future[Any]] = {}
        self.county_by_community: DataLoader[int, int | None] = DataLoader(load_fn=self._counties)
        self.education_hours_by_worker_year: DataLoader[tuple[int, int], Decimal] = DataLoader(
            load_fn=self._education_hours
        )

    async def _counties(self, community_ids: Sequence[int]) -> list[int | None]:
        """`CountyByCommunity`: the county whose network a community's linkage is read from."""
        async with self._pool.acquire() as conn:
            found = await network.community_counties(conn, community_ids)
        return [found.get(key) for key in community_ids]

    async def _education_hours(self, keys: Sequence[tuple[int, int]]) -> list[Decimal]:
        """`EducationHoursByWorkerYear`: every course a worker logged in a year, summed."""
        found = await qualifications.year_hours(self._pool, keys)
        return [found.get(key, Decimal(0)) for key in keys]

    def shared(self, key: Hashable, make: Callable[[], Awaitable[T]]) -> Awaitable[T]:
        """`make()`, once per request for `key`: every field asking for it awaits the same."""
        future = self._shared.get(key)
        if future is None:
            future = self._shared[key] = asyncio.ensure_future(make())
        return asyncio.shield(future)

    def by_id(self, source: Source[R]) -> DataLoader[int, R | None]:
        """`<Thing>ById`: the record with an id, or None."""
        loader = self._by_id.get(source)
        if loader is None:

            async def load(ids: Sequence[int]) -> list[R | None]:
                found = await listing.fetch_by_ids(self._pool, source, ids)
                return [found.get(key) for key in ids]

            loader = self._by_id[source] = DataLoader(load_fn=load)
        return loader

    def children(self, relation: Children[R]) -> DataLoader[ChildKey, list[Keyed[R]]]:
        """`<Things>By<Parent>`: a page of a parent's rows, keyed by (parent id, page cut)."""
        loader = self._children.get(relation)
        if loader is None:

            async def load(keys: Sequence[ChildKey]) -> list[list[Keyed[R]]]:
                parents_by_page: defaultdict[PageSpec, list[int]] = defaultdict(list)
                for parent_id, page in keys:
                    parents_by_page[page].append(parent_id)
                pages: dict[ChildKey, list[Keyed[R]]] = {}
                for page, parent_ids in parents_by_page.items():
                    found = await listing.fetch_children(self._pool, relation, parent_ids, page)
                    for parent_id, rows in found.items():
                        pages[parent_id, page] = rows
                return [pages[key] for key in keys]

            loader = self._children[relation] = DataLoader(load_fn=load)
        return loader

    def child_count(self, relation: Children[R]) -> DataLoader[int, int]:
        """`<Things>CountBy<Parent>`: how many rows each parent has."""
        loader = self._counts.get(relation)
        if loader is None:

            async def load(parent_ids: Sequence[int]) -> list[int]:
                found = await listing.count_children(self._pool, relation, parent_ids)
                return [found.get(key, 0) for key in parent_ids]

            loader = self._counts[relation] = DataLoader(load_fn=load)
        return loader
