"""Where every record type comes from, and how records relate: the mapping in one place.

Each `Source` names a table and the columns that make its record; each `Listing` a root list
with its filters; each `Children` a relation from a parent id to rows. The GraphQL layer reads
these declarations; another executor could compile queries from them just as well.
"""

from __future__ import annotations

from fivesoc.db import records
from fivesoc.db.declare import source_of
from fivesoc.db.listing import (
    AlsoKnownAs,
    Children,
    Criterion,
    Custom,
    Dates,
    Filter,
    Listing,
    NodeId,
    Order,
    Source,
    Value,
    Words,
)

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
HONOUR = source_of(records.Honour)
GOVERNMENT_FUND = source_of(records.GovernmentFund)
PRACTICE = source_of(records.Practice)
POLICY_EVENT = source_of(records.PolicyEvent)
PRACTICE_BASE = source_of(records.PracticeBase)
TRAINING_PROGRAMME = source_of(records.TrainingProgramme)
SOCIAL_WORKER = source_of(records.SocialWorker)
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
REGION_ALIAS = source_of(records.RegionAlias)
COMMUNITY_ALIAS = source_of(records.CommunityAlias)
ORGANIZATION_ALIAS = source_of(records.OrganizationAlias)
ACTOR = Source("actor t", records.ActorRef)

# Root lists: what a client may narrow each by, and sort it by.


def _in_subtree(column: str) -> Criterion:
    return Criterion(
        "region",
        "Only what lies in this region or any region below it.",
        NodeId("Region"),
        (Filter("region", f"{column} in " + _SUBTREE.format(parent="{p}"), "bigint"),),
    )


def _word(name: str, column: str, enum: str, description: str) -> Criterion:
    return Criterion(name, description, Words(enum), (Filter(name, f"{column} = {{p}}", "text"),))


def _node(name: str, column: str, type_name: str, description: str) -> Criterion:
    """Rows whose `column` is the key of the node given."""
    return _matching(name, f"{column} = {{p}}", type_name, description)


def _matching(name: str, sql: str, type_name: str, description: str) -> Criterion:
    """Rows for which `sql` holds of the key of the node given (`{p}`)."""
    return Criterion(name, description, NodeId(type_name), (Filter(name, sql, "bigint"),))


def _dates(name: str, description: str, first: str, last: str | None = None) -> Criterion:
    """Rows whose date `first` lies in the range (or, given `last`, whose `first`..`last`
    period overlaps it)."""
    return Criterion(
        name,
        description,
        Dates(),
        (
            Filter(f"{name}_from", f"{last or first} >= {{p}}", "date"),
            Filter(f"{name}_to", f"{first} <= {{p}}", "date"),
        ),
    )


def _illustrative(noun: str) -> Criterion:
    """Only rows flagged illustrative, or only rows that are not."""
    return Criterion(
        "illustrative",
        f"Only {noun} flagged illustrative (true: stand-ins for what a source counts without "
        "naming, and records made up for the demo), or only those that are not (false).",
        Value("Boolean"),
        (Filter("illustrative", "t.is_illustrative = {p}", "boolean"),),
    )


def _budget_year(noun: str) -> Criterion:
    """Only rows of one budget year."""
    return Criterion(
        "year",
        f"Only {noun} of this budget year.",
        Value("Int"),
        (Filter("year", "t.year = {p}", "integer"),),
    )


def _honoured(description: str) -> Criterion:
    """Actors holding a live honour of the award named by its key."""
    sql = (
        "exists (select from honour h where h.actor_id = t.id and h.award = {p} "
        "and h.archived_at is null)"
    )
    return Criterion("honour", description, Value("String"), (Filter("honour", sql, "text"),))


def _order(column: str, pg_type: str, description: str) -> Order:
    return Order(column, pg_type, description=description)


_NAME = _order("t.name", "text", "By name, character by character (Unicode code points).")
# The name's pinyin key, kept by the database (migration 0020): 东港 (dong) before 干丰 (gan)
# before 西五里头 (xi), tone breaking ties.
_PINYIN = _order(
    "t.name_pinyin", "text", "By name in pinyin order (汉语拼音), as people look names up."
)
# Lists sorted by name alone share one order input, `NamedOrder`.
_BY_NAME = {"NAME": _NAME, "PINYIN": _PINYIN}
_NAMED = "Named"
# Money: by name or by amount.
_BY_NAME_OR_AMOUNT = {**_BY_NAME, "AMOUNT": _order("t.amount", "numeric", "By amount.")}
# Undated rows sort first, under the earliest date a cursor can carry (`-infinity` cannot
# round-trip through a Python date).
_UNDATED = "'0001-01-01'::date"
# Archived rows or live ones (null: both); root lists ask for live ones unless told otherwise.
_ARCHIVED = Filter("archived", "(t.archived_at is not null) = {p}", "boolean")
# A worker's continuing-education hours in a year: every course logged, summed. The list
# filter, the `educationHours` field and the log's running total all read this one sum.
EDUCATION_HOURS = (
    "(select coalesce(sum(e.hours), 0) from continuing_education e "
    "where e.social_worker_id = {worker} and e.year = {year})"
)
_EDUCATION_HOURS = EDUCATION_HOURS.format(worker="t.id", year="{p}")
REQUIRED_EDUCATION_HOURS = 90

# The regions field takes its own arguments; the list only reads them.
REGIONS = Listing(
    REGION,
    fixed=(
        Filter("parent", "t.parent_id = {p}", "bigint"),
        Filter("level", "t.level = {p}", "text"),
        Filter("roots_only", "({p} = (t.parent_id is null))", "boolean"),
    ),
    search_column="t.name",
    search_aliases=AlsoKnownAs("region_alias", "region_id"),
    orders=_BY_NAME,
    order_name=_NAMED,
)
COMMUNITIES = Listing(
    COMMUNITY,
    "Community",
    "communities",
    criteria=(
        _in_subtree("t.region_id"),
        _word("kind", "t.kind", "CommunityKind", "Only communities or only villages."),
        _word("status", "t.status", "CommunityStatus", "Only communities in this state."),
        _dates("founded", "Only communities founded in this range.", "t.founded_on"),
    ),
    fixed=(_ARCHIVED,),
    orders={
        "NAME": _NAME,
        "PINYIN": _PINYIN,
        "FOUNDED_ON": _order(f"coalesce(t.founded_on, {_UNDATED})", "date", "By founding date."),
        "RESIDENT_POPULATION": _order(
            "coalesce(t.resident_population, 0)", "integer", "By resident population."
        ),
    },
    search_column="t.name",
    search_aliases=AlsoKnownAs("community_alias", "community_id"),
)
SERVICE_SITES = Listing(
    SERVICE_SITE,
    "ServiceSite",
    "service sites",
    criteria=(
        _in_subtree("t.region_id"),
        _word("kind", "t.kind", "ServiceSiteKind", "Only sites of this kind."),
        _node("community", "t.community_id", "Community", "Only sites in this community."),
        _illustrative("service sites"),
    ),
    fixed=(_ARCHIVED,),
    search_column="t.name",
    orders=_BY_NAME,
    order_name=_NAMED,
)
REPORTED_INDICATORS = Listing(
    REPORTED_INDICATOR,
    "Indicator",
    "reported indicators",
    criteria=(
        _in_subtree("t.region_id"),
        Criterion(
            "metric",
            "Only this metric, e.g. `social_work_stations`.",
            Value("String"),
            (Filter("metric", "t.metric = {p}", "text"),),
        ),
        _dates(
            "period",
            "Only figures whose period overlaps this range.",
            "t.period_start",
            "t.period_end",
        ),
    ),
    fixed=(_ARCHIVED,),
    orders={
        "METRIC": _order("t.metric", "text", "By metric key."),
        "PERIOD_START": _order("t.period_start", "date", "By start of period."),
    },
    order_name="ReportedIndicator",
)
ORGANIZATIONS = Listing(
    ORGANIZATION,
    "Organization",
    "organizations",
    criteria=(
        _in_subtree("t.region_id"),
        _word("kind", "t.kind", "OrganizationKind", "Only organizations of this kind."),
        _honoured(
            "Only organizations with this award (its key, e.g. "
            "`national_top100_social_work_agency`)."
        ),
        _illustrative("organizations"),
    ),
    fixed=(_ARCHIVED,),
    search_column="t.name",
    search_aliases=AlsoKnownAs("organization_alias", "organization_id"),
    orders=_BY_NAME,
    order_name=_NAMED,
)
UNIVERSITIES = Listing(
    UNIVERSITY,
    "RegionScope",
    "universities",
    criteria=(_in_subtree("t.region_id"),),
    fixed=(_ARCHIVED,),
    search_column="t.name",
    orders=_BY_NAME,
    order_name=_NAMED,
)
AGREEMENTS = Listing(
    AGREEMENT,
    "Agreement",
    "agreements",
    criteria=(
        _in_subtree("t.region_id"),
        _dates("signed", "Only agreements signed in this range.", "t.signed_on"),
    ),
    fixed=(_ARCHIVED,),
    orders={"SIGNED_ON": _order("t.signed_on", "date", "By signing date.")},
    search_column="t.title",
)
DOOR_KNOCKING_CAMPAIGNS = Listing(
    DOOR_KNOCKING_CAMPAIGN,
    "DoorKnockingCampaign",
    "door-knocking campaigns",
    criteria=(
        _in_subtree("t.region_id"),
        _dates("starts", "Only campaigns starting in this range.", "t.starts_on"),
    ),
    fixed=(_ARCHIVED,),
    orders={"STARTS_ON": _order("t.starts_on", "date", "By start date.")},
)
SOCIAL_WORKERS = Listing(
    SOCIAL_WORKER,
    "SocialWorker",
    "social workers",
    criteria=(
        _in_subtree("t.region_id"),
        _word(
            "certification_level",
            "t.certification_level",
            "CertificationLevel",
            "Only this certification level.",
        ),
        _word("role", "t.role", "WorkerRole", "Only this role."),
        _node("station", "t.station_id", "ServiceSite", "Only workers based at this station."),
        _node("employer", "t.employer_id", "Organization", "Only workers of this employer."),
        _honoured("Only workers with this award (its key, e.g. `county_leading_talent`)."),
        Criterion(
            "education_requirement",
            f"Only workers who met (or missed) the {REQUIRED_EDUCATION_HOURS}-hour requirement "
            "in a year.",
            Custom("EducationRequirement"),
            (
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
            ),
        ),
        _illustrative("workers"),
    ),
    fixed=(_ARCHIVED,),
    orders={
        "NAME": _order("t.full_name", "text", "By full name, character by character."),
        "PINYIN": _order("t.name_pinyin", "text", "By full name in pinyin order (汉语拼音)."),
        "CERTIFIED_YEAR": _order(
            "coalesce(t.certified_year, 0)", "integer", "By year of certification."
        ),
    },
    search_column="t.full_name",
)
VOLUNTEER_TEAMS = Listing(
    VOLUNTEER_TEAM,
    "VolunteerTeam",
    "volunteer teams",
    criteria=(
        _in_subtree("t.region_id"),
        _node("community", "t.community_id", "Community", "Only teams of this community."),
        _illustrative("teams"),
    ),
    fixed=(_ARCHIVED,),
    search_column="t.name",
    orders=_BY_NAME,
    order_name=_NAMED,
)
PROJECTS = Listing(
    PROJECT,
    "Project",
    "projects",
    criteria=(
        _in_subtree("t.region_id"),
        _word("domain", "t.domain", "ProjectDomain", "Only projects in this domain."),
        _word("status", "t.status", "ProjectStatus", "Only projects in this state."),
        _dates("starts", "Only projects starting in this range.", "t.starts_on"),
        _matching(
            "community",
            "exists (select from project_community pc where pc.project_id = t.id "
            "and pc.community_id = {p})",
            "Community",
            "Only projects serving this community.",
        ),
        _matching(
            "participant",
            "exists (select from project_participant pp where pp.project_id = t.id "
            "and pp.actor_id = {p})",
            "Actor",
            "Only projects this actor takes part in.",
        ),
        _illustrative("projects"),
    ),
    fixed=(_ARCHIVED,),
    orders={
        "NAME": _NAME,
        "PINYIN": _PINYIN,
        "STARTS_ON": _order(f"coalesce(t.starts_on, {_UNDATED})", "date", "By start date."),
    },
    search_column="t.name",
)
ACTIVITIES = Listing(
    ACTIVITY,
    "Activity",
    "services and activities",
    criteria=(
        _in_subtree("t.region_id"),
        _word("kind", "t.kind", "ActivityKind", "Only this kind."),
        _node("project", "t.project_id", "Project", "Only activities of this project."),
        _dates("held", "Only activities held in this range.", "t.held_on"),
        _illustrative("activities"),
    ),
    fixed=(_ARCHIVED,),
    orders={
        "HELD_ON": _order("t.held_on", "date", "By date held."),
        "PERSON_TIMES": _order("t.person_times", "integer", "By person-times served."),
    },
    search_column="t.title",
)
CHARITY_RESOURCES = Listing(
    CHARITY_RESOURCE,
    "CharityResource",
    "charity resources",
    criteria=(
        _in_subtree("t.region_id"),
        _word("kind", "t.kind", "ResourceKind", "Only this kind."),
        _word("source", "t.source", "ResourceSource", "Only resources from this source."),
        _budget_year("resources"),
        _illustrative("resources"),
    ),
    fixed=(_ARCHIVED,),
    orders=_BY_NAME_OR_AMOUNT,
    search_column="t.name",
)

GOVERNMENT_FUNDS = Listing(
    GOVERNMENT_FUND,
    "GovernmentFund",
    "government funds",
    criteria=(
        _in_subtree("t.region_id"),
        _word("origin", "t.origin", "FundOrigin", "Only funds of this origin."),
        _budget_year("funds"),
        _illustrative("funds"),
    ),
    fixed=(_ARCHIVED,),
    orders=_BY_NAME_OR_AMOUNT,
    search_column="t.name",
)

PRACTICES = Listing(
    PRACTICE,
    "Practice",
    "practices",
    criteria=(
        _in_subtree("t.region_id"),
        _word("kind", "t.kind", "PracticeKind", "Only practices of this kind."),
        Criterion(
            "top_level",
            "Only practices that are (true) or are not (false) a part of another.",
            Value("Boolean"),
            (Filter("top_level", "(t.parent_id is null) = {p}", "boolean"),),
        ),
        _illustrative("practices"),
    ),
    fixed=(_ARCHIVED,),
    search_column="t.name",
    orders=_BY_NAME,
    order_name=_NAMED,
)
POLICY_EVENTS = Listing(
    POLICY_EVENT,
    "PolicyEvent",
    "policy events",
    criteria=(
        _in_subtree("t.region_id"),
        _word("kind", "t.kind", "PolicyEventKind", "Only events of this kind."),
        _dates("dated", "Only events dated in this range.", "t.dated_on"),
    ),
    fixed=(_ARCHIVED,),
    orders={
        "DATED_ON": _order(f"coalesce(t.dated_on, {_UNDATED})", "date", "By date."),
    },
    search_column="t.title",
)


def _in_scope(column: str) -> Filter:
    """Rows in any of the regions (with their subtrees) a viewer's token covers."""
    subtrees = "(select d.id from region d join region a on d.path <@ a.path where a.id = any({p}))"
    return Filter("scope", f"{column} in {subtrees}", "bigint[]")


HOUSEHOLDS = Listing(
    HOUSEHOLD,
    "Household",
    "households",
    criteria=(
        _in_subtree("t.region_id"),
        Criterion(
            "category",
            "Only households in this category.",
            Words("HouseholdCategory"),
            (Filter("category", "{p} = any(t.categories)", "text"),),
        ),
    ),
    fixed=(_in_scope("t.region_id"), _ARCHIVED),
)
VISITS = Listing(
    VISIT,
    "Visit",
    "visits",
    criteria=(
        _in_subtree("h.region_id"),
        _node("campaign", "t.campaign_id", "DoorKnockingCampaign", "Only visits of this campaign."),
        _dates("visited", "Only visits in this range.", "t.visited_on"),
    ),
    fixed=(_in_scope("h.region_id"),),
    orders={"VISITED_ON": _order("t.visited_on", "date", "By visit date.")},
)
NEEDS = Listing(
    NEED,
    "Need",
    "needs",
    criteria=(
        _in_subtree("h.region_id"),
        _word("status", "t.status", "NeedStatus", "Only needs in this state."),
        _word("kind", "t.kind", "NeedKind", "Only needs of this kind."),
        _dates("opened", "Only needs found in this range.", "t.opened_on"),
    ),
    fixed=(_in_scope("h.region_id"),),
    orders={"OPENED_ON": _order("t.opened_on", "date", "By the date the need was found.")},
)
COLLABORATION_LINKS = Listing(
    COLLABORATION_LINK,
    "Link",
    "collaboration links",
    criteria=(
        _word("kind", "t.kind", "LinkKind", "Only links of this kind."),
        _node("project", "t.project_id", "Project", "Only links resting on this project."),
        _matching(
            "actor",
            "{p} in (t.source_id, t.target_id)",
            "Actor",
            "Only links with this actor at either end.",
        ),
        _dates("since", "Only links that began in this range.", "t.since"),
        _illustrative("links"),
    ),
    fixed=(_ARCHIVED,),
    orders={"WEIGHT": _order("t.weight", "numeric", "By link weight.")},
    order_name="CollaborationLink",
)

# Relations from a parent id (`p.key`) to rows.
REGION_CHILDREN = Children(REGION, "t.parent_id = p.key")
REGION_COMMUNITIES = Children(COMMUNITY, "t.region_id in " + _SUBTREE.format(parent="p.key"))
REGION_SERVICE_SITES = Children(SERVICE_SITE, "t.region_id in " + _SUBTREE.format(parent="p.key"))
REGION_GOVERNMENT_FUNDS = Children(
    GOVERNMENT_FUND, "t.region_id in " + _SUBTREE.format(parent="p.key")
)
REGION_PRACTICES = Children(PRACTICE, "t.region_id in " + _SUBTREE.format(parent="p.key"))
REGION_POLICY_EVENTS = Children(
    POLICY_EVENT,
    "t.region_id in " + _SUBTREE.format(parent="p.key"),
    Order(f"coalesce(t.dated_on, {_UNDATED})", "date"),
)
PRACTICE_PARTS = Children(PRACTICE, "t.parent_id = p.key")
ACTOR_PRACTICES = Children(PRACTICE, "t.owner_id = p.key")
REGION_INDICATORS = Children(REPORTED_INDICATOR, "t.region_id = p.key")
REGION_ALIASES = Children(REGION_ALIAS, "t.region_id = p.key")
COMMUNITY_ALIASES = Children(COMMUNITY_ALIAS, "t.community_id = p.key")
ORGANIZATION_ALIASES = Children(ORGANIZATION_ALIAS, "t.organization_id = p.key")
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
# Honours by year, latest first: an actor's own, and a region's own (not its actors').
_BY_YEAR = Order("t.year", "integer", descending=True)
ACTOR_HONOURS = Children(HONOUR, "t.actor_id = p.key", _BY_YEAR)
REGION_HONOURS = Children(HONOUR, "t.region_id = p.key and t.actor_id is null", _BY_YEAR)
AGREEMENT_PRACTICE_BASES = Children(PRACTICE_BASE, "t.agreement_id = p.key")
UNIVERSITY_TRAINING_PROGRAMMES = Children(TRAINING_PROGRAMME, "t.university_id = p.key")
STATION_SOCIAL_WORKERS = Children(SOCIAL_WORKER, "t.station_id = p.key")
EMPLOYER_SOCIAL_WORKERS = Children(SOCIAL_WORKER, "t.employer_id = p.key")
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
