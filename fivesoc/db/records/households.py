"""Vulnerable households, their members, visits and needs: personal data as a whole."""

from __future__ import annotations

import datetime as dt

from fivesoc.db.declare import OPTIONAL, REQUIRED, column, entity
from fivesoc.db.records.shared import BLANK, FICTIONAL, Archivable, Versioned


@entity(
    table="household",
    type_name="Household",
    noun="household",
    description="A vulnerable household (personal data: needs a caseworker token).",
    checks={
        "household_categories_check": ("categories", "must name at least one category"),
        "household_head_name_check": ("head_name", BLANK),
        "household_member_count_check": ("member_count", "must be at least 1"),
    },
    personal=True,
)
class Household(Archivable):
    region_id: int = column(
        "The region the household lives in.", write=REQUIRED, ref="Region", zh="所属地区"
    )
    community_id: int | None = column(
        "The community or village, where known.",
        write=OPTIONAL,
        ref="Community",
        input="The community it lives in, if known.",
        zh="所属社区",
    )
    categories: list[str] = column(
        "Why the household is supported (孤儿, 低保, 留守儿童, …).",
        write=REQUIRED,
        enum="HouseholdCategory",
        input="Why the household is supported; at least one.",
        zh="帮扶类别",
    )
    head_name: str = column(
        "Name of the head of the household.",
        write=REQUIRED,
        input="Name of the head (personal data); not blank.",
        zh="户主姓名",
    )
    address: str | None = column(
        "Address.", write=OPTIONAL, input="Address (personal data).", zh="住址"
    )
    member_count: int = column(
        "People in the household.",
        write=OPTIONAL,
        input="People in the household; at least 1, 1 if unset.",
        zh="家庭人口",
    )
    is_fictional: bool = column(
        "True for made-up demo or generated people.", write=OPTIONAL, input=FICTIONAL, zh="虚构人物"
    )


@entity(
    table="household_member",
    type_name="HouseholdMember",
    noun="household member",
    description="A member of a household (personal data).",
    region="household_id",
    checks={
        "household_member_full_name_check": ("full_name", BLANK),
        "household_member_birth_year_check": ("birth_year", "must be a year between 1900 and 2100"),
    },
    personal=True,
)
class HouseholdMember(Archivable):
    household_id: int = column("The household.", write=REQUIRED, ref="Household", zh="所属家庭")
    full_name: str = column(
        "Full name.", write=REQUIRED, input="Full name (personal data); not blank.", zh="姓名"
    )
    relation: str = column(
        "Relation to the head.",
        write=REQUIRED,
        enum="MemberRelation",
        input="Relation to the head of the household.",
        zh="与户主关系",
    )
    birth_year: int | None = column(
        "Year of birth.", write=OPTIONAL, input="Year of birth, 1900 to 2100.", zh="出生年份"
    )


@entity(
    table="visit",
    type_name="Visit",
    noun="visit",
    description="A door-knocking visit to a household (personal data).",
    region="household_id",
    joins="join household h on h.id = t.household_id",
    personal=True,
)
class Visit(Versioned):
    household_id: int = column("The household visited.", ref="Household")
    campaign_id: int | None = column(
        "The campaign the visit was part of.", write=OPTIONAL, ref="DoorKnockingCampaign"
    )
    social_worker_id: int | None = column(
        "The social worker who visited.",
        write=OPTIONAL,
        ref="SocialWorker",
        input="The worker who visited.",
    )
    visited_on: dt.date = column("Date of the visit.", write=REQUIRED)
    notes: str = column(
        "What the visitor noted.", write=REQUIRED, input="What the visitor noted (personal data)."
    )
    region_id: int = column(
        "The household's region, which guards the visit.", sql="h.region_id", exposed=False
    )


@entity(
    table="need",
    type_name="Need",
    noun="need",
    description="A need found in a household, and how it was handled (personal data).",
    region="household_id",
    joins="join household h on h.id = t.household_id",
    personal=True,
)
class Need(Versioned):
    household_id: int = column("The household in need.", ref="Household")
    visit_id: int | None = column("The visit that found the need.", ref="Visit")
    kind: str = column("What is needed.", write=REQUIRED, enum="NeedKind", input="Kind of need.")
    description: str = column(
        "The need in words.", write=REQUIRED, input="What is needed (personal data)."
    )
    status: str = column("Open, referred, resolved or closed.", enum="NeedStatus")
    opened_on: dt.date = column("Date the need was found.")
    referred_to_id: int | None = column(
        "The organization the need was referred to.", ref="Organization"
    )
    referred_on: dt.date | None = column("Date it was referred.")
    resolved_on: dt.date | None = column("Date it was resolved.")
    closed_on: dt.date | None = column("Date it was closed.")
    region_id: int = column(
        "The household's region, which guards the need.", sql="h.region_id", exposed=False
    )
