"""What can be written of each node type: one declaration per entity.

Every node type of the network gets create, update and archive mutations from these, except
the records of what happened (activities, visits, needs, continuing-education hours, exam
registrations, project participations and updates, resource allocations): those are created
through their own named operations. Of those, activities, visits, needs, continuing-education
records and project updates can be corrected here; only activities are archived (a record of
something that did not take place). Visits, needs, hours and updates record what happened
and stay; a need is closed through its status. Exam registrations and passes, participations
and allocations change only through their operations.
"""

from __future__ import annotations

import datetime as dt

from fivesoc.db import entities as db
from fivesoc.schema.mutations.entities.factory import Entity, Field, ref
from fivesoc.schema.types.actor import ACTOR_TYPES
from fivesoc.schema.types.enums import (
    ActivityKind,
    AgreementKind,
    CertificationLevel,
    CommunityKind,
    CommunityStatus,
    HouseholdCategory,
    LinkKind,
    MemberRelation,
    NeedKind,
    OrganizationHonourKind,
    OrganizationKind,
    ProjectDomain,
    ProjectStatus,
    Qualifier,
    ResourceKind,
    ResourceSource,
    ServiceSiteKind,
    WorkerHonour,
    WorkerRole,
)

ILLUSTRATIVE = "True when the source counts this record but does not name it; false if unset."
FICTIONAL = "True for made-up demo or generated people; false if unset."


def _region(description: str = "The region it belongs to.") -> Field:
    return ref("region_id", "Region", description, required=True)


COMMUNITY = Entity(
    db.COMMUNITY,
    (
        _region("The township (or county) the community belongs to."),
        Field("name", str, "Name; not blank, unique within the region.", required=True),
        Field("kind", CommunityKind, "Urban community or rural village; COMMUNITY if unset."),
        Field("status", CommunityStatus, "Preparing, active or merged; ACTIVE if unset."),
        Field("founded_on", dt.date, "Date the community was founded."),
        Field("resident_population", int, "Resident population (常住人口); not negative."),
    ),
)
COMPOUND = Entity(
    db.COMPOUND,
    (
        ref("community_id", "Community", "The community it belongs to.", required=True),
        Field("name", str, "Name; not blank, unique within the community.", required=True),
        Field("is_illustrative", bool, ILLUSTRATIVE),
    ),
)
GRID = Entity(
    db.GRID,
    (
        ref("community_id", "Community", "The community it belongs to.", required=True),
        Field("name", str, "Name; not blank, unique within the community.", required=True),
        Field("resident_estimate", int, "Residents living in the grid; not negative."),
    ),
)
MICRO_GRID = Entity(
    db.MICRO_GRID,
    (
        ref("grid_id", "Grid", "The grid it lies in.", required=True),
        Field("name", str, "Name; not blank, unique within the grid.", required=True),
    ),
)
SERVICE_SITE = Entity(
    db.SERVICE_SITE,
    (
        _region(),
        ref("community_id", "Community", "The community it is located in, if any."),
        Field("kind", ServiceSiteKind, "Kind of site.", required=True),
        Field("name", str, "Name; not blank, unique for its kind in the region.", required=True),
        Field("opened_on", dt.date, "Date it opened."),
        Field("closed_on", dt.date, "Date it closed; not before `openedOn`."),
        Field("is_illustrative", bool, ILLUSTRATIVE),
    ),
)
REPORTED_INDICATOR = Entity(
    db.REPORTED_INDICATOR,
    (
        _region("The region the figure is reported for."),
        Field(
            "metric",
            str,
            "Machine name, e.g. certified_social_workers: lower-case letters, digits, `_`.",
            required=True,
        ),
        Field("label", str, "What the figure counts, in words; not blank.", required=True),
        Field("value", str, "The figure, as a decimal; not negative.", required=True, decimal=True),
        Field("unit", str, "Unit of the figure, e.g. 人; not blank.", required=True),
        Field("qualifier", Qualifier, "How exact the figure is; EXACT if unset."),
        Field("period_start", dt.date, "First day of the period.", required=True),
        Field(
            "period_end", dt.date, "Last day of the period; not before it starts.", required=True
        ),
        Field("source", str, "Where the figure was published; not blank.", required=True),
        Field("quote", str, "The source's own words."),
    ),
)
ORGANIZATION = Entity(
    db.ORGANIZATION,
    (
        _region(),
        Field("kind", OrganizationKind, "Kind of organization.", required=True),
        Field("name", str, "Name; not blank, unique within the region.", required=True),
        Field("founded_on", dt.date, "Date it was founded."),
        Field("is_illustrative", bool, ILLUSTRATIVE),
    ),
)
ORGANIZATION_HONOUR = Entity(
    db.ORGANIZATION_HONOUR,
    (
        ref("organization_id", "Organization", "The organization honoured.", required=True),
        Field("honour", OrganizationHonourKind, "The honour; once a year.", required=True),
        Field("year", int, "Year awarded, 1949 to 2100.", required=True),
        Field("awarded_by", str, "Who awarded it."),
    ),
)
UNIVERSITY = Entity(
    db.UNIVERSITY,
    (
        _region(),
        Field("name", str, "Name; not blank, unique within the region.", required=True),
    ),
)
AGREEMENT = Entity(
    db.AGREEMENT,
    (
        ref("university_id", "University", "The university signing.", required=True),
        ref("organization_id", "Organization", "The organization signing, if any."),
        _region("The region the agreement covers."),
        Field("kind", AgreementKind, "Kind of agreement; FRAMEWORK if unset."),
        Field("title", str, "Title; not blank, unique for the university.", required=True),
        Field("signed_on", dt.date, "Date it was signed.", required=True),
        Field("ends_on", dt.date, "Date it ends; not before `signedOn`."),
    ),
)
PRACTICE_BASE = Entity(
    db.PRACTICE_BASE,
    (
        ref("agreement_id", "Agreement", "The agreement it was set up under.", required=True),
        _region("The region it lies in."),
        Field("name", str, "Name; not blank, unique within the agreement.", required=True),
        Field("established_on", dt.date, "Date it was set up."),
    ),
)
TRAINING_PROGRAMME = Entity(
    db.TRAINING_PROGRAMME,
    (
        ref("university_id", "University", "The university running it.", required=True),
        _region("The region it serves."),
        Field("name", str, "Name; not blank, unique for the university.", required=True),
        Field("started_on", dt.date, "Date it started."),
        Field("enrolment_count", int, "Students enrolled; not negative, 0 if unset."),
    ),
)
SOCIAL_WORKER = Entity(
    db.SOCIAL_WORKER,
    (
        _region("The region of the registry the worker is in."),
        ref("employer_id", "Organization", "The organization employing the worker."),
        ref("station_id", "ServiceSite", "The service site the worker is stationed at."),
        Field("role", WorkerRole, "Role; SOCIAL_WORKER if unset."),
        Field("full_name", str, "Full name; not blank.", required=True),
        Field("is_fictional", bool, FICTIONAL),
        Field(
            "certification_level",
            CertificationLevel,
            "Certificate held; NONE if unset (then `certifiedYear` stays null).",
        ),
        Field("certified_year", int, "Year certified, 2008 to 2100; set exactly with a level."),
    ),
)
SOCIAL_WORKER_HONOUR = Entity(
    db.SOCIAL_WORKER_HONOUR,
    (
        ref("social_worker_id", "SocialWorker", "The worker honoured.", required=True),
        Field("honour", WorkerHonour, "The honour; once a year.", required=True),
        Field("year", int, "Year awarded, 1949 to 2100.", required=True),
        Field("awarded_by", str, "Who awarded it."),
    ),
)
VOLUNTEER_TEAM = Entity(
    db.VOLUNTEER_TEAM,
    (
        _region("The region the team is registered in."),
        ref("community_id", "Community", "The community the team is based in, if any."),
        Field("name", str, "Name; not blank, unique within the region.", required=True),
        Field("founded_on", dt.date, "Date it was founded."),
        Field("is_illustrative", bool, ILLUSTRATIVE),
    ),
)
VOLUNTEER = Entity(
    db.VOLUNTEER,
    (
        _region("The region the volunteer serves in."),
        ref("team_id", "VolunteerTeam", "The volunteer's team, if any."),
        ref("community_id", "Community", "The volunteer's community, if any."),
        Field("full_name", str, "Full name (personal data); not blank.", required=True),
        Field("is_fictional", bool, FICTIONAL),
        Field("service_hours", str, "Hours served, as a decimal; not negative.", decimal=True),
        Field("joined_on", dt.date, "Date the volunteer joined."),
    ),
)
PROJECT = Entity(
    db.PROJECT,
    (
        _region("The region the project runs in."),
        ref("lead_id", ACTOR_TYPES, "The actor leading the project."),
        Field("name", str, "Name; not blank, unique within the region.", required=True),
        Field("domain", ProjectDomain, "What the project works on.", required=True),
        Field("status", ProjectStatus, "Where the project stands; ACTIVE if unset."),
        Field("summary", str, "What the project does."),
        Field("starts_on", dt.date, "Start date."),
        Field("ends_on", dt.date, "End date; not before `startsOn`."),
        Field("is_illustrative", bool, ILLUSTRATIVE),
    ),
)
DOOR_KNOCKING_CAMPAIGN = Entity(
    db.DOOR_KNOCKING_CAMPAIGN,
    (
        _region("The region the campaign covers."),
        ref("organizer_id", "Organization", "The organization running it."),
        Field("name", str, "Name; not blank, unique within the region.", required=True),
        Field("starts_on", dt.date, "First day.", required=True),
        Field("ends_on", dt.date, "Last day; not before `startsOn`."),
    ),
)
HOUSEHOLD = Entity(
    db.HOUSEHOLD,
    (
        _region("The region the household lives in."),
        ref("community_id", "Community", "The community it lives in, if known."),
        Field(
            "categories",
            list[HouseholdCategory],
            "Why the household is supported; at least one.",
            required=True,
        ),
        Field("head_name", str, "Name of the head (personal data); not blank.", required=True),
        Field("address", str, "Address (personal data)."),
        Field("member_count", int, "People in the household; at least 1, 1 if unset."),
        Field("is_fictional", bool, FICTIONAL),
    ),
)
HOUSEHOLD_MEMBER = Entity(
    db.HOUSEHOLD_MEMBER,
    (
        ref("household_id", "Household", "The household.", required=True),
        Field("full_name", str, "Full name (personal data); not blank.", required=True),
        Field("relation", MemberRelation, "Relation to the head of the household.", required=True),
        Field("birth_year", int, "Year of birth, 1900 to 2100."),
    ),
)
CHARITY_RESOURCE = Entity(
    db.CHARITY_RESOURCE,
    (
        _region("The region holding the resource."),
        ref("donor_id", ACTOR_TYPES, "The actor who gave it, if any."),
        Field("kind", ResourceKind, "Funds, goods, services or a venue.", required=True),
        Field("source", ResourceSource, "Where it comes from.", required=True),
        Field("name", str, "Name; not blank, unique within the region.", required=True),
        Field(
            "amount",
            str,
            "How much, as a decimal in `unit`; not negative.",
            required=True,
            decimal=True,
        ),
        Field("unit", str, "Unit of the amount; `yuan` if unset, never blank."),
        Field("year", int, "Year received, 1949 to 2100."),
        Field("received_on", dt.date, "Date received."),
    ),
)
COLLABORATION_LINK = Entity(
    db.COLLABORATION_LINK,
    (
        ref("source_id", ACTOR_TYPES, "The actor the link starts at.", required=True),
        ref("target_id", ACTOR_TYPES, "The actor the link ends at; not the source.", required=True),
        Field("kind", LinkKind, "Kind of link.", required=True),
        Field("since", dt.date, "Date the link began."),
        Field("until", dt.date, "Date the link ended; not before `since`."),
        Field("weight", str, "Strength, as a decimal above 0; 1 if unset.", decimal=True),
        ref("project_id", "Project", "The project the link rests on, if any."),
        ref("agreement_id", "Agreement", "The agreement the link rests on, if any."),
        Field("evidence", str, "What the link rests on, in words; not blank.", required=True),
        Field("is_illustrative", bool, ILLUSTRATIVE),
    ),
)
ACTIVITY = Entity(
    db.ACTIVITY,
    (
        _region("The region it was held in."),
        ref("project_id", "Project", "The project it belongs to, if any."),
        ref("site_id", "ServiceSite", "The service site it was held at, if any."),
        ref("community_id", "Community", "The community it served, if any."),
        ref("organizer_id", ACTOR_TYPES, "The actor organizing it, if any."),
        Field("kind", ActivityKind, "Kind of service or activity.", required=True),
        Field("title", str, "What was done; not blank.", required=True),
        Field("held_on", dt.date, "Date it was held.", required=True),
        Field("person_times", int, "People served, counted per time (人次); not negative."),
        Field("is_illustrative", bool, ILLUSTRATIVE),
    ),
)
VISIT = Entity(
    db.VISIT,
    (
        ref("campaign_id", "DoorKnockingCampaign", "The campaign the visit was part of."),
        ref("social_worker_id", "SocialWorker", "The worker who visited."),
        Field("visited_on", dt.date, "Date of the visit.", required=True),
        Field("notes", str, "What the visitor noted (personal data).", required=True),
    ),
)
NEED = Entity(
    db.NEED,
    (
        Field("kind", NeedKind, "Kind of need.", required=True),
        Field("description", str, "What is needed (personal data).", required=True),
    ),
)
CONTINUING_EDUCATION = Entity(
    db.CONTINUING_EDUCATION,
    (
        Field("year", int, "Year of the course, 2008 to 2100.", required=True),
        Field("course", str, "Name of the course; not blank.", required=True),
        Field(
            "hours", str, "Hours logged, as a decimal; not negative.", required=True, decimal=True
        ),
    ),
)
PROJECT_UPDATE = Entity(
    db.PROJECT_UPDATE,
    (
        Field("title", str, "Headline; not blank.", required=True),
        Field("body", str, "Text of the update.", required=True),
    ),
)
