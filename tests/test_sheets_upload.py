"""`importSheet`: a file uploaded as the GraphQL multipart request convention says."""

from __future__ import annotations

import json

from tests.conftest import GraphQLClient, token
from tests.sheets_files import csv_bytes

IMPORT = """
mutation ($input: ImportSheetInput!) {
  importSheet(input: $input) {
    written
    counts { sheet created updated unchanged }
    problemCount
    problems { sheet row column value message messageZh }
    userErrors { field message code }
  }
}
"""

GOOD = csv_bytes(
    [["region", "kind", "name"], ["乾元镇", "community", "新城社区"], ["乾元镇", "村", "新丰村"]]
)
BAD = csv_bytes([["region", "kind", "name"], ["乾元镇", "nope", "新城社区"], ["不存在镇", "", "x"]])

PREFLIGHT = {"apollo-require-preflight": "true"}


async def upload(
    client: GraphQLClient,
    content: bytes,
    *,
    kind: str = "communities",
    dry_run: bool = False,
    headers: dict[str, str] | None = None,
) -> dict:
    operations = {
        "query": IMPORT,
        "variables": {"input": {"file": None, "kind": kind, "dryRun": dry_run}},
    }
    response = await client.http.post(
        "/graphql",
        data={
            "operations": json.dumps(operations),
            "map": json.dumps({"0": ["variables.input.file"]}),
        },
        files={"0": ("communities.csv", content, "text/csv")},
        headers={**PREFLIGHT, **token("admin", []), **(headers or {})},
    )
    body: dict = response.json()
    body["status"] = response.status_code
    return body


async def names(client: GraphQLClient) -> list[str]:
    data = await client.data("{ communities(first: 50) { nodes { name } } }")
    return [node["name"] for node in data["communities"]["nodes"]]


async def test_an_uploaded_file_is_imported_and_a_second_upload_changes_nothing(
    client: GraphQLClient,
) -> None:
    body = await upload(client, GOOD)
    assert body["status"] == 200
    assert body["data"]["importSheet"] == {
        "written": True,
        "counts": [{"sheet": "communities", "created": 2, "updated": 0, "unchanged": 0}],
        "problemCount": 0,
        "problems": [],
        "userErrors": [],
    }
    again = await upload(client, GOOD)
    assert again["data"]["importSheet"]["counts"] == [
        {"sheet": "communities", "created": 0, "updated": 0, "unchanged": 2}
    ]


async def test_an_uploaded_file_with_bad_rows_writes_nothing(client: GraphQLClient) -> None:
    body = await upload(client, BAD)
    result = body["data"]["importSheet"]
    assert result["written"] is False
    assert result["problemCount"] == 2
    assert result["problems"] == [
        {
            "sheet": "communities", "row": 2, "column": "kind", "value": "nope",
            "message": "is not one of: community, village",
            "messageZh": "不是可选值之一：community, village",
        },
        {
            "sheet": "communities", "row": 3, "column": "region", "value": "不存在镇",
            "message": "names nothing", "messageZh": "找不到此名称",
        },
    ]  # fmt: skip
    assert "新城社区" not in await names(client)


async def test_an_upload_without_the_preflight_header_is_refused(client: GraphQLClient) -> None:
    operations = {"query": IMPORT, "variables": {"input": {"file": None, "kind": "communities"}}}
    response = await client.http.post(
        "/graphql",
        data={
            "operations": json.dumps(operations),
            "map": json.dumps({"0": ["variables.input.file"]}),
        },
        files={"0": ("c.csv", GOOD, "text/csv")},
        headers=token("admin", []),
    )
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "BAD_REQUEST"
    assert error["message"].startswith("a multipart request must carry a non-empty")
    assert "新城社区" not in await names(client)


async def test_an_anonymous_upload_writes_nothing(client: GraphQLClient) -> None:
    operations = {"query": IMPORT, "variables": {"input": {"file": None, "kind": "communities"}}}
    response = await client.http.post(
        "/graphql",
        data={
            "operations": json.dumps(operations),
            "map": json.dumps({"0": ["variables.input.file"]}),
        },
        files={"0": ("c.csv", GOOD, "text/csv")},
        headers=PREFLIGHT,
    )
    result = response.json()["data"]["importSheet"]
    assert result["written"] is False
    assert [p["message"] for p in result["problems"]] == ["your token may not write communities"]


async def test_an_unknown_kind_is_a_user_error(client: GraphQLClient) -> None:
    body = await upload(client, GOOD, kind="spaceships")
    errors = body["data"]["importSheet"]["userErrors"]
    assert errors[0]["field"] == ["input", "kind"]
    assert errors[0]["code"] == "INVALID"
    assert errors[0]["message"].startswith("must be one of: communities, grids")


async def test_a_dry_run_upload_writes_nothing(client: GraphQLClient) -> None:
    body = await upload(client, GOOD, dry_run=True)
    result = body["data"]["importSheet"]
    assert result["written"] is False
    assert result["counts"][0]["created"] == 2
    assert "新城社区" not in await names(client)


async def test_a_file_written_in_the_document_is_a_user_error(client: GraphQLClient) -> None:
    body = await client.as_viewer(token("admin", [])).execute(
        'mutation { importSheet(input: {file: "c.csv", kind: "communities"}) '
        "{ written userErrors { field message code } } }"
    )
    assert body["data"]["importSheet"] == {
        "written": False,
        "userErrors": [
            {
                "field": ["input", "file"],
                "message": "must be a file part of a multipart request, with its file name",
                "code": "INVALID",
            }
        ],
    }


async def test_a_malformed_multipart_request_is_a_400_saying_why(client: GraphQLClient) -> None:
    operations = {"query": IMPORT, "variables": {"input": {"file": None, "kind": "communities"}}}
    for data, message in [
        ({"map": "{}"}, "a multipart request needs the field `operations` (JSON)"),
        (
            {
                "operations": json.dumps(operations),
                "map": json.dumps({"1": ["variables.input.file"]}),
            },
            "`map` names the file part '1', which the request lacks",
        ),
        (
            {
                "operations": json.dumps(operations),
                "map": json.dumps({"0": ["variables.input.kind"]}),
            },
            "the path 'variables.input.kind' must name a null in `variables`",
        ),
    ]:
        response = await client.http.post(
            "/graphql", data=data, files={"0": ("c.csv", GOOD, "text/csv")}, headers=PREFLIGHT
        )
        assert response.status_code == 400
        assert response.json()["errors"][0]["message"] == message


async def test_an_upload_beyond_the_limit_is_refused_unread(demo_url: str) -> None:
    from fivesoc.settings import Settings
    from tests.conftest import SECRET_KEY, serve

    settings = Settings(secret_key=SECRET_KEY, max_upload_bytes=1024).with_database_url(demo_url)
    operations = {"query": IMPORT, "variables": {"input": {"file": None, "kind": "communities"}}}
    async with serve(settings) as http:
        response = await http.post(
            "/graphql",
            data={
                "operations": json.dumps(operations),
                "map": json.dumps({"0": ["variables.input.file"]}),
            },
            files={"0": ("c.csv", GOOD * 100, "text/csv")},
            headers={**PREFLIGHT, **token("admin", [])},
        )
    assert response.status_code == 413
    assert response.json()["errors"][0] == {
        "message": "the upload is larger than the limit of 1,024 bytes",
        "extensions": {"code": "PAYLOAD_TOO_LARGE"},
    }


async def test_an_uploaded_workbook_of_several_sheets_is_imported(client: GraphQLClient) -> None:
    from tests.sheets_files import xlsx_bytes

    workbook = xlsx_bytes(
        {
            "社区": [["所属地区", "名称"], ["乾元镇", "新城社区"]],
            "网格": [["所属社区", "名称", "居民人数"], ["新城社区", "第1网格", "300"]],
            "微网格": [["所属网格", "名称"], ["新城社区/第1网格", "甲"]],
        }
    )
    operations = {
        "query": IMPORT,
        "variables": {"input": {"file": None, "kind": "communities-with-grids"}},
    }
    response = await client.http.post(
        "/graphql",
        data={
            "operations": json.dumps(operations),
            "map": json.dumps({"0": ["variables.input.file"]}),
        },
        files={"0": ("社区网格.xlsx", workbook, "application/octet-stream")},
        headers={**PREFLIGHT, **token("admin", [])},
    )
    result = response.json()["data"]["importSheet"]
    assert result["written"] is True
    assert [(c["sheet"], c["created"]) for c in result["counts"]] == [
        ("communities", 1),
        ("grids", 1),
        ("micro-grids", 1),
    ]
    assert "新城社区" in await names(client)
