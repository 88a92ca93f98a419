"""Vulnerable households, their members, visits and needs: personal data, guarded.

Every way to these types goes through `fivesoc.schema.privacy`: a node lookup, a root list,
a child list and a single reference alike.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Protocol, TypeVar

import strawberry
from strawberry import relay

from fivesoc.db import catalog, listing, records
from fivesoc.db.listing import Children, Listing, Source
from fivesoc.schema.context import Info
from fivesoc.schema.pagination import After, Before, Connection, First, Last, PageArgs, connection
from fivesoc.schema.privacy import only_counts_requested, require_personal
from fivesoc.schema.types.common import load_one, page_args
from fivesoc.schema.types.enums import HouseholdCategory, MemberRelation, NeedKind, NeedStatus
from fivesoc.schema.types.fields import reference, related_list


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
    """`resolve_nodes` for personal types: the viewer must cover every record found."""
    ids = list(node_ids)
    keys = [int(node_id) for node_id in ids if node_id.isdigit()]
    found = dict(zip(keys, await info.context.loaders.by_id(source).load_many(keys), strict=True))
    rows = [found.get(int(node_id)) if node_id.isdigit() else None for node_id in ids]
    present = [row for row in rows if row is not None]
    if present:
        await require_personal(info, [row.region_id for row in present], what)
    return [None if row is None else make(row) for row in rows]


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

    async def total() -> int:
        return await loaders.child_count(relation).load(parent_id)

    if only_counts_requested(info):
        return connection([], page, make, count_total=total)
    rows = await loaders.children(relation).load((parent_id, page.spec()))
    if rows:
        await require_personal(info, [row.record.region_id for row in rows], what)
    elif info.context.viewer.is_anonymous:
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
    if only_counts_requested(info):

        async def total() -> int:
            return await listing.count(pool, list_, filters)

        return connection([], page, make, count_total=total)
    if info.context.viewer.role not in ("caseworker", "admin"):
        await require_personal(info, [], what)
    scoped = {**filters, "scope": info.context.viewer.personal_scope}
    rows = await listing.fetch_page(pool, list_, page.spec(), scoped, order=order, reverse=reverse)
    if rows:
        await require_personal(info, [row.record.region_id for row in rows], what)

    async def scoped_total() -> int:
        return await listing.count(pool, list_, scoped)

    return connection(rows, page, make, count_total=scoped_total)


@strawberry.type(description="A vulnerable household (personal data: needs a caseworker token).")
class Household(relay.Node):
    id: relay.NodeID[int]
    categories: list[HouseholdCategory] = strawberry.field(
        description="Why the household is supported (孤儿, 低保, 留守儿童, …)."
    )
    head_name: str = strawberry.field(description="Name of the head of the household.")
    address: str | None = strawberry.field(description="Address.")
    member_count: int = strawberry.field(description="People in the household.")
    is_fictional: bool = strawberry.field(description="True for made-up demo or generated people.")
    version: int = strawberry.field(
        description="Grows by one with every change; name it as `expectedVersion` to change this."
    )
    archived_at: dt.datetime | None = strawberry.field(
        description="When this was archived (still readable by id, left out of root lists)."
    )
    region_id: strawberry.Private[int]
    community_id: strawberry.Private[int | None]

    @classmethod
    def from_record(cls, row: records.Household) -> Household:
        return cls(
            id=row.id,
            categories=[HouseholdCategory(category) for category in row.categories],
            head_name=row.head_name,
            address=row.address,
            member_count=row.member_count,
            is_fictional=row.is_fictional,
            region_id=row.region_id,
            community_id=row.community_id,
            version=row.version,
            archived_at=row.archived_at,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Household | None]:
        return await guarded_nodes(info, catalog.HOUSEHOLD, cls.from_record, node_ids, "households")

    region = reference("region_id", catalog.REGION, "Region", "The region the household lives in.")

    community = reference(
        "community_id",
        catalog.COMMUNITY,
        "Community",
        "The community or village, where known.",
        optional=True,
    )

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


@strawberry.type(description="A member of a household (personal data).")
class HouseholdMember(relay.Node):
    id: relay.NodeID[int]
    full_name: str = strawberry.field(description="Full name.")
    relation: MemberRelation = strawberry.field(description="Relation to the head.")
    birth_year: int | None = strawberry.field(description="Year of birth.")
    version: int = strawberry.field(
        description="Grows by one with every change; name it as `expectedVersion` to change this."
    )
    archived_at: dt.datetime | None = strawberry.field(
        description="When this was archived (still readable by id, left out of root lists)."
    )
    household_id: strawberry.Private[int]

    @classmethod
    def from_record(cls, row: records.HouseholdMember) -> HouseholdMember:
        return cls(
            id=row.id,
            full_name=row.full_name,
            relation=MemberRelation(row.relation),
            birth_year=row.birth_year,
            household_id=row.household_id,
            version=row.version,
            archived_at=row.archived_at,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[HouseholdMember | None]:
        ids = [int(node_id) for node_id in node_ids if node_id.isdigit()]
        members = await info.context.loaders.by_id(catalog.HOUSEHOLD_MEMBER).load_many(ids)
        households = await info.context.loaders.by_id(catalog.HOUSEHOLD).load_many(
            [member.household_id for member in members if member is not None]
        )
        regions = [household.region_id for household in households if household is not None]
        if regions:
            await require_personal(info, regions, "household members")
        return [None if member is None else cls.from_record(member) for member in members]

    @strawberry.field(description="The household.")
    async def household(self, info: Info) -> Household:
        household = await guarded_one(
            info, catalog.HOUSEHOLD, self.household_id, Household.from_record, "households"
        )
        assert household is not None, "household_id is a foreign key"
        return household


@strawberry.type(description="A door-knocking visit to a household (personal data).")
class Visit(relay.Node):
    id: relay.NodeID[int]
    visited_on: dt.date = strawberry.field(description="Date of the visit.")
    notes: str = strawberry.field(description="What the visitor noted.")
    version: int = strawberry.field(
        description="Grows by one with every change; name it as `expectedVersion` to change this."
    )
    region_id: strawberry.Private[int]
    household_id: strawberry.Private[int]
    campaign_id: strawberry.Private[int | None]
    social_worker_id: strawberry.Private[int | None]

    @classmethod
    def from_record(cls, row: records.Visit) -> Visit:
        return cls(
            id=row.id,
            visited_on=row.visited_on,
            notes=row.notes,
            region_id=row.region_id,
            household_id=row.household_id,
            campaign_id=row.campaign_id,
            social_worker_id=row.social_worker_id,
            version=row.version,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Visit | None]:
        return await guarded_nodes(info, catalog.VISIT, cls.from_record, node_ids, "visits")

    @strawberry.field(description="The household visited.")
    async def household(self, info: Info) -> Household:
        household = await guarded_one(
            info, catalog.HOUSEHOLD, self.household_id, Household.from_record, "households"
        )
        assert household is not None, "household_id is a foreign key"
        return household

    campaign = reference(
        "campaign_id",
        catalog.DOOR_KNOCKING_CAMPAIGN,
        "DoorKnockingCampaign",
        "The campaign the visit was part of.",
        optional=True,
    )

    social_worker = reference(
        "social_worker_id",
        catalog.SOCIAL_WORKER,
        "SocialWorker",
        "The social worker who visited.",
        optional=True,
    )

    needs = related_list(catalog.VISIT_NEEDS, "Need", "Needs found on this visit.", guarded="needs")


@strawberry.type(description="A need found in a household, and how it was handled (personal data).")
class Need(relay.Node):
    id: relay.NodeID[int]
    kind: NeedKind = strawberry.field(description="What is needed.")
    description: str = strawberry.field(description="The need in words.")
    status: NeedStatus = strawberry.field(description="Open, referred, resolved or closed.")
    opened_on: dt.date = strawberry.field(description="Date the need was found.")
    referred_on: dt.date | None = strawberry.field(description="Date it was referred.")
    resolved_on: dt.date | None = strawberry.field(description="Date it was resolved.")
    closed_on: dt.date | None = strawberry.field(description="Date it was closed.")
    version: int = strawberry.field(
        description="Grows by one with every change; name it when changing the need."
    )
    region_id: strawberry.Private[int]
    household_id: strawberry.Private[int]
    visit_id: strawberry.Private[int | None]
    referred_to_id: strawberry.Private[int | None]

    @classmethod
    def from_record(cls, row: records.Need) -> Need:
        return cls(
            id=row.id,
            kind=NeedKind(row.kind),
            description=row.description,
            status=NeedStatus(row.status),
            opened_on=row.opened_on,
            referred_on=row.referred_on,
            resolved_on=row.resolved_on,
            closed_on=row.closed_on,
            version=row.version,
            region_id=row.region_id,
            household_id=row.household_id,
            visit_id=row.visit_id,
            referred_to_id=row.referred_to_id,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Need | None]:
        return await guarded_nodes(info, catalog.NEED, cls.from_record, node_ids, "needs")

    @strawberry.field(description="The household in need.")
    async def household(self, info: Info) -> Household:
        household = await guarded_one(
            info, catalog.HOUSEHOLD, self.household_id, Household.from_record, "households"
        )
        assert household is not None, "household_id is a foreign key"
        return household

    @strawberry.field(description="The visit that found the need.")
    async def visit(self, info: Info) -> Visit | None:
        if self.visit_id is None:
            return None
        return await guarded_one(info, catalog.VISIT, self.visit_id, Visit.from_record, "visits")

    referred_to = reference(
        "referred_to_id",
        catalog.ORGANIZATION,
        "Organization",
        "The organization the need was referred to.",
        optional=True,
    )
