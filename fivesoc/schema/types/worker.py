"""Social workers of the talent registry, with honours, continuing education and exams."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

import strawberry
from strawberry import relay

from fivesoc.db import catalog, records
from fivesoc.db.listing import PageSpec
from fivesoc.schema.context import Info
from fivesoc.schema.types.actor import Actor
from fivesoc.schema.types.common import Catalogued
from fivesoc.schema.types.enums import (
    CertificationLevel,
    ExamLevel,
    Society,
    WorkerHonour,
    WorkerRole,
)
from fivesoc.schema.types.fields import reference, related_list

REQUIRED_HOURS = catalog.REQUIRED_EDUCATION_HOURS
# Continuing-education rows read at once per worker; a worker logs a few courses a year.
EDUCATION_ROWS = 200


@strawberry.type(description="A social worker or community worker of the talent registry.")
class SocialWorker(Catalogued, Actor):
    catalog_source = catalog.SOCIAL_WORKER

    role: WorkerRole = strawberry.field(description="What the person does.")
    is_fictional: bool = strawberry.field(description="True for made-up demo or generated people.")
    certification_level: CertificationLevel = strawberry.field(
        description="Highest certificate held."
    )
    certified_year: int | None = strawberry.field(description="Year of that certificate.")
    version: int = strawberry.field(
        description="Grows by one with every change; name it as `expectedVersion` to change this."
    )
    archived_at: dt.datetime | None = strawberry.field(
        description="When this was archived (still readable by id, left out of root lists)."
    )
    region_id: strawberry.Private[int]
    station_id: strawberry.Private[int | None]
    employer_id: strawberry.Private[int | None]

    @classmethod
    def from_record(cls, row: records.SocialWorker) -> SocialWorker:
        return cls(
            id=row.id,
            name=row.name,
            society=Society(row.society),
            role=WorkerRole(row.role),
            is_fictional=row.is_fictional,
            certification_level=CertificationLevel(row.certification_level),
            certified_year=row.certified_year,
            region_id=row.region_id,
            station_id=row.station_id,
            employer_id=row.employer_id,
            version=row.version,
            archived_at=row.archived_at,
        )

    region = reference(
        "region_id", catalog.REGION, "Region", "The region the worker is registered in."
    )

    station = reference(
        "station_id",
        catalog.SERVICE_SITE,
        "ServiceSite",
        "The social-work station the worker is based at.",
        optional=True,
    )

    employer = reference(
        "employer_id",
        catalog.ORGANIZATION,
        "Organization",
        "The organization that employs the worker.",
        optional=True,
    )

    honours = related_list(
        catalog.SOCIAL_WORKER_HONOURS, "SocialWorkerHonour", "Honours the worker received."
    )

    continuing_education = related_list(
        catalog.SOCIAL_WORKER_EDUCATION,
        "ContinuingEducation",
        "Continuing-education courses, latest year first.",
    )

    @strawberry.field(description="Continuing-education hours logged in a year.")
    async def education_hours(
        self, info: Info, year: Annotated[int, strawberry.argument(description="The year.")]
    ) -> float:
        return float(await _education_hours(info, self.id, year))

    @strawberry.field(
        description=f"Whether the worker logged at least {REQUIRED_HOURS} hours in the year."
    )
    async def meets_education_requirement(
        self, info: Info, year: Annotated[int, strawberry.argument(description="The year.")]
    ) -> bool:
        return await _education_hours(info, self.id, year) >= REQUIRED_HOURS

    exam_registrations = related_list(
        catalog.SOCIAL_WORKER_EXAMS,
        "ExamRegistration",
        "Qualification exams the worker registered for.",
    )

    visits = related_list(
        catalog.WORKER_VISITS,
        "Visit",
        "Door-knocking visits the worker made (personal data).",
        guarded="visits",
    )


async def _education_hours(info: Info, worker_id: int, year: int) -> Decimal:
    rows = await info.context.loaders.children(catalog.SOCIAL_WORKER_EDUCATION).load(
        (worker_id, PageSpec(limit=EDUCATION_ROWS))
    )
    return sum((row.record.hours for row in rows if row.record.year == year), Decimal(0))


@strawberry.type(description="An honour a worker received, e.g. 领军人才.")
class SocialWorkerHonour(Catalogued, relay.Node):
    catalog_source = catalog.SOCIAL_WORKER_HONOUR

    id: relay.NodeID[int]
    honour: WorkerHonour = strawberry.field(description="Which honour.")
    year: int = strawberry.field(description="Year it was given.")
    awarded_by: str | None = strawberry.field(description="Who gave it.")
    version: int = strawberry.field(
        description="Grows by one with every change; name it as `expectedVersion` to change this."
    )
    archived_at: dt.datetime | None = strawberry.field(
        description="When this was archived (still readable by id, left out of root lists)."
    )
    social_worker_id: strawberry.Private[int]

    @classmethod
    def from_record(cls, row: records.SocialWorkerHonour) -> SocialWorkerHonour:
        return cls(
            id=row.id,
            honour=WorkerHonour(row.honour),
            year=row.year,
            awarded_by=row.awarded_by,
            social_worker_id=row.social_worker_id,
            version=row.version,
            archived_at=row.archived_at,
        )

    social_worker = reference(
        "social_worker_id", catalog.SOCIAL_WORKER, "SocialWorker", "The honoured worker."
    )


@strawberry.type(description="A continuing-education course a worker logged hours for.")
class ContinuingEducation(Catalogued, relay.Node):
    catalog_source = catalog.CONTINUING_EDUCATION

    id: relay.NodeID[int]
    year: int = strawberry.field(description="Year of the course.")
    course: str = strawberry.field(description="Name of the course.")
    hours: float = strawberry.field(description="Hours logged (学时).")
    version: int = strawberry.field(
        description="Grows by one with every change; name it as `expectedVersion` to change this."
    )
    social_worker_id: strawberry.Private[int]

    @classmethod
    def from_record(cls, row: records.ContinuingEducation) -> ContinuingEducation:
        return cls(
            id=row.id,
            year=row.year,
            course=row.course,
            hours=float(row.hours),
            social_worker_id=row.social_worker_id,
            version=row.version,
        )

    social_worker = reference(
        "social_worker_id", catalog.SOCIAL_WORKER, "SocialWorker", "The worker who took the course."
    )


@strawberry.type(description="A registration for the national social-work qualification exam.")
class ExamRegistration(Catalogued, relay.Node):
    catalog_source = catalog.EXAM_REGISTRATION

    id: relay.NodeID[int]
    year: int = strawberry.field(description="Exam year.")
    level: ExamLevel = strawberry.field(description="Level of the exam.")
    passed: bool | None = strawberry.field(
        description="Whether the candidate passed; null: pending."
    )
    region_id: strawberry.Private[int]
    social_worker_id: strawberry.Private[int | None]

    @classmethod
    def from_record(cls, row: records.ExamRegistration) -> ExamRegistration:
        return cls(
            id=row.id,
            year=row.year,
            level=ExamLevel(row.level),
            passed=row.passed,
            region_id=row.region_id,
            social_worker_id=row.social_worker_id,
        )

    region = reference(
        "region_id", catalog.REGION, "Region", "The region the candidate registered in."
    )

    social_worker = reference(
        "social_worker_id",
        catalog.SOCIAL_WORKER,
        "SocialWorker",
        "The candidate, where the registry knows them.",
        optional=True,
    )
