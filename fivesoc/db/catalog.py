"""Where every record type comes from, and how records relate: the mapping in one place.

Each `Source` names a table and the columns that make its record; each `Listing` a root list
with its filters; each `Children` a relation from a parent id to rows. The GraphQL layer reads
these declarations; another executor could compile queries from them just as well.
"""

from __future__ import annotations

from fivesoc.db import records
from fivesoc.db.listing import Children, Filter, Listing, Source

# A region's subtree: the region itself and everything below it.
_SUBTREE = "(select d.id from region d join region a on d.path <@ a.path where a.id = {parent})"

REGION = Source(
    "region t",
    "t.id, t.parent_id, t.level, t.name, nlevel(t.path) - 1 as depth",
    records.Region,
)
COMMUNITY = Source(
    "community t",
    "t.id, t.region_id, t.kind, t.name, t.status, t.founded_on, t.resident_population",
    records.Community,
)
COMPOUND = Source("compound t", "t.id, t.community_id, t.name, t.is_illustrative", records.Compound)
GRID = Source("grid t", "t.id, t.community_id, t.name, t.resident_estimate", records.Grid)
MICRO_GRID = Source("micro_grid t", "t.id, t.grid_id, t.name", records.MicroGrid)
SERVICE_SITE = Source(
    "service_site t",
    "t.id, t.region_id, t.community_id, t.kind, t.name, t.opened_on, t.closed_on, "
    "t.is_illustrative",
    records.ServiceSite,
)
REPORTED_INDICATOR = Source(
    "reported_indicator t",
    "t.id, t.region_id, t.metric, t.label, t.value, t.unit, t.qualifier, t.period_start, "
    "t.period_end, t.source, t.quote",
    records.ReportedIndicator,
)

ORGANIZATION = Source(
    "organization t",
    "t.id, t.region_id, t.kind, t.name, t.founded_on, t.is_illustrative",
    records.Organization,
)
UNIVERSITY = Source("university t", "t.id, t.region_id, t.name", records.University)
AGREEMENT = Source(
    "agreement t",
    "t.id, t.university_id, t.organization_id, t.region_id, t.kind, t.title, t.signed_on, "
    "t.ends_on",
    records.Agreement,
)
DOOR_KNOCKING_CAMPAIGN = Source(
    "door_knocking_campaign t",
    "t.id, t.region_id, t.organizer_id, t.name, t.starts_on, t.ends_on",
    records.DoorKnockingCampaign,
)

_IN_REGION_SUBTREE = Filter("region", "t.region_id in " + _SUBTREE.format(parent="{p}"), "bigint")

# Root lists.
REGIONS = Listing(
    REGION,
    filters=(
        Filter("parent", "t.parent_id = {p}", "bigint"),
        Filter("level", "t.level = {p}", "text"),
        Filter("roots_only", "({p} = (t.parent_id is null))", "boolean"),
    ),
)
COMMUNITIES = Listing(
    COMMUNITY,
    filters=(_IN_REGION_SUBTREE, Filter("kind", "t.kind = {p}", "text")),
)
SERVICE_SITES = Listing(
    SERVICE_SITE,
    filters=(_IN_REGION_SUBTREE, Filter("kind", "t.kind = {p}", "text")),
)
REPORTED_INDICATORS = Listing(
    REPORTED_INDICATOR,
    filters=(_IN_REGION_SUBTREE, Filter("metric", "t.metric = {p}", "text")),
)

ORGANIZATIONS = Listing(
    ORGANIZATION,
    filters=(_IN_REGION_SUBTREE, Filter("kind", "t.kind = {p}", "text")),
)
UNIVERSITIES = Listing(UNIVERSITY, filters=(_IN_REGION_SUBTREE,))
AGREEMENTS = Listing(AGREEMENT, filters=(_IN_REGION_SUBTREE,))
DOOR_KNOCKING_CAMPAIGNS = Listing(DOOR_KNOCKING_CAMPAIGN, filters=(_IN_REGION_SUBTREE,))

# Relations from a parent id (`p.key`) to rows.
REGION_CHILDREN = Children(REGION, "t.parent_id = p.key")
REGION_COMMUNITIES = Children(COMMUNITY, "t.region_id in " + _SUBTREE.format(parent="p.key"))
REGION_SERVICE_SITES = Children(SERVICE_SITE, "t.region_id in " + _SUBTREE.format(parent="p.key"))
REGION_INDICATORS = Children(REPORTED_INDICATOR, "t.region_id = p.key")
COMMUNITY_COMPOUNDS = Children(COMPOUND, "t.community_id = p.key")
COMMUNITY_GRIDS = Children(GRID, "t.community_id = p.key")
COMMUNITY_MICRO_GRIDS = Children(
    MICRO_GRID, "t.grid_id in (select g.id from grid g where g.community_id = p.key)"
)
COMMUNITY_SERVICE_SITES = Children(SERVICE_SITE, "t.community_id = p.key")
GRID_MICRO_GRIDS = Children(MICRO_GRID, "t.grid_id = p.key")
UNIVERSITY_AGREEMENTS = Children(AGREEMENT, "t.university_id = p.key")
AGREEMENT_COMMUNITIES = Children(
    COMMUNITY,
    "t.id in (select ac.community_id from agreement_community ac where ac.agreement_id = p.key)",
)
