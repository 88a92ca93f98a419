"""Rows as frozen dataclasses: what `db/` hands to the layers above (never `asyncpg.Record`).

Each entity is declared once, as its record class (see `fivesoc.db.declare`), in the module
of its area; they are all here by name.
"""

from __future__ import annotations

from fivesoc.db.records.aliases import CommunityAlias, OrganizationAlias, RegionAlias
from fivesoc.db.records.funds import GovernmentFund
from fivesoc.db.records.honours import Honour
from fivesoc.db.records.households import Household, HouseholdMember, Need, Visit
from fivesoc.db.records.partners import (
    Agreement,
    Organization,
    PracticeBase,
    TrainingProgramme,
    University,
)
from fivesoc.db.records.people import (
    ContinuingEducation,
    ExamRegistration,
    SocialWorker,
    Volunteer,
    VolunteerTeam,
)
from fivesoc.db.records.places import (
    Community,
    Compound,
    Grid,
    MicroGrid,
    Region,
    ReportedIndicator,
    ServiceSite,
)
from fivesoc.db.records.policy import PolicyEvent
from fivesoc.db.records.practices import Practice
from fivesoc.db.records.shared import ActorRef, Archivable, Row, Versioned
from fivesoc.db.records.work import (
    Activity,
    CharityResource,
    CollaborationLink,
    DoorKnockingCampaign,
    Project,
    ProjectParticipant,
    ProjectUpdate,
    ResourceAllocation,
)

__all__ = [
    "Activity",
    "ActorRef",
    "Agreement",
    "Archivable",
    "CharityResource",
    "CollaborationLink",
    "Community",
    "CommunityAlias",
    "Compound",
    "ContinuingEducation",
    "DoorKnockingCampaign",
    "ExamRegistration",
    "GovernmentFund",
    "Grid",
    "Honour",
    "Household",
    "HouseholdMember",
    "MicroGrid",
    "Need",
    "Organization",
    "OrganizationAlias",
    "PolicyEvent",
    "Practice",
    "PracticeBase",
    "Project",
    "ProjectParticipant",
    "ProjectUpdate",
    "Region",
    "RegionAlias",
    "ReportedIndicator",
    "ResourceAllocation",
    "Row",
    "ServiceSite",
    "SocialWorker",
    "TrainingProgramme",
    "University",
    "Versioned",
    "Visit",
    "Volunteer",
    "VolunteerTeam",
]
