"""Administrative regions as a tree."""

from __future__ import annotations

from strawberry import relay

from fivesoc.db import catalog, records
from fivesoc.schema.types.common import Catalogued
from fivesoc.schema.types.fields import related_list
from fivesoc.schema.types.node import node


@node(records.Region)
class Region(Catalogued, relay.Node):
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

    government_funds = related_list(
        catalog.REGION_GOVERNMENT_FUNDS,
        "GovernmentFund",
        "Government funds of this region and every region below (上级资金, 本级财政).",
    )

    practices = related_list(
        catalog.REGION_PRACTICES,
        "Practice",
        "Programmes, brands, methods, services and platforms of this region and every region "
        "below, with their parts.",
    )

    policy_events = related_list(
        catalog.REGION_POLICY_EVENTS,
        "PolicyEvent",
        "Policy documents, notices, meetings and observances of this region and every region "
        "below, undated first, then by date.",
    )

    reported_indicators = related_list(
        catalog.REGION_INDICATORS,
        "ReportedIndicator",
        "Figures published about this region (not its subregions).",
    )

    honours = related_list(
        catalog.REGION_HONOURS,
        "Honour",
        "Honours of the region itself (not of its actors), latest year first, e.g. "
        "全省智慧社区试点优秀.",
    )

    aliases = related_list(
        catalog.REGION_ALIASES,
        "RegionAlias",
        "Other names the region is known by (e.g. 威宁自治县), each with where it is used; "
        "`search` matches them too.",
    )


@node(records.RegionAlias)
class RegionAlias(Catalogued, relay.Node):
    pass
