"""Reported indicators: figures published for a region and period, with their source."""

from __future__ import annotations

import datetime as dt

import strawberry
from strawberry import relay

from fivesoc.db import catalog, records
from fivesoc.schema.types.common import Catalogued
from fivesoc.schema.types.enums import Qualifier
from fivesoc.schema.types.fields import reference


@strawberry.type(
    description="A figure published for a region and period, kept as its source states it."
)
class ReportedIndicator(Catalogued, relay.Node):
    catalog_source = catalog.REPORTED_INDICATOR

    id: relay.NodeID[int]
    metric: str = strawberry.field(
        description="Stable key of what is measured, e.g. `social_work_stations`."
    )
    label: str = strawberry.field(description="What is measured, in words.")
    value: float = strawberry.field(description="The figure, e.g. 33000 or 13.7.")
    unit: str = strawberry.field(description="Unit of the figure, e.g. `people` or `yuan`.")
    qualifier: Qualifier = strawberry.field(
        description="Whether the source gives the figure as exact, a lower bound or rounded."
    )
    period_start: dt.date = strawberry.field(description="First day of the period reported on.")
    period_end: dt.date = strawberry.field(description="Last day of the period reported on.")
    source: str = strawberry.field(description="Where the figure was published, e.g. 《湖州日报》.")
    quote: str | None = strawberry.field(description="The source's own sentence, where kept.")
    version: int = strawberry.field(
        description="Grows by one with every change; name it as `expectedVersion` to change this."
    )
    archived_at: dt.datetime | None = strawberry.field(
        description="When this was archived (still readable by id, left out of root lists)."
    )
    region_id: strawberry.Private[int]

    @classmethod
    def from_record(cls, row: records.ReportedIndicator) -> ReportedIndicator:
        return cls(
            id=row.id,
            metric=row.metric,
            label=row.label,
            value=float(row.value),
            unit=row.unit,
            qualifier=Qualifier(row.qualifier),
            period_start=row.period_start,
            period_end=row.period_end,
            source=row.source,
            quote=row.quote,
            region_id=row.region_id,
            version=row.version,
            archived_at=row.archived_at,
        )

    region = reference("region_id", catalog.REGION, "Region", "The region the figure is about.")
