"""The HSDS export is a valid HSDS 3.0 data package, checked against Open Referral's own
schema files (`tests/hsds/`, with their licence)."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import asyncpg
import jsonschema

from fivesoc.sheets import hsds
from tests.conftest import GraphQLClient

SPEC = Path(__file__).with_name("hsds")


def spec_resources() -> dict[str, dict[str, Any]]:
    package = json.loads((SPEC / "datapackage.json").read_text(encoding="utf-8"))
    return {resource["name"]: resource for resource in package["resources"]}


def read_package(content: bytes) -> tuple[dict[str, Any], dict[str, list[dict[str, str]]]]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        package = json.loads(archive.read("datapackage.json"))
        tables = {
            resource["name"]: list(
                csv.DictReader(io.StringIO(archive.read(resource["path"]).decode("utf-8")))
            )
            for resource in package["resources"]
        }
    return package, tables


def typed(row: dict[str, str], fields: list[dict[str, Any]]) -> dict[str, Any]:
    """A CSV row as the JSON object HSDS describes: numbers as numbers, blanks left out."""
    kinds = {field["name"]: field["type"] for field in fields}
    return {
        name: float(value) if kinds[name] == "number" else value
        for name, value in row.items()
        if value != ""
    }


def check(content: bytes) -> dict[str, list[dict[str, str]]]:
    package, tables = read_package(content)
    spec = spec_resources()
    assert package["profile"] == "tabular-data-package"
    for resource in package["resources"]:
        theirs = spec[resource["name"]]
        assert resource["path"] == theirs["path"]
        their_fields = {field["name"]: field for field in theirs["schema"]["fields"]}
        for field in resource["schema"]["fields"]:
            their = their_fields[field["name"]]
            assert (field["type"], field.get("format")) == (their["type"], their.get("format"))
        required = {
            field["name"]
            for field in theirs["schema"]["fields"]
            if field.get("constraints", {}).get("required")
        }
        assert required <= {field["name"] for field in resource["schema"]["fields"]}
        schema = json.loads((SPEC / "schema" / f"{resource['name']}.json").read_text("utf-8"))
        validator = jsonschema.Draft202012Validator(
            schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
        )
        for row in tables[resource["name"]]:
            errors = [
                e.message for e in validator.iter_errors(typed(row, resource["schema"]["fields"]))
            ]
            assert errors == [], (resource["name"], row)
        ids = [row["id"] for row in tables[resource["name"]]]
        assert len(ids) == len(set(ids))
    # Every reference names a row of the package.
    ids = {name: {row["id"] for row in rows} for name, rows in tables.items()}
    assert {r["organization_id"] for r in tables["service"]} - {""} <= ids["organization"]
    assert {r["service_id"] for r in tables["service_at_location"]} <= ids["service"]
    assert {r["location_id"] for r in tables["service_at_location"]} <= ids["location"]
    assert {r["service_id"] for r in tables["service_area"]} <= ids["service"]
    return tables


async def test_the_demo_directory_is_a_valid_hsds_package(demo_conn: asyncpg.Connection) -> None:
    tables = check(await hsds.package(demo_conn, None))
    counts = {name: len(rows) for name, rows in tables.items()}
    # The demo's 17 organizations, 6 projects and 202 service sites (60 of them 漯河市's
    # stand-in stations, 41 威宁's).
    assert counts == {
        "organization": 17,
        "service": 6 + 202,  # the projects, and each service site's services
        "location": 202,
        "service_at_location": 202,
        "service_area": 6,
    }
    happy = next(row for row in tables["service"] if row["name"] == "幸福管家")
    lead = next(row for row in tables["organization"] if row["id"] == happy["organization_id"])
    assert lead["name"] == "德清县百强社工机构1"
    assert happy["status"] == "active"
    assert happy["id"] == hsds.hsds_id(
        "Project", await demo_conn.fetchval("select id from project where name = '幸福管家'")
    )


async def test_the_package_keeps_to_a_region_and_is_served(client: GraphQLClient) -> None:
    response = await client.http.get("/hsds/export", params={"region": "德清县"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/zip"
    tables = check(response.content)
    assert all("德清县" in row["description"] for row in tables["organization"])
    assert sorted(row["name"] for row in tables["service_area"])[:1] == ["干丰社区"]


def test_the_schema_files_refuse_what_hsds_does_not_allow() -> None:
    schema = json.loads((SPEC / "schema" / "service.json").read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    errors = sorted(e.message for e in validator.iter_errors({"id": "x", "status": "running"}))
    assert errors == [
        "'name' is a required property",
        "'running' is not one of ['active', 'inactive', 'defunct', 'temporarily closed']",
        "'x' is not a 'uuid'",
    ]


async def test_the_package_costs_a_point_a_record(demo_url: str) -> None:
    from fivesoc.settings import Settings
    from tests.conftest import SECRET_KEY, serve

    settings = Settings(secret_key=SECRET_KEY, max_cost=100).with_database_url(demo_url)
    async with serve(settings) as http:
        response = await http.get("/hsds/export")
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "MAX_COST_EXCEEDED"
    # 17 organizations, 6 projects, 202 sites and 6 service areas: 231 records, beyond 100.
    assert "231" in response.json()["errors"][0]["message"]
