"""What can be written of each node type, from its entity's declaration (`fivesoc.db.records`).

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

from fivesoc.db import entities as db
from fivesoc.schema.mutations.entities.factory import Entity

COMMUNITY = Entity.of(db.COMMUNITY)
COMPOUND = Entity.of(db.COMPOUND)
GRID = Entity.of(db.GRID)
MICRO_GRID = Entity.of(db.MICRO_GRID)
SERVICE_SITE = Entity.of(db.SERVICE_SITE)
REPORTED_INDICATOR = Entity.of(db.REPORTED_INDICATOR)
ORGANIZATION = Entity.of(db.ORGANIZATION)
HONOUR = Entity.of(db.HONOUR)
UNIVERSITY = Entity.of(db.UNIVERSITY)
AGREEMENT = Entity.of(db.AGREEMENT)
PRACTICE_BASE = Entity.of(db.PRACTICE_BASE)
TRAINING_PROGRAMME = Entity.of(db.TRAINING_PROGRAMME)
SOCIAL_WORKER = Entity.of(db.SOCIAL_WORKER)
VOLUNTEER_TEAM = Entity.of(db.VOLUNTEER_TEAM)
VOLUNTEER = Entity.of(db.VOLUNTEER)
PROJECT = Entity.of(db.PROJECT)
DOOR_KNOCKING_CAMPAIGN = Entity.of(db.DOOR_KNOCKING_CAMPAIGN)
HOUSEHOLD = Entity.of(db.HOUSEHOLD)
HOUSEHOLD_MEMBER = Entity.of(db.HOUSEHOLD_MEMBER)
CHARITY_RESOURCE = Entity.of(db.CHARITY_RESOURCE)
GOVERNMENT_FUND = Entity.of(db.GOVERNMENT_FUND)
PRACTICE = Entity.of(db.PRACTICE)
POLICY_EVENT = Entity.of(db.POLICY_EVENT)
COLLABORATION_LINK = Entity.of(db.COLLABORATION_LINK)
REGION_ALIAS = Entity.of(db.REGION_ALIAS)
COMMUNITY_ALIAS = Entity.of(db.COMMUNITY_ALIAS)
ORGANIZATION_ALIAS = Entity.of(db.ORGANIZATION_ALIAS)
ACTIVITY = Entity.of(db.ACTIVITY)
VISIT = Entity.of(db.VISIT)
NEED = Entity.of(db.NEED)
CONTINUING_EDUCATION = Entity.of(db.CONTINUING_EDUCATION)
PROJECT_UPDATE = Entity.of(db.PROJECT_UPDATE)
