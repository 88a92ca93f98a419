"""Where every record type comes from, and how records relate: the mapping in one place.

Each `Source` names a table and the columns that make its record; each `Listing` a root list
with its filters; each `Children` a relation from a parent id to rows. The GraphQL layer reads
these declarations; another executor could compile queries from them just as well.
"""

from __future__ import annotations

from fivesoc.db import records
from fivesoc.db.declare import source_of
from fivesoc.db.listing import Children, Filter, Listing, Order, Source

# A region's subtree: the region itself and everything below it.
_SUBTREE = "(select d.id from region d join region a on d.path <@ a.path where a.id = {parent})"

# The rows of each entity, as its declaration says (`fivesoc.db.records`).
REGION = source_of(records.Region)
COMMUNITY = source_of(records.Community)
COMPOUND = source_of(records.Compound)
GRID = source_of(records.Grid)
MICRO_GRID = source_of(records.MicroGrid)
SERVICE_SITE = source_of(records.ServiceSite)
REPORTED_INDICATOR = source_of(records.ReportedIndicator)
ORGANIZATION = source_of(records.Organization)
UNIVERSITY = source_of(records.University)
AGREEMENT = source_of(records.Agreement)
DOOR_KNOCKING_CAMPAIGN = source_of(records.DoorKnockingCampaign)
ORGANIZATION_HONOUR = source_of(records.OrganizationHonour)
PRACTICE_BASE = source_of(records.PracticeBase)
TRAINING_PROGRAMME = source_of(records.TrainingProgramme)
SOCIAL_WORKER = source_of(records.SocialWorker)
SOCIAL_WORKER_HONOUR = source_of(records.SocialWorkerHonour)
CONTINUING_EDUCATION = source_of(records.ContinuingEducation)
EXAM_REGISTRATION = source_of(records.ExamRegistration)
VOLUNTEER_TEAM = source_of(records.VolunteerTeam)
VOLUNTEER = source_of(records.Volunteer)
PROJECT = source_of(records.Project)
PROJECT_PARTICIPANT = source_of(records.ProjectParticipant)
PROJECT_UPDATE = source_of(records.ProjectUpdate)
ACTIVITY = source_of(records.Activity)
CHARITY_RESOURCE = source_of(records.CharityResource)
RESOURCE_ALLOCATION = source_of(records.ResourceAllocation)
HOUSEHOLD = source_of(records.Household)
HOUSEHOLD_MEMBER = source_of(records.HouseholdMember)
VISIT = source_of(records.Visit)
NEED = source_of(records.Need)
COLLABORATION_LINK = source_of(records.CollaborationLink)
ACTOR = Source("actor t", records.ActorRef)

# Root lists.


def _in_subtree(column: str) -> Filter:
    return Filter("region", f"{column} in " + _SUBTREE.format(parent="{p}"), "bigint")


def _equals(name: str, column: str, pg_type: str = "text") -> Filter:
    return Filter(name, f"{column} = {{p}}", pg_type)


def _date_range(name: str, column: str) -> tuple[Filter, Filter]:
    return (
        Filter(f"{name}_from", f"{column} >= {{p}}", "date"),
        Filter(f"{name}_to", f"{column} <= {{p}}", "date"),
    )


_NAME = Order("t.name", "text")
# Undated rows sort first, under the earliest date a cursor can carry (`-infinity` cannot
# round-trip through a Python date).
_UNDATED = "'0001-01-01'::date"
# Archived rows or live ones (null: both); root lists ask for live ones unless told otherwise.
_ARCHIVED = Filter("archived", "(t.archived_at is not null) = {p}", "boolean")
_EDUCATION_HOURS = (
    "(select coalesce(sum(e.hours), 0) from continuing_education e "
    "where e.social_worker_id = t.id and e.year = {p})"
)
REQUIRED_EDUCATION_HOURS = 90

REGIONS = Listing(
    REGION,
    filters=(
        _equals("parent", "t.parent_id", "bigint"),
        _equals("level", "t.level"),
        Filter("roots_only", "({p} = (t.parent_id is null))", "boolean"),
    ),
    orders={"NAME": _NAME},
    search_column="t.name",
)
COMMUNITIES = Listing(
    COMMUNITY,
    filters=(
        _in_subtree("t.region_id"),
        _equals("kind", "t.kind"),
        _equals("status", "t.status"),
        *_date_range("founded", "t.founded_on"),
        _ARCHIVED,
    ),
    orders={
        "NAME": _NAME,
        "FOUNDED_ON": Order(f"coalesce(t.founded_on, {_UNDATED})", "date"),
        "RESIDENT_POPULATION": Order("coalesce(t.resident_population, 0)", "integer"),
    },
    search_column="t.name",
)
SERVICE_SITES = Listing(
    SERVICE_SITE,
    filters=(
        _in_subtree("t.region_id"),
        _equals("kind", "t.kind"),
        _equals("community", "t.community_id", "bigint"),
        _ARCHIVED,
    ),
    orders={"NAME": _NAME},
    search_column="t.name",
)
REPORTED_INDICATORS = Listing(
    REPORTED_INDICATOR,
    filters=(
        _in_subtree("t.region_id"),
        _equals("metric", "t.metric"),
        Filter("period_from", "t.period_end >= {p}", "date"),
        Filter("period_to", "t.period_start <= {p}", "date"),
        _ARCHIVED,
    ),
    orders={"METRIC": Order("t.metric", "text"), "PERIOD_START": Order("t.period_start", "date")},
)
ORGANIZATIONS = Listing(
    ORGANIZATION,
    filters=(
        _in_subtree("t.region_id"),
        _equals("kind", "t.kind"),
        Filter(
            "honour",
            "exists (select from organization_honour h where h.organization_id = t.id "
            "and h.honour = {p})",
            "text",
        ),
        _ARCHIVED,
    ),
    orders={"NAME": _NAME},
    search_column="t.name",
)
UNIVERSITIES = Listing(
    UNIVERSITY,
    filters=(_in_subtree("t.region_id"), _ARCHIVED),
    orders={"NAME": _NAME},
    search_column="t.name",
)
AGREEMENTS = Listing(
    AGREEMENT,
    filters=(_in_subtree("t.region_id"), *_date_range("signed", "t.signed_on"), _ARCHIVED),
    orders={"SIGNED_ON": Order("t.signed_on", "date")},
    search_column="t.title",
)
DOOR_KNOCKING_CAMPAIGNS = Listing(
    DOOR_KNOCKING_CAMPAIGN,
    filters=(_in_subtree("t.region_id"), *_date_range("starts", "t.starts_on"), _ARCHIVED),
    orders={"STARTS_ON": Order("t.starts_on", "date")},
)
SOCIAL_WORKERS = Listing(
    SOCIAL_WORKER,
    filters=(
        _in_subtree("t.region_id"),
        _equals("certification_level", "t.certification_level"),
        _equals("role", "t.role"),
        _equals("station", "t.station_id", "bigint"),
        _equals("employer", "t.employer_id", "bigint"),
        Filter(
            "honour",
            "exists (select from social_worker_honour h where h.social_worker_id = t.id "
            "and h.honour = {p})",
            "text",
        ),
        Filter(
            "meets_education_in",
            f"{_EDUCATION_HOURS} >= {REQUIRED_EDUCATION_HOURS}",
            "integer",
        ),
        Filter(
            "misses_education_in",
            f"{_EDUCATION_HOURS} < {REQUIRED_EDUCATION_HOURS}",
            "integer",
        ),
        _ARCHIVED,
    ),
    orders={
        "NAME": Order("t.full_name", "text"),
        "CERTIFIED_YEAR": Order("coalesce(t.certified_year, 0)", "integer"),
    },
    search_column="t.full_name",
)
VOLUNTEER_TEAMS = Listing(
    VOLUNTEER_TEAM,
    filters=(
        _in_subtree("t.region_id"),
        _equals("community", "t.community_id", "bigint"),
        _ARCHIVED,
    ),
    orders={"NAME": _NAME},
    search_column="t.name",
)
PROJECTS = Listing(
    PROJECT,
    filters=(
        _in_subtree("t.region_id"),
        _equals("domain", "t.domain"),
        _equals("status", "t.status"),
        *_date_range("starts", "t.starts_on"),
        Filter(
            "community",
            "exists (select from project_community pc where pc.project_id = t.id "
            "and pc.community_id = {p})",
            "bigint",
        ),
        Filter(
            "participant",
            "exists (select from project_participant pp where pp.project_id = t.id "
            "and pp.actor_id = {p})",
            "bigint",
        ),
        _ARCHIVED,
    ),
    orders={
        "NAME": _NAME,
        "STARTS_ON": Order(f"coalesce(t.starts_on, {_UNDATED})", "date"),
    },
    search_column="t.name",
)
ACTIVITIES = Listing(
    ACTIVITY,
    filters=(
        _in_subtree("t.region_id"),
        _equals("kind", "t.kind"),
        _equals("project", "t.project_id", "bigint"),
        *_date_range("held", "t.held_on"),
        _ARCHIVED,
    ),
    orders={
        "HELD_ON": Order("t.held_on", "date"),
        "PERSON_TIMES": Order("t.person_times", "integer"),
    },
    search_column="t.title",
)
CHARITY_RESOURCES = Listing(
    CHARITY_RESOURCE,
    filters=(
        _in_subtree("t.region_id"),
        _equals("kind", "t.kind"),
        _equals("source", "t.source"),
        _equals("year", "t.year", "integer"),
        _ARCHIVED,
    ),
    orders={"NAME": _NAME, "AMOUNT": Order("t.amount", "numeric")},
    search_column="t.name",
)


def _in_scope(column: str) -> Filter:
    """Rows in any of the regions (with their subtrees) a viewer's token covers."""
    subtrees = "(select d.id from region d join region a on d.path <@ a.path where a.id = any({p}))"
    return Filter("scope", f"{column} in {subtrees}", "bigint[]")


HOUSEHOLDS = Listing(
    HOUSEHOLD,
    filters=(
        _in_subtree("t.region_id"),
        _in_scope("t.region_id"),
        Filter("category", "{p} = any(t.categories)", "text"),
        _ARCHIVED,
    ),
)
VISITS = Listing(
    VISIT,
    filters=(
        _in_subtree("h.region_id"),
        _in_scope("h.region_id"),
        _equals("campaign", "t.campaign_id", "bigint"),
        *_date_range("visited", "t.visited_on"),
    ),
    orders={"VISITED_ON": Order("t.visited_on", "date")},
)
NEEDS = Listing(
    NEED,
    filters=(
        _in_subtree("h.region_id"),
        _in_scope("h.region_id"),
        _equals("status", "t.status"),
        _equals("kind", "t.kind"),
        *_date_range("opened", "t.opened_on"),
    ),
    orders={"OPENED_ON": Order("t.opened_on", "date")},
)
COLLABORATION_LINKS = Listing(
    COLLABORATION_LINK,
    filters=(
        _equals("kind", "t.kind"),
        _equals("project", "t.project_id", "bigint"),
        Filter("actor", "{p} in (t.source_id, t.target_id)", "bigint"),
        *_date_range("since", "t.since"),
        _ARCHIVED,
    ),
    orders={"WEIGHT": Order("t.weight", "numeric")},
)

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
ORGANIZATION_HONOURS = Children(ORGANIZATION_HONOUR, "t.organization_id = p.key")
AGREEMENT_PRACTICE_BASES = Children(PRACTICE_BASE, "t.agreement_id = p.key")
UNIVERSITY_TRAINING_PROGRAMMES = Children(TRAINING_PROGRAMME, "t.university_id = p.key")
STATION_SOCIAL_WORKERS = Children(SOCIAL_WORKER, "t.station_id = p.key")
EMPLOYER_SOCIAL_WORKERS = Children(SOCIAL_WORKER, "t.employer_id = p.key")
SOCIAL_WORKER_HONOURS = Children(SOCIAL_WORKER_HONOUR, "t.social_worker_id = p.key")
SOCIAL_WORKER_EDUCATION = Children(
    CONTINUING_EDUCATION, "t.social_worker_id = p.key", Order("t.year", "integer", descending=True)
)
SOCIAL_WORKER_EXAMS = Children(EXAM_REGISTRATION, "t.social_worker_id = p.key")
TEAM_VOLUNTEERS = Children(VOLUNTEER, "t.team_id = p.key")
COMMUNITY_VOLUNTEER_TEAMS = Children(VOLUNTEER_TEAM, "t.community_id = p.key")
COMMUNITY_PROJECTS = Children(
    PROJECT,
    "t.id in (select pc.project_id from project_community pc where pc.community_id = p.key)",
)
COMMUNITY_ORGANIZATIONS = Children(
    ORGANIZATION,
    "t.id in (select pp.actor_id from project_participant pp join project_community pc "
    "on pc.project_id = pp.project_id join project j on j.id = pp.project_id "
    "where pc.community_id = p.key and j.archived_at is null "
    "union select case when l.source_id = p.key then l.target_id else l.source_id end "
    "from collaboration_link l where p.key in (l.source_id, l.target_id) "
    "and l.archived_at is null)",
)
ACTOR_PROJECTS = Children(
    PROJECT,
    "t.id in (select pp.project_id from project_participant pp where pp.actor_id = p.key)",
)
PROJECT_PARTICIPANTS = Children(PROJECT_PARTICIPANT, "t.project_id = p.key")
PROJECT_COMMUNITIES = Children(
    COMMUNITY,
    "t.id in (select pc.community_id from project_community pc where pc.project_id = p.key)",
)
PROJECT_UPDATES = Children(
    PROJECT_UPDATE, "t.project_id = p.key", Order("t.posted_at", "timestamptz", descending=True)
)
PROJECT_ACTIVITIES = Children(
    ACTIVITY, "t.project_id = p.key", Order("t.held_on", "date", descending=True)
)
SITE_ACTIVITIES = Children(
    ACTIVITY, "t.site_id = p.key", Order("t.held_on", "date", descending=True)
)
RESOURCE_ALLOCATIONS = Children(RESOURCE_ALLOCATION, "t.resource_id = p.key")
PROJECT_ALLOCATIONS = Children(RESOURCE_ALLOCATION, "t.project_id = p.key")
COMMUNITY_ALLOCATIONS = Children(RESOURCE_ALLOCATION, "t.community_id = p.key")
NEED_ALLOCATIONS = Children(RESOURCE_ALLOCATION, "t.need_id = p.key")
HOUSEHOLD_MEMBERS = Children(HOUSEHOLD_MEMBER, "t.household_id = p.key")
HOUSEHOLD_VISITS = Children(
    VISIT, "t.household_id = p.key", Order("t.visited_on", "date", descending=True)
)
HOUSEHOLD_NEEDS = Children(NEED, "t.household_id = p.key")
VISIT_NEEDS = Children(NEED, "t.visit_id = p.key")
CAMPAIGN_VISITS = Children(VISIT, "t.campaign_id = p.key")
WORKER_VISITS = Children(VISIT, "t.social_worker_id = p.key")
ACTOR_LINKS = Children(
    COLLABORATION_LINK,
    "p.key in (t.source_id, t.target_id)",
    Order("t.weight", "numeric", descending=True),
)
