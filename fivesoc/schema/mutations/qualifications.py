"""Qualifications: continuing-education hours and qualification-exam results."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

import strawberry
from strawberry import relay

from fivesoc.db import catalog, qualifications, records
from fivesoc.db.declare import entity_of
from fivesoc.schema.context import Info
from fivesoc.schema.mutations.common import (
    Refused,
    UserError,
    UserErrorCode,
    decimal_input,
    local_id,
    may_write,
    user_error,
    write,
)
from fivesoc.schema.mutations.operations import WhatToWrite, may_write_region
from fivesoc.schema.types.enums import ExamLevel
from fivesoc.schema.types.fields import reference
from fivesoc.schema.types.worker import ContinuingEducation

# Continuing education.


@strawberry.input(
    description="Hours a social worker logged for a continuing-education course in a year. "
    "One record per worker, year and course: logging the same course and year again is a "
    "CONFLICT (change that record with its version instead), so hours never count twice."
)
class LogContinuingEducationInput:
    social_worker_id: relay.GlobalID = strawberry.field(description="The social worker.")
    year: int = strawberry.field(description="Year of the course, 2008 to 2100.")
    course: str = strawberry.field(description="Name of the course; not blank.")
    hours: float = strawberry.field(description="Hours (学时), to a tenth; not negative.")


@strawberry.type(description="Result of logContinuingEducation.")
class LogContinuingEducationPayload:
    continuing_education: ContinuingEducation | None = strawberry.field(
        description="The course logged."
    )
    year_hours: float | None = strawberry.field(
        description="The worker's hours in the course's year, with this course."
    )
    meets_requirement: bool | None = strawberry.field(
        description=f"Whether those hours reach the {catalog.REQUIRED_EDUCATION_HOURS} a "
        "certificate holder needs in a year."
    )
    user_errors: list[UserError] = strawberry.field(description="What was wrong, if anything.")


# Exam results.


@strawberry.input(
    description="Registrations for a qualification exam in a region, and how many passed. "
    "Candidates are not named; each call adds registrations."
)
class RecordExamResultsInput:
    region_id: relay.GlobalID = strawberry.field(description="The region they registered in.")
    year: int = strawberry.field(description="Exam year, 2008 to 2100.")
    level: ExamLevel = strawberry.field(description="Level of the exam.")
    registrations: int = strawberry.field(description="Registrations to add; at least 1.")
    passes: int | None = strawberry.field(
        default=None,
        description="How many of them passed (the rest failed), at most `registrations`; "
        "null while results are pending.",
    )


@strawberry.type(description="A region's registrations for one exam year and level.")
class ExamResults:
    year: int = strawberry.field(description="Exam year.")
    level: ExamLevel = strawberry.field(description="Level of the exam.")
    recorded: int = strawberry.field(description="Registrations this call added.")
    registered: int = strawberry.field(description="All registrations now recorded.")
    passed: int = strawberry.field(description="Of them, passes.")
    failed: int = strawberry.field(description="Of them, failures.")
    pending: int = strawberry.field(description="Of them, results not yet known.")
    region_id: strawberry.Private[int]

    region = reference("region_id", catalog.REGION, "Region", "The region (not its subtree).")

    @classmethod
    def from_tally(cls, tally: qualifications.ExamTally) -> ExamResults:
        return cls(
            year=tally.year,
            level=ExamLevel(tally.level),
            recorded=tally.recorded,
            registered=tally.registered,
            passed=tally.passed,
            failed=tally.failed,
            pending=tally.pending,
            region_id=tally.region_id,
        )


@strawberry.type(description="Result of recordExamResults.")
class RecordExamResultsPayload:
    results: ExamResults | None = strawberry.field(
        description="The region's registrations for the exam after this call."
    )
    user_errors: list[UserError] = strawberry.field(description="What was wrong, if anything.")


@strawberry.type(description="Continuing-education hours and exam results.")
class QualificationMutations:
    @strawberry.mutation(
        description="Log a social worker's continuing-education hours for a course in a year."
    )
    async def log_continuing_education(
        self, info: Info, input: Annotated[LogContinuingEducationInput, WhatToWrite]
    ) -> LogContinuingEducationPayload:
        try:
            worker = local_id(input.social_worker_id, "SocialWorker", "socialWorkerId")
            hours = _hours(input.hours)
            await may_write(info, catalog.SOCIAL_WORKER, worker, "socialWorkerId")
            logged = await write(
                info,
                lambda conn: qualifications.log_education(
                    conn, worker, input.year, input.course.strip(), hours
                ),
            )
        except Refused as refused:
            return LogContinuingEducationPayload(
                continuing_education=None,
                year_hours=None,
                meets_requirement=None,
                user_errors=refused.errors,
            )
        return LogContinuingEducationPayload(
            continuing_education=ContinuingEducation.from_record(logged.record),
            year_hours=float(logged.year_hours),
            meets_requirement=logged.year_hours >= catalog.REQUIRED_EDUCATION_HOURS,
            user_errors=[],
        )

    @strawberry.mutation(
        description="Record registrations for a qualification exam in a region, and passes."
    )
    async def record_exam_results(
        self, info: Info, input: Annotated[RecordExamResultsInput, WhatToWrite]
    ) -> RecordExamResultsPayload:
        try:
            region = local_id(input.region_id, "Region", "regionId")
            await may_write_region(info, region)
            tally = await write(
                info,
                lambda conn: qualifications.record_exam_results(
                    conn,
                    region,
                    input.year,
                    str(input.level.value),
                    input.registrations,
                    input.passes,
                ),
            )
        except Refused as refused:
            return RecordExamResultsPayload(results=None, user_errors=refused.errors)
        return RecordExamResultsPayload(results=ExamResults.from_tally(tally), user_errors=[])


def _hours(value: float) -> Decimal:
    digits = entity_of(records.ContinuingEducation).columns["hours"].digits
    assert digits is not None
    hours = decimal_input(value, digits, "hours")
    if hours < 0:
        raise Refused([user_error("hours", "must not be negative", UserErrorCode.INVALID)])
    return hours
