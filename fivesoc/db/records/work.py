"""The work itself: projects with participants, updates and activities, door-knocking
campaigns, charity resources and their allocations, and collaboration links."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from fivesoc.db.declare import ACTOR, OPTIONAL, REQUIRED, column, entity
from fivesoc.db.records.shared import (
    ACTOR_NAME,
    BLANK,
    ILLUSTRATIVE,
    NEGATIVE,
    PRECISION_INPUT,
    SOCIETY,
    UNIQUE_NAME,
    YEAR,
    Archivable,
    Row,
    Versioned,
    precision,
)


@entity(
    table="project",
    type_name="Project",
    noun="project",
    description="A project (项目) run in a region by a lead and its partners.",
    checks={
        "project_name_check": ("name", BLANK),
        "project_check": ("ends_on", "must not be before startsOn"),
    },
    uniques={"project_region_id_name_key": ("name", "another project of the region has this name")},
)
class Project(Archivable):
    region_id: int = column(
        "The region the project runs in.", write=REQUIRED, ref="Region", zh="所属地区"
    )
    lead_id: int | None = column(
        "The actor leading the project.", write=OPTIONAL, ref=ACTOR, zh="牵头单位"
    )
    name: str = column(
        "Name, unique within its region, e.g. 幸福管家.",
        write=REQUIRED,
        input="Name; not blank, unique within the region.",
        zh="名称",
    )
    domain: str = column(
        "What the project works on.", write=REQUIRED, enum="ProjectDomain", zh="服务领域"
    )
    status: str = column(
        "Where the project stands.",
        write=OPTIONAL,
        enum="ProjectStatus",
        input="Where the project stands; ACTIVE if unset.",
        zh="状态",
    )
    summary: str | None = column("What the project does.", write=OPTIONAL, zh="简介")
    starts_on: dt.date | None = column("Start date.", write=OPTIONAL, zh="开始日期")
    ends_on: dt.date | None = column(
        "End date, if set.", write=OPTIONAL, input="End date; not before `startsOn`.", zh="结束日期"
    )
    is_illustrative: bool = column(
        "True when the source counts this project but does not name it.",
        write=OPTIONAL,
        input=ILLUSTRATIVE,
        zh="示意记录",
    )


@entity(
    table="project_participant",
    type_name="ProjectParticipant",
    noun="project participant",
    description="An actor's part in a project.",
    region="project_id",
)
class ProjectParticipant(Versioned):
    # Written by the operations addProjectParticipant and endProjectParticipation only.
    project_id: int = column("The project.", ref="Project", zh="项目")
    actor_id: int = column("The participating actor.", ref=ACTOR, zh="参与方")
    role: str = column("The actor's role.", enum="ParticipantRole", zh="角色")
    joined_on: dt.date | None = column("Date it joined.", zh="加入日期")
    left_on: dt.date | None = column("Date it left; null while it takes part.", zh="退出日期")


@entity(
    table="project_update",
    type_name="ProjectUpdate",
    noun="project update",
    description="An update on a project's timeline.",
    region="project_id",
    checks={"project_update_title_check": ("title", BLANK)},
)
class ProjectUpdate(Versioned):
    project_id: int = column("The project it is about.", ref="Project")
    author_id: int | None = column("Who posted it.", ref=ACTOR)
    posted_at: dt.datetime = column("When it was posted.")
    title: str = column("Headline.", write=REQUIRED, input="Headline; not blank.")
    body: str = column("Text of the update.", write=REQUIRED)


@entity(
    table="activity",
    type_name="Activity",
    noun="activity",
    description="A service or activity (case work, group work, community activity, …).",
    checks={
        "activity_title_check": ("title", BLANK),
        "activity_person_times_check": ("person_times", NEGATIVE),
    },
)
class Activity(Archivable):
    region_id: int = column("The region it was held in.", write=REQUIRED, ref="Region")
    project_id: int | None = column(
        "The project it belongs to, if any.", write=OPTIONAL, ref="Project"
    )
    site_id: int | None = column(
        "The site it was held at, if any.",
        write=OPTIONAL,
        ref="ServiceSite",
        input="The service site it was held at, if any.",
    )
    community_id: int | None = column(
        "The community it served, if one.",
        write=OPTIONAL,
        ref="Community",
        input="The community it served, if any.",
    )
    organizer_id: int | None = column(
        "Who organized it.", write=OPTIONAL, ref=ACTOR, input="The actor organizing it, if any."
    )
    kind: str = column("Kind of service or activity.", write=REQUIRED, enum="ActivityKind")
    title: str = column("What was done.", write=REQUIRED, input="What was done; not blank.")
    held_on: dt.date = column("Date it was held.", write=REQUIRED)
    held_on_precision: str = column(
        precision("heldOn"), write=OPTIONAL, enum="DatePrecision", input=PRECISION_INPUT
    )
    person_times: int | None = column(
        "Beneficiaries counted in person-times (人次); null where none were reported.",
        write=OPTIONAL,
        input="People served, counted per time (人次); not negative; null if not reported.",
    )
    is_illustrative: bool = column(
        "True when the source counts this activity but does not describe it.",
        write=OPTIONAL,
        input=ILLUSTRATIVE,
    )


@entity(
    table="door_knocking_campaign",
    type_name="DoorKnockingCampaign",
    noun="door-knocking campaign",
    description="A door-knocking campaign (敲门行动) visiting vulnerable households of a region.",
    checks={
        "door_knocking_campaign_name_check": ("name", BLANK),
        "door_knocking_campaign_check": ("ends_on", "must not be before startsOn"),
        "door_knocking_campaign_target_groups_check": (
            "target_groups",
            "must name household categories only",
        ),
    },
    uniques={
        "door_knocking_campaign_region_id_name_key": (
            "name",
            "another campaign of the region has this name",
        )
    },
)
class DoorKnockingCampaign(Archivable):
    region_id: int = column("The region the campaign covers.", write=REQUIRED, ref="Region")
    organizer_id: int | None = column(
        "The organization that runs the campaign.",
        write=OPTIONAL,
        ref="Organization",
        input="The organization running it.",
    )
    name: str = column(
        "Name of the campaign, e.g. 民政社工敲门行动.",
        write=REQUIRED,
        input="Name; not blank, unique within the region.",
    )
    starts_on: dt.date = column("Date the campaign started.", write=REQUIRED, input="First day.")
    starts_on_precision: str = column(
        precision("startsOn"), write=OPTIONAL, enum="DatePrecision", input=PRECISION_INPUT
    )
    target_groups: list[str] = column(
        "The groups of households the campaign sets out to visit (孤儿, 低保, …), as its "
        "source names them.",
        write=OPTIONAL,
        enum="HouseholdCategory",
        input="The groups it targets; none if unset.",
    )
    ends_on: dt.date | None = column(
        "Date it ended; null while it runs.",
        write=OPTIONAL,
        input="Last day; not before `startsOn`.",
    )


# How much of a resource has been allocated: the sum of its allocations.
_ALLOCATED = (
    "(select coalesce(sum(a.amount), 0) from resource_allocation a where a.resource_id = t.id)"
)


@entity(
    table="charity_resource",
    type_name="CharityResource",
    noun="charity resource",
    description=(
        "A social charity resource: funds, goods, services or a venue from donors or society. "
        "Government money is a `GovernmentFund`."
    ),
    checks={
        "charity_resource_name_check": ("name", BLANK),
        "charity_resource_amount_check": ("amount", NEGATIVE),
        "charity_resource_unit_check": ("unit", BLANK),
        "charity_resource_year_check": ("year", YEAR),
        "charity_resource_quote_check": ("quote", BLANK),
    },
    uniques={
        "charity_resource_region_id_name_key": (
            "name",
            "another resource of the region has this name",
        )
    },
    floors={
        "amount": (
            "select coalesce(sum(amount), 0) from resource_allocation where resource_id = $1",
            "the amount already allocated",
        )
    },
    actor_kind="charity_resource",
)
class CharityResource(Archivable):
    region_id: int = column(
        "The region that holds the resource.",
        write=REQUIRED,
        ref="Region",
        input="The region holding the resource.",
    )
    donor_id: int | None = column(
        "The donor, where one is known.",
        write=OPTIONAL,
        ref=ACTOR,
        input="The actor who gave it, if any.",
    )
    kind: str = column(
        "What the resource is.",
        write=REQUIRED,
        enum="ResourceKind",
        input="Funds, goods, both together, services or a venue.",
    )
    source: str = column("Where it comes from.", write=REQUIRED, enum="ResourceSource")
    name: str = column(ACTOR_NAME, write=REQUIRED, input=UNIQUE_NAME)
    amount: Decimal = column(
        "How much there is, in `unit`.",
        write=REQUIRED,
        input="How much, as a decimal in `unit`; not negative.",
        digits=(14, 2),
    )
    unit: str = column(
        "Unit of `amount`, e.g. `yuan`.",
        write=OPTIONAL,
        input="Unit of the amount; `yuan` if unset, never blank.",
    )
    year: int | None = column(
        "Budget year, where it has one.", write=OPTIONAL, input="Year received, 1949 to 2100."
    )
    received_on: dt.date | None = column(
        "Date it was received.", write=OPTIONAL, input="Date received."
    )
    qualifier: str = column(
        "Whether the source gives the amount as exact, a lower bound or rounded.",
        write=OPTIONAL,
        enum="Qualifier",
        input="How exact the amount is; EXACT if unset.",
    )
    campaign_id: int | None = column(
        "The door-knocking campaign that linked it (链资源), if one did.",
        write=OPTIONAL,
        ref="DoorKnockingCampaign",
        input="The door-knocking campaign that linked it, if any.",
    )
    quote: str | None = column(
        "The source's own sentence about it, where kept.",
        write=OPTIONAL,
        input="The source's own words.",
    )
    is_illustrative: bool = column(
        "True when the source does not state this resource and it only illustrates the demo.",
        write=OPTIONAL,
        input="True for a resource made up to illustrate; false if unset.",
    )
    allocated: Decimal = column(
        "How much has been allocated so far.",
        sql=_ALLOCATED,
    )
    remaining: Decimal = column("How much is left to allocate.", sql=f"t.amount - {_ALLOCATED}")
    society: str = column(SOCIETY, enum="Society", sql="'charity_resource'")


@entity(
    table="resource_allocation",
    type_name="ResourceAllocation",
    noun="resource allocation",
    description="Part of a charity resource allocated to a project, a community or a need.",
    region=None,
)
class ResourceAllocation(Row):
    resource_id: int = column("The resource allocated.", ref="CharityResource")
    project_id: int | None = column("The project it went to, if a project.", ref="Project")
    community_id: int | None = column("The community it went to, if a community.", ref="Community")
    need_id: int | None = column(
        "The household need it went to (personal data), if a need.", ref="Need"
    )
    amount: Decimal = column("How much, in the resource's unit.", digits=(14, 2))
    purpose: str = column("What it is for.")
    allocated_on: dt.date = column("Date of the allocation.")


@entity(
    table="collaboration_link",
    type_name="CollaborationLink",
    noun="collaboration link",
    description=(
        "A collaboration link between two actors. Resource flows and referrals run from "
        "source to target; other kinds are mutual."
    ),
    region="source_id",
    checks={
        "collaboration_link_check": ("target_id", "must not be the source itself"),
        "collaboration_link_check1": ("until", "must not be before since"),
        "collaboration_link_weight_check": ("weight", "must be more than 0"),
        "collaboration_link_evidence_check": ("evidence", BLANK),
    },
    uniques={
        "collaboration_link_unique": (
            "target_id",
            "these actors already have a link of this kind on this project and agreement",
        ),
        "collaboration_link_undirected_unique": (
            "target_id",
            "these actors already have this mutual link, from the other end, on this project "
            "and agreement",
        ),
    },
)
class CollaborationLink(Archivable):
    source_id: int = column(
        "One end of the link (the giver, for directed kinds).",
        write=REQUIRED,
        ref=ACTOR,
        input="The actor the link starts at.",
        zh="发起方",
    )
    target_id: int = column(
        "The other end of the link (the receiver, for directed kinds).",
        write=REQUIRED,
        ref=ACTOR,
        input="The actor the link ends at; not the source.",
        zh="合作方",
    )
    kind: str = column(
        "How the two work together.",
        write=REQUIRED,
        enum="LinkKind",
        input="Kind of link.",
        zh="类型",
    )
    since: dt.date | None = column("Date the link began.", write=OPTIONAL, zh="起始日期")
    until: dt.date | None = column(
        "Date it ended; null while it lasts.",
        write=OPTIONAL,
        input="Date the link ended; not before `since`.",
        zh="截止日期",
    )
    weight: Decimal = column(
        "Strength of the link (shared work).",
        write=OPTIONAL,
        input="Strength, as a decimal above 0; 1 if unset.",
        digits=(8, 3),
        zh="权重",
    )
    project_id: int | None = column(
        "The project the link rests on, if any.", write=OPTIONAL, ref="Project", zh="所依托项目"
    )
    agreement_id: int | None = column(
        "The agreement the link rests on, if any.", write=OPTIONAL, ref="Agreement", zh="所依托协议"
    )
    evidence: str = column(
        "What the link rests on, in the source's words.",
        write=REQUIRED,
        input="What the link rests on, in words; not blank.",
        zh="依据",
    )
    is_illustrative: bool = column(
        "True when the link illustrates the source rather than being stated in it.",
        write=OPTIONAL,
        input=ILLUSTRATIVE,
        zh="示意记录",
    )
