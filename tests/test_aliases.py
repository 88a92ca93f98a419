"""Aliases: the other names of regions, communities and organizations, through GraphQL.

The demo data carries the report's short names (威宁自治县, 威宁县 and 威宁 for
威宁彝族回族苗族自治县; 德清 for 德清县; 漯河 for 漯河市; 县文化馆 for 威宁自治县文化馆).
`search` matches them, an exact alias ranking with an exact name; the `client` fixture
compares the compiled and the executed answer of every query.
"""

from __future__ import annotations

import asyncpg

from tests.conftest import GraphQLClient, token
from tests.writes import admin, events, gid

WEINING = "威宁彝族回族苗族自治县"
SOURCE = "威宁自治县民政局"

CREATE_REGION_ALIAS = """
mutation($input: CreateRegionAliasInput!) {
  createRegionAlias(input: $input) {
    regionAlias { id name source version region { name } }
    userErrors { field message code }
  }
}"""

ARCHIVE_REGION_ALIAS = """
mutation($input: ArchiveRegionAliasInput!) {
  archiveRegionAlias(input: $input) {
    regionAlias { name archivedAt }
    userErrors { field message code }
  }
}"""

REGION_ALIASES = """
query($q: String!) {
  regions(search: $q, first: 3) { nodes { name aliases { totalCount nodes { name source } } } }
}"""

FORBIDDEN = {
    "field": None,
    "message": "writes need a caseworker token covering the region, or an admin token",
    "code": "FORBIDDEN",
}


async def _region_id(conn: asyncpg.Connection, name: str) -> int:
    key: int = await conn.fetchval("select id from region where name = $1", name)
    return key


async def test_the_reports_short_name_finds_the_county_first(client: GraphQLClient) -> None:
    data = await client.data(REGION_ALIASES, {"q": "威宁自治县"})
    first = data["regions"]["nodes"][0]
    assert first == {
        "name": WEINING,
        "aliases": {
            "totalCount": 3,
            "nodes": [
                {"name": "威宁自治县", "source": SOURCE},
                {"name": "威宁县", "source": SOURCE},
                {"name": "威宁", "source": SOURCE},
            ],
        },
    }


async def test_an_exact_alias_ranks_as_high_as_an_exact_name(client: GraphQLClient) -> None:
    # 德清 is an alias of 德清县, and part of no other region's name.
    data = await client.data('{ regions(search: "德清") { totalCount nodes { name } } }')
    assert data["regions"] == {"totalCount": 1, "nodes": [{"name": "德清县"}]}
    data = await client.data('{ regions(search: "漯河") { nodes { name } } }')
    assert data["regions"]["nodes"][0] == {"name": "漯河市"}


async def test_organizations_show_their_aliases(client: GraphQLClient) -> None:
    data = await client.data(
        """{ organizations(search: "县文化馆", first: 3) {
             totalCount nodes { name aliases { nodes { name source } } } } }"""
    )
    assert data["organizations"]["nodes"][0] == {
        "name": "威宁自治县文化馆",
        "aliases": {"nodes": [{"name": "县文化馆", "source": SOURCE}]},
    }


async def test_an_admin_adds_and_removes_an_alias(
    client: GraphQLClient, demo_conn: asyncpg.Connection
) -> None:
    writer = admin(client)
    bijie = await _region_id(demo_conn, "毕节市")
    created = await writer.data(
        CREATE_REGION_ALIAS,
        {"input": {"regionId": gid("Region", bijie), "name": "毕节", "source": "《贵州日报》"}},
    )
    alias = created["createRegionAlias"]["regionAlias"]
    assert created["createRegionAlias"]["userErrors"] == []
    assert {k: alias[k] for k in ("name", "source", "version", "region")} == {
        "name": "毕节",
        "source": "《贵州日报》",
        "version": 1,
        "region": {"name": "毕节市"},
    }
    data = await client.data(REGION_ALIASES, {"q": "毕节"})
    assert data["regions"]["nodes"][0]["name"] == "毕节市"
    assert data["regions"]["nodes"][0]["aliases"]["nodes"] == [
        {"name": "毕节", "source": "《贵州日报》"}
    ]

    # The same alias twice is a conflict, and a blank source is invalid.
    again = await writer.data(
        CREATE_REGION_ALIAS,
        {"input": {"regionId": gid("Region", bijie), "name": "毕节", "source": "报道"}},
    )
    assert again["createRegionAlias"] == {
        "regionAlias": None,
        "userErrors": [
            {
                "field": ["input", "name"],
                "message": "the region already has this alias",
                "code": "CONFLICT",
            }
        ],
    }
    blank = await writer.data(
        CREATE_REGION_ALIAS,
        {"input": {"regionId": gid("Region", bijie), "name": "毕节地区", "source": " "}},
    )
    assert blank["createRegionAlias"]["userErrors"] == [
        {"field": ["input", "source"], "message": "must not be blank", "code": "INVALID"}
    ]

    archived = await writer.data(
        ARCHIVE_REGION_ALIAS, {"input": {"id": alias["id"], "expectedVersion": 1}}
    )
    assert archived["archiveRegionAlias"]["userErrors"] == []
    assert archived["archiveRegionAlias"]["regionAlias"]["archivedAt"] is not None
    data = await client.data(REGION_ALIASES, {"q": "毕节市"})
    assert data["regions"]["nodes"][0]["aliases"] == {"totalCount": 0, "nodes": []}
    written = [(kind, entity) for kind, entity, _ in await events(demo_conn)]
    assert written == [
        ("region_alias.created", "RegionAlias"),
        ("region_alias.archived", "RegionAlias"),
    ]

    # Archived, the name may be given again.
    readded = await writer.data(
        CREATE_REGION_ALIAS,
        {"input": {"regionId": gid("Region", bijie), "name": "毕节", "source": "《贵州日报》"}},
    )
    assert readded["createRegionAlias"]["userErrors"] == []


async def test_an_analyst_may_not_add_or_remove_an_alias(
    client: GraphQLClient, demo_conn: asyncpg.Connection
) -> None:
    weining = await _region_id(demo_conn, WEINING)
    analyst = client.as_viewer(token("analyst", [weining]))
    before = await demo_conn.fetchval("select count(*) from region_alias")
    created = await analyst.data(
        CREATE_REGION_ALIAS,
        {"input": {"regionId": gid("Region", weining), "name": "威宁州", "source": "报道"}},
    )
    assert created["createRegionAlias"] == {"regionAlias": None, "userErrors": [FORBIDDEN]}
    alias = await demo_conn.fetchval(
        "select id from region_alias where name = '威宁自治县' and archived_at is null"
    )
    archived = await analyst.data(
        ARCHIVE_REGION_ALIAS,
        {"input": {"id": gid("RegionAlias", alias), "expectedVersion": 1}},
    )
    assert archived["archiveRegionAlias"] == {"regionAlias": None, "userErrors": [FORBIDDEN]}
    assert await demo_conn.fetchval("select count(*) from region_alias") == before
    assert (
        await demo_conn.fetchval("select archived_at from region_alias where id = $1", alias)
        is None
    )
    assert await events(demo_conn) == []


async def test_a_community_alias_is_written_and_searched(
    client: GraphQLClient, demo_conn: asyncpg.Connection
) -> None:
    ganfeng = await demo_conn.fetchval("select id from community where name = '干丰社区'")
    created = await admin(client).data(
        """mutation($input: CreateCommunityAliasInput!) {
             createCommunityAlias(input: $input) {
               communityAlias { name community { name } } userErrors { code } } }""",
        {
            "input": {
                "communityId": gid("Community", ganfeng),
                "name": "云溪片区",
                "source": "居民的叫法",
            }
        },
    )
    assert created["createCommunityAlias"] == {
        "communityAlias": {"name": "云溪片区", "community": {"name": "干丰社区"}},
        "userErrors": [],
    }
    # Only the alias matches: no community's name is like 云溪片区. The compiled path reads
    # this list, and the fixture compares it with the executed one.
    data = await client.data(
        """{ communities(search: "云溪片区", first: 2) {
             totalCount nodes { name aliases { nodes { name } } } } }"""
    )
    assert data["communities"] == {
        "totalCount": 1,
        "nodes": [{"name": "干丰社区", "aliases": {"nodes": [{"name": "云溪片区"}]}}],
    }
