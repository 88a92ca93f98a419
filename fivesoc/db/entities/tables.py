"""The entity tables that can be written, each with its columns, region and constraints."""

from __future__ import annotations

from fivesoc.db import catalog
from fivesoc.db.entities.table import ACTOR_REGION, BLANK, NEGATIVE, Table, Via, parent_region

COMMUNITY = Table(
    "community",
    "community",
    "Community",
    catalog.COMMUNITY,
    {
        "region_id": "region",
        "kind": None,
        "name": None,
        "status": None,
        "founded_on": None,
        "resident_population": None,
    },
    checks={
        "community_name_check": ("name", BLANK),
        "community_resident_population_check": ("resident_population", NEGATIVE),
    },
    uniques={
        "community_region_id_name_key": ("name", "another community of the region has this name")
    },
    actor_kind="community",
)
COMPOUND = Table(
    "compound",
    "compound",
    "Compound",
    catalog.COMPOUND,
    {"community_id": "community", "name": None, "is_illustrative": None},
    region=Via("community_id", parent_region(COMMUNITY)),
    checks={"compound_name_check": ("name", BLANK)},
    uniques={
        "compound_community_id_name_key": (
            "name",
            "another compound of the community has this name",
        )
    },
)
GRID = Table(
    "grid",
    "grid",
    "Grid",
    catalog.GRID,
    {"community_id": "community", "name": None, "resident_estimate": None},
    region=Via("community_id", parent_region(COMMUNITY)),
    checks={
        "grid_name_check": ("name", BLANK),
        "grid_resident_estimate_check": ("resident_estimate", NEGATIVE),
    },
    uniques={"grid_community_id_name_key": ("name", "another grid of the community has this name")},
)
MICRO_GRID = Table(
    "micro_grid",
    "micro-grid",
    "MicroGrid",
    catalog.MICRO_GRID,
    {"grid_id": "grid", "name": None},
    region=Via("grid_id", parent_region(GRID)),
    checks={"micro_grid_name_check": ("name", BLANK)},
    uniques={
        "micro_grid_grid_id_name_key": ("name", "another micro-grid of the grid has this name")
    },
)
SERVICE_SITE = Table(
    "service_site",
    "service site",
    "ServiceSite",
    catalog.SERVICE_SITE,
    {
        "region_id": "region",
        "community_id": "community",
        "kind": None,
        "name": None,
        "opened_on": None,
        "closed_on": None,
        "is_illustrative": None,
    },
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
REPORTED_INDICATOR = Table(
    "reported_indicator",
    "reported indicator",
    "ReportedIndicator",
    catalog.REPORTED_INDICATOR,
    {
        "region_id": "region",
        "metric": None,
        "label": None,
        "value": None,
        "unit": None,
        "qualifier": None,
        "period_start": None,
        "period_end": None,
        "source": None,
        "quote": None,
    },
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
ORGANIZATION = Table(
    "organization",
    "organization",
    "Organization",
    catalog.ORGANIZATION,
    {
        "region_id": "region",
        "kind": None,
        "name": None,
        "founded_on": None,
        "is_illustrative": None,
    },
    checks={"organization_name_check": ("name", BLANK)},
    uniques={
        "organization_region_id_name_key": (
            "name",
            "another organization of the region has this name",
        )
    },
    actor_kind="organization",
)
YEAR = "must be a year between 1949 and 2100"
ORGANIZATION_HONOUR = Table(
    "organization_honour",
    "organization honour",
    "OrganizationHonour",
    catalog.ORGANIZATION_HONOUR,
    {"organization_id": "organization", "honour": None, "year": None, "awarded_by": None},
    region=Via("organization_id", parent_region(ORGANIZATION)),
    checks={"organization_honour_year_check": ("year", YEAR)},
    uniques={
        "organization_honour_organization_id_honour_year_key": (
            "honour",
            "the organization already has this honour for this year",
        )
    },
)
UNIVERSITY = Table(
    "university",
    "university",
    "University",
    catalog.UNIVERSITY,
    {"region_id": "region", "name": None},
    checks={"university_name_check": ("name", BLANK)},
    uniques={
        "university_region_id_name_key": ("name", "another university of the region has this name")
    },
    actor_kind="university",
)
AGREEMENT = Table(
    "agreement",
    "agreement",
    "Agreement",
    catalog.AGREEMENT,
    {
        "university_id": "university",
        "organization_id": "organization",
        "region_id": "region",
        "kind": None,
        "title": None,
        "signed_on": None,
        "ends_on": None,
    },
    checks={
        "agreement_title_check": ("title", BLANK),
        "agreement_check": ("ends_on", "must not be before signedOn"),
    },
    uniques={
        "agreement_university_id_title_key": (
            "title",
            "the university already has an agreement with this title",
        )
    },
)
PRACTICE_BASE = Table(
    "practice_base",
    "practice base",
    "PracticeBase",
    catalog.PRACTICE_BASE,
    {"agreement_id": "agreement", "region_id": "region", "name": None, "established_on": None},
    checks={"practice_base_name_check": ("name", BLANK)},
    uniques={
        "practice_base_agreement_id_name_key": (
            "name",
            "another practice base of the agreement has this name",
        )
    },
)
TRAINING_PROGRAMME = Table(
    "training_programme",
    "training programme",
    "TrainingProgramme",
    catalog.TRAINING_PROGRAMME,
    {
        "university_id": "university",
        "region_id": "region",
        "name": None,
        "started_on": None,
        "enrolment_count": None,
    },
    checks={
        "training_programme_name_check": ("name", BLANK),
        "training_programme_enrolment_count_check": ("enrolment_count", NEGATIVE),
    },
    uniques={
        "training_programme_university_id_name_key": (
            "name",
            "another programme of the university has this name",
        )
    },
)
SOCIAL_WORKER = Table(
    "social_worker",
    "social worker",
    "SocialWorker",
    catalog.SOCIAL_WORKER,
    {
        "region_id": "region",
        "employer_id": "organization",
        "station_id": "service site",
        "role": None,
        "full_name": None,
        "is_fictional": None,
        "certification_level": None,
        "certified_year": None,
    },
    checks={
        "social_worker_full_name_check": ("full_name", BLANK),
        "social_worker_certified_year_check": (
            "certified_year",
            "must be a year between 2008 and 2100",
        ),
        "social_worker_check": (
            "certified_year",
            "is set exactly when certificationLevel is not NONE",
        ),
    },
    actor_kind="social_worker",
)
SOCIAL_WORKER_HONOUR = Table(
    "social_worker_honour",
    "social worker honour",
    "SocialWorkerHonour",
    catalog.SOCIAL_WORKER_HONOUR,
    {"social_worker_id": "social worker", "honour": None, "year": None, "awarded_by": None},
    region=Via("social_worker_id", parent_region(SOCIAL_WORKER)),
    checks={"social_worker_honour_year_check": ("year", YEAR)},
    uniques={
        "social_worker_honour_social_worker_id_honour_year_key": (
            "honour",
            "the worker already has this honour for this year",
        )
    },
)
VOLUNTEER_TEAM = Table(
    "volunteer_team",
    "volunteer team",
    "VolunteerTeam",
    catalog.VOLUNTEER_TEAM,
    {
        "region_id": "region",
        "community_id": "community",
        "name": None,
        "founded_on": None,
        "is_illustrative": None,
    },
    checks={"volunteer_team_name_check": ("name", BLANK)},
    uniques={
        "volunteer_team_region_id_name_key": ("name", "another team of the region has this name")
    },
    actor_kind="volunteer_team",
)
VOLUNTEER = Table(
    "volunteer",
    "volunteer",
    "Volunteer",
    catalog.VOLUNTEER,
    {
        "team_id": "volunteer team",
        "community_id": "community",
        "region_id": "region",
        "full_name": None,
        "is_fictional": None,
        "service_hours": None,
        "joined_on": None,
    },
    checks={
        "volunteer_full_name_check": ("full_name", BLANK),
        "volunteer_service_hours_check": ("service_hours", NEGATIVE),
    },
    personal=True,
)
PROJECT = Table(
    "project",
    "project",
    "Project",
    catalog.PROJECT,
    {
        "region_id": "region",
        "lead_id": "actor",
        "name": None,
        "domain": None,
        "status": None,
        "summary": None,
        "starts_on": None,
        "ends_on": None,
        "is_illustrative": None,
    },
    checks={
        "project_name_check": ("name", BLANK),
        "project_check": ("ends_on", "must not be before startsOn"),
    },
    uniques={"project_region_id_name_key": ("name", "another project of the region has this name")},
)
DOOR_KNOCKING_CAMPAIGN = Table(
    "door_knocking_campaign",
    "door-knocking campaign",
    "DoorKnockingCampaign",
    catalog.DOOR_KNOCKING_CAMPAIGN,
    {
        "region_id": "region",
        "organizer_id": "organization",
        "name": None,
        "starts_on": None,
        "ends_on": None,
    },
    checks={
        "door_knocking_campaign_name_check": ("name", BLANK),
        "door_knocking_campaign_check": ("ends_on", "must not be before startsOn"),
    },
    uniques={
        "door_knocking_campaign_region_id_name_key": (
            "name",
            "another campaign of the region has this name",
        )
    },
)
HOUSEHOLD = Table(
    "household",
    "household",
    "Household",
    catalog.HOUSEHOLD,
    {
        "region_id": "region",
        "community_id": "community",
        "categories": None,
        "head_name": None,
        "address": None,
        "member_count": None,
        "is_fictional": None,
    },
    checks={
        "household_categories_check": ("categories", "must name at least one category"),
        "household_head_name_check": ("head_name", BLANK),
        "household_member_count_check": ("member_count", "must be at least 1"),
    },
    personal=True,
)
HOUSEHOLD_MEMBER = Table(
    "household_member",
    "household member",
    "HouseholdMember",
    catalog.HOUSEHOLD_MEMBER,
    {"household_id": "household", "full_name": None, "relation": None, "birth_year": None},
    region=Via("household_id", parent_region(HOUSEHOLD)),
    checks={
        "household_member_full_name_check": ("full_name", BLANK),
        "household_member_birth_year_check": (
            "birth_year",
            "must be a year between 1900 and 2100",
        ),
    },
    personal=True,
)
CHARITY_RESOURCE = Table(
    "charity_resource",
    "charity resource",
    "CharityResource",
    catalog.CHARITY_RESOURCE,
    {
        "region_id": "region",
        "donor_id": "actor",
        "kind": None,
        "source": None,
        "name": None,
        "amount": None,
        "unit": None,
        "year": None,
        "received_on": None,
    },
    checks={
        "charity_resource_name_check": ("name", BLANK),
        "charity_resource_amount_check": ("amount", NEGATIVE),
        "charity_resource_unit_check": ("unit", BLANK),
        "charity_resource_year_check": ("year", YEAR),
    },
    uniques={
        "charity_resource_region_id_name_key": (
            "name",
            "another resource of the region has this name",
        )
    },
    actor_kind="charity_resource",
    floors={
        "amount": (
            "select coalesce(sum(amount), 0) from resource_allocation where resource_id = $1",
            "the amount already allocated",
        )
    },
)
COLLABORATION_LINK = Table(
    "collaboration_link",
    "collaboration link",
    "CollaborationLink",
    catalog.COLLABORATION_LINK,
    {
        "source_id": "actor",
        "target_id": "actor",
        "kind": None,
        "since": None,
        "until": None,
        "weight": None,
        "project_id": "project",
        "agreement_id": "agreement",
        "evidence": None,
        "is_illustrative": None,
    },
    region=Via("source_id", ACTOR_REGION),
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
        )
    },
)

# Records of what happened: written through their own operations, changed here.
ACTIVITY = Table(
    "activity",
    "activity",
    "Activity",
    catalog.ACTIVITY,
    {
        "region_id": "region",
        "project_id": "project",
        "site_id": "service site",
        "community_id": "community",
        "organizer_id": "actor",
        "kind": None,
        "title": None,
        "held_on": None,
        "person_times": None,
        "is_illustrative": None,
    },
    checks={
        "activity_title_check": ("title", BLANK),
        "activity_person_times_check": ("person_times", NEGATIVE),
    },
)
VISIT = Table(
    "visit",
    "visit",
    "Visit",
    catalog.VISIT,
    {
        "campaign_id": "door-knocking campaign",
        "social_worker_id": "social worker",
        "visited_on": None,
        "notes": None,
    },
    region=Via("household_id", parent_region(HOUSEHOLD)),
    personal=True,
    archivable=False,
)
NEED = Table(
    "need",
    "need",
    "Need",
    catalog.NEED,
    {"kind": None, "description": None},
    region=Via("household_id", parent_region(HOUSEHOLD)),
    personal=True,
    archivable=False,
)
CONTINUING_EDUCATION = Table(
    "continuing_education",
    "continuing-education record",
    "ContinuingEducation",
    catalog.CONTINUING_EDUCATION,
    {"year": None, "course": None, "hours": None},
    region=Via("social_worker_id", parent_region(SOCIAL_WORKER)),
    checks={
        "continuing_education_year_check": ("year", "must be a year between 2008 and 2100"),
        "continuing_education_course_check": ("course", BLANK),
        "continuing_education_hours_check": ("hours", NEGATIVE),
    },
    uniques={
        "continuing_education_social_worker_id_year_course_key": (
            "course",
            "the worker already logged this course for this year",
        )
    },
    archivable=False,
)
PROJECT_UPDATE = Table(
    "project_update",
    "project update",
    "ProjectUpdate",
    catalog.PROJECT_UPDATE,
    {"title": None, "body": None},
    region=Via("project_id", parent_region(PROJECT)),
    checks={"project_update_title_check": ("title", BLANK)},
    archivable=False,
)

TABLES = (
    COMMUNITY,
    COMPOUND,
    GRID,
    MICRO_GRID,
    SERVICE_SITE,
    REPORTED_INDICATOR,
    ORGANIZATION,
    ORGANIZATION_HONOUR,
    UNIVERSITY,
    AGREEMENT,
    PRACTICE_BASE,
    TRAINING_PROGRAMME,
    SOCIAL_WORKER,
    SOCIAL_WORKER_HONOUR,
    VOLUNTEER_TEAM,
    VOLUNTEER,
    PROJECT,
    DOOR_KNOCKING_CAMPAIGN,
    HOUSEHOLD,
    HOUSEHOLD_MEMBER,
    CHARITY_RESOURCE,
    COLLABORATION_LINK,
    ACTIVITY,
    VISIT,
    NEED,
    CONTINUING_EDUCATION,
    PROJECT_UPDATE,
)
