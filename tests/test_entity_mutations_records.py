"""Corrections of records of what happened (created by their own operations): activities,
visits, needs, continuing-education hours and project updates; activities are archived."""

from __future__ import annotations

import base64
import dataclasses
import json
from typing import Any

import asyncpg
import pytest

from tests.conftest import GraphQLClient, token


def gid(type_name: str, key: int) -> str:
    return base64.b64encode(f"{type_name}:{key}".encode()).decode()


@dataclasses.dataclass(frozen=True)
class Case:
    type: str
    table: str
    find: str
    read: str
    update: dict[str, Any]
    before: dict[str, Any]
    after: dict[str, Any]
    summary: dict[str, Any]
    bad: dict[str, Any]
    error: dict[str, Any]

    @property
    def name(self) -> str:
        return self.type[0].lower() + self.type[1:]


CASES = [
    Case(
        "Activity",
        "activity",
        "select id from activity where title = '个案服务001'",
        "title personTimes heldOn",
        {"title": "个案服务001(补录)", "personTimes": 130},
        {"title": "个案服务001", "personTimes": 127, "heldOn": "2023-01-01"},
        {"title": "个案服务001(补录)", "personTimes": 130, "heldOn": "2023-01-01"},
        {
            "fields": ["title", "personTimes"],
            "values": {"title": "个案服务001(补录)", "personTimes": 130},
        },
        {"personTimes": -1},
        {"field": ["input", "personTimes"], "message": "must not be negative", "code": "INVALID"},
    ),
    Case(
        "Visit",
        "visit",
        "select id from visit where notes = '祖父突感身体不适,父母长期在外务工'",
        "visitedOn notes",
        {"visitedOn": "2023-12-09"},
        {"visitedOn": "2023-12-08", "notes": "祖父突感身体不适,父母长期在外务工"},
        {"visitedOn": "2023-12-09", "notes": "祖父突感身体不适,父母长期在外务工"},
        {"fields": ["visitedOn"]},
        {"socialWorkerId": gid("SocialWorker", 999999)},
        {
            "field": ["input", "socialWorkerId"],
            "message": "no social worker has the id 999999",
            "code": "NOT_FOUND",
        },
    ),
    Case(
        "Need",
        "need",
        "select id from need where description = '联系社区医院上门问诊'",
        "kind description status",
        {"description": "联系社区医院每周上门"},
        {"kind": "MEDICAL", "description": "联系社区医院上门问诊", "status": "RESOLVED"},
        {"kind": "MEDICAL", "description": "联系社区医院每周上门", "status": "RESOLVED"},
        {"fields": ["description"]},
        {"kind": None},
        {"field": ["input", "kind"], "message": "must not be null", "code": "INVALID"},
    ),
    Case(
        "ContinuingEducation",
        "continuing_education",
        "select e.id from continuing_education e join social_worker s "
        "on s.id = e.social_worker_id where s.full_name = '高平晓' and e.course = '网络平台继续教育'",
        "year course hours",
        {"hours": "40"},
        {"year": 2023, "course": "网络平台继续教育", "hours": 72.0},
        {"year": 2023, "course": "网络平台继续教育", "hours": 40.0},
        {"fields": ["hours"], "values": {"hours": "40"}},
        {"course": "社工实务培训"},
        {
            "field": ["input", "course"],
            "message": "the worker already logged this course for this year",
            "code": "CONFLICT",
        },
    ),
    Case(
        "ProjectUpdate",
        "project_update",
        "select id from project_update where title = '签订框架合作协议'",
        "title body",
        {"body": "协议于德清签署"},
        {"title": "签订框架合作协议", "body": "德清县民政局与浙江工商大学签订框架合作协议"},
        {"title": "签订框架合作协议", "body": "协议于德清签署"},
        {"fields": ["body"], "values": {"body": "协议于德清签署"}},
        {"title": " "},
        {"field": ["input", "title"], "message": "must not be blank", "code": "INVALID"},
    ),
]


def _update(case: Case) -> str:
    return f"""
    mutation($input: Update{case.type}Input!) {{
      update{case.type}(input: $input) {{
        {case.name} {{ version {case.read} }}
        userErrors {{ field message code }}
      }}
    }}
    """


async def _events(conn: asyncpg.Connection) -> list[tuple[str, str, int, dict[str, Any]]]:
    rows = await conn.fetch(
        "select type, entity_type, entity_id, summary::text from change_event order by id"
    )
    return [(r["type"], r["entity_type"], r["entity_id"], json.loads(r["summary"])) for r in rows]


@pytest.mark.parametrize("case", CASES, ids=[case.type for case in CASES])
async def test_a_record_is_corrected(
    client: GraphQLClient, demo_conn: asyncpg.Connection, case: Case
) -> None:
    admin = client.as_viewer(token("admin", []))
    key = await demo_conn.fetchval(case.find)
    node = f"query($id: ID!) {{ node(id: $id) {{ ... on {case.type} {{ version {case.read} }} }} }}"
    before = await admin.data(node, {"id": gid(case.type, key)})
    assert before["node"] == {"version": 1, **case.before}

    data = await admin.data(
        _update(case), {"input": {"id": gid(case.type, key), "expectedVersion": 1, **case.update}}
    )
    assert data[f"update{case.type}"] == {
        case.name: {"version": 2, **case.after},
        "userErrors": [],
    }
    after = await admin.data(node, {"id": gid(case.type, key)})
    assert after["node"] == {"version": 2, **case.after}
    assert await _events(demo_conn) == [
        (f"{case.table}.updated", case.type, key, {**case.summary, "version": 2})
    ]


@pytest.mark.parametrize("case", CASES, ids=[case.type for case in CASES])
async def test_a_refused_correction_writes_nothing(
    client: GraphQLClient, demo_conn: asyncpg.Connection, case: Case
) -> None:
    admin = client.as_viewer(token("admin", []))
    key = await demo_conn.fetchval(case.find)
    row = await demo_conn.fetchrow(f"select * from {case.table} where id = $1", key)
    data = await admin.data(
        _update(case), {"input": {"id": gid(case.type, key), "expectedVersion": 1, **case.bad}}
    )
    assert data[f"update{case.type}"] == {case.name: None, "userErrors": [case.error]}
    assert await demo_conn.fetchrow(f"select * from {case.table} where id = $1", key) == row
    assert await _events(demo_conn) == []


ARCHIVE = """
mutation($input: ArchiveActivityInput!) {
  archiveActivity(input: $input) {
    activity { title version archivedAt }
    userErrors { field message code }
  }
}
"""

COUNT = """
query($region: ID!, $include: Boolean!) {
  activities(filter: {region: $region}, includeArchived: $include) { totalCount }
}
"""


async def test_an_activity_is_archived_and_leaves_the_list(
    client: GraphQLClient, demo_conn: asyncpg.Connection
) -> None:
    admin = client.as_viewer(token("admin", []))
    key = await demo_conn.fetchval("select id from activity where title = '个案服务001'")
    region = gid(
        "Region",
        await demo_conn.fetchval("select region_id from activity where id = $1", key),
    )
    total = await demo_conn.fetchval(
        "select count(*) from activity where region_id = (select region_id from activity "
        "where id = $1)",
        key,
    )
    listed = await admin.data(COUNT, {"region": region, "include": False})
    assert listed["activities"]["totalCount"] == total

    stale = await admin.data(ARCHIVE, {"input": {"id": gid("Activity", key), "expectedVersion": 2}})
    assert stale["archiveActivity"] == {
        "activity": None,
        "userErrors": [
            {
                "field": ["input", "expectedVersion"],
                "message": "the activity is at version 1, not 2: read it again and retry",
                "code": "CONFLICT",
            }
        ],
    }
    assert await _events(demo_conn) == []

    data = await admin.data(ARCHIVE, {"input": {"id": gid("Activity", key), "expectedVersion": 1}})
    archived = data["archiveActivity"]["activity"]
    assert (archived["title"], archived["version"]) == ("个案服务001", 2)
    assert archived["archivedAt"] is not None
    assert await _events(demo_conn) == [("activity.archived", "Activity", key, {"version": 2})]
    hidden = await admin.data(COUNT, {"region": region, "include": False})
    assert hidden["activities"]["totalCount"] == total - 1
    shown = await admin.data(COUNT, {"region": region, "include": True})
    assert shown["activities"]["totalCount"] == total
