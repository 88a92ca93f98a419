"""Other names of regions, communities and organizations: the short forms sources use.

A report names 威宁彝族回族苗族自治县 as 威宁自治县, 威宁县 or plain 威宁; each such name is an
alias of the region, kept with where it comes from. A list's `search` matches aliases as it
matches names. Removing an alias archives it.
"""

from __future__ import annotations

from fivesoc.db.declare import REQUIRED, column, entity, record
from fivesoc.db.records.shared import BLANK, Archivable

_ALIAS_TAKEN = "already has this alias"


@record
class Alias(Archivable):
    """What every alias holds: the other name and where it is used."""

    name: str = column(
        "The other name, e.g. 威宁自治县.",
        write=REQUIRED,
        input="The other name; not blank, once for what it names.",
    )
    source: str = column(
        "Where the name is used, e.g. the report that writes it so (《湖州日报》).",
        write=REQUIRED,
        input="Where the name is used; not blank.",
    )


@entity(
    table="region_alias",
    type_name="RegionAlias",
    noun="region alias",
    description="Another name a region is known by, e.g. 威宁自治县 for 威宁彝族回族苗族自治县.",
    checks={
        "region_alias_name_check": ("name", BLANK),
        "region_alias_source_check": ("source", BLANK),
    },
    uniques={"region_alias_region_id_name_key": ("name", f"the region {_ALIAS_TAKEN}")},
)
class RegionAlias(Alias):
    region_id: int = column(
        "The region the alias names.", write=REQUIRED, ref="Region", input="The region it names."
    )


@entity(
    table="community_alias",
    type_name="CommunityAlias",
    noun="community alias",
    description="Another name a community or village is known by.",
    region="community_id",
    checks={
        "community_alias_name_check": ("name", BLANK),
        "community_alias_source_check": ("source", BLANK),
    },
    uniques={"community_alias_community_id_name_key": ("name", f"the community {_ALIAS_TAKEN}")},
)
class CommunityAlias(Alias):
    community_id: int = column(
        "The community the alias names.",
        write=REQUIRED,
        ref="Community",
        input="The community it names.",
    )


@entity(
    table="organization_alias",
    type_name="OrganizationAlias",
    noun="organization alias",
    description="Another name an organization is known by, e.g. 县文化馆.",
    region="organization_id",
    checks={
        "organization_alias_name_check": ("name", BLANK),
        "organization_alias_source_check": ("source", BLANK),
    },
    uniques={
        "organization_alias_organization_id_name_key": (
            "name",
            f"the organization {_ALIAS_TAKEN}",
        )
    },
)
class OrganizationAlias(Alias):
    organization_id: int = column(
        "The organization the alias names.",
        write=REQUIRED,
        ref="Organization",
        input="The organization it names.",
    )
