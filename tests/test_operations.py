"""Project participation and activities. Each: a valid call's rows read back and its event;
invalid calls' userErrors with nothing written."""

from __future__ import annotations

import asyncio
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
TABLES = ("project_participant", "activity", "activity_participant", "change_event")


async def _counts(conn: asyncpg.Connection) -> dict[str, int]:
    return await counts(conn, TABLES)


ADD = """
mutation($input: AddProjectParticipantInput!) {
  addProjectParticipant(input: $input) {
    participant { id role joinedOn leftOn actor { name } project { name } }
    userErrors { field message code }
  }
}
"""

END = """
mutation($input: EndProjectParticipationInput!) {
  endProjectParticipation(input: $input) {
    participant { role joinedOn leftOn version }
    userErrors { field message code }
  }
}
"""


@pytest.fixture
async def happiness(demo_conn: asyncpg.Connection) -> int:
    """幸福管家 (Deqing): led by 德清县百强社工机构1, funded by 德清县民政局 since 2023-03-01."""
    return await _id(demo_conn, "select id from project where name = '幸福管家'")


async def test_add_a_community_as_host_of_a_project(
    client: GraphQLClient, demo_conn: asyncpg.Connection, happiness: int
) -> None:
    ganfeng = await _id(demo_conn, "select id from community where name = '干丰社区'")
    deqing = await _id(demo_conn, "select id from region where name = '德清县'")
    caseworker = client.as_viewer(token("caseworker", [deqing]))
    data = await caseworker.data(
        ADD,
        {"input": {"projectId": _gid("Project", happiness), "actorId": _gid("Community", ganfeng),
                   "role": "HOST", "joinedOn": "2024-04-01"}},
    )  # fmt: skip
    payload = data["addProjectParticipant"]
    assert payload["userErrors"] == []
    assert {k: v for k, v in payload["participant"].items() if k != "id"} == {
        "role": "HOST",
        "joinedOn": "2024-04-01",
        "leftOn": None,
        "actor": {"name": "干丰社区"},
        "project": {"name": "幸福管家"},
    }
    listed = await caseworker.data(
        "query($id: ID!) { node(id: $id) { ... on Project { participants { nodes { role "
        "actor { name } } } } } }",
        {"id": _gid("Project", happiness)},
    )
    assert listed["node"]["participants"]["nodes"] == [
        {"role": "LEAD", "actor": {"name": "德清县百强社工机构1"}},
        {"role": "FUNDER", "actor": {"name": "德清县民政局"}},
        {"role": "HOST", "actor": {"name": "干丰社区"}},
    ]
    assert await _events(demo_conn) == [
        (
            "project_participant.added",
            "ProjectParticipant",
            {"projectId": happiness, "actorId": ganfeng, "role": "host", "joinedOn": "2024-04-01"},
        )
    ]


@pytest.mark.parametrize(
    ("viewer", "actor", "role", "field", "code", "message"),
    [
        ("admin", ("Organization", "德清县民政局"), "FUNDER", ["input", "role"], "CONFLICT",
         "the actor already has this role in the project"),
        ("admin", ("Project", "幸福管家"), "PARTNER", ["input", "actorId"], "INVALID",
         "must be the id of an actor"),
        ("analyst", ("Organization", "德清县民政局"), "PARTNER", None, "FORBIDDEN",
         "writes need a caseworker token covering the region, or an admin token"),
    ],
)  # fmt: skip
async def test_a_refused_participation_writes_nothing(
    client: GraphQLClient,
    demo_conn: asyncpg.Connection,
    happiness: int,
    viewer: str,
    actor: tuple[str, str],
    role: str,
    field: list[str] | None,
    code: str,
    message: str,
) -> None:
    type_name, name = actor
    table = {"Organization": "organization", "Project": "project"}[type_name]
    actor_id = await _id(demo_conn, f"select id from {table} where name = $1", name)
    before = await _counts(demo_conn)
    caller = client.as_viewer(token("admin", []) if viewer == "admin" else token("analyst", []))
    data = await caller.data(
        ADD,
        {"input": {"projectId": _gid("Project", happiness), "actorId": _gid(type_name, actor_id),
                   "role": role}},
    )  # fmt: skip
    assert data["addProjectParticipant"] == {
        "participant": None,
        "userErrors": [{"field": field, "message": message, "code": code}],
    }
    assert await _counts(demo_conn) == before


async def test_an_actor_named_with_another_type_is_not_found(
    client: GraphQLClient, demo_conn: asyncpg.Connection, happiness: int
) -> None:
    """`University:<干丰社区's id>` is an actor id, but not a university's."""
    ganfeng = await _id(demo_conn, "select id from community where name = '干丰社区'")
    before = await _counts(demo_conn)
    data = await client.as_viewer(token("admin", [])).data(
        ADD,
        {"input": {"projectId": _gid("Project", happiness), "actorId": _gid("University", ganfeng),
                   "role": "HOST"}},
    )  # fmt: skip
    assert data["addProjectParticipant"] == {
        "participant": None,
        "userErrors": [
            {
                "field": ["input", "actorId"],
                "message": f"no university has the id {ganfeng}",
                "code": "NOT_FOUND",
            }
        ],
    }
    assert await _counts(demo_conn) == before


async def test_an_archived_project_takes_no_one_new(
    client: GraphQLClient, demo_conn: asyncpg.Connection, happiness: int
) -> None:
    await demo_conn.execute("update project set archived_at = now() where id = $1", happiness)
    ganfeng = await _id(demo_conn, "select id from community where name = '干丰社区'")
    before = await _counts(demo_conn)
    data = await _admin(client).data(
        ADD,
        {"input": {"projectId": _gid("Project", happiness), "actorId": _gid("Community", ganfeng),
                   "role": "HOST"}},
    )  # fmt: skip
    assert data["addProjectParticipant"] == {
        "participant": None,
        "userErrors": [
            {"field": ["input", "projectId"], "message": "the project is archived",
             "code": "CONFLICT"}
        ],
    }  # fmt: skip
    assert await _counts(demo_conn) == before


async def test_end_a_participation_once(
    client: GraphQLClient, demo_conn: asyncpg.Connection, happiness: int
) -> None:
    lead = await _id(
        demo_conn,
        "select id from project_participant where project_id = $1 and role = 'lead'",
        happiness,
    )
    admin = _admin(client)
    read = await admin.data(
        "query($id: ID!) { node(id: $id) { ... on ProjectParticipant { version leftOn } } }",
        {"id": _gid("ProjectParticipant", lead)},
    )
    assert read["node"] == {"version": 1, "leftOn": None}
    variables = {"input": {"participantId": _gid("ProjectParticipant", lead),
                           "leftOn": "2024-06-30", "expectedVersion": 1}}  # fmt: skip
    data = await admin.data(END, variables)
    assert data["endProjectParticipation"] == {
        "participant": {
            "role": "LEAD",
            "joinedOn": "2023-03-01",
            "leftOn": "2024-06-30",
            "version": 2,
        },
        "userErrors": [],
    }
    [(kind, entity, summary)] = await _events(demo_conn)
    assert (kind, entity) == ("project_participant.ended", "ProjectParticipant")
    assert summary["leftOn"] == "2024-06-30"
    assert summary["version"] == 2

    again = await admin.data(
        END, {"input": {"participantId": _gid("ProjectParticipant", lead), "leftOn": "2024-07-01"}}
    )
    assert again["endProjectParticipation"]["userErrors"] == [
        {
            "field": ["input", "leftOn"],
            "message": "the participation already ended on 2024-06-30",
            "code": "CONFLICT",
        }
    ]
    stale = await admin.data(END, variables)
    assert stale["endProjectParticipation"]["userErrors"] == [
        {
            "field": ["input", "expectedVersion"],
            "message": "the participation is at version 2, not 1: read it again and retry",
            "code": "CONFLICT",
        }
    ]
    assert await demo_conn.fetchval(
        "select left_on::text from project_participant where id = $1", lead
    ) == ("2024-06-30")
    assert len(await _events(demo_conn)) == 1


async def test_two_concurrent_ends_leave_one_date(
    client: GraphQLClient, demo_conn: asyncpg.Connection, happiness: int
) -> None:
    funder = await _id(
        demo_conn,
        "select id from project_participant where project_id = $1 and role = 'funder'",
        happiness,
    )
    admin = _admin(client)
    results = await asyncio.gather(
        *(
            admin.data(END, {"input": {"participantId": _gid("ProjectParticipant", funder),
                                       "leftOn": left_on}})
            for left_on in ("2024-06-30", "2024-07-31")
        )
    )  # fmt: skip
    codes = sorted([e["code"] for e in r["endProjectParticipation"]["userErrors"]] for r in results)
    assert codes == [[], ["CONFLICT"]]
    [winner] = [
        r["endProjectParticipation"]["participant"]["leftOn"]
        for r in results
        if not r["endProjectParticipation"]["userErrors"]
    ]
    stored = await demo_conn.fetchval(
        "select left_on::text from project_participant where id = $1", funder
    )
    assert stored == winner
    assert [kind for kind, _, _ in await _events(demo_conn)] == ["project_participant.ended"]


async def test_leaving_before_joining_is_invalid(
    client: GraphQLClient, demo_conn: asyncpg.Connection, happiness: int
) -> None:
    lead = await _id(
        demo_conn,
        "select id from project_participant where project_id = $1 and role = 'lead'",
        happiness,
    )
    before = await _counts(demo_conn)
    data = await _admin(client).data(
        END, {"input": {"participantId": _gid("ProjectParticipant", lead), "leftOn": "2023-02-28"}}
    )
    assert data["endProjectParticipation"] == {
        "participant": None,
        "userErrors": [
            {
                "field": ["input", "leftOn"],
                "message": "must not be before the actor joined on 2023-03-01",
                "code": "INVALID",
            }
        ],
    }
    assert (
        await demo_conn.fetchval("select left_on from project_participant where id = $1", lead)
        is None
    )
    assert await _counts(demo_conn) == before


RECORD_ACTIVITY = """
mutation($input: RecordActivityInput!) {
  recordActivity(input: $input) {
    activity { id kind title heldOn personTimes region { name } project { name }
               community { name } organizer { name } }
    participants { role actor { name } }
    userErrors { field message code }
  }
}
"""


@pytest.fixture
async def deqing_places(demo_conn: asyncpg.Connection) -> dict[str, int]:
    return {
        "project": await _id(demo_conn, "select id from project where name = '幸福管家'"),
        "community": await _id(demo_conn, "select id from community where name = '干丰社区'"),
        "agency": await _id(demo_conn, "select id from organization where name = '德清县百强社工机构1'"),
        "university": await _id(demo_conn, "select id from university where name = '浙江工商大学'"),
    }  # fmt: skip


async def test_record_an_activity_with_its_participants(
    client: GraphQLClient, demo_conn: asyncpg.Connection, deqing_places: dict[str, int]
) -> None:
    p = deqing_places
    data = await _admin(client).data(
        RECORD_ACTIVITY,
        {
            "input": {
                "kind": "GROUP_WORK",
                "title": "长者防诈小组",
                "heldOn": "2024-05-10",
                "personTimes": 36,
                "projectId": _gid("Project", p["project"]),
                "communityId": _gid("Community", p["community"]),
                "organizerId": _gid("Organization", p["agency"]),
                "participants": [
                    {"actorId": _gid("University", p["university"])},
                    {"actorId": _gid("Community", p["community"]), "role": "HOST"},
                ],
            }
        },
    )
    payload = data["recordActivity"]
    assert payload["userErrors"] == []
    activity_id = payload["activity"].pop("id")
    # The region is the community's (康乾街道), not the project's county.
    assert payload["activity"] == {
        "kind": "GROUP_WORK",
        "title": "长者防诈小组",
        "heldOn": "2024-05-10",
        "personTimes": 36,
        "region": {"name": "康乾街道"},
        "project": {"name": "幸福管家"},
        "community": {"name": "干丰社区"},
        "organizer": {"name": "德清县百强社工机构1"},
    }
    assert payload["participants"] == [
        {"role": "PARTNER", "actor": {"name": "浙江工商大学"}},
        {"role": "HOST", "actor": {"name": "干丰社区"}},
    ]
    read = await client.data(
        "query($id: ID!) { node(id: $id) { ... on Activity { title personTimes } } }",
        {"id": activity_id},
    )
    assert read["node"] == {"title": "长者防诈小组", "personTimes": 36}
    rows = await demo_conn.fetch(
        "select actor_id, role from activity_participant order by actor_id"
    )
    assert [tuple(row) for row in rows] == [
        (p["community"], "host"),
        (p["university"], "partner"),
    ]
    assert await _events(demo_conn) == [
        (
            "activity.recorded",
            "Activity",
            {
                "kind": "group_work",
                "title": "长者防诈小组",
                "heldOn": "2024-05-10",
                "personTimes": 36,
                "projectId": p["project"],
                "participantIds": [p["university"], p["community"]],
            },
        )
    ]


@pytest.mark.parametrize(
    ("change", "field", "code", "message"),
    [
        ({"personTimes": -1}, ["input", "personTimes"], "INVALID", "must not be negative"),
        ({"title": "  "}, ["input", "title"], "INVALID", "must not be blank"),
        ({"communityId": None, "projectId": None}, ["input", "regionId"], "INVALID",
         "name the region, or a site, community or project it belongs to"),
        ({"siteId": _gid("ServiceSite", 999999)}, ["input", "siteId"], "NOT_FOUND",
         "no service site has the id 999999"),
        ("twice", ["input", "participants", "1", "actorId"], "INVALID",
         "an actor takes part once"),
        ("unknown actor", ["input", "participants", "1", "actorId"], "NOT_FOUND",
         "no organization has the id 999999"),
    ],
)  # fmt: skip
async def test_a_refused_activity_writes_nothing(
    client: GraphQLClient,
    demo_conn: asyncpg.Connection,
    deqing_places: dict[str, int],
    change: dict[str, Any] | str,
    field: list[str],
    code: str,
    message: str,
) -> None:
    p = deqing_places
    university = {"actorId": _gid("University", p["university"])}
    fields: dict[str, Any] = {
        "kind": "TRAINING",
        "title": "社工督导培训",
        "heldOn": "2024-05-11",
        "personTimes": 20,
        "projectId": _gid("Project", p["project"]),
        "communityId": _gid("Community", p["community"]),
        "participants": [university],
    }
    if change == "twice":
        fields["participants"] = [university, university]
    elif change == "unknown actor":
        fields["participants"] = [university, {"actorId": _gid("Organization", 999999)}]
    else:
        assert isinstance(change, dict)
        fields.update(change)
    before = await _counts(demo_conn)
    data = await _admin(client).data(RECORD_ACTIVITY, {"input": fields})
    assert data["recordActivity"] == {
        "activity": None,
        "participants": [],
        "userErrors": [{"field": field, "message": message, "code": code}],
    }
    assert await _counts(demo_conn) == before


async def test_an_activity_needs_a_caseworker_of_its_region(
    client: GraphQLClient, demo_conn: asyncpg.Connection, deqing_places: dict[str, int]
) -> None:
    weining = await _id(demo_conn, "select id from region where name = '威宁彝族回族苗族自治县'")
    before = await _counts(demo_conn)
    data = await client.as_viewer(token("caseworker", [weining])).data(
        RECORD_ACTIVITY,
        {"input": {"kind": "TRAINING", "title": "培训", "heldOn": "2024-05-11",
                   "communityId": _gid("Community", deqing_places["community"])}},
    )  # fmt: skip
    assert [e["code"] for e in data["recordActivity"]["userErrors"]] == ["FORBIDDEN"]
    assert await _counts(demo_conn) == before
