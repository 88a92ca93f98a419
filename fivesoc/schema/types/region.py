"""Administrative regions as a tree."""

from __future__ import annotations

import strawberry
from strawberry import relay

from fivesoc.db import catalog, records
from fivesoc.schema.types.common import Catalogued
from fivesoc.schema.types.enums import RegionLevel
from fivesoc.schema.types.fields import reference, related_list


@strawberry.type(description="An administrative region: province, city, county or township.")
class Region(Catalogued, relay.Node):
    catalog_source = catalog.REGION

    id: relay.NodeID[int]
    name: str = strawberry.field(description="Official name, e.g. 德清县.")
    level: RegionLevel = strawberry.field(description="Level in the administrative tree.")
    depth: int = strawberry.field(description="Distance from the province: 0 for a province.")
    parent_id: strawberry.Private[int | None]

    @classmethod
    def from_record(cls, row: records.Region) -> Region:
        return cls(
            id=row.id,
            name=row.name,
            level=RegionLevel(row.level),
            depth=row.depth,
            parent_id=row.parent_id,
        )

    parent = reference(
        "parent_id",
        catalog.REGION,
        "Region",
        "The region this one belongs to; null for a province.",
        optional=True,
    )

    children = related_list(
        catalog.REGION_CHILDREN, "Region", "Regions directly below this one, in id order."
    )

    communities = related_list(
        catalog.REGION_COMMUNITIES,
        "Community",
        "Communities and villages in this region and every region below.",
    )

    service_sites = related_list(
        catalog.REGION_SERVICE_SITES,
        "ServiceSite",
        "Service sites in this region and every region below.",
    )

    reported_indicators = related_list(
        catalog.REGION_INDICATORS,
        "ReportedIndicator",
        "Figures published about this region (not its subregions).",
    )
