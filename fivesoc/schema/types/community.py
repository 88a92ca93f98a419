"""Communities and villages with their compounds, grids and micro-grids."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from fivesoc.db import catalog, records
from fivesoc.schema.context import Info
from fivesoc.schema.pagination import After, Before, Connection, First, Last
from fivesoc.schema.types.actor import Actor
from fivesoc.schema.types.common import child_connection, load_nodes, load_one, page_args
from fivesoc.schema.types.enums import CommunityKind, CommunityStatus, Society
from fivesoc.schema.types.region import Region

if TYPE_CHECKING:
    from fivesoc.schema.types.organization import Organization
    from fivesoc.schema.types.project import Project
    from fivesoc.schema.types.resource import ResourceAllocation
    from fivesoc.schema.types.site import ServiceSite
    from fivesoc.schema.types.volunteer import VolunteerTeam

_ServiceSite = Annotated["ServiceSite", strawberry.lazy("fivesoc.schema.types.site")]
_Organization = Annotated["Organization", strawberry.lazy("fivesoc.schema.types.organization")]
_Project = Annotated["Project", strawberry.lazy("fivesoc.schema.types.project")]
_Allocation = Annotated["ResourceAllocation", strawberry.lazy("fivesoc.schema.types.resource")]
_Team = Annotated["VolunteerTeam", strawberry.lazy("fivesoc.schema.types.volunteer")]


@strawberry.type(description="An urban community (社区) or a rural village (村): the platform.")
class Community(Actor):
    kind: CommunityKind = strawberry.field(description="Urban community or rural village.")
    status: CommunityStatus = strawberry.field(description="Preparing, active or merged.")
    founded_on: dt.date | None = strawberry.field(description="Date the community was founded.")
    resident_population: int | None = strawberry.field(
        description="Resident population (常住人口), where known."
    )
    region_id: strawberry.Private[int]

    @classmethod
    def from_record(cls, row: records.Community) -> Community:
        return cls(
            id=row.id,
            name=row.name,
            kind=CommunityKind(row.kind),
            status=CommunityStatus(row.status),
            founded_on=row.founded_on,
            resident_population=row.resident_population,
            region_id=row.region_id,
            society=Society.COMMUNITY,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Community | None]:
        return await load_nodes(
            info, catalog.COMMUNITY, cls.from_record, node_ids, required=required
        )

    @strawberry.field(description="The township (or county) the community belongs to.")
    async def region(self, info: Info) -> Region:
        row = await load_one(info, catalog.REGION, self.region_id)
        assert row is not None, "region_id is a foreign key"
        return Region.from_record(row)

    @strawberry.field(description="Property-managed residential compounds (物管小区).")
    async def compounds(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Compound]:
        page = page_args(info, first, after, last, before)
        return await child_connection(
            info, catalog.COMMUNITY_COMPOUNDS, self.id, Compound.from_record, page
        )

    @strawberry.field(description="Grids (网格) of the community.")
    async def grids(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Grid]:
        page = page_args(info, first, after, last, before)
        return await child_connection(
            info, catalog.COMMUNITY_GRIDS, self.id, Grid.from_record, page
        )

    @strawberry.field(description="Micro-grids (微网格) of all the community's grids.")
    async def micro_grids(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[MicroGrid]:
        page = page_args(info, first, after, last, before)
        return await child_connection(
            info, catalog.COMMUNITY_MICRO_GRIDS, self.id, MicroGrid.from_record, page
        )

    @strawberry.field(description="Service sites located in the community.")
    async def service_sites(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[_ServiceSite]:
        from fivesoc.schema.types.site import ServiceSite

        page = page_args(info, first, after, last, before)
        return await child_connection(
            info, catalog.COMMUNITY_SERVICE_SITES, self.id, ServiceSite.from_record, page
        )

    @strawberry.field(
        description=(
            "Organizations working with the community: through a project serving it or a "
            "collaboration link."
        )
    )
    async def organizations(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[_Organization]:
        from fivesoc.schema.types.organization import Organization

        page = page_args(info, first, after, last, before)
        return await child_connection(
            info, catalog.COMMUNITY_ORGANIZATIONS, self.id, Organization.from_record, page
        )

    @strawberry.field(description="Projects serving the community.")
    async def serving_projects(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[_Project]:
        from fivesoc.schema.types.project import Project

        page = page_args(info, first, after, last, before)
        return await child_connection(
            info, catalog.COMMUNITY_PROJECTS, self.id, Project.from_record, page
        )

    @strawberry.field(description="Volunteer teams based in the community.")
    async def volunteer_teams(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[_Team]:
        from fivesoc.schema.types.volunteer import VolunteerTeam

        page = page_args(info, first, after, last, before)
        return await child_connection(
            info, catalog.COMMUNITY_VOLUNTEER_TEAMS, self.id, VolunteerTeam.from_record, page
        )

    @strawberry.field(description="Charity resources allocated to the community itself.")
    async def allocations(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[_Allocation]:
        from fivesoc.schema.types.resource import ResourceAllocation

        page = page_args(info, first, after, last, before)
        return await child_connection(
            info, catalog.COMMUNITY_ALLOCATIONS, self.id, ResourceAllocation.from_record, page
        )


@strawberry.type(description="A property-managed residential compound (物管小区) of a community.")
class Compound(relay.Node):
    id: relay.NodeID[int]
    name: str = strawberry.field(description="Name, unique within the community.")
    is_illustrative: bool = strawberry.field(
        description="True when the source counts this compound but does not name it."
    )
    community_id: strawberry.Private[int]

    @classmethod
    def from_record(cls, row: records.Compound) -> Compound:
        return cls(
            id=row.id,
            name=row.name,
            is_illustrative=row.is_illustrative,
            community_id=row.community_id,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Compound | None]:
        return await load_nodes(
            info, catalog.COMPOUND, cls.from_record, node_ids, required=required
        )

    @strawberry.field(description="The community the compound belongs to.")
    async def community(self, info: Info) -> Community:
        return await _community(info, self.community_id)


@strawberry.type(description="A grid (网格): the unit of grid-based community governance.")
class Grid(relay.Node):
    id: relay.NodeID[int]
    name: str = strawberry.field(description="Name, unique within the community.")
    resident_estimate: int | None = strawberry.field(
        description="Residents living in the grid, where known."
    )
    community_id: strawberry.Private[int]

    @classmethod
    def from_record(cls, row: records.Grid) -> Grid:
        return cls(
            id=row.id,
            name=row.name,
            resident_estimate=row.resident_estimate,
            community_id=row.community_id,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Grid | None]:
        return await load_nodes(info, catalog.GRID, cls.from_record, node_ids, required=required)

    @strawberry.field(description="The community the grid belongs to.")
    async def community(self, info: Info) -> Community:
        return await _community(info, self.community_id)

    @strawberry.field(description="Micro-grids (微网格) inside this grid.")
    async def micro_grids(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[MicroGrid]:
        page = page_args(info, first, after, last, before)
        return await child_connection(
            info, catalog.GRID_MICRO_GRIDS, self.id, MicroGrid.from_record, page
        )


@strawberry.type(description="A micro-grid (微网格) inside a grid.")
class MicroGrid(relay.Node):
    id: relay.NodeID[int]
    name: str = strawberry.field(description="Name, unique within the grid.")
    grid_id: strawberry.Private[int]

    @classmethod
    def from_record(cls, row: records.MicroGrid) -> MicroGrid:
        return cls(id=row.id, name=row.name, grid_id=row.grid_id)

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[MicroGrid | None]:
        return await load_nodes(
            info, catalog.MICRO_GRID, cls.from_record, node_ids, required=required
        )

    @strawberry.field(description="The grid this micro-grid belongs to.")
    async def grid(self, info: Info) -> Grid:
        row = await load_one(info, catalog.GRID, self.grid_id)
        assert row is not None, "grid_id is a foreign key"
        return Grid.from_record(row)


async def _community(info: Info, community_id: int) -> Community:
    row = await load_one(info, catalog.COMMUNITY, community_id)
    assert row is not None, "community_id is a foreign key"
    return Community.from_record(row)
