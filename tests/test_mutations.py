"""Mutations: a valid call's effect and its event; an invalid call's userErrors, nothing
written; concurrent allocations never exceed the resource."""

from __future__ import annotations

import asyncio
import base64

import asyncpg
import pytest

from tests.conftest import GraphQLClient, token


def _gid(type_name: str, key: int) -> str:
    return base64.b64encode(f"{type_name}:{key}".encode()).decode()


async def _one(conn: asyncpg.Connection, sql: str, *args: object) -> int:
    value: int = await conn.fetchval(sql, *args)
    return value


POST = """
mutation($input: PostProjectUpdateInput!) {
  postProjectUpdate(input: $input) {
    update { title body project { name } }
    userErrors { field message code }
  }
}
"""


@pytest.fixture
async def project_id(demo_conn: asyncpg.Connection) -> int:
    return await _one(demo_conn, "select id from project where name = '幸福管家'")


async def test_post_project_update_adds_it_and_its_event(
    client: GraphQLClient, demo_conn: asyncpg.Connection, project_id: int
) -> None:
    admin = client.as_viewer(token("admin", []))
    data = await admin.data(
        POST,
        {"input": {"projectId": _gid("Project", project_id), "title": "冬季走访", "body": "完成"}},
    )
    assert data["postProjectUpdate"] == {
        "update": {"title": "冬季走访", "body": "完成", "project": {"name": "幸福管家"}},
        "userErrors": [],
    }
    latest = await admin.data(
        "query($id: ID!) { node(id: $id) { ... on Project { updates(first: 1) { nodes { title } } } } }",
        {"id": _gid("Project", project_id)},
    )
    assert latest["node"]["updates"]["nodes"] == [{"title": "冬季走访"}]
    log = await admin.data("{ events { totalCount nodes { type summary region { name } } } }")
    assert log["events"]["totalCount"] == 1
    assert log["events"]["nodes"] == [
        {
            "type": "project_update.posted",
            "summary": {"projectId": project_id, "title": "冬季走访"},
            "region": {"name": "德清县"},
        }
    ]


@pytest.mark.parametrize(
    ("viewer", "title", "field", "code"),
    [
        ("admin", "   ", ["input", "title"], "INVALID"),
        ("anonymous", "冬季走访", None, "FORBIDDEN"),
        ("caseworker-elsewhere", "冬季走访", None, "FORBIDDEN"),
    ],
)
async def test_a_refused_update_writes_nothing(
    client: GraphQLClient,
    demo_conn: asyncpg.Connection,
    project_id: int,
    viewer: str,
    title: str,
    field: list[str] | None,
    code: str,
) -> None:
    before = await _one(demo_conn, "select count(*) from project_update")
    if viewer == "admin":
        caller = client.as_viewer(token("admin", []))
    elif viewer == "anonymous":
        caller = client
    else:
        weining = await _one(
            demo_conn, "select id from region where name = '威宁彝族回族苗族自治县'"
        )
        caller = client.as_viewer(token("caseworker", [weining]))
    data = await caller.data(
        POST, {"input": {"projectId": _gid("Project", project_id), "title": title}}
    )
    [error] = data["postProjectUpdate"]["userErrors"]
    assert (error["field"], error["code"]) == (field, code)
    assert data["postProjectUpdate"]["update"] is None
    assert await _one(demo_conn, "select count(*) from project_update") == before
    assert await _one(demo_conn, "select count(*) from change_event") == 0


async def test_an_unknown_project_is_not_found(client: GraphQLClient) -> None:
    admin = client.as_viewer(token("admin", []))
    data = await admin.data(POST, {"input": {"projectId": _gid("Project", 999999), "title": "x"}})
    assert data["postProjectUpdate"]["userErrors"] == [
        {
            "field": ["input", "projectId"],
            "message": "no project has the id 999999",
            "code": "NOT_FOUND",
        }
    ]


STATUS = """
mutation($input: ChangeProjectStatusInput!) {
  changeProjectStatus(input: $input) {
    project { status version }
    userErrors { field message code }
  }
}
"""


async def test_a_stale_version_is_a_conflict(
    client: GraphQLClient, demo_conn: asyncpg.Connection, project_id: int
) -> None:
    admin = client.as_viewer(token("admin", []))
    first = await admin.data(
        STATUS,
        {
            "input": {
                "projectId": _gid("Project", project_id),
                "status": "SUSPENDED",
                "expectedVersion": 1,
            }
        },
    )
    assert first["changeProjectStatus"] == {
        "project": {"status": "SUSPENDED", "version": 2},
        "userErrors": [],
    }
    stale = await admin.data(
        STATUS,
        {
            "input": {
                "projectId": _gid("Project", project_id),
                "status": "COMPLETED",
                "expectedVersion": 1,
            }
        },
    )
    assert stale["changeProjectStatus"]["userErrors"] == [
        {
            "field": ["input", "expectedVersion"],
            "message": "the project is at version 2, not 1: read it again and retry",
            "code": "CONFLICT",
        }
    ]
    assert await demo_conn.fetchval("select status from project where id = $1", project_id) == (
        "suspended"
    )
    assert await _one(demo_conn, "select count(*) from change_event") == 1


ALLOCATE = """
mutation($input: AllocateResourceInput!) {
  allocateResource(input: $input) {
    allocation { amount community { name } }
    resource { allocated remaining }
    userErrors { field message code }
  }
}
"""


@pytest.fixture
async def fund(demo_conn: asyncpg.Connection) -> tuple[str, str]:
    """The Deqing community fund (200,000 yuan, 80,000 allocated) and 干丰社区."""
    resource = await _one(
        demo_conn, "select id from charity_resource where name like '德清县社区慈善基金%'"
    )
    community = await _one(demo_conn, "select id from community where name = '干丰社区'")
    return _gid("CharityResource", resource), _gid("Community", community)


async def test_allocate_part_of_a_resource(client: GraphQLClient, fund: tuple[str, str]) -> None:
    resource, community = fund
    admin = client.as_viewer(token("admin", []))
    data = await admin.data(
        ALLOCATE,
        {"input": {"resourceId": resource, "communityId": community, "amount": "20000.50"}},
    )
    assert data["allocateResource"] == {
        "allocation": {"amount": 20000.5, "community": {"name": "干丰社区"}},
        "resource": {"allocated": 100000.5, "remaining": 99999.5},
        "userErrors": [],
    }


@pytest.mark.parametrize(
    ("extra", "field", "code", "message"),
    [
        ({"amount": "120000.01"}, ["input", "amount"], "CONFLICT",
         "only 120000.00 yuan of the resource is left, not 120000.01"),
        ({"amount": "-5"}, ["input", "amount"], "INVALID", "must be more than 0, got '-5'"),
        ({"amount": "lots"}, ["input", "amount"], "INVALID", "must be a decimal number, got 'lots'"),
        ({"amount": "0.001"}, ["input", "amount"], "INVALID", "has more than 2 decimal places"),
        ({"amount": "1e20"}, ["input", "amount"], "INVALID", "must be less than 1,000,000,000,000"),
        ({"amount": "10", "projectId": "UHJvamVjdDox"}, None, "INVALID",
         "name exactly one of projectId, communityId or needId"),
    ],
)  # fmt: skip
async def test_a_refused_allocation_writes_nothing(
    client: GraphQLClient,
    demo_conn: asyncpg.Connection,
    fund: tuple[str, str],
    extra: dict[str, str],
    field: list[str] | None,
    code: str,
    message: str,
) -> None:
    resource, community = fund
    admin = client.as_viewer(token("admin", []))
    data = await admin.data(
        ALLOCATE, {"input": {"resourceId": resource, "communityId": community, **extra}}
    )
    assert data["allocateResource"]["userErrors"] == [
        {"field": field, "message": message, "code": code}
    ]
    assert await _one(demo_conn, "select count(*) from resource_allocation") == 2
    assert await _one(demo_conn, "select count(*) from change_event") == 0


async def test_concurrent_allocations_never_exceed_the_resource(
    client: GraphQLClient, demo_conn: asyncpg.Connection, fund: tuple[str, str]
) -> None:
    resource, community = fund
    admin = client.as_viewer(token("admin", []))
    variables = {"input": {"resourceId": resource, "communityId": community, "amount": "15000"}}
    results = await asyncio.gather(*(admin.data(ALLOCATE, variables) for _ in range(20)))
    granted = [r for r in results if not r["allocateResource"]["userErrors"]]
    refused = [r for r in results if r["allocateResource"]["userErrors"]]
    # 120,000 were left: eight allocations of 15,000 fit, twelve do not.
    assert (len(granted), len(refused)) == (8, 12)
    assert {r["allocateResource"]["userErrors"][0]["code"] for r in refused} == {"CONFLICT"}
    total = await demo_conn.fetchval(
        "select sum(a.amount) from resource_allocation a join charity_resource r "
        "on r.id = a.resource_id where r.name like '德清县社区慈善基金%'"
    )
    assert total == 200000
    assert await _one(demo_conn, "select count(*) from change_event") == 8
