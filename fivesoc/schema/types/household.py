"""Vulnerable households, their members, visits and needs: personal data, guarded.

Every way to these types goes through `fivesoc.schema.privacy`: a node lookup, a root list,
a child list and a single reference alike.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, Protocol, TypeVar

import strawberry
from strawberry import relay

from fivesoc.db import catalog, listing, records
from fivesoc.db.listing import Children, Listing, Source
from fivesoc.permissions import COUNT, READ
from fivesoc.schema.context import Info
from fivesoc.schema.pagination import (
    After,
    Before,
    Connection,
    First,
    Last,
    PageArgs,
    connection,
    counts_only,
)
from fivesoc.schema.privacy import covered_regions, granted, require_personal, scope
from fivesoc.schema.types.common import (
    Catalogued,
    check_cursors,
    load_one,
    page_args,
    row_key,
)
from fivesoc.schema.types.fields import related_list
from fivesoc.schema.types.node import node


class _Regional(Protocol):
    @property
    def region_id(self) -> int: ...


R = TypeVar("R", bound=_Regional)
N = TypeVar("N", bound=relay.Node)


async def guarded_nodes(
    info: Info,
    source: Source[R],
    make: Callable[[R], N],
    node_ids: Iterable[str],
    what: str,
) -> list[N | None]:
    """`resolve_nodes` for personal types, telling nobody whether a record they may not read
    exists: a viewer with no right to personal data is refused whatever the ids, and a
    caseworker's records outside its regions are null, as missing ones are."""
    if not granted(info, READ):
        await require_personal(info, [], what)
    ids = list(node_ids)
    wanted = [row_key(node_id) for node_id in ids]
    keys = [key for key in wanted if key is not None]
    found = dict(zip(keys, await info.context.loaders.by_id(source).load_many(keys), strict=True))
    rows = [None if key is None else found.get(key) for key in wanted]
    readable = await covered_regions(info, [row.region_id for row in rows if row is not None])
    return [None if row is None or row.region_id not in readable else make(row) for row in rows]


async def guarded_one(
    info: Info, source: Source[R], key: int, make: Callable[[R], N], what: str
) -> N | None:
    row = await load_one(info, source, key)
    if row is None:
        return None
    await require_personal(info, [row.region_id], what)
    return make(row)


async def guarded_children(
    info: Info,
    relation: Children[R],
    parent_id: int,
    make: Callable[[R], N],
    page: PageArgs,
    what: str,
) -> Connection[N]:
    """A child list of personal records: counts for anyone, rows for a covering viewer."""
    loaders = info.context.loaders
    check_cursors(page, relation.order)

    async def total() -> int:
        return await loaders.child_count(relation).load(parent_id)

    if counts_only(info) and granted(info, COUNT):
        return connection([], page, make, count_total=total)
    rows = await loaders.children(relation).load((parent_id, page.spec()))
    if rows:
        await require_personal(info, [row.record.region_id for row in rows], what)
    elif not granted(info, READ):
        await require_personal(info, [], what)
    return connection(rows, page, make, count_total=total)


async def guarded_list(
    info: Info,
    list_: Listing[R],
    make: Callable[[R], N],
    page: PageArgs,
    filters: Mapping[str, Any],
    what: str,
    order: str | None = None,
    reverse: bool = False,
) -> Connection[N]:
    """A root list of personal records: counts for anyone; rows only within the regions the
    viewer's token covers (every region for an admin), and never for an anonymous request."""
    pool = info.context.pool
    chosen = list_.order(order, reverse)
    mark = list_.cursor_mark(chosen)
    check_cursors(page, chosen, mark)
    if counts_only(info) and granted(info, COUNT):

        async def total() -> int:
            return await listing.count(pool, list_, filters)

        return connection([], page, make, count_total=total, mark=mark)
    if not granted(info, READ):
        await require_personal(info, [], what)
    scoped = {**filters, "scope": scope(info)}
    rows = await listing.fetch_page(pool, list_, page.spec(), scoped, order=order, reverse=reverse)
    if rows:
        await require_personal(info, [row.record.region_id for row in rows], what)

    async def scoped_total() -> int:
        return await listing.count(pool, list_, scoped)

    return connection(rows, page, make, count_total=scoped_total, mark=mark)


@node(records.Household)
class Household(Catalogued, relay.Node):
    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Household | None]:
        return await guarded_nodes(info, catalog.HOUSEHOLD, cls.from_record, node_ids, "households")

    @strawberry.field(description="The people of the household.")
    async def members(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[HouseholdMember]:
        page = page_args(info, first, after, last, before)
        loaders = info.context.loaders
        rows = await loaders.children(catalog.HOUSEHOLD_MEMBERS).load((self.id, page.spec()))

        async def total() -> int:
            return await loaders.child_count(catalog.HOUSEHOLD_MEMBERS).load(self.id)

        return connection(rows, page, HouseholdMember.from_record, count_total=total)

    visits = related_list(
        catalog.HOUSEHOLD_VISITS,
        "Visit",
        "Visits to the household, newest first.",
        guarded="visits",
    )

    needs = related_list(
        catalog.HOUSEHOLD_NEEDS, "Need", "Needs found in the household.", guarded="needs"
    )


@node(records.HouseholdMember)
class HouseholdMember(Catalogued, relay.Node):
    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[HouseholdMember | None]:
        if not granted(info, READ):
            await require_personal(info, [], "household members")
        keys = [row_key(node_id) for node_id in node_ids]
        loaders = info.context.loaders
        members = await loaders.by_id(catalog.HOUSEHOLD_MEMBER).load_many(
            [key for key in keys if key is not None]
        )
        found = {member.id: member for member in members if member is not None}
        households = await loaders.by_id(catalog.HOUSEHOLD).load_many(
            [member.household_id for member in found.values()]
        )
        region_of = {h.id: h.region_id for h in households if h is not None}
        readable = await covered_regions(info, region_of.values())
        return [
            cls.from_record(member)
            if (member := found.get(key)) is not None  # type: ignore[arg-type]
            and region_of.get(member.household_id) in readable
            else None
            for key in keys
        ]

    @strawberry.field(description="The household.")
    async def household(self, info: Info) -> Household:
        household = await guarded_one(
            info, catalog.HOUSEHOLD, self.record.household_id, Household.from_record, "households"
        )
        assert household is not None, "household_id is a foreign key"
        return household


@node(records.Visit)
class Visit(Catalogued, relay.Node):
    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Visit | None]:
        return await guarded_nodes(info, catalog.VISIT, cls.from_record, node_ids, "visits")

    @strawberry.field(description="The household visited.")
    async def household(self, info: Info) -> Household:
        household = await guarded_one(
            info, catalog.HOUSEHOLD, self.record.household_id, Household.from_record, "households"
        )
        assert household is not None, "household_id is a foreign key"
        return household

    needs = related_list(catalog.VISIT_NEEDS, "Need", "Needs found on this visit.", guarded="needs")


@node(records.Need)
class Need(Catalogued, relay.Node):
    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Need | None]:
        return await guarded_nodes(info, catalog.NEED, cls.from_record, node_ids, "needs")

    @strawberry.field(description="The household in need.")
    async def household(self, info: Info) -> Household:
        household = await guarded_one(
            info, catalog.HOUSEHOLD, self.record.household_id, Household.from_record, "households"
        )
        assert household is not None, "household_id is a foreign key"
        return household

    @strawberry.field(description="The visit that found the need.")
    async def visit(self, info: Info) -> Visit | None:
        if self.record.visit_id is None:
            return None
        return await guarded_one(
            info, catalog.VISIT, self.record.visit_id, Visit.from_record, "visits"
        )
