"""Communities and villages with their compounds, grids and micro-grids."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from fivesoc.db import catalog, records
from fivesoc.schema.context import Info
from fivesoc.schema.types.actor import Actor
from fivesoc.schema.types.common import Catalogued
from fivesoc.schema.types.enums import CommunityKind, CommunityStatus, LinkKind, Society
from fivesoc.schema.types.fields import reference, related_list

if TYPE_CHECKING:
    from fivesoc.schema.network.inputs import NetworkWindow
    from fivesoc.schema.network.types import Linkage


@strawberry.type(description="An urban community (社区) or a rural village (村): the platform.")
class Community(Catalogued, Actor):
    catalog_source = catalog.COMMUNITY

    kind: CommunityKind = strawberry.field(description="Urban community or rural village.")
    status: CommunityStatus = strawberry.field(description="Preparing, active or merged.")
    founded_on: dt.date | None = strawberry.field(description="Date the community was founded.")
    resident_population: int | None = strawberry.field(
        description="Resident population (常住人口), where known."
    )
    version: int = strawberry.field(
        description="Grows by one with every change; name it as `expectedVersion` to change this."
    )
    archived_at: dt.datetime | None = strawberry.field(
        description="When this was archived (still readable by id, left out of root lists)."
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
            society=Society(row.society),
            version=row.version,
            archived_at=row.archived_at,
        )

    region = reference(
        "region_id", catalog.REGION, "Region", "The township (or county) the community belongs to."
    )

    @strawberry.field(
        description=(
            "Its five-society linkage index in its county's network (with the partners "
            "elsewhere linked to the county): which societies it works with, how strongly "
            "and how redundantly, and what it lacks. Null for an archived community."
        )
    )
    async def linkage(
        self,
        info: Info,
        window: Annotated[
            Annotated[NetworkWindow, strawberry.lazy("fivesoc.schema.network.inputs")] | None,
            strawberry.argument(description="When; all time if left out."),
        ] = None,
        link_kinds: Annotated[
            list[LinkKind] | None,
            strawberry.argument(description="Which kinds of link; all if left out."),
        ] = None,
    ) -> Annotated[Linkage, strawberry.lazy("fivesoc.schema.network.types")] | None:
        from fivesoc.schema.network.query import community_linkage

        return await community_linkage(info, self.id, window, link_kinds)

    compounds = related_list(
        catalog.COMMUNITY_COMPOUNDS,
        "Compound",
        "Property-managed residential compounds (物管小区).",
    )

    grids = related_list(catalog.COMMUNITY_GRIDS, "Grid", "Grids (网格) of the community.")

    micro_grids = related_list(
        catalog.COMMUNITY_MICRO_GRIDS,
        "MicroGrid",
        "Micro-grids (微网格) of all the community's grids.",
    )

    service_sites = related_list(
        catalog.COMMUNITY_SERVICE_SITES, "ServiceSite", "Service sites located in the community."
    )

    organizations = related_list(
        catalog.COMMUNITY_ORGANIZATIONS,
        "Organization",
        (
            "Organizations working with the community: through a project serving it or a "
            "collaboration link."
        ),
    )

    serving_projects = related_list(
        catalog.COMMUNITY_PROJECTS, "Project", "Projects serving the community."
    )

    volunteer_teams = related_list(
        catalog.COMMUNITY_VOLUNTEER_TEAMS,
        "VolunteerTeam",
        "Volunteer teams based in the community.",
    )

    allocations = related_list(
        catalog.COMMUNITY_ALLOCATIONS,
        "ResourceAllocation",
        "Charity resources allocated to the community itself.",
    )


@strawberry.type(description="A property-managed residential compound (物管小区) of a community.")
class Compound(Catalogued, relay.Node):
    catalog_source = catalog.COMPOUND

    id: relay.NodeID[int]
    name: str = strawberry.field(description="Name, unique within the community.")
    is_illustrative: bool = strawberry.field(
        description="True when the source counts this compound but does not name it."
    )
    version: int = strawberry.field(
        description="Grows by one with every change; name it as `expectedVersion` to change this."
    )
    archived_at: dt.datetime | None = strawberry.field(
        description="When this was archived (still readable by id, left out of root lists)."
    )
    community_id: strawberry.Private[int]

    @classmethod
    def from_record(cls, row: records.Compound) -> Compound:
        return cls(
            id=row.id,
            name=row.name,
            is_illustrative=row.is_illustrative,
            community_id=row.community_id,
            version=row.version,
            archived_at=row.archived_at,
        )

    community = reference(
        "community_id", catalog.COMMUNITY, "Community", "The community the compound belongs to."
    )


@strawberry.type(description="A grid (网格): the unit of grid-based community governance.")
class Grid(Catalogued, relay.Node):
    catalog_source = catalog.GRID

    id: relay.NodeID[int]
    name: str = strawberry.field(description="Name, unique within the community.")
    resident_estimate: int | None = strawberry.field(
        description="Residents living in the grid, where known."
    )
    version: int = strawberry.field(
        description="Grows by one with every change; name it as `expectedVersion` to change this."
    )
    archived_at: dt.datetime | None = strawberry.field(
        description="When this was archived (still readable by id, left out of root lists)."
    )
    community_id: strawberry.Private[int]

    @classmethod
    def from_record(cls, row: records.Grid) -> Grid:
        return cls(
            id=row.id,
            name=row.name,
            resident_estimate=row.resident_estimate,
            community_id=row.community_id,
            version=row.version,
            archived_at=row.archived_at,
        )

    community = reference(
        "community_id", catalog.COMMUNITY, "Community", "The community the grid belongs to."
    )

    micro_grids = related_list(
        catalog.GRID_MICRO_GRIDS, "MicroGrid", "Micro-grids (微网格) inside this grid."
    )


@strawberry.type(description="A micro-grid (微网格) inside a grid.")
class MicroGrid(Catalogued, relay.Node):
    catalog_source = catalog.MICRO_GRID

    id: relay.NodeID[int]
    name: str = strawberry.field(description="Name, unique within the grid.")
    version: int = strawberry.field(
        description="Grows by one with every change; name it as `expectedVersion` to change this."
    )
    archived_at: dt.datetime | None = strawberry.field(
        description="When this was archived (still readable by id, left out of root lists)."
    )
    grid_id: strawberry.Private[int]

    @classmethod
    def from_record(cls, row: records.MicroGrid) -> MicroGrid:
        return cls(
            id=row.id,
            name=row.name,
            grid_id=row.grid_id,
            version=row.version,
            archived_at=row.archived_at,
        )

    grid = reference("grid_id", catalog.GRID, "Grid", "The grid this micro-grid belongs to.")
