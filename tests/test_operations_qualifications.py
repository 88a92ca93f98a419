"""Qualifications: continuing-education hours and exam results. Each: a valid call's rows read
back and its event; invalid calls' userErrors with nothing written."""

from __future__ import annotations

from typing import Any

import asyncpg
import pytest

from tests.conftest import GraphQLClient, token
from tests.writes import admin as _admin
from tests.writes import counts
from tests.writes import events as _events
from tests.writes import gid as _gid
from tests.writes import scalar as _id

# Tables these mutations write, counted before and after a refused call.
TABLES = ("continuing_education", "exam_registration", "change_event")


async def _counts(conn: asyncpg.Connection) -> dict[str, int]:
    return await counts(conn, TABLES)


LOG = """
mutation($input: LogContinuingEducationInput!) {
  logContinuingEducation(input: $input) {
    continuingEducation { year course hours socialWorker { name } }
    yearHours
    meetsRequirement
    userErrors { field message code }
  }
}
"""


@pytest.fixture
async def weining_worker(demo_conn: asyncpg.Connection) -> int:
    """高平晓 of Weining, with 72 + 24 = 96 hours logged in 2023."""
    return await _id(demo_conn, "select id from social_worker where full_name = '高平晓'")


async def test_log_hours_that_reach_the_requirement(
    client: GraphQLClient, demo_conn: asyncpg.Connection, weining_worker: int
) -> None:
    weining = await _id(demo_conn, "select id from region where name = '威宁彝族回族苗族自治县'")
    # 2024 begins with 60 hours of one course, 30 short of the requirement.
    await demo_conn.execute(
        "insert into continuing_education (social_worker_id, year, course, hours) "
        "values ($1, 2024, '网络平台继续教育', 60)",
        weining_worker,
    )
    caseworker = client.as_viewer(token("caseworker", [weining]))
    data = await caseworker.data(
        LOG,
        {"input": {"socialWorkerId": _gid("SocialWorker", weining_worker), "year": 2024,
                   "course": "社区矫正专题培训", "hours": 30}},
    )  # fmt: skip
    assert data["logContinuingEducation"] == {
        "continuingEducation": {
            "year": 2024,
            "course": "社区矫正专题培训",
            "hours": 30.0,
            "socialWorker": {"name": "高平晓"},
        },
        "yearHours": 90.0,
        "meetsRequirement": True,
        "userErrors": [],
    }
    read = await client.data(
        "query($id: ID!) { node(id: $id) { ... on SocialWorker { educationHours(year: 2024) "
        "meetsEducationRequirement(year: 2024) } } }",
        {"id": _gid("SocialWorker", weining_worker)},
    )
    assert read["node"] == {"educationHours": 90.0, "meetsEducationRequirement": True}
    [(kind, entity, summary)] = await _events(demo_conn)
    assert (kind, entity) == ("continuing_education.logged", "ContinuingEducation")
    assert summary == {
        "socialWorkerId": weining_worker,
        "year": 2024,
        "course": "社区矫正专题培训",
        "hours": "30.0",
        "yearHours": "90.0",
    }


@pytest.mark.parametrize(
    ("change", "field", "code", "message"),
    [
        ({"course": "社工实务培训"}, ["input", "course"], "CONFLICT",
         "hours for this course and year are already logged: change that record instead"),
        ({"hours": -1}, ["input", "hours"], "INVALID", "must not be negative"),
        ({"hours": 1.25}, ["input", "hours"], "INVALID", "has more than 1 decimal place"),
        ({"hours": 100000}, ["input", "hours"], "INVALID", "must be less than 100,000"),
        ({"hours": 1e300}, ["input", "hours"], "INVALID", "must be less than 100,000"),
        ({"year": 2007}, ["input", "year"], "INVALID", "must be between 2008 and 2100"),
        ({"course": " "}, ["input", "course"], "INVALID", "must not be blank"),
    ],
)  # fmt: skip
async def test_a_refused_log_writes_nothing(
    client: GraphQLClient,
    demo_conn: asyncpg.Connection,
    weining_worker: int,
    change: dict[str, Any],
    field: list[str],
    code: str,
    message: str,
) -> None:
    before = await _counts(demo_conn)
    fields = {"socialWorkerId": _gid("SocialWorker", weining_worker), "year": 2023,
              "course": "新课程", "hours": 8, **change}  # fmt: skip
    data = await _admin(client).data(LOG, {"input": fields})
    assert data["logContinuingEducation"] == {
        "continuingEducation": None,
        "yearHours": None,
        "meetsRequirement": None,
        "userErrors": [{"field": field, "message": message, "code": code}],
    }
    assert await _counts(demo_conn) == before


EXAMS = """
mutation($input: RecordExamResultsInput!) {
  recordExamResults(input: $input) {
    results { region { name } year level recorded registered passed failed pending }
    userErrors { field message code }
  }
}
"""


async def test_record_exam_registrations_and_passes(
    client: GraphQLClient, demo_conn: asyncpg.Connection
) -> None:
    weining = await _id(demo_conn, "select id from region where name = '威宁彝族回族苗族自治县'")
    caseworker = client.as_viewer(token("caseworker", [weining]))
    data = await caseworker.data(
        EXAMS,
        {"input": {"regionId": _gid("Region", weining), "year": 2024, "level": "ASSISTANT",
                   "registrations": 120, "passes": 30}},
    )  # fmt: skip
    assert data["recordExamResults"] == {
        "results": {
            "region": {"name": "威宁彝族回族苗族自治县"},
            "year": 2024,
            "level": "ASSISTANT",
            "recorded": 120,
            "registered": 120,
            "passed": 30,
            "failed": 90,
            "pending": 0,
        },
        "userErrors": [],
    }
    pending = await caseworker.data(
        EXAMS,
        {"input": {"regionId": _gid("Region", weining), "year": 2024, "level": "ASSISTANT",
                   "registrations": 5}},
    )  # fmt: skip
    assert pending["recordExamResults"]["results"]["registered"] == 125
    assert pending["recordExamResults"]["results"]["pending"] == 5
    stats = await client.data(
        'query($r: ID!) { statistics(region: $r, period: {start: "2024-01-01", '
        'end: "2024-12-31"}) { examYears { year registered passed } } }',
        {"r": _gid("Region", weining)},
    )
    assert {"year": 2024, "registered": 125, "passed": 30} in stats["statistics"]["examYears"]
    assert await _events(demo_conn) == [
        ("exam_registration.recorded", "Region",
         {"year": 2024, "level": "assistant", "registrations": 120, "passes": 30}),
        ("exam_registration.recorded", "Region",
         {"year": 2024, "level": "assistant", "registrations": 5, "passes": None}),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("viewer", "change", "field", "code", "message"),
    [
        ("admin", {"passes": 121}, ["input", "passes"], "INVALID",
         "must be between 0 and the registrations (120)"),
        ("admin", {"registrations": 0, "passes": None}, ["input", "registrations"], "INVALID",
         "must be between 1 and 100000"),
        ("admin", {"year": 2101}, ["input", "year"], "INVALID", "must be between 2008 and 2100"),
        ("admin", {"regionId": _gid("Region", 999999)}, ["input", "regionId"], "NOT_FOUND",
         "no region has the id 999999"),
        ("analyst", {}, None, "FORBIDDEN",
         "writes need a caseworker token covering the region, or an admin token"),
    ],
)  # fmt: skip
async def test_refused_exam_results_write_nothing(
    client: GraphQLClient,
    demo_conn: asyncpg.Connection,
    viewer: str,
    change: dict[str, Any],
    field: list[str] | None,
    code: str,
    message: str,
) -> None:
    weining = await _id(demo_conn, "select id from region where name = '威宁彝族回族苗族自治县'")
    before = await _counts(demo_conn)
    fields = {"regionId": _gid("Region", weining), "year": 2024, "level": "INTERMEDIATE",
              "registrations": 120, "passes": 30, **change}  # fmt: skip
    caller = client.as_viewer(token("admin", []) if viewer == "admin" else token("analyst", []))
    data = await caller.data(EXAMS, {"input": fields})
    assert data["recordExamResults"] == {
        "results": None,
        "userErrors": [{"field": field, "message": message, "code": code}],
    }
    assert await _counts(demo_conn) == before


async def test_education_hours_count_every_course_as_the_filter_does(
    client: GraphQLClient, demo_conn: asyncpg.Connection, weining_worker: int
) -> None:
    """250 short courses of 0.4 hours in 2024 make 100 hours: the field and the list filter
    both count all 250 (at most 200 rows once made 80 hours, below the requirement)."""
    await demo_conn.execute(
        "insert into continuing_education (social_worker_id, year, course, hours) "
        "select $1, 2024, '微课 ' || g, 0.4 from generate_series(1, 250) as g",
        weining_worker,
    )
    data = await client.data(
        """
        query($id: ID!) {
          node(id: $id) {
            ... on SocialWorker {
              name educationHours(year: 2024) meetsEducationRequirement(year: 2024)
              earlier: educationHours(year: 2023)
            }
          }
          met: socialWorkers(filter: {educationRequirement: {year: 2024}}) { nodes { name } }
        }
        """,
        {"id": _gid("SocialWorker", weining_worker)},
    )
    assert data["node"] == {
        "name": "高平晓",
        "educationHours": 100.0,
        "meetsEducationRequirement": True,
        "earlier": 96.0,
    }
    assert data["met"]["nodes"] == [{"name": "高平晓"}]
