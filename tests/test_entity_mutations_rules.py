"""Rules every entity write follows: versions, permissions, archived rows, constraint names."""

from __future__ import annotations

import base64

import asyncpg
import pytest

from fivesoc.db import connect, entities
from tests.conftest import GraphQLClient, token

UPDATE_PROJECT = """
mutation($input: UpdateProjectInput!) {
  updateProject(input: $input) {
    project { name summary version }
    userErrors { field message code }
  }
}
"""

CREATE_COMMUNITY = """
mutation($input: CreateCommunityInput!) {
  createCommunity(input: $input) {
    community { id name version }
    userErrors { field message code }
  }
}
"""

UPDATE_COMMUNITY = """
mutation($input: UpdateCommunityInput!) {
  updateCommunity(input: $input) {
    community { name version }
    userErrors { field message code }
  }
}
"""

ARCHIVE_COMMUNITY = """
mutation($input: ArchiveCommunityInput!) {
  archiveCommunity(input: $input) {
    community { name version archivedAt }
    userErrors { field message code }
  }
}
"""

FORBIDDEN = {
    "field": None,
    "message": "writes need a caseworker token covering the region, or an admin token",
    "code": "FORBIDDEN",
}


def gid(type_name: str, key: int) -> str:
    return base64.b64encode(f"{type_name}:{key}".encode()).decode()


async def _id(conn: asyncpg.Connection, sql: str, name: str) -> int:
    key: int = await conn.fetchval(sql, name)
    return key


async def _events(conn: asyncpg.Connection) -> int:
    count: int = await conn.fetchval("select count(*) from change_event")
    return count


async def test_a_stale_version_is_a_conflict_and_writes_nothing(
    client: GraphQLClient, demo_conn: asyncpg.Connection
) -> None:
    admin = client.as_viewer(token("admin", []))
    project = gid(
        "Project", await _id(demo_conn, "select id from project where name = $1", "幸福管家")
    )
    first = await admin.data(
        UPDATE_PROJECT, {"input": {"id": project, "expectedVersion": 1, "summary": "第一次"}}
    )
    assert first["updateProject"] == {
        "project": {"name": "幸福管家", "summary": "第一次", "version": 2},
        "userErrors": [],
    }
    stale = await admin.data(
        UPDATE_PROJECT, {"input": {"id": project, "expectedVersion": 1, "summary": "第二次"}}
    )
    assert stale["updateProject"] == {
        "project": None,
        "userErrors": [
            {
                "field": ["input", "expectedVersion"],
                "message": "the project is at version 2, not 1: read it again and retry",
                "code": "CONFLICT",
            }
        ],
    }
    row = await demo_conn.fetchrow("select summary, version from project where name = '幸福管家'")
    assert (row["summary"], row["version"]) == ("第一次", 2)
    assert await _events(demo_conn) == 1


async def test_an_update_changing_nothing_writes_nothing(
    client: GraphQLClient, demo_conn: asyncpg.Connection
) -> None:
    admin = client.as_viewer(token("admin", []))
    project = gid(
        "Project", await _id(demo_conn, "select id from project where name = $1", "幸福管家")
    )
    data = await admin.data(
        UPDATE_PROJECT, {"input": {"id": project, "expectedVersion": 1, "name": "幸福管家"}}
    )
    assert data["updateProject"] == {
        "project": {"name": "幸福管家", "summary": "幸福管家项目(报道所列项目之一)", "version": 1},
        "userErrors": [],
    }
    assert await _events(demo_conn) == 0


@pytest.mark.parametrize(
    ("role", "region"), [("analyst", "德清县"), ("caseworker", "威宁彝族回族苗族自治县")]
)
async def test_a_token_not_covering_the_region_may_not_write(
    client: GraphQLClient, demo_conn: asyncpg.Connection, role: str, region: str
) -> None:
    region_sql = "select id from region where name = $1"
    viewer = client.as_viewer(token(role, [await _id(demo_conn, region_sql, region)]))  # type: ignore[arg-type]
    kangqian = gid("Region", await _id(demo_conn, region_sql, "康乾街道"))
    ganfeng = gid(
        "Community", await _id(demo_conn, "select id from community where name = $1", "干丰社区")
    )
    communities = await demo_conn.fetchval("select count(*) from community")
    actors = await demo_conn.fetchval("select count(*) from actor")

    created = await viewer.data(
        CREATE_COMMUNITY, {"input": {"regionId": kangqian, "name": "新港社区"}}
    )
    assert created["createCommunity"] == {"community": None, "userErrors": [FORBIDDEN]}
    updated = await viewer.data(
        UPDATE_COMMUNITY, {"input": {"id": ganfeng, "expectedVersion": 1, "name": "干丰村"}}
    )
    assert updated["updateCommunity"] == {"community": None, "userErrors": [FORBIDDEN]}
    archived = await viewer.data(
        ARCHIVE_COMMUNITY, {"input": {"id": ganfeng, "expectedVersion": 1}}
    )
    assert archived["archiveCommunity"] == {"community": None, "userErrors": [FORBIDDEN]}

    assert await demo_conn.fetchval("select count(*) from community") == communities
    assert await demo_conn.fetchval("select count(*) from actor") == actors
    row = await demo_conn.fetchrow(
        "select name, version, archived_at from community where name = '干丰社区'"
    )
    assert (row["name"], row["version"], row["archived_at"]) == ("干丰社区", 1, None)
    assert await _events(demo_conn) == 0


async def test_a_caseworker_writes_within_the_region_but_not_out_of_it(
    client: GraphQLClient, demo_conn: asyncpg.Connection
) -> None:
    region_sql = "select id from region where name = $1"
    deqing = await _id(demo_conn, region_sql, "德清县")
    caseworker = client.as_viewer(token("caseworker", [deqing]))
    kangqian = gid("Region", await _id(demo_conn, region_sql, "康乾街道"))
    created = await caseworker.data(
        CREATE_COMMUNITY, {"input": {"regionId": kangqian, "name": "新港社区"}}
    )
    community = created["createCommunity"]["community"]
    assert (community["name"], community["version"]) == ("新港社区", 1)

    weining = gid("Region", await _id(demo_conn, region_sql, "威宁彝族回族苗族自治县"))
    moved = await caseworker.data(
        """mutation($input: UpdateCommunityInput!) {
             updateCommunity(input: $input) { userErrors { field message code } } }""",
        {"input": {"id": community["id"], "expectedVersion": 1, "regionId": weining}},
    )
    assert moved["updateCommunity"]["userErrors"] == [FORBIDDEN]
    assert (
        await demo_conn.fetchval(
            "select r.name from community c join region r on r.id = c.region_id "
            "where c.name = '新港社区'"
        )
        == "康乾街道"
    )
    assert await _events(demo_conn) == 1


CHILDREN = """
{
  regions(search: "德清县", first: 1) { nodes { communities(first: 100) { totalCount nodes { name } } } }
}
"""


def names(connection: dict) -> list[str]:
    return [node["name"] for node in connection["nodes"]]


async def test_archived_rows_leave_root_lists_but_stay_readable(
    client: GraphQLClient, demo_conn: asyncpg.Connection
) -> None:
    admin = client.as_viewer(token("admin", []))
    key = await _id(demo_conn, "select id from community where name = $1", "干丰社区")
    listed = """
    query($include: Boolean!) {
      communities(search: "干丰社区", includeArchived: $include) { totalCount nodes { name } }
    }
    """
    before = await admin.data(listed, {"include": False})
    assert before["communities"] == {"totalCount": 1, "nodes": [{"name": "干丰社区"}]}
    before_children = await admin.data(CHILDREN)
    assert "干丰社区" in names(before_children["regions"]["nodes"][0]["communities"])

    archived = await admin.data(
        ARCHIVE_COMMUNITY, {"input": {"id": gid("Community", key), "expectedVersion": 1}}
    )
    assert archived["archiveCommunity"]["community"]["version"] == 2
    assert archived["archiveCommunity"]["community"]["archivedAt"] is not None

    hidden = await admin.data(listed, {"include": False})
    assert hidden["communities"] == {"totalCount": 0, "nodes": []}
    # Child lists leave it out too: 德清县's communities, and the projects serving it.
    children = await admin.data(CHILDREN)
    assert "干丰社区" not in names(children["regions"]["nodes"][0]["communities"])
    assert (
        children["regions"]["nodes"][0]["communities"]["totalCount"]
        == len(before_children["regions"]["nodes"][0]["communities"]["nodes"]) - 1
    )
    shown = await admin.data(listed, {"include": True})
    assert shown["communities"] == {"totalCount": 1, "nodes": [{"name": "干丰社区"}]}
    node = await admin.data(
        "query($id: ID!) { node(id: $id) { ... on Community { name version } } }",
        {"id": gid("Community", key)},
    )
    assert node["node"] == {"name": "干丰社区", "version": 2}

    again = await admin.data(
        UPDATE_COMMUNITY,
        {"input": {"id": gid("Community", key), "expectedVersion": 2, "name": "干丰村"}},
    )
    assert again["updateCommunity"] == {
        "community": None,
        "userErrors": [
            {"field": ["input", "id"], "message": "the community is archived", "code": "CONFLICT"}
        ],
    }
    assert await _events(demo_conn) == 1


async def test_an_id_naming_nothing_is_not_found(client: GraphQLClient) -> None:
    admin = client.as_viewer(token("admin", []))
    data = await admin.data(
        ARCHIVE_COMMUNITY, {"input": {"id": gid("Community", 999999), "expectedVersion": 1}}
    )
    assert data["archiveCommunity"]["userErrors"] == [
        {
            "field": ["input", "id"],
            "message": "no community has the id 999999",
            "code": "NOT_FOUND",
        }
    ]


# Checks a GraphQL input cannot break: enum values, the actor kind, versions (and, below,
# checks on columns no mutation writes, such as a need's dates, moved by updateNeedStatus).
UNREACHABLE = ("= ANY (ARRAY[", "actor_kind", "version >= 1")


async def test_every_reachable_constraint_names_its_field(migrated_url: str) -> None:
    conn = await connect.connect(migrated_url)
    try:
        rows = await conn.fetch(
            "select conrelid::regclass::text as tbl, conname, contype::text as contype, "
            "pg_get_constraintdef(oid) as definition from pg_constraint "
            "where contype in ('c', 'u') and conrelid::regclass::text = any($1::text[])",
            [table.name for table in entities.TABLES],
        )
        unique_indexes = await conn.fetch(
            "select indrelid::regclass::text as tbl, indexrelid::regclass::text as name "
            "from pg_index where indisunique and not indisprimary "
            "and indrelid::regclass::text = any($1::text[]) "
            "and not exists (select from pg_constraint where conindid = indexrelid)",
            [table.name for table in entities.TABLES],
        )
    finally:
        await conn.close()
    tables = {table.name: table for table in entities.TABLES}
    missing = [
        row["conname"]
        for row in rows
        if not any(part in row["definition"] for part in UNREACHABLE)
        and any(column in row["definition"] for column in tables[row["tbl"]].columns)
        and row["conname"]
        not in (tables[row["tbl"]].checks if row["contype"] == "c" else tables[row["tbl"]].uniques)
    ]
    missing += [
        row["name"] for row in unique_indexes if row["name"] not in tables[row["tbl"]].uniques
    ]
    assert missing == []
    for table in entities.TABLES:
        for column, _ in (*table.checks.values(), *table.uniques.values()):
            assert column in table.columns, (table.name, column)


SET_COMMUNITIES = """
mutation($project: SetProjectCommunitiesInput!, $agreement: SetAgreementCommunitiesInput!) {
  setProjectCommunities(input: $project) {
    project { version communities { nodes { name } } }
    userErrors { field message code }
  }
  setAgreementCommunities(input: $agreement) {
    agreement { version communities { nodes { name } } }
    userErrors { field message code }
  }
}
"""


async def test_the_communities_of_a_project_and_an_agreement_are_set_as_a_whole(
    client: GraphQLClient, demo_conn: asyncpg.Connection
) -> None:
    admin = client.as_viewer(token("admin", []))
    community_sql = "select id from community where name = $1"
    ganfeng = await _id(demo_conn, community_sql, "干丰社区")
    other = await _id(demo_conn, community_sql, "西五里头村")
    project = await _id(demo_conn, "select id from project where name = $1", "幸福管家")
    agreement = await _id(
        demo_conn,
        "select id from agreement where title = $1",
        "五社联动助推共同富裕德清示范项目框架合作协议",
    )
    data = await admin.data(
        SET_COMMUNITIES,
        {
            "project": {
                "id": gid("Project", project),
                "expectedVersion": 1,
                "communityIds": [gid("Community", ganfeng), gid("Community", other)],
            },
            "agreement": {
                "id": gid("Agreement", agreement),
                "expectedVersion": 1,
                "communityIds": [gid("Community", other)],
            },
        },
    )
    assert data == {
        "setProjectCommunities": {
            "project": {
                "version": 2,
                # By id: the village's row is older.
                "communities": {"nodes": [{"name": "西五里头村"}, {"name": "干丰社区"}]},
            },
            "userErrors": [],
        },
        "setAgreementCommunities": {
            "agreement": {"version": 2, "communities": {"nodes": [{"name": "西五里头村"}]}},
            "userErrors": [],
        },
    }
    rows = await demo_conn.fetch(
        "select type, entity_id, summary::text from change_event order by id"
    )
    assert [(row["type"], row["entity_id"], row["summary"]) for row in rows] == [
        (
            "project.communities_set",
            project,
            f'{{"added": [{other}], "removed": [], "version": 2}}',
        ),
        (
            "agreement.communities_set",
            agreement,
            f'{{"added": [{other}], "removed": [{ganfeng}], "version": 2}}',
        ),
    ]


async def test_setting_an_unknown_community_writes_nothing(
    client: GraphQLClient, demo_conn: asyncpg.Connection
) -> None:
    admin = client.as_viewer(token("admin", []))
    project = await _id(demo_conn, "select id from project where name = $1", "幸福管家")
    agreement = await _id(
        demo_conn,
        "select id from agreement where title = $1",
        "五社联动助推共同富裕德清示范项目框架合作协议",
    )
    links = "select count(*) from project_community"
    before = await demo_conn.fetchval(links)
    data = await admin.data(
        SET_COMMUNITIES,
        {
            "project": {
                "id": gid("Project", project),
                "expectedVersion": 1,
                "communityIds": [gid("Community", 999999)],
            },
            "agreement": {
                "id": gid("Agreement", agreement),
                "expectedVersion": 1,
                "communityIds": [gid("Project", project)],
            },
        },
    )
    assert data["setProjectCommunities"] == {
        "project": None,
        "userErrors": [
            {
                "field": ["input", "communityIds"],
                "message": "no community has the id 999999",
                "code": "NOT_FOUND",
            }
        ],
    }
    assert data["setAgreementCommunities"] == {
        "agreement": None,
        "userErrors": [
            {
                "field": ["input", "communityIds"],
                "message": "must be the id of a Community",
                "code": "INVALID",
            }
        ],
    }
    assert await demo_conn.fetchval(links) == before
    assert await demo_conn.fetchval("select version from project where id = $1", project) == 1
    assert await demo_conn.fetchval("select count(*) from agreement_community") == 1
    assert await _events(demo_conn) == 0


async def test_a_resource_cannot_shrink_below_what_is_allocated(
    client: GraphQLClient, demo_conn: asyncpg.Connection
) -> None:
    """The Deqing community fund holds 200,000 yuan, of which 80,000 are allocated."""
    admin = client.as_viewer(token("admin", []))
    key = await demo_conn.fetchval(
        "select id from charity_resource where name like '德清县社区慈善基金%'"
    )
    update = """
    mutation($input: UpdateCharityResourceInput!) {
      updateCharityResource(input: $input) {
        charityResource { amount remaining version }
        userErrors { field message code }
      }
    }
    """
    refused = await admin.data(
        update,
        {"input": {"id": gid("CharityResource", key), "expectedVersion": 1, "amount": "79999.99"}},
    )
    assert refused["updateCharityResource"] == {
        "charityResource": None,
        "userErrors": [
            {
                "field": ["input", "amount"],
                "message": "must be at least 80000.00, the amount already allocated",
                "code": "CONFLICT",
            }
        ],
    }
    assert await _events(demo_conn) == 0
    done = await admin.data(
        update,
        {"input": {"id": gid("CharityResource", key), "expectedVersion": 1, "amount": "80000"}},
    )
    assert done["updateCharityResource"] == {
        "charityResource": {"amount": 80000.0, "remaining": 0.0, "version": 2},
        "userErrors": [],
    }


async def test_an_actor_id_of_the_wrong_kind_is_not_found(
    client: GraphQLClient, demo_conn: asyncpg.Connection
) -> None:
    """Actors share one id space: `Organization:<干丰社区's id>` passes the foreign key to
    `actor`, and is refused by the check of its kind; nothing is written."""
    admin = client.as_viewer(token("admin", []))
    ganfeng = await _id(demo_conn, "select id from community where name = $1", "干丰社区")
    bureau = await _id(demo_conn, "select id from organization where name = $1", "德清县民政局")
    links = await demo_conn.fetchval("select count(*) from collaboration_link")
    data = await admin.data(
        """
        mutation($input: CreateCollaborationLinkInput!) {
          createCollaborationLink(input: $input) {
            collaborationLink { id } userErrors { field message code }
          }
        }
        """,
        {
            "input": {
                "sourceId": gid("Organization", ganfeng),
                "targetId": gid("Community", bureau),
                "kind": "PARTNERSHIP",
                "evidence": "共建",
            }
        },
    )
    assert data["createCollaborationLink"] == {
        "collaborationLink": None,
        "userErrors": [
            {
                "field": ["input", "sourceId"],
                "message": f"no organization has the id {ganfeng}",
                "code": "NOT_FOUND",
            },
            {
                "field": ["input", "targetId"],
                "message": f"no community has the id {bureau}",
                "code": "NOT_FOUND",
            },
        ],
    }
    assert await demo_conn.fetchval("select count(*) from collaboration_link") == links
    assert await _events(demo_conn) == 0


CREATE_LINK = """
mutation($input: CreateCollaborationLinkInput!) {
  createCollaborationLink(input: $input) {
    collaborationLink { kind source { name } target { name } } userErrors { field message code }
  }
}
"""


async def test_a_mutual_link_exists_once_whichever_end_is_its_source(
    client: GraphQLClient, demo_conn: asyncpg.Connection
) -> None:
    """德清县民政局 → 干丰社区 as a partnership; the same partnership from 干丰社区 back is a
    CONFLICT, while a resource flow, which runs one way, may go both ways."""
    admin = client.as_viewer(token("admin", []))
    ganfeng_key = await _id(demo_conn, "select id from community where name = $1", "干丰社区")
    bureau_key = await _id(demo_conn, "select id from organization where name = $1", "德清县民政局")
    ganfeng, bureau = gid("Community", ganfeng_key), gid("Organization", bureau_key)
    ends = [ganfeng_key, bureau_key]
    between = "where source_id = any($1::bigint[]) and target_id = any($1::bigint[])"
    await demo_conn.execute(f"delete from collaboration_link {between}", ends)

    async def create(source: str, target: str, kind: str) -> dict:
        data = await admin.data(
            CREATE_LINK,
            {"input": {"sourceId": source, "targetId": target, "kind": kind, "evidence": "共建"}},
        )
        found: dict = data["createCollaborationLink"]
        return found

    assert (await create(bureau, ganfeng, "PARTNERSHIP"))["userErrors"] == []
    assert await create(ganfeng, bureau, "PARTNERSHIP") == {
        "collaborationLink": None,
        "userErrors": [
            {
                "field": ["input", "targetId"],
                "message": "these actors already have this mutual link, from the other end, "
                "on this project and agreement",
                "code": "CONFLICT",
            }
        ],
    }
    for source, target in ((bureau, ganfeng), (ganfeng, bureau)):
        assert (await create(source, target, "RESOURCE_FLOW"))["userErrors"] == []
    kinds = await demo_conn.fetch(
        f"select kind, count(*) from collaboration_link {between} group by kind order by kind",
        ends,
    )
    assert [tuple(row) for row in kinds] == [("partnership", 1), ("resource_flow", 2)]
