"""Charity resources and where they were allocated."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from fivesoc.db import catalog, records
from fivesoc.schema.context import Info
from fivesoc.schema.types.actor import Actor, actor_reference
from fivesoc.schema.types.common import Catalogued
from fivesoc.schema.types.enums import ResourceKind, ResourceSource, Society
from fivesoc.schema.types.fields import reference, related_list

if TYPE_CHECKING:
    from fivesoc.schema.types.household import Need

_Need = Annotated["Need", strawberry.lazy("fivesoc.schema.types.household")]


@strawberry.type(description="A charity resource: funds, goods, services or a venue.")
class CharityResource(Catalogued, Actor):
    catalog_source = catalog.CHARITY_RESOURCE

    kind: ResourceKind = strawberry.field(description="What the resource is.")
    source: ResourceSource = strawberry.field(description="Where it comes from.")
    amount: float = strawberry.field(description="How much there is, in `unit`.")
    unit: str = strawberry.field(description="Unit of `amount`, e.g. `yuan`.")
    allocated: float = strawberry.field(description="How much has been allocated so far.")
    remaining: float = strawberry.field(description="How much is left to allocate.")
    year: int | None = strawberry.field(description="Budget year, where it has one.")
    received_on: dt.date | None = strawberry.field(description="Date it was received.")
    version: int = strawberry.field(
        description="Grows by one with every change; name it as `expectedVersion` to change this."
    )
    archived_at: dt.datetime | None = strawberry.field(
        description="When this was archived (still readable by id, left out of root lists)."
    )
    region_id: strawberry.Private[int]
    donor_id: strawberry.Private[int | None]

    @classmethod
    def from_record(cls, row: records.CharityResource) -> CharityResource:
        return cls(
            id=row.id,
            name=row.name,
            society=Society(row.society),
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
            version=row.version,
            archived_at=row.archived_at,
        )

    region = reference("region_id", catalog.REGION, "Region", "The region that holds the resource.")

    donor = actor_reference("donor_id", "The donor, where one is known.", optional=True)

    allocations = related_list(
        catalog.RESOURCE_ALLOCATIONS, "ResourceAllocation", "Where the resource went."
    )


@strawberry.type(
    description="Part of a charity resource allocated to a project, a community or a need."
)
class ResourceAllocation(Catalogued, relay.Node):
    catalog_source = catalog.RESOURCE_ALLOCATION

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

    resource = reference(
        "resource_id", catalog.CHARITY_RESOURCE, "CharityResource", "The resource allocated."
    )

    project = reference(
        "project_id",
        catalog.PROJECT,
        "Project",
        "The project it went to, if a project.",
        optional=True,
    )

    community = reference(
        "community_id",
        catalog.COMMUNITY,
        "Community",
        "The community it went to, if a community.",
        optional=True,
    )

    @strawberry.field(description="The household need it went to (personal data), if a need.")
    async def need(self, info: Info) -> _Need | None:
        from fivesoc.schema.types.household import Need, guarded_one

        if self.need_id is None:
            return None
        return await guarded_one(info, catalog.NEED, self.need_id, Need.from_record, "needs")
