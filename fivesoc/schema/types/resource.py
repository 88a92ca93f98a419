"""Charity resources and where they were allocated."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from fivesoc.db import catalog, records
from fivesoc.schema.context import Info
from fivesoc.schema.pagination import After, Before, Connection, First, Last
from fivesoc.schema.types.actor import Actor, resolve_actor
from fivesoc.schema.types.common import child_connection, load_nodes, load_one, page_args
from fivesoc.schema.types.community import Community
from fivesoc.schema.types.enums import ResourceKind, ResourceSource, Society
from fivesoc.schema.types.region import Region

if TYPE_CHECKING:
    from fivesoc.schema.types.household import Need
    from fivesoc.schema.types.project import Project

_Need = Annotated["Need", strawberry.lazy("fivesoc.schema.types.household")]
_Project = Annotated["Project", strawberry.lazy("fivesoc.schema.types.project")]


@strawberry.type(description="A charity resource: funds, goods, services or a venue.")
class CharityResource(Actor):
    kind: ResourceKind = strawberry.field(description="What the resource is.")
    source: ResourceSource = strawberry.field(description="Where it comes from.")
    amount: float = strawberry.field(description="How much there is, in `unit`.")
    unit: str = strawberry.field(description="Unit of `amount`, e.g. `yuan`.")
    allocated: float = strawberry.field(description="How much has been allocated so far.")
    remaining: float = strawberry.field(description="How much is left to allocate.")
    year: int | None = strawberry.field(description="Budget year, where it has one.")
    received_on: dt.date | None = strawberry.field(description="Date it was received.")
    region_id: strawberry.Private[int]
    donor_id: strawberry.Private[int | None]

    @classmethod
    def from_record(cls, row: records.CharityResource) -> CharityResource:
        return cls(
            id=row.id,
            name=row.name,
            society=Society.CHARITY_RESOURCE,
            kind=ResourceKind(row.kind),
            source=ResourceSource(row.source),
            amount=float(row.amount),
            unit=row.unit,
            allocated=float(row.allocated),
            remaining=float(row.amount - row.allocated),
            year=row.year,
            received_on=row.received_on,
            region_id=row.region_id,
            donor_id=row.donor_id,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[CharityResource | None]:
        return await load_nodes(
            info, catalog.CHARITY_RESOURCE, cls.from_record, node_ids, required=required
        )

    @strawberry.field(description="The region that holds the resource.")
    async def region(self, info: Info) -> Region:
        row = await load_one(info, catalog.REGION, self.region_id)
        assert row is not None, "region_id is a foreign key"
        return Region.from_record(row)

    @strawberry.field(description="The donor, where one is known.")
    async def donor(self, info: Info) -> Actor | None:
        return None if self.donor_id is None else await resolve_actor(info, self.donor_id)

    @strawberry.field(description="Where the resource went.")
    async def allocations(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[ResourceAllocation]:
        page = page_args(info, first, after, last, before)
        return await child_connection(
            info, catalog.RESOURCE_ALLOCATIONS, self.id, ResourceAllocation.from_record, page
        )


@strawberry.type(
    description="Part of a charity resource allocated to a project, a community or a need."
)
class ResourceAllocation(relay.Node):
    id: relay.NodeID[int]
    amount: float = strawberry.field(description="How much, in the resource's unit.")
    purpose: str = strawberry.field(description="What it is for.")
    allocated_on: dt.date = strawberry.field(description="Date of the allocation.")
    resource_id: strawberry.Private[int]
    project_id: strawberry.Private[int | None]
    community_id: strawberry.Private[int | None]
    need_id: strawberry.Private[int | None]

    @classmethod
    def from_record(cls, row: records.ResourceAllocation) -> ResourceAllocation:
        return cls(
            id=row.id,
            amount=float(row.amount),
            purpose=row.purpose,
            allocated_on=row.allocated_on,
            resource_id=row.resource_id,
            project_id=row.project_id,
            community_id=row.community_id,
            need_id=row.need_id,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[ResourceAllocation | None]:
        return await load_nodes(
            info, catalog.RESOURCE_ALLOCATION, cls.from_record, node_ids, required=required
        )

    @strawberry.field(description="The resource allocated.")
    async def resource(self, info: Info) -> CharityResource:
        row = await load_one(info, catalog.CHARITY_RESOURCE, self.resource_id)
        assert row is not None, "resource_id is a foreign key"
        return CharityResource.from_record(row)

    @strawberry.field(description="The project it went to, if a project.")
    async def project(self, info: Info) -> _Project | None:
        from fivesoc.schema.types.project import Project

        if self.project_id is None:
            return None
        row = await load_one(info, catalog.PROJECT, self.project_id)
        return None if row is None else Project.from_record(row)

    @strawberry.field(description="The community it went to, if a community.")
    async def community(self, info: Info) -> Community | None:
        if self.community_id is None:
            return None
        row = await load_one(info, catalog.COMMUNITY, self.community_id)
        return None if row is None else Community.from_record(row)

    @strawberry.field(description="The household need it went to (personal data), if a need.")
    async def need(self, info: Info) -> _Need | None:
        from fivesoc.schema.types.household import Need, guarded_one

        if self.need_id is None:
            return None
        return await guarded_one(info, catalog.NEED, self.need_id, Need.from_record, "needs")
