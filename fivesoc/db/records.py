"""Rows as frozen dataclasses: what `db/` hands to the layers above (never `asyncpg.Record`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal


@dataclasses.dataclass(frozen=True, slots=True)
class Region:
    id: int
    parent_id: int | None
    level: str
    name: str
    depth: int
    path_ids: list[int]


@dataclasses.dataclass(frozen=True, slots=True)
class Community:
    id: int
    region_id: int
    kind: str
    name: str
    status: str
    founded_on: dt.date | None
    resident_population: int | None
    version: int
    archived_at: dt.datetime | None
    society: str


@dataclasses.dataclass(frozen=True, slots=True)
class Compound:
    id: int
    community_id: int
    name: str
    is_illustrative: bool
    version: int
    archived_at: dt.datetime | None


@dataclasses.dataclass(frozen=True, slots=True)
class Grid:
    id: int
    community_id: int
    name: str
    resident_estimate: int | None
    version: int
    archived_at: dt.datetime | None


@dataclasses.dataclass(frozen=True, slots=True)
class MicroGrid:
    id: int
    grid_id: int
    name: str
    version: int
    archived_at: dt.datetime | None


@dataclasses.dataclass(frozen=True, slots=True)
class ServiceSite:
    id: int
    region_id: int
    community_id: int | None
    kind: str
    name: str
    opened_on: dt.date | None
    closed_on: dt.date | None
    is_illustrative: bool
    version: int
    archived_at: dt.datetime | None


@dataclasses.dataclass(frozen=True, slots=True)
class ReportedIndicator:
    id: int
    region_id: int
    metric: str
    label: str
    value: Decimal
    unit: str
    qualifier: str
    period_start: dt.date
    period_end: dt.date
    source: str
    quote: str | None
    version: int
    archived_at: dt.datetime | None


@dataclasses.dataclass(frozen=True, slots=True)
class Organization:
    id: int
    region_id: int
    kind: str
    name: str
    founded_on: dt.date | None
    is_illustrative: bool
    version: int
    archived_at: dt.datetime | None
    society: str


@dataclasses.dataclass(frozen=True, slots=True)
class University:
    id: int
    region_id: int
    name: str
    version: int
    archived_at: dt.datetime | None
    society: str


@dataclasses.dataclass(frozen=True, slots=True)
class Agreement:
    id: int
    university_id: int
    organization_id: int | None
    region_id: int
    kind: str
    title: str
    signed_on: dt.date
    ends_on: dt.date | None
    version: int
    archived_at: dt.datetime | None


@dataclasses.dataclass(frozen=True, slots=True)
class DoorKnockingCampaign:
    id: int
    region_id: int
    organizer_id: int | None
    name: str
    starts_on: dt.date
    ends_on: dt.date | None
    version: int
    archived_at: dt.datetime | None


@dataclasses.dataclass(frozen=True, slots=True)
class ActorRef:
    id: int
    kind: str


@dataclasses.dataclass(frozen=True, slots=True)
class OrganizationHonour:
    id: int
    organization_id: int
    honour: str
    year: int
    awarded_by: str | None
    version: int
    archived_at: dt.datetime | None


@dataclasses.dataclass(frozen=True, slots=True)
class PracticeBase:
    id: int
    agreement_id: int
    region_id: int
    name: str
    established_on: dt.date | None
    version: int
    archived_at: dt.datetime | None


@dataclasses.dataclass(frozen=True, slots=True)
class TrainingProgramme:
    id: int
    university_id: int
    region_id: int
    name: str
    started_on: dt.date | None
    enrolment_count: int
    version: int
    archived_at: dt.datetime | None


@dataclasses.dataclass(frozen=True, slots=True)
class SocialWorker:
    id: int
    region_id: int
    employer_id: int | None
    station_id: int | None
    role: str
    name: str
    is_fictional: bool
    certification_level: str
    certified_year: int | None
    version: int
    archived_at: dt.datetime | None
    society: str


@dataclasses.dataclass(frozen=True, slots=True)
class SocialWorkerHonour:
    id: int
    social_worker_id: int
    honour: str
    year: int
    awarded_by: str | None
    version: int
    archived_at: dt.datetime | None


@dataclasses.dataclass(frozen=True, slots=True)
class ContinuingEducation:
    id: int
    social_worker_id: int
    year: int
    course: str
    hours: Decimal
    version: int


@dataclasses.dataclass(frozen=True, slots=True)
class ExamRegistration:
    id: int
    region_id: int
    social_worker_id: int | None
    year: int
    level: str
    passed: bool | None


@dataclasses.dataclass(frozen=True, slots=True)
class VolunteerTeam:
    id: int
    region_id: int
    community_id: int | None
    name: str
    founded_on: dt.date | None
    is_illustrative: bool
    version: int
    archived_at: dt.datetime | None
    society: str


@dataclasses.dataclass(frozen=True, slots=True)
class Volunteer:
    id: int
    team_id: int | None
    community_id: int | None
    region_id: int
    full_name: str
    is_fictional: bool
    service_hours: Decimal
    joined_on: dt.date | None
    version: int
    archived_at: dt.datetime | None


@dataclasses.dataclass(frozen=True, slots=True)
class Project:
    id: int
    region_id: int
    lead_id: int | None
    name: str
    domain: str
    status: str
    summary: str | None
    starts_on: dt.date | None
    ends_on: dt.date | None
    is_illustrative: bool
    version: int
    archived_at: dt.datetime | None


@dataclasses.dataclass(frozen=True, slots=True)
class ProjectParticipant:
    id: int
    project_id: int
    actor_id: int
    role: str
    joined_on: dt.date | None
    left_on: dt.date | None
    version: int


@dataclasses.dataclass(frozen=True, slots=True)
class ProjectUpdate:
    id: int
    project_id: int
    author_id: int | None
    posted_at: dt.datetime
    title: str
    body: str
    version: int


@dataclasses.dataclass(frozen=True, slots=True)
class Activity:
    id: int
    region_id: int
    project_id: int | None
    site_id: int | None
    community_id: int | None
    organizer_id: int | None
    kind: str
    title: str
    held_on: dt.date
    person_times: int
    is_illustrative: bool
    version: int
    archived_at: dt.datetime | None


@dataclasses.dataclass(frozen=True, slots=True)
class CharityResource:
    id: int
    region_id: int
    donor_id: int | None
    kind: str
    source: str
    name: str
    amount: Decimal
    unit: str
    year: int | None
    received_on: dt.date | None
    allocated: Decimal
    version: int
    archived_at: dt.datetime | None
    society: str


@dataclasses.dataclass(frozen=True, slots=True)
class ResourceAllocation:
    id: int
    resource_id: int
    project_id: int | None
    community_id: int | None
    need_id: int | None
    amount: Decimal
    purpose: str
    allocated_on: dt.date


@dataclasses.dataclass(frozen=True, slots=True)
class Household:
    id: int
    region_id: int
    community_id: int | None
    categories: list[str]
    head_name: str
    address: str | None
    member_count: int
    is_fictional: bool
    version: int
    archived_at: dt.datetime | None


@dataclasses.dataclass(frozen=True, slots=True)
class HouseholdMember:
    id: int
    household_id: int
    full_name: str
    relation: str
    birth_year: int | None
    version: int
    archived_at: dt.datetime | None


@dataclasses.dataclass(frozen=True, slots=True)
class Visit:
    id: int
    campaign_id: int | None
    household_id: int
    social_worker_id: int | None
    visited_on: dt.date
    notes: str
    region_id: int
    version: int


@dataclasses.dataclass(frozen=True, slots=True)
class Need:
    id: int
    household_id: int
    visit_id: int | None
    kind: str
    description: str
    status: str
    opened_on: dt.date
    referred_to_id: int | None
    referred_on: dt.date | None
    resolved_on: dt.date | None
    closed_on: dt.date | None
    region_id: int
    version: int


@dataclasses.dataclass(frozen=True, slots=True)
class CollaborationLink:
    id: int
    source_id: int
    target_id: int
    kind: str
    since: dt.date | None
    until: dt.date | None
    weight: Decimal
    project_id: int | None
    agreement_id: int | None
    evidence: str
    is_illustrative: bool
    version: int
    archived_at: dt.datetime | None
