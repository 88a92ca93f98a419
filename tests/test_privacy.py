"""Personal data of vulnerable people: counts are public, rows need a caseworker token for
their region (or an admin token), and a refusal is a FORBIDDEN error, never an empty list."""

from __future__ import annotations

import base64

import asyncpg
import pytest

from fivesoc.auth import issue_token
from tests.conftest import GraphQLClient, token


async def _region(conn: asyncpg.Connection, name: str) -> int:
    region_id: int = await conn.fetchval("select id from region where name = $1", name)
    return region_id


def _gid(type_name: str, key: int) -> str:
    return base64.b64encode(f"{type_name}:{key}".encode()).decode()


def _forbidden(body: dict) -> str:
    [error] = body["errors"]
    assert error["extensions"] == {"code": "FORBIDDEN"}
    message: str = error["message"]
    return message


PERSONAL_LISTS = """
{ households { totalCount } visits { totalCount } needs { totalCount }
  doorKnockingCampaigns { nodes { visits { totalCount } } } }
"""


async def test_anonymous_requests_may_count_personal_records(client: GraphQLClient) -> None:
    data = await client.data(PERSONAL_LISTS)
    assert data["households"]["totalCount"] == 4
    assert data["visits"]["totalCount"] == 4
    assert data["needs"]["totalCount"] == 6
    assert data["doorKnockingCampaigns"]["nodes"] == [{"visits": {"totalCount": 4}}]


@pytest.mark.parametrize(
    ("query", "what"),
    [
        ("{ households { nodes { headName } } }", "households"),
        ("{ visits { nodes { notes } } }", "visits"),
        ("{ needs { edges { node { description } } } }", "needs"),
        ("{ doorKnockingCampaigns { nodes { visits { nodes { notes } } } } }", "visits"),
        ("{ volunteerTeams { nodes { volunteers { nodes { fullName } } } } }", "volunteers' names"),
    ],
)
async def test_anonymous_requests_may_not_read_personal_details(
    client: GraphQLClient, query: str, what: str
) -> None:
    body = await client.execute(query)
    message = _forbidden(body)
    assert message.startswith(f"{what} are personal data of vulnerable people")
    assert "caseworker token" in message


# The guard reads the fields a query selects, however they are written: fragments opened,
# aliases ignored, @skip/@include applied. The demo data holds 4 households and 4 visits.
COUNTED = [
    ("{ households { ... on HouseholdConnection { totalCount } } }", {"totalCount": 4}),
    ("{ households { ...C } } fragment C on HouseholdConnection { totalCount }", {"totalCount": 4}),
    ("{ households { n: totalCount } }", {"n": 4}),
    ("{ households { totalCount nodes @skip(if: true) { headName } } }", {"totalCount": 4}),
    (
        "query($show: Boolean = false) "
        "{ households { totalCount nodes @include(if: $show) { headName } } }",
        {"totalCount": 4},
    ),
]
REFUSED = [
    "{ households { ...F } } fragment F on HouseholdConnection { totalCount nodes { headName } }",
    "{ households { totalCount: nodes { headName } } }",
    "{ households { totalCount ... on HouseholdConnection { nodes { headName } } } }",
    "query($show: Boolean = true) "
    "{ households { totalCount nodes @include(if: $show) { headName } } }",
    "{ households { totalCount nodes @skip(if: false) { headName } } }",
]


@pytest.mark.parametrize(("query", "answer"), COUNTED)
async def test_a_count_however_written_is_answered_to_anyone(
    client: GraphQLClient, query: str, answer: dict
) -> None:
    assert await client.data(query) == {"households": answer}


@pytest.mark.parametrize("query", REFUSED)
async def test_rows_however_written_are_refused_to_anonymous_requests(
    client: GraphQLClient, query: str
) -> None:
    body = await client.execute(query)
    assert _forbidden(body).startswith("households are personal data")
    assert body["data"] is None


async def test_fragments_on_personal_child_lists_are_read_as_selected(
    client: GraphQLClient,
) -> None:
    """A campaign's visits, needs and visits by a fragment: the count alone is public."""
    counted = await client.data(
        "{ doorKnockingCampaigns { nodes { visits { ... on VisitConnection { totalCount } } } } }"
    )
    assert counted["doorKnockingCampaigns"]["nodes"] == [{"visits": {"totalCount": 4}}]
    assert (await client.data("{ needs { ...N } } fragment N on NeedConnection { totalCount }"))[
        "needs"
    ] == {"totalCount": 6}
    for query, what in (
        (
            "{ doorKnockingCampaigns { nodes { visits { ...V } } } } "
            "fragment V on VisitConnection { totalCount edges { node { notes } } }",
            "visits",
        ),
        ("{ needs { ...N } } fragment N on NeedConnection { totalCount: nodes { id } }", "needs"),
    ):
        assert _forbidden(await client.execute(query)).startswith(f"{what} are personal data")


async def test_a_caseworker_gets_rows_however_written(
    client: GraphQLClient, demo_conn: asyncpg.Connection
) -> None:
    """Two of the four households lie in 郾城区: the count alone counts all four, rows are
    the caseworker's two, with their count."""
    yancheng = await _region(demo_conn, "郾城区")
    caseworker = client.as_viewer(token("caseworker", [yancheng]))
    for query, answer in COUNTED:
        assert await caseworker.data(query) == {"households": answer}
    spread = await caseworker.data(
        "{ households { ...F } } "
        "fragment F on HouseholdConnection { totalCount nodes { region { name } } }"
    )
    assert spread["households"] == {
        "totalCount": 2,
        "nodes": [{"region": {"name": "龙城镇"}}, {"region": {"name": "龙城镇"}}],
    }
    aliased = await caseworker.data("{ households { totalCount: nodes { region { name } } } }")
    assert aliased["households"] == {
        "totalCount": [{"region": {"name": "龙城镇"}}, {"region": {"name": "龙城镇"}}]
    }


async def test_anonymous_node_lookup_of_a_household_is_refused(
    client: GraphQLClient, demo_conn: asyncpg.Connection
) -> None:
    household = await demo_conn.fetchval("select min(id) from household")
    body = await client.execute(
        "query($id: ID!) { node(id: $id) { ... on Household { headName } } }",
        {"id": _gid("Household", household)},
    )
    assert _forbidden(body).startswith("households are personal data")
    assert body["data"] == {"node": None}


async def test_an_analyst_token_reads_counts_but_not_rows(
    client: GraphQLClient, demo_conn: asyncpg.Connection
) -> None:
    luohe = await _region(demo_conn, "漯河市")
    analyst = client.as_viewer(token("analyst", [luohe]))
    assert (await analyst.data("{ needs { totalCount } }"))["needs"]["totalCount"] == 6
    _forbidden(await analyst.execute("{ needs { nodes { description } } }"))


async def test_a_caseworker_reads_households_of_their_region_only(
    client: GraphQLClient, demo_conn: asyncpg.Connection
) -> None:
    yancheng = await _region(demo_conn, "郾城区")
    caseworker = client.as_viewer(token("caseworker", [yancheng]))
    data = await caseworker.data(
        "{ households { totalCount nodes { region { name } members { totalCount } "
        "needs { nodes { kind status } } } } }"
    )
    households = data["households"]["nodes"]
    assert data["households"]["totalCount"] == 2
    assert [h["region"]["name"] for h in households] == ["龙城镇", "龙城镇"]
    assert sorted(h["members"]["totalCount"] for h in households) == [2, 4]
    needs = sorted(n["kind"] for h in households for n in h["needs"]["nodes"])
    assert needs == ["FAMILY_RELATIONS", "MEDICAL", "SAFETY"]


async def test_a_caseworker_may_not_open_a_household_elsewhere(
    client: GraphQLClient, demo_conn: asyncpg.Connection
) -> None:
    yancheng = await _region(demo_conn, "郾城区")
    elsewhere = await demo_conn.fetchval(
        "select h.id from household h join region r on r.id = h.region_id "
        "where r.name = '干河陈街道'"
    )
    caseworker = client.as_viewer(token("caseworker", [yancheng]))
    query = "query($id: ID!) { node(id: $id) { ... on Household { headName } } }"
    # A household outside the token's regions is null, exactly as one that does not exist:
    # the answer does not tell whether it exists.
    assert await caseworker.data(query, {"id": _gid("Household", elsewhere)}) == {"node": None}
    assert await caseworker.data(query, {"id": _gid("Household", 10**9)}) == {"node": None}


async def test_without_a_caseworker_token_no_household_id_is_answered(
    client: GraphQLClient, demo_conn: asyncpg.Connection
) -> None:
    existing = await demo_conn.fetchval("select min(id) from household")
    query = "query($id: ID!) { node(id: $id) { ... on Household { headName } } }"
    for viewer in (client, client.as_viewer(token("analyst", []))):
        for key in (existing, 10**9):
            body = await viewer.execute(query, {"id": _gid("Household", key)})
            assert _forbidden(body).startswith("households are personal data"), key


async def test_a_write_to_a_household_does_not_tell_whether_it_exists(
    client: GraphQLClient, demo_conn: asyncpg.Connection
) -> None:
    yancheng = await _region(demo_conn, "郾城区")
    elsewhere = await demo_conn.fetchval(
        "select h.id from household h join region r on r.id = h.region_id "
        "where r.name = '干河陈街道'"
    )
    archive = (
        "mutation($id: ID!) { archiveHousehold(input: {id: $id, expectedVersion: 1}) {"
        " userErrors { field message code } } }"
    )
    caseworker = client.as_viewer(token("caseworker", [yancheng]))
    outside = await caseworker.data(archive, {"id": _gid("Household", elsewhere)})
    missing = await caseworker.data(archive, {"id": _gid("Household", 10**9)})
    assert outside["archiveHousehold"]["userErrors"] == [
        {"field": ["input", "id"], "message": f"no household has the id {elsewhere}",
         "code": "NOT_FOUND"}
    ]  # fmt: skip
    assert missing["archiveHousehold"]["userErrors"][0]["code"] == "NOT_FOUND"
    for key in (elsewhere, 10**9):
        anonymous = await client.data(archive, {"id": _gid("Household", key)})
        assert [e["code"] for e in anonymous["archiveHousehold"]["userErrors"]] == ["FORBIDDEN"]
    assert (
        await demo_conn.fetchval("select count(*) from household where archived_at is not null")
        == 0
    )


async def test_an_admin_reads_every_household(
    client: GraphQLClient, demo_conn: asyncpg.Connection
) -> None:
    admin = client.as_viewer(token("admin", []))
    data = await admin.data("{ households { totalCount nodes { categories } } }")
    assert data["households"]["totalCount"] == 4
    assert len(data["households"]["nodes"]) == 4


async def test_volunteer_names_need_a_token_for_their_region(
    client: GraphQLClient, demo_conn: asyncpg.Connection
) -> None:
    query = (
        "{ volunteerTeams { nodes { volunteers { totalCount nodes { fullName serviceHours } } } } }"
    )
    kangqian = await _region(demo_conn, "康乾街道")
    yancheng = await _region(demo_conn, "郾城区")
    data = await client.as_viewer(token("caseworker", [kangqian])).data(query)
    [team] = data["volunteerTeams"]["nodes"]
    assert team["volunteers"]["totalCount"] == 5
    assert all(v["fullName"] for v in team["volunteers"]["nodes"])
    body = await client.as_viewer(token("caseworker", [yancheng])).execute(query)
    assert (
        body["errors"][0]["message"]
        == "volunteers' names lie outside the regions your token covers"
    )
    # Hours are not personal: without the name they are readable by anyone.
    hours = await client.data(
        "{ volunteerTeams { nodes { volunteers { nodes { serviceHours } } } } }"
    )
    total = sum(
        v["serviceHours"] for v in hours["volunteerTeams"]["nodes"][0]["volunteers"]["nodes"]
    )
    assert total == 120 + 86 + 64 + 40 + 22


async def test_a_token_this_server_did_not_sign_is_refused(client: GraphQLClient) -> None:
    for forged, reason in (
        ("forged.token", "the bearer token is not a JSON Web Token"),
        (
            issue_token("another-key-of-32-bytes-or-more!!", "x", "admin", []),
            "the bearer token is not one this server signed",
        ),
    ):
        response = await client.http.post(
            "/graphql",
            json={"query": "{ households { totalCount } }"},
            headers={"authorization": f"Bearer {forged}"},
        )
        assert response.status_code == 401
        assert reason in response.text


async def test_an_authorization_header_must_be_a_bearer_token(client: GraphQLClient) -> None:
    response = await client.http.post(
        "/graphql",
        json={"query": "{ households { totalCount } }"},
        headers={"authorization": "Basic dXNlcjpwYXNz"},
    )
    assert response.status_code == 401
    assert "Bearer <token>" in response.text
