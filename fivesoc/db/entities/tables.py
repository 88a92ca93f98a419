"""The entity tables that can be written, each derived from its entity's declaration."""

from __future__ import annotations

from fivesoc.db import records
from fivesoc.db.entities.table import table_of

COMMUNITY = table_of(records.Community)
COMPOUND = table_of(records.Compound)
GRID = table_of(records.Grid)
MICRO_GRID = table_of(records.MicroGrid)
SERVICE_SITE = table_of(records.ServiceSite)
REPORTED_INDICATOR = table_of(records.ReportedIndicator)
ORGANIZATION = table_of(records.Organization)
HONOUR = table_of(records.Honour)
UNIVERSITY = table_of(records.University)
AGREEMENT = table_of(records.Agreement)
PRACTICE_BASE = table_of(records.PracticeBase)
TRAINING_PROGRAMME = table_of(records.TrainingProgramme)
SOCIAL_WORKER = table_of(records.SocialWorker)
VOLUNTEER_TEAM = table_of(records.VolunteerTeam)
VOLUNTEER = table_of(records.Volunteer)
PROJECT = table_of(records.Project)
DOOR_KNOCKING_CAMPAIGN = table_of(records.DoorKnockingCampaign)
HOUSEHOLD = table_of(records.Household)
HOUSEHOLD_MEMBER = table_of(records.HouseholdMember)
CHARITY_RESOURCE = table_of(records.CharityResource)
GOVERNMENT_FUND = table_of(records.GovernmentFund)
PRACTICE = table_of(records.Practice)
POLICY_EVENT = table_of(records.PolicyEvent)
COLLABORATION_LINK = table_of(records.CollaborationLink)
REGION_ALIAS = table_of(records.RegionAlias)
COMMUNITY_ALIAS = table_of(records.CommunityAlias)
ORGANIZATION_ALIAS = table_of(records.OrganizationAlias)

# Records of what happened: written through their own operations, changed here.
ACTIVITY = table_of(records.Activity)
VISIT = table_of(records.Visit)
NEED = table_of(records.Need)
CONTINUING_EDUCATION = table_of(records.ContinuingEducation)
PROJECT_UPDATE = table_of(records.ProjectUpdate)

TABLES = (
    COMMUNITY,
    COMPOUND,
    GRID,
    MICRO_GRID,
    SERVICE_SITE,
    REPORTED_INDICATOR,
    ORGANIZATION,
    HONOUR,
    UNIVERSITY,
    AGREEMENT,
    PRACTICE_BASE,
    TRAINING_PROGRAMME,
    SOCIAL_WORKER,
    VOLUNTEER_TEAM,
    VOLUNTEER,
    PROJECT,
    DOOR_KNOCKING_CAMPAIGN,
    HOUSEHOLD,
    HOUSEHOLD_MEMBER,
    CHARITY_RESOURCE,
    GOVERNMENT_FUND,
    PRACTICE,
    POLICY_EVENT,
    COLLABORATION_LINK,
    REGION_ALIAS,
    COMMUNITY_ALIAS,
    ORGANIZATION_ALIAS,
    ACTIVITY,
    VISIT,
    NEED,
    CONTINUING_EDUCATION,
    PROJECT_UPDATE,
)
