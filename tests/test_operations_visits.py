"""Door-knocking operations: record a visit with the needs it found, open a need. A valid
call's rows read back and its events (never notes or descriptions); refused calls write
nothing."""

from __future__ import annotations

import base64
from typing import Any

import asyncpg
import pytest

from tests.conftest import GraphQLClient, token
from tests.writes import counts
from tests.writes import events as _events
from tests.writes import gid as _gid
from tests.writes import scalar as _id

TABLES = ("visit", "need", "change_event")


async def _counts(conn: asyncpg.Connection) -> dict[str, int]:
    return await counts(conn, TABLES)


async def _region(conn: asyncpg.Connection, name: str) -> int:
    return await _id(conn, "select id from region where name = $1", name)


@pytest.fixture
async def ganhechen(demo_conn: asyncpg.Connection) -> dict[str, int]:
    """A household of 干河陈街道 (源汇区, 漯河市), the Luohe campaign (from 2023-12-01) and one
    of its social workers."""
    return {
        "household": await _id(
            demo_conn,
            "select h.id from household h join region r on r.id = h.region_id "
            "where r.name = '干河陈街道'",
        ),
        "campaign": await _id(
            demo_conn, "select id from door_knocking_campaign where name = '民政社工敲门行动'"
        ),
        "worker": await _id(demo_conn, "select id from social_worker where full_name = '宋燕莉'"),
        "yuanhui": await _region(demo_conn, "源汇区"),
    }


VISIT = """
mutation($input: RecordVisitInput!) {
  recordVisit(input: $input) {
    visit { id visitedOn notes campaign { name } socialWorker { name } }
    needs { kind description status openedOn }
    userErrors { field message code }
  }
}
"""


def _visit_input(places: dict[str, int], **change: Any) -> dict[str, Any]:
    return {
        "householdId": _gid("Household", places["household"]),
        "socialWorkerId": _gid("SocialWorker", places["worker"]),
        "campaignId": _gid("DoorKnockingCampaign", places["campaign"]),
        "visitedOn": "2024-01-05",
        "notes": "独居，行动不便",
        "needs": [
            {"kind": "DAILY_LIVING", "description": "每日送餐"},
            {"kind": "MEDICAL", "description": "定期测血压"},
        ],
        **change,
    }


async def test_record_a_visit_with_the_needs_it_found(
    client: GraphQLClient, demo_conn: asyncpg.Connection, ganhechen: dict[str, int]
) -> None:
    caseworker = client.as_viewer(token("caseworker", [ganhechen["yuanhui"]]))
    data = await caseworker.data(VISIT, {"input": _visit_input(ganhechen)})
    payload = data["recordVisit"]
    assert payload["userErrors"] == []
    visit_id = payload["visit"].pop("id")
    assert payload["visit"] == {
        "visitedOn": "2024-01-05",
        "notes": "独居，行动不便",
        "campaign": {"name": "民政社工敲门行动"},
        "socialWorker": {"name": "宋燕莉"},
    }
    assert payload["needs"] == [
        {"kind": "DAILY_LIVING", "description": "每日送餐", "status": "OPEN",
         "openedOn": "2024-01-05"},
        {"kind": "MEDICAL", "description": "定期测血压", "status": "OPEN",
         "openedOn": "2024-01-05"},
    ]  # fmt: skip
    read = await caseworker.data(
        "query($id: ID!) { node(id: $id) { ... on Visit { notes household { id } "
        "needs { nodes { kind description } } } } }",
        {"id": visit_id},
    )
    assert read["node"] == {
        "notes": "独居，行动不便",
        "household": {"id": _gid("Household", ganhechen["household"])},
        "needs": {
            "nodes": [
                {"kind": "DAILY_LIVING", "description": "每日送餐"},
                {"kind": "MEDICAL", "description": "定期测血压"},
            ]
        },
    }
    need_ids = [
        row[0] for row in await demo_conn.fetch("select id from need where visit_id is not null "
                                                "and opened_on = '2024-01-05' order by id")
    ]  # fmt: skip
    assert len(need_ids) == 2
    household = ganhechen["household"]
    visit_key = int(base64.b64decode(visit_id).decode().split(":")[1])
    assert await _events(demo_conn) == [
        ("visit.recorded", "Visit", {"householdId": household,
                                     "socialWorkerId": ganhechen["worker"],
                                     "campaignId": ganhechen["campaign"],
                                     "visitedOn": "2024-01-05", "needIds": need_ids}),
        ("need.opened", "Need", {"householdId": household, "visitId": visit_key,
                                 "kind": "daily_living", "openedOn": "2024-01-05"}),
        ("need.opened", "Need", {"householdId": household, "visitId": visit_key,
                                 "kind": "medical", "openedOn": "2024-01-05"}),
    ]  # fmt: skip
    logged = await demo_conn.fetchval("select string_agg(summary::text, ' ') from change_event")
    assert "独居" not in logged
    assert "送餐" not in logged


@pytest.mark.parametrize(
    ("viewer", "change", "field", "code", "message"),
    [
        ("caseworker", {"visitedOn": "2023-11-20"}, ["input", "visitedOn"], "INVALID",
         "the campaign runs from 2023-12-01"),
        ("caseworker", {"socialWorkerId": _gid("SocialWorker", 999999)},
         ["input", "socialWorkerId"], "NOT_FOUND", "no social worker has the id 999999"),
        ("caseworker", {"householdId": _gid("Visit", 1)}, ["input", "householdId"], "INVALID",
         "must be the id of a Household"),
        ("analyst", {}, None, "FORBIDDEN",
         "writes need a caseworker token covering the region, or an admin token"),
        # A household outside the token's regions is answered as a missing one would be.
        ("caseworker elsewhere", {}, ["input", "householdId"], "NOT_FOUND",
         "no household has the id {household}"),
    ],
)  # fmt: skip
async def test_a_refused_visit_writes_nothing(
    client: GraphQLClient,
    demo_conn: asyncpg.Connection,
    ganhechen: dict[str, int],
    viewer: str,
    change: dict[str, Any],
    field: list[str] | None,
    code: str,
    message: str,
) -> None:
    regions = {
        "caseworker": [ganhechen["yuanhui"]],
        "caseworker elsewhere": [await _region(demo_conn, "临颍县")],
        "analyst": [],
    }[viewer]
    role = "analyst" if viewer == "analyst" else "caseworker"
    before = await _counts(demo_conn)
    data = await client.as_viewer(token(role, regions)).data(
        VISIT, {"input": _visit_input(ganhechen, **change)}
    )
    message = message.format(household=ganhechen["household"])
    assert data["recordVisit"] == {
        "visit": None,
        "needs": [],
        "userErrors": [{"field": field, "message": message, "code": code}],
    }
    assert await _counts(demo_conn) == before


async def test_a_campaign_of_another_region_is_invalid(
    client: GraphQLClient, demo_conn: asyncpg.Connection, ganhechen: dict[str, int]
) -> None:
    deqing = await _region(demo_conn, "德清县")
    other = await _id(
        demo_conn,
        "insert into door_knocking_campaign (region_id, name, starts_on) "
        "values ($1, '德清敲门', '2023-01-01') returning id",
        deqing,
    )
    before = await _counts(demo_conn)
    data = await client.as_viewer(token("admin", [])).data(
        VISIT,
        {"input": _visit_input(ganhechen, campaignId=_gid("DoorKnockingCampaign", other))},
    )
    assert data["recordVisit"]["userErrors"] == [
        {
            "field": ["input", "campaignId"],
            "message": "the campaign does not cover the household's region",
            "code": "INVALID",
        }
    ]
    assert await _counts(demo_conn) == before


OPEN = """
mutation($input: OpenNeedInput!) {
  openNeed(input: $input) {
    need { id kind description status openedOn household { id } }
    userErrors { field message code }
  }
}
"""


@pytest.fixture
async def linying(demo_conn: asyncpg.Connection) -> dict[str, int]:
    """The household of 临颍县 and the region."""
    region = await _region(demo_conn, "临颍县")
    household = await _id(demo_conn, "select id from household where region_id = $1", region)
    return {"region": region, "household": household}


async def test_open_a_need(
    client: GraphQLClient, demo_conn: asyncpg.Connection, linying: dict[str, int]
) -> None:
    caseworker = client.as_viewer(token("caseworker", [linying["region"]]))
    household = _gid("Household", linying["household"])
    data = await caseworker.data(
        OPEN,
        {"input": {"householdId": household, "kind": "HOUSING", "description": "屋顶漏雨",
                   "openedOn": "2024-02-01"}},
    )  # fmt: skip
    payload = data["openNeed"]
    assert payload["userErrors"] == []
    need_id = payload["need"].pop("id")
    assert payload["need"] == {
        "kind": "HOUSING",
        "description": "屋顶漏雨",
        "status": "OPEN",
        "openedOn": "2024-02-01",
        "household": {"id": household},
    }
    read = await caseworker.data(
        "query($id: ID!) { node(id: $id) { ... on Need { description version } } }",
        {"id": need_id},
    )
    assert read["node"] == {"description": "屋顶漏雨", "version": 1}
    assert await _events(demo_conn) == [
        ("need.opened", "Need", {"householdId": linying["household"], "visitId": None,
                                 "kind": "housing", "openedOn": "2024-02-01"}),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("viewer", "visit_of", "field", "code", "message"),
    [
        ("caseworker", "龙城镇", ["input", "visitId"], "INVALID",
         "the visit was to another household"),
        ("analyst", None, None, "FORBIDDEN",
         "writes need a caseworker token covering the region, or an admin token"),
    ],
)  # fmt: skip
async def test_a_refused_need_writes_nothing(
    client: GraphQLClient,
    demo_conn: asyncpg.Connection,
    linying: dict[str, int],
    viewer: str,
    visit_of: str | None,
    field: list[str] | None,
    code: str,
    message: str,
) -> None:
    fields: dict[str, Any] = {
        "householdId": _gid("Household", linying["household"]),
        "kind": "SAFETY",
        "description": "电线老化",
    }
    if visit_of is not None:
        other_visit = await _id(
            demo_conn,
            "select v.id from visit v join household h on h.id = v.household_id "
            "join region r on r.id = h.region_id where r.name = $1 order by v.id limit 1",
            visit_of,
        )
        fields["visitId"] = _gid("Visit", other_visit)
    caller = (
        token("caseworker", [linying["region"]]) if viewer == "caseworker" else token("analyst", [])
    )
    before = await _counts(demo_conn)
    data = await client.as_viewer(caller).data(OPEN, {"input": fields})
    assert data["openNeed"] == {
        "need": None,
        "userErrors": [{"field": field, "message": message, "code": code}],
    }
    assert await _counts(demo_conn) == before
