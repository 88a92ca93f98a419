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


@dataclasses.dataclass(frozen=True, slots=True)
class Community:
    id: int
    region_id: int
    kind: str
    name: str
    status: str
    founded_on: dt.date | None
    resident_population: int | None


@dataclasses.dataclass(frozen=True, slots=True)
class Compound:
    id: int
    community_id: int
    name: str
    is_illustrative: bool


@dataclasses.dataclass(frozen=True, slots=True)
class Grid:
    id: int
    community_id: int
    name: str
    resident_estimate: int | None


@dataclasses.dataclass(frozen=True, slots=True)
class MicroGrid:
    id: int
    grid_id: int
    name: str


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


@dataclasses.dataclass(frozen=True, slots=True)
class Organization:
    id: int
    region_id: int
    kind: str
    name: str
    founded_on: dt.date | None
    is_illustrative: bool


@dataclasses.dataclass(frozen=True, slots=True)
class University:
    id: int
    region_id: int
    name: str


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


@dataclasses.dataclass(frozen=True, slots=True)
class DoorKnockingCampaign:
    id: int
    region_id: int
    organizer_id: int | None
    name: str
    starts_on: dt.date
    ends_on: dt.date | None
