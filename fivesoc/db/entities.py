"""Create, update and archive rows of any declared entity table, each with its event.

A `Table` declares what may be written (its columns), where a row's region comes from (its
own `region_id`, or its parent's), and which constraint guards which column. The SQL is
composed from those declared identifiers only, never from input; values go in as parameters.
Each function takes a connection inside a transaction the caller owns and appends its event
there, so a failed write leaves neither the row nor the event.

Driver errors are translated here, by class and constraint name: a unique violation is a
`Conflict`, a foreign key naming nothing `NotFound`, a check or NOT NULL violation `Invalid`,
each naming the input field at fault.
"""

# SQL here is composed from the declared identifiers of the tables below, never from input.
# ruff: noqa: S608

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

import asyncpg

from fivesoc.db import catalog, events
from fivesoc.db.errors import Conflict, Invalid, NotFound, WriteError
from fivesoc.db.listing import Source

# The region of the row with id `{id}`, for each kind of actor (actors share one id space).
ACTOR_REGION = (
    "coalesce("
    + ", ".join(
        f"(select region_id from {table} where id = {{id}})"
        for table in (
            "community",
            "organization",
            "university",
            "social_worker",
            "volunteer_team",
            "charity_resource",
        )
    )
    + ")"
)

BLANK = "must not be blank"
NEGATIVE = "must not be negative"


def field_name(column: str) -> str:
    """The input field that carries `column`: `region_id` → `regionId`."""
    head, *rest = column.split("_")
    return head + "".join(part.title() for part in rest)


@dataclasses.dataclass(frozen=True, slots=True)
class Via:
    """A row's region is its parent's: `column` holds the parent's id, `parent` says how that
    parent finds its region (`{id}` is the parent's id)."""

    column: str
    parent: str


@dataclasses.dataclass(frozen=True, eq=False)
class Table:
    """An entity table that can be written.

    `columns` maps each writable column to the noun a NOT_FOUND error names when it is a
    reference (None for plain values). `checks` and `uniques` map constraint names to the
    column at fault and what to say. `actor_kind` marks tables sharing their id with `actor`.
    `personal` tables' events name the changed fields, never their values. Tables that are
    not `archivable` have no `archived_at`. `floors` name, per column, a query for the least
    value it may take on the row `$1` and what that value is (a resource's amount: what is
    already allocated).
    """

    name: str
    noun: str
    type_name: str
    source: Source[Any]
    columns: Mapping[str, str | None]
    region: str | Via = "region_id"
    checks: Mapping[str, tuple[str, str]] = dataclasses.field(default_factory=dict)
    uniques: Mapping[str, tuple[str, str]] = dataclasses.field(default_factory=dict)
    actor_kind: str | None = None
    personal: bool = False
    archivable: bool = True
    floors: Mapping[str, tuple[str, str]] = dataclasses.field(default_factory=dict)

    @property
    def region_column(self) -> str:
        return self.region if isinstance(self.region, str) else self.region.column

    @property
    def region_of_key(self) -> str:
        """SQL for the region a row would have when its region column holds `{id}`."""
        if isinstance(self.region, str):
            return "(select id from region where id = {id})"
        return self.region.parent

    @property
    def region_of_row(self) -> str:
        """SQL for the region of this table's row with id `{id}`."""
        column = f"(select {self.region_column} from {self.name} where id = {{id}})"
        return self.region_of_key.replace("{id}", column)

    @functools.cached_property
    def lock_sql(self) -> str:
        columns = ", ".join(self.columns)
        region = self.region_of_row.format(id="$1")
        archived = "archived_at" if self.archivable else "null::timestamptz as archived_at"
        return (
            f"select {columns}, version, {archived}, {region} as region_id "
            f"from {self.name} where id = $1 for update"
        )

    @functools.cached_property
    def region_sql(self) -> str:
        return "select " + self.region_of_key.format(id="$1")

    @functools.cache  # noqa: B019 - declarations live as long as the process
    def insert_sql(self, columns: tuple[str, ...]) -> str:
        unknown = set(columns) - set(self.columns)
        assert not unknown, f"{self.name} has no writable columns {sorted(unknown)}"
        if self.actor_kind is None:
            params = ", ".join(f"${i}" for i in range(1, len(columns) + 1))
            names = ", ".join(columns)
            values = f"values ({params})" if columns else "default values"
            return f"insert into {self.name} ({names}) {values} returning id"
        names = ", ".join(("id", *columns))
        values = ", ".join(("(select id from a)", *(f"${i}" for i in range(1, len(columns) + 1))))
        return (
            f"with a as (insert into actor (kind) values ('{self.actor_kind}') returning id) "
            f"insert into {self.name} ({names}) values ({values}) returning id"
        )

    @functools.cache  # noqa: B019
    def update_sql(self, columns: tuple[str, ...]) -> str:
        unknown = set(columns) - set(self.columns)
        assert not unknown, f"{self.name} has no writable columns {sorted(unknown)}"
        sets = ", ".join(f"{column} = ${i}" for i, column in enumerate(columns, start=2))
        return f"update {self.name} set {sets}, version = version + 1 where id = $1"

    @functools.cached_property
    def archive_sql(self) -> str:
        assert self.archivable, f"{self.name} rows are not archived"
        return f"update {self.name} set archived_at = now(), version = version + 1 where id = $1"


def _with_parent(table: Table) -> str:
    """How a child of `table` finds its region, given the id `{id}` of its `table` row."""
    return table.region_of_row


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
    region=Via("community_id", _with_parent(COMMUNITY)),
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
    region=Via("community_id", _with_parent(COMMUNITY)),
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
    region=Via("grid_id", _with_parent(GRID)),
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
    region=Via("organization_id", _with_parent(ORGANIZATION)),
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
    region=Via("social_worker_id", _with_parent(SOCIAL_WORKER)),
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
    region=Via("household_id", _with_parent(HOUSEHOLD)),
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
    region=Via("household_id", _with_parent(HOUSEHOLD)),
    personal=True,
    archivable=False,
)
NEED = Table(
    "need",
    "need",
    "Need",
    catalog.NEED,
    {"kind": None, "description": None},
    region=Via("household_id", _with_parent(HOUSEHOLD)),
    personal=True,
    archivable=False,
)
CONTINUING_EDUCATION = Table(
    "continuing_education",
    "continuing-education record",
    "ContinuingEducation",
    catalog.CONTINUING_EDUCATION,
    {"year": None, "course": None, "hours": None},
    region=Via("social_worker_id", _with_parent(SOCIAL_WORKER)),
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
    region=Via("project_id", _with_parent(PROJECT)),
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


@dataclasses.dataclass(frozen=True, slots=True)
class Current:
    """A row as locked for a change: its writable values, version, archive time and region."""

    values: Mapping[str, Any]
    version: int
    archived_at: dt.datetime | None
    region_id: int | None


@dataclasses.dataclass(frozen=True, slots=True)
class Written:
    """A row after a write: the record as read back, and the fields that changed."""

    record: Any
    changed: tuple[str, ...]


async def region_for(conn: asyncpg.Connection, table: Table, key: int | None) -> int | None:
    """The region a row would belong to with `key` in its region column (None: no such row)."""
    if key is None:
        return None
    region: int | None = await conn.fetchval(table.region_sql, key)
    return region


async def lock(conn: asyncpg.Connection, table: Table, key: int) -> Current:
    """The row `key` of `table`, locked until the transaction ends; NotFound if none."""
    row = await conn.fetchrow(table.lock_sql, key)
    if row is None:
        raise NotFound(f"no {table.noun} has the id {key}", field="id")
    return Current(
        values={column: row[column] for column in table.columns},
        version=row["version"],
        archived_at=row["archived_at"],
        region_id=row["region_id"],
    )


def check_version(table: Table, current: Current, expected: int) -> None:
    """Refuse a change made from a stale read, or to an archived row."""
    if current.version != expected:
        raise Conflict(
            f"the {table.noun} is at version {current.version}, not {expected}: "
            "read it again and retry",
            field="expectedVersion",
        )
    if current.archived_at is not None:
        raise Conflict(f"the {table.noun} is archived", field="id")


async def insert(conn: asyncpg.Connection, table: Table, values: Mapping[str, Any]) -> Written:
    """Insert a row with `values` (columns left out take their defaults) and its event."""
    columns = tuple(column for column in table.columns if column in values)
    args = [values[column] for column in columns]
    async with _translated(table, values):
        key = await conn.fetchval(table.insert_sql(columns), *args)
    record = await _read(conn, table, key)
    changed = tuple(field_name(column) for column in columns)
    summary = _summary(table, columns, values, record.version)
    await events.append(
        conn,
        f"{table.name}.created",
        table.type_name,
        key,
        await _region(conn, table, key),
        summary,
    )
    return Written(record, changed)


async def update(
    conn: asyncpg.Connection,
    table: Table,
    key: int,
    current: Current,
    changes: Mapping[str, Any],
) -> Written:
    """Set the `changes` that differ from `current` on the locked row `key`, with its event.

    Nothing is written (no version bump, no event) when no value differs.
    """
    columns = tuple(
        column
        for column in table.columns
        if column in changes and changes[column] != current.values[column]
    )
    if not columns:
        return Written(await _read(conn, table, key), ())
    for column in columns:
        if column in table.floors and changes[column] is not None:
            sql, what = table.floors[column]
            floor = await conn.fetchval(sql, key)
            if changes[column] < floor:
                raise Conflict(f"must be at least {floor}, {what}", field=field_name(column))
    async with _translated(table, changes):
        await conn.execute(table.update_sql(columns), key, *(changes[c] for c in columns))
    record = await _read(conn, table, key)
    summary = _summary(table, columns, changes, record.version)
    await events.append(
        conn,
        f"{table.name}.updated",
        table.type_name,
        key,
        await _region(conn, table, key),
        summary,
    )
    return Written(record, tuple(field_name(column) for column in columns))


async def archive(conn: asyncpg.Connection, table: Table, key: int) -> Written:
    """Mark the locked row `key` archived, with its event."""
    await conn.execute(table.archive_sql, key)
    record = await _read(conn, table, key)
    await events.append(
        conn,
        f"{table.name}.archived",
        table.type_name,
        key,
        await _region(conn, table, key),
        {"version": record.version},
    )
    return Written(record, ("archivedAt",))


async def _read(conn: asyncpg.Connection, table: Table, key: int) -> Any:
    row = await conn.fetchrow(table.source.by_ids_sql, [key])
    assert row is not None
    return table.source.make(row)


async def _region(conn: asyncpg.Connection, table: Table, key: int) -> int | None:
    region: int | None = await conn.fetchval("select " + table.region_of_row.format(id="$1"), key)
    return region


def _summary(
    table: Table, columns: Sequence[str], values: Mapping[str, Any], version: int
) -> dict[str, Any]:
    """The event's summary: the changed fields, and their new values unless personal."""
    summary: dict[str, Any] = {"fields": [field_name(column) for column in columns]}
    if not table.personal:
        summary["values"] = {field_name(column): _json(values[column]) for column in columns}
    summary["version"] = version
    return summary


def _json(value: Any) -> Any:
    if isinstance(value, Decimal | dt.date):
        return str(value)
    return value


class _translated:
    """Turn a driver error of a write into the data layer's own, by class and constraint."""

    def __init__(self, table: Table, values: Mapping[str, Any]) -> None:
        self.table = table
        self.values = values

    async def __aenter__(self) -> None:
        return None

    async def __aexit__(self, kind: type[BaseException] | None, error: Any, tb: Any) -> None:
        if isinstance(error, asyncpg.PostgresError):
            translated = translate(self.table, self.values, error)
            if translated is not None:
                raise translated from error


def translate(
    table: Table, values: Mapping[str, Any], error: asyncpg.PostgresError
) -> WriteError | None:
    """The `WriteError` a driver error of a write on `table` stands for."""
    constraint = getattr(error, "constraint_name", None) or ""
    if isinstance(error, asyncpg.UniqueViolationError) and constraint in table.uniques:
        column, message = table.uniques[constraint]
        return Conflict(message, field=field_name(column))
    if isinstance(error, asyncpg.CheckViolationError) and constraint in table.checks:
        column, message = table.checks[constraint]
        return Invalid(message, field=field_name(column))
    if isinstance(error, asyncpg.ForeignKeyViolationError):
        column = constraint.removeprefix(f"{table.name}_").removesuffix("_fkey")
        noun = table.columns.get(column)
        if noun is not None:
            return NotFound(f"no {noun} has the id {values.get(column)}", field=field_name(column))
    if isinstance(error, asyncpg.NotNullViolationError):
        column = getattr(error, "column_name", None) or ""
        if column in table.columns:
            return Invalid("must not be null", field=field_name(column))
    if isinstance(error, asyncpg.NumericValueOutOfRangeError):
        return Invalid("a number is too large for its field")
    return None


@dataclasses.dataclass(frozen=True, eq=False)
class Members:
    """A link table tying rows of `owner` to rows of `member_table` (e.g. the communities a
    project serves); the set is written as a whole and counts as a change of the owner."""

    name: str
    owner: Table
    owner_column: str
    member_table: str
    member_column: str
    member_noun: str
    field: str
    event: str

    @functools.cached_property
    def current_sql(self) -> str:
        return (
            f"select {self.member_column} from {self.name} where {self.owner_column} = $1 "
            f"order by {self.member_column}"
        )

    @functools.cached_property
    def missing_sql(self) -> str:
        return (
            f"select k from unnest($1::bigint[]) as k where not exists "
            f"(select from {self.member_table} m where m.id = k) order by k"
        )

    @functools.cached_property
    def delete_sql(self) -> str:
        return (
            f"delete from {self.name} where {self.owner_column} = $1 "
            f"and {self.member_column} = any($2::bigint[])"
        )

    @functools.cached_property
    def insert_sql(self) -> str:
        return (
            f"insert into {self.name} ({self.owner_column}, {self.member_column}) "
            "select $1, unnest($2::bigint[])"
        )

    @functools.cached_property
    def bump_sql(self) -> str:
        return f"update {self.owner.name} set version = version + 1 where id = $1"


PROJECT_COMMUNITIES = Members(
    "project_community",
    PROJECT,
    "project_id",
    "community",
    "community_id",
    "community",
    "community_ids",
    "communities_set",
)
AGREEMENT_COMMUNITIES = Members(
    "agreement_community",
    AGREEMENT,
    "agreement_id",
    "community",
    "community_id",
    "community",
    "community_ids",
    "communities_set",
)


async def set_members(
    conn: asyncpg.Connection, members: Members, key: int, wanted: Sequence[int]
) -> Written:
    """Make the locked owner row `key`'s members exactly `wanted`, with its event.

    Nothing is written when the set is already so.
    """
    table = members.owner
    missing = [row[0] for row in await conn.fetch(members.missing_sql, list(wanted))]
    if missing:
        raise NotFound(
            f"no {members.member_noun} has the id {missing[0]}", field=field_name(members.field)
        )
    existing = {row[0] for row in await conn.fetch(members.current_sql, key)}
    added = sorted(set(wanted) - existing)
    removed = sorted(existing - set(wanted))
    if not added and not removed:
        return Written(await _read(conn, table, key), ())
    await conn.execute(members.delete_sql, key, removed)
    await conn.execute(members.insert_sql, key, added)
    await conn.execute(members.bump_sql, key)
    record = await _read(conn, table, key)
    await events.append(
        conn,
        f"{table.name}.{members.event}",
        table.type_name,
        key,
        await _region(conn, table, key),
        {"added": added, "removed": removed, "version": record.version},
    )
    return Written(record, (field_name(members.field),))
