"""Personal data of vulnerable people: counts are public, rows need a caseworker token for
their region (or an admin token), and a refusal is a FORBIDDEN error, never an empty list."""

from __future__ import annotations

import base64

import asyncpg
import pytest

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
    body = await caseworker.execute(
        "query($id: ID!) { node(id: $id) { ... on Household { headName } } }",
        {"id": _gid("Household", elsewhere)},
    )
    assert _forbidden(body) == "households lie outside the regions your token covers"


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
    response = await client.http.post(
        "/graphql",
        json={"query": "{ households { totalCount } }"},
        headers={"authorization": "Bearer forged.token"},
    )
    assert response.status_code == 401
    assert "the bearer token is not one this server signed" in response.text


async def test_an_authorization_header_must_be_a_bearer_token(client: GraphQLClient) -> None:
    response = await client.http.post(
        "/graphql",
        json={"query": "{ households { totalCount } }"},
        headers={"authorization": "Basic dXNlcjpwYXNz"},
    )
    assert response.status_code == 401
    assert "Bearer <token>" in response.text
