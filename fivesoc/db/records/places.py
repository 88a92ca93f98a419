"""Where the network lives: regions, communities with their compounds, grids and micro-grids,
service sites, and the figures published about regions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from fivesoc.db.declare import OPTIONAL, REQUIRED, column, entity
from fivesoc.db.records.shared import (
    ACTOR_NAME,
    BLANK,
    ILLUSTRATIVE,
    NEGATIVE,
    PRECISION_INPUT,
    SOCIETY,
    UNIQUE_NAME,
    Archivable,
    Row,
    precision,
)


@entity(
    table="region",
    type_name="Region",
    noun="region",
    description="An administrative region: province, city, county or township.",
    region=None,
)
class Region(Row):
    parent_id: int | None = column(
        "The region this one belongs to; null for a province.", ref="Region"
    )
    level: str = column("Level in the administrative tree.", enum="RegionLevel")
    name: str = column("Official name, e.g. 德清县.")
    depth: int = column("Distance from the province: 0 for a province.", sql="nlevel(t.path) - 1")
    path_ids: list[int] = column(
        "The ids of the province, every region down the tree, and this one.",
        sql="string_to_array(ltree2text(t.path), '.')::bigint[]",
        exposed=False,
    )


@entity(
    table="community",
    type_name="Community",
    noun="community",
    description="An urban community (社区) or a rural village (村): the platform.",
    checks={
        "community_name_check": ("name", BLANK),
        "community_resident_population_check": ("resident_population", NEGATIVE),
    },
    uniques={
        "community_region_id_name_key": ("name", "another community of the region has this name")
    },
    actor_kind="community",
)
class Community(Archivable):
    region_id: int = column(
        "The township (or county) the community belongs to.",
        write=REQUIRED,
        ref="Region",
        zh="所属地区",
    )
    kind: str = column(
        "Urban community or rural village.",
        write=OPTIONAL,
        enum="CommunityKind",
        input="Urban community or rural village; COMMUNITY if unset.",
        zh="类型",
    )
    name: str = column(ACTOR_NAME, write=REQUIRED, input=UNIQUE_NAME, zh="名称")
    status: str = column(
        "Preparing, active or merged.",
        write=OPTIONAL,
        enum="CommunityStatus",
        input="Preparing, active or merged; ACTIVE if unset.",
        zh="状态",
    )
    founded_on: dt.date | None = column(
        "Date the community was founded.", write=OPTIONAL, zh="成立日期"
    )
    founded_on_precision: str = column(
        precision("foundedOn"),
        write=OPTIONAL,
        enum="DatePrecision",
        input=PRECISION_INPUT,
        zh="成立日期精度",
    )
    resident_population: int | None = column(
        "Resident population (常住人口), where known.",
        write=OPTIONAL,
        input="Resident population (常住人口); not negative.",
        zh="常住人口",
    )
    society: str = column(SOCIETY, enum="Society", sql="'community'")


@entity(
    table="compound",
    type_name="Compound",
    noun="compound",
    description="A property-managed residential compound (物管小区) of a community.",
    region="community_id",
    checks={"compound_name_check": ("name", BLANK)},
    uniques={
        "compound_community_id_name_key": (
            "name",
            "another compound of the community has this name",
        )
    },
)
class Compound(Archivable):
    community_id: int = column(
        "The community the compound belongs to.",
        write=REQUIRED,
        ref="Community",
        input="The community it belongs to.",
        zh="所属社区",
    )
    name: str = column(
        "Name, unique within the community.",
        write=REQUIRED,
        input="Name; not blank, unique within the community.",
        zh="名称",
    )
    is_illustrative: bool = column(
        "True when the source counts this compound but does not name it.",
        write=OPTIONAL,
        input=ILLUSTRATIVE,
        zh="示意记录",
    )


@entity(
    table="grid",
    type_name="Grid",
    noun="grid",
    description="A grid (网格): the unit of grid-based community governance.",
    region="community_id",
    checks={
        "grid_name_check": ("name", BLANK),
        "grid_resident_estimate_check": ("resident_estimate", NEGATIVE),
    },
    uniques={"grid_community_id_name_key": ("name", "another grid of the community has this name")},
)
class Grid(Archivable):
    community_id: int = column(
        "The community the grid belongs to.",
        write=REQUIRED,
        ref="Community",
        input="The community it belongs to.",
        zh="所属社区",
    )
    name: str = column(
        "Name, unique within the community.",
        write=REQUIRED,
        input="Name; not blank, unique within the community.",
        zh="名称",
    )
    resident_estimate: int | None = column(
        "Residents living in the grid, where known.",
        write=OPTIONAL,
        input="Residents living in the grid; not negative.",
        zh="居民人数",
    )


@entity(
    table="micro_grid",
    type_name="MicroGrid",
    noun="micro-grid",
    description="A micro-grid (微网格) inside a grid.",
    region="grid_id",
    checks={"micro_grid_name_check": ("name", BLANK)},
    uniques={
        "micro_grid_grid_id_name_key": ("name", "another micro-grid of the grid has this name")
    },
)
class MicroGrid(Archivable):
    grid_id: int = column(
        "The grid this micro-grid belongs to.",
        write=REQUIRED,
        ref="Grid",
        input="The grid it lies in.",
        zh="所属网格",
    )
    name: str = column(
        "Name, unique within the grid.",
        write=REQUIRED,
        input="Name; not blank, unique within the grid.",
        zh="名称",
    )


@entity(
    table="service_site",
    type_name="ServiceSite",
    noun="service site",
    description="A place where services are delivered, e.g. a social-work station.",
    checks={
        "service_site_name_check": ("name", BLANK),
        "service_site_check": ("closed_on", "must not be before openedOn"),
    },
    uniques={
        "service_site_region_id_kind_name_key": (
            "name",
            "another site of this kind in the region has this name",
        )
    },
)
class ServiceSite(Archivable):
    region_id: int = column(
        "The region the site belongs to, at the level its source places it: a township "
        "station in its township, a station counted only for a city or county there.",
        write=REQUIRED,
        ref="Region",
        input="The region it belongs to.",
        zh="所属地区",
    )
    community_id: int | None = column(
        "The community the site stands in, if it stands in one.",
        write=OPTIONAL,
        ref="Community",
        input="The community it is located in, if any.",
        zh="所属社区",
    )
    kind: str = column(
        "What kind of site it is.",
        write=REQUIRED,
        enum="ServiceSiteKind",
        input="Kind of site.",
        zh="类型",
    )
    name: str = column(
        "Name, unique within its region and kind.",
        write=REQUIRED,
        input="Name; not blank, unique for its kind in the region.",
        zh="名称",
    )
    opened_on: dt.date | None = column(
        "Date the site opened, where known.", write=OPTIONAL, input="Date it opened.", zh="启用日期"
    )
    closed_on: dt.date | None = column(
        "Date the site closed, if it did.",
        write=OPTIONAL,
        input="Date it closed; not before `openedOn`.",
        zh="关闭日期",
    )
    is_illustrative: bool = column(
        "True when the source counts this site but does not name it.",
        write=OPTIONAL,
        input=ILLUSTRATIVE,
        zh="示意记录",
    )


@entity(
    table="reported_indicator",
    type_name="ReportedIndicator",
    noun="reported indicator",
    description="A figure published for a region and period, kept as its source states it.",
    checks={
        "reported_indicator_metric_check": (
            "metric",
            "must be lower-case letters, digits and underscores, starting with a letter",
        ),
        "reported_indicator_label_check": ("label", BLANK),
        "reported_indicator_value_check": ("value", NEGATIVE),
        "reported_indicator_unit_check": ("unit", BLANK),
        "reported_indicator_source_check": ("source", BLANK),
        "reported_indicator_check": ("period_end", "must not be before periodStart"),
    },
    uniques={
        "reported_indicator_region_id_metric_period_start_period_end_key": (
            "metric",
            "the region already reports this metric for this period",
        )
    },
)
class ReportedIndicator(Archivable):
    region_id: int = column(
        "The region the figure is about.",
        write=REQUIRED,
        ref="Region",
        input="The region the figure is reported for.",
        zh="所属地区",
    )
    metric: str = column(
        "Stable key of what is measured, e.g. `social_work_stations`.",
        write=REQUIRED,
        input="Machine name, e.g. certified_social_workers: lower-case letters, digits, `_`.",
        zh="指标代码",
    )
    label: str = column(
        "What is measured, in words.",
        write=REQUIRED,
        input="What the figure counts, in words; not blank.",
        zh="指标名称",
    )
    value: Decimal = column(
        "The figure, e.g. 33000 or 13.7.",
        write=REQUIRED,
        input="The figure, as a decimal; not negative.",
        digits=(16, 2),
        zh="数值",
    )
    unit: str = column(
        "Unit of the figure, e.g. `people` or `yuan`.",
        write=REQUIRED,
        input="Unit of the figure, e.g. 人; not blank.",
        zh="单位",
    )
    qualifier: str = column(
        "Whether the source gives the figure as exact, a lower bound or rounded.",
        write=OPTIONAL,
        enum="Qualifier",
        input="How exact the figure is; EXACT if unset.",
        zh="精确程度",
    )
    period_start: dt.date = column(
        "First day of the period reported on.",
        write=REQUIRED,
        input="First day of the period.",
        zh="起始日期",
    )
    period_end: dt.date = column(
        "Last day of the period reported on.",
        write=REQUIRED,
        input="Last day of the period; not before it starts.",
        zh="截止日期",
    )
    source: str = column(
        "Where the figure was published, e.g. 《湖州日报》.",
        write=REQUIRED,
        input="Where the figure was published; not blank.",
        zh="来源",
    )
    quote: str | None = column(
        "The source's own sentence, where kept.",
        write=OPTIONAL,
        input="The source's own words.",
        zh="原文",
    )
