"""`/sheets/export` and `/sheets/template` over HTTP, as the token may read."""

from __future__ import annotations

import csv
import io

import openpyxl

from tests.conftest import GraphQLClient, token


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


async def test_a_list_is_exported_as_csv_within_a_region(client: GraphQLClient) -> None:
    response = await client.http.get(
        "/sheets/export", params={"kind": "communities", "region": "德清县"}
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == 'attachment; filename="communities.csv"'
    assert [row["name"] for row in rows(response.text)] == [
        "干丰社区",
        "洛漾社区",
        "东港社区",
        "金鹅湖社区",
    ]


async def test_a_list_is_exported_as_xlsx_in_chinese(client: GraphQLClient) -> None:
    response = await client.http.get(
        "/sheets/export", params={"kind": "grids", "format": "xlsx", "lang": "zh"}
    )
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    worksheet = workbook["网格"]
    assert [cell.value for cell in worksheet[1]] == ["版本", "所属社区", "名称", "居民人数"]
    assert [cell.value for cell in worksheet[2]] == ["1", "干丰社区", "第1网格", "800"]
    assert worksheet.max_row == 9


async def test_personal_data_goes_only_to_those_who_may_read_it(client: GraphQLClient) -> None:
    refused = await client.http.get("/sheets/export", params={"kind": "households"})
    assert refused.status_code == 403
    assert refused.json() == {
        "errors": [
            {
                "message": "your token may not read households: they are personal data",
                "extensions": {"code": "FORBIDDEN"},
            }
        ]
    }
    anonymous = await client.http.get("/sheets/export", params={"kind": "volunteers"})
    assert {row["fullName"] for row in rows(anonymous.text)} == {""}
    admin = await client.http.get(
        "/sheets/export", params={"kind": "households"}, headers=token("admin", [])
    )
    assert len(rows(admin.text)) == 4


async def test_bad_parameters_are_refused_saying_which(client: GraphQLClient) -> None:
    response = await client.http.get("/sheets/export", params={"kind": "spaceships"})
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": "kind"}
    assert error["message"].startswith("`kind` must be one of: communities, grids")
    response = await client.http.get(
        "/sheets/export", params={"kind": "communities", "region": "无此地"}
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == "no region is named '无此地'"


async def test_the_template_is_served(client: GraphQLClient) -> None:
    response = await client.http.get(
        "/sheets/template", params={"kind": "households-with-members", "lang": "en"}
    )
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["households", "household-members", "values"]


async def test_an_export_takes_its_root_lists_filters(client: GraphQLClient) -> None:
    response = await client.http.get(
        "/sheets/export",
        params={"kind": "communities", "filter.kind": "村"},
    )
    assert response.status_code == 200, response.text
    assert {row["kind"] for row in rows(response.text)} == {"village"}
    everything = await client.http.get("/sheets/export", params={"kind": "communities"})
    assert len(rows(everything.text)) > len(rows(response.text)) > 0
    founded = await client.http.get(
        "/sheets/export", params={"kind": "communities", "filter.founded.end": "2022-12-31"}
    )
    assert [(row["name"], row["foundedOn"]) for row in rows(founded.text)] == [
        ("干丰社区", "2021-01-01")
    ]
    workers = await client.http.get(
        "/sheets/export",
        params={"kind": "social-workers", "filter.certificationLevel": "intermediate"},
    )
    assert {row["certificationLevel"] for row in rows(workers.text)} == {"intermediate"}
    bad = await client.http.get(
        "/sheets/export", params={"kind": "communities", "filter.colour": "red"}
    )
    assert bad.status_code == 400
    assert bad.json()["errors"][0] == {
        "message": "communities take no filter `colour`; they take: kind, status, "
        "founded.start, founded.end",
        "extensions": {"code": "BAD_USER_INPUT", "argument": "colour"},
    }


async def test_an_export_costs_a_point_a_row(demo_url: str) -> None:
    from fivesoc.settings import Settings
    from tests.conftest import SECRET_KEY, serve

    settings = Settings(secret_key=SECRET_KEY, max_cost=100).with_database_url(demo_url)
    async with serve(settings) as http:
        grids = await http.get("/sheets/export", params={"kind": "grids"})
        assert grids.status_code == 200
        assert grids.headers["x-rows"] == "8"
        sites = await http.get("/sheets/export", params={"kind": "service-sites"})
    assert sites.status_code == 400
    error = sites.json()["errors"][0]
    assert error["extensions"]["code"] == "MAX_COST_EXCEEDED"
