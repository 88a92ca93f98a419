"""Qualifications: continuing-education hours (logged, and summed by year) and exam results.

Each write takes a connection inside a transaction the caller owns and appends one event
there, so a refused write leaves neither rows nor event. `year_hours` reads the sums that
`educationHours` and `meetsEducationRequirement` answer.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from decimal import Decimal

import asyncpg

from fivesoc.db import catalog, events, records
from fivesoc.db.errors import Conflict, Invalid, NotFound
from fivesoc.db.operations import Rules, translated

# Continuing education.

WORKER_REGION = "select region_id from social_worker where id = $1"

INSERT_EDUCATION = f"""
insert into continuing_education as t (social_worker_id, year, course, hours)
values ($1, $2, $3, $4)
returning {catalog.CONTINUING_EDUCATION.columns}
"""  # noqa: S608

YEAR_HOURS = f"select {catalog.EDUCATION_HOURS.format(worker='$1', year='$2')}"

# $1 worker ids, $2 years, pairwise.
WORKERS_YEAR_HOURS = f"""
select k.worker_id, k.year, {catalog.EDUCATION_HOURS.format(worker="k.worker_id", year="k.year")}
from unnest($1::bigint[], $2::integer[]) as k(worker_id, year)
"""  # noqa: S608

EDUCATION_RULES: Rules = {
    "continuing_education_social_worker_id_year_course_key": (
        Conflict,
        "course",
        "hours for this course and year are already logged: change that record instead",
    ),
    "continuing_education_year_check": (Invalid, "year", "must be between 2008 and 2100"),
    "continuing_education_course_check": (Invalid, "course", "must not be blank"),
    "continuing_education_hours_check": (Invalid, "hours", "must not be negative"),
}


@dataclasses.dataclass(frozen=True, slots=True)
class Logged:
    """A logged course, and the worker's hours in its year with it."""

    record: records.ContinuingEducation
    year_hours: Decimal


async def log_education(
    conn: asyncpg.Connection, social_worker_id: int, year: int, course: str, hours: Decimal
) -> Logged:
    """Log a worker's hours for a course in a year.

    One row per worker, year and course: a second log of the same course and year is a
    conflict (correct the row with its version instead), so a repeated request never counts
    hours twice.
    """
    region_id = await conn.fetchval(WORKER_REGION, social_worker_id)
    if region_id is None:
        raise NotFound(f"no social worker has the id {social_worker_id}", field="socialWorkerId")
    if hours != hours.quantize(Decimal("0.1")):
        raise Invalid("hours are logged to a tenth of an hour", field="hours")
    with translated(EDUCATION_RULES, numbers="hours"):
        row = await conn.fetchrow(INSERT_EDUCATION, social_worker_id, year, course, hours)
    assert row is not None
    logged = catalog.CONTINUING_EDUCATION.make(row)
    total: Decimal = await conn.fetchval(YEAR_HOURS, social_worker_id, year)
    await events.append(
        conn,
        "continuing_education.logged",
        "ContinuingEducation",
        logged.id,
        region_id,
        {
            "socialWorkerId": social_worker_id,
            "year": year,
            "course": course,
            "hours": str(hours),
            "yearHours": str(total),
        },
    )
    return Logged(logged, total)


async def year_hours(
    conn: asyncpg.Pool | asyncpg.Connection, keys: Sequence[tuple[int, int]]
) -> dict[tuple[int, int], Decimal]:
    """Hours each (worker id, year) logged, every course of the year summed; 0 for none."""
    rows = await conn.fetch(
        WORKERS_YEAR_HOURS, [worker for worker, _ in keys], [year for _, year in keys]
    )
    return {(row[0], row[1]): row[2] for row in rows}


# Qualification exams.

REGION_EXISTS = "select exists (select from region where id = $1)"

# $4 registrations, of which the first $5 passed and the rest failed; $5 null: all pending.
INSERT_EXAMS = """
insert into exam_registration (region_id, year, level, passed)
select $1, $2, $3, case when $5::integer is null then null else g <= $5::integer end
from generate_series(1, $4::integer) as g
"""

EXAM_TALLY = """
select count(*) as registered,
       count(*) filter (where passed) as passed,
       count(*) filter (where not passed) as failed,
       count(*) filter (where passed is null) as pending
from exam_registration where region_id = $1 and year = $2 and level = $3
"""

EXAM_RULES: Rules = {
    "exam_registration_year_check": (Invalid, "year", "must be between 2008 and 2100"),
}

# More registrations than this in one call are refused (a county registers a few hundred).
MAX_EXAM_REGISTRATIONS = 100_000


@dataclasses.dataclass(frozen=True, slots=True)
class ExamTally:
    """A region's exam registrations of one year and level, after a recording."""

    region_id: int
    year: int
    level: str
    recorded: int
    registered: int
    passed: int
    failed: int
    pending: int


async def record_exam_results(
    conn: asyncpg.Connection,
    region_id: int,
    year: int,
    level: str,
    registrations: int,
    passes: int | None,
) -> ExamTally:
    """Record registrations for an exam in a region, and how many of them passed.

    Candidates are not named (the registry may not know them yet): each registration is a
    row, `passes` of them passed and the rest failed; without `passes` all are pending.
    """
    if not 1 <= registrations <= MAX_EXAM_REGISTRATIONS:
        raise Invalid(f"must be between 1 and {MAX_EXAM_REGISTRATIONS}", field="registrations")
    if passes is not None and not 0 <= passes <= registrations:
        raise Invalid(f"must be between 0 and the registrations ({registrations})", field="passes")
    if not await conn.fetchval(REGION_EXISTS, region_id):
        raise NotFound(f"no region has the id {region_id}", field="regionId")
    with translated(EXAM_RULES):
        await conn.execute(INSERT_EXAMS, region_id, year, level, registrations, passes)
    tally = await conn.fetchrow(EXAM_TALLY, region_id, year, level)
    assert tally is not None
    await events.append(
        conn,
        "exam_registration.recorded",
        "Region",
        region_id,
        region_id,
        {"year": year, "level": level, "registrations": registrations, "passes": passes},
    )
    return ExamTally(region_id, year, level, registrations, **dict(tally))
