"""An HSDS 3.0 data package (Open Referral's Human Services Data Specification): the
directory of organizations, services, locations and service areas as CSV files with their
`datapackage.json`, in one ZIP file.

How fivesoc's records become HSDS's tables (our choices):

- `organization`: every organization; its description is its kind and region.
- `service`: every project (run by its lead where the lead is an organization; its status
  mapped: planned → inactive, active → active, suspended → temporarily closed, completed and
  cancelled → defunct), and the services of every service site (a social-work station's,
  a children's home's …), active unless the site has closed.
- `location`: every service site, a physical place; `service_at_location` puts each site's
  services there.
- `service_area`: each community a project serves, or its region where it names none.

Every id is a UUID derived from the record's type and key (`uuid5`), so the same record has
the same id in every export.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
import zipfile
from collections.abc import Sequence
from typing import Any

from fivesoc.db import hsds as rows
from fivesoc.db.network import Conn
from fivesoc.sheets.words import words_of

# The namespace of fivesoc's HSDS ids.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/fivesoc/hsds")

STATUS = {
    "planned": "inactive",
    "active": "active",
    "suspended": "temporarily closed",
    "completed": "defunct",
    "cancelled": "defunct",
}

# Each table: its resource name, file and fields (name, type, format), as HSDS 3.0 has them.
UUID = ("string", "uuid")
TABLES: dict[str, tuple[str, tuple[tuple[str, str, str | None], ...]]] = {
    "organization": (
        "organizations.csv",
        (
            ("id", *UUID),
            ("name", "string", None),
            ("description", "string", None),
            ("year_incorporated", "number", None),
            ("legal_status", "string", None),
        ),
    ),
    "service": (
        "services.csv",
        (
            ("id", *UUID),
            ("organization_id", *UUID),
            ("name", "string", None),
            ("description", "string", None),
            ("status", "string", None),
        ),
    ),
    "location": (
        "locations.csv",
        (
            ("id", *UUID),
            ("location_type", "string", None),
            ("name", "string", None),
            ("description", "string", None),
        ),
    ),
    "service_at_location": (
        "service_at_location.csv",
        (
            ("id", *UUID),
            ("service_id", *UUID),
            ("location_id", *UUID),
            ("description", "string", None),
        ),
    ),
    "service_area": (
        "service_areas.csv",
        (
            ("id", *UUID),
            ("service_id", *UUID),
            ("name", "string", None),
            ("description", "string", None),
        ),
    ),
}


def hsds_id(kind: str, key: int | str) -> str:
    """The HSDS id of a record: a UUID of its kind and key."""
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


def _kind_label(enum: str, value: str) -> str:
    for word in words_of(enum):
        if word.value == value:
            return word.description.rstrip(".")
    return value


def _where(place: Sequence[str]) -> str:
    return "/".join(place)


async def tables(conn: Conn, region: int | None) -> dict[str, list[dict[str, Any]]]:
    """The rows of each HSDS table for the records in `region`'s subtree (None: all)."""
    made: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for org in await rows.organizations(conn, region):
        made["organization"].append(
            {
                "id": hsds_id("Organization", org.key),
                "name": org.name,
                "description": f"{_kind_label('OrganizationKind', org.kind)}, {_where(org.place)}",
                "year_incorporated": org.founded_on.year if org.founded_on else None,
                "legal_status": org.kind,
            }
        )
    for project in await rows.projects(conn, region):
        domain = _kind_label("ProjectDomain", project.domain)
        made["service"].append(
            {
                "id": hsds_id("Project", project.key),
                "organization_id": hsds_id("Organization", project.lead) if project.lead else None,
                "name": project.name,
                "description": project.summary or f"{domain}, {_where(project.place)}",
                "status": STATUS[project.status],
            }
        )
    for site in await rows.sites(conn, region):
        kind = _kind_label("ServiceSiteKind", site.kind)
        place = _where(site.place) + (f"/{site.community}" if site.community else "")
        service = hsds_id("ServiceSite.services", site.key)
        location = hsds_id("ServiceSite", site.key)
        made["service"].append(
            {
                "id": service,
                "organization_id": None,
                "name": site.name,
                "description": f"The services of a {kind[0].lower()}{kind[1:]}, {place}",
                "status": "defunct" if site.closed_on else "active",
            }
        )
        made["location"].append(
            {
                "id": location,
                "location_type": "physical",
                "name": site.name,
                "description": f"{kind}, {place}",
            }
        )
        made["service_at_location"].append(
            {
                "id": hsds_id("ServiceSite.at", site.key),
                "service_id": service,
                "location_id": location,
                "description": None,
            }
        )
    for area in await rows.served(conn, region):
        key = f"{area.project}:{area.community or ''}"
        made["service_area"].append(
            {
                "id": hsds_id("ServiceArea", key),
                "service_id": hsds_id("Project", area.project),
                "name": area.name,
                "description": _where(area.place),
            }
        )
    return made


def datapackage() -> dict[str, Any]:
    """The package's `datapackage.json` (a Frictionless tabular data package)."""
    return {
        "name": "fivesoc-hsds",
        "title": "Five-society linkage directory (HSDS 3.0)",
        "profile": "tabular-data-package",
        "version": "3.0.0",
        "resources": [
            {
                "name": name,
                "path": path,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "profile": "tabular-data-resource",
                "schema": {
                    "primaryKey": "id",
                    "fields": [
                        {"name": field, "type": kind, **({"format": fmt} if fmt else {})}
                        for field, kind, fmt in fields
                    ],
                },
            }
            for name, (path, fields) in TABLES.items()
        ],
    }


def _csv(fields: Sequence[tuple[str, str, str | None]], table: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([name for name, _, _ in fields])
    for row in table:
        writer.writerow(["" if row[name] is None else row[name] for name, _, _ in fields])
    return out.getvalue()


async def package(conn: Conn, region: int | None) -> bytes:
    """The data package as a ZIP file: `datapackage.json` and a CSV file per table."""
    made = await tables(conn, region)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("datapackage.json", json.dumps(datapackage(), indent=2) + "\n")
        for name, (path, fields) in TABLES.items():
            archive.writestr(path, _csv(fields, made[name]))
    return out.getvalue()
