"""Communities and villages with their compounds, grids and micro-grids."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from fivesoc.db import catalog, records
from fivesoc.schema.context import Info
from fivesoc.schema.types.actor import Actor
from fivesoc.schema.types.common import Catalogued
from fivesoc.schema.types.enums import LinkKind
from fivesoc.schema.types.fields import related_list
from fivesoc.schema.types.node import node

if TYPE_CHECKING:
    from fivesoc.schema.network.inputs import NetworkWindow
    from fivesoc.schema.network.types import Linkage


@node(records.Community)
class Community(Catalogued, Actor):
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

    aliases = related_list(
        catalog.COMMUNITY_ALIASES,
        "CommunityAlias",
        "Other names the community is known by, each with where it is used; `search` "
        "matches them too.",
    )


@node(records.CommunityAlias)
class CommunityAlias(Catalogued, relay.Node):
    pass


@node(records.Compound)
class Compound(Catalogued, relay.Node):
    pass


@node(records.Grid)
class Grid(Catalogued, relay.Node):
    micro_grids = related_list(
        catalog.GRID_MICRO_GRIDS, "MicroGrid", "Micro-grids (微网格) inside this grid."
    )


@node(records.MicroGrid)
class MicroGrid(Catalogued, relay.Node):
    pass
