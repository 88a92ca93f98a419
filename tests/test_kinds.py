"""Each kind list is declared once; the GraphQL enums and the database hold to it.

`fivesoc.kinds` holds the lists the layers share; every column declared with an `enum` takes
exactly the words its GraphQL enum names, which are the words its check constraint allows.
"""

from __future__ import annotations

import re

import asyncpg
import pytest

from fivesoc import kinds
from fivesoc.db import connect
from fivesoc.db.declare import entities
from fivesoc.schema.types import enums


def _words(enum: type) -> set[str]:
    return {member.value for member in enum}  # type: ignore[attr-defined]


def test_the_shared_kind_lists_are_the_graphql_enums() -> None:
    assert set(kinds.SOCIETIES) == _words(enums.Society)
    assert set(kinds.LINK_KINDS) == _words(enums.LinkKind)
    assert set(kinds.CARRIER_ORGANIZATION_KINDS) < _words(enums.OrganizationKind)
    assert kinds.FOUR_SOCIETIES == (
        "social_organization",
        "social_worker",
        "volunteer",
        "charity_resource",
    )


@pytest.fixture
async def checks(migrated_url: str) -> dict[str, list[str]]:
    """The check constraints of every table, by table."""
    conn: asyncpg.Connection = await connect.connect(migrated_url)
    try:
        rows = await conn.fetch(
            "select conrelid::regclass::text as tbl, pg_get_constraintdef(oid) as definition "
            "from pg_constraint where contype = 'c'"
        )
    finally:
        await conn.close()
    found: dict[str, list[str]] = {}
    for row in rows:
        found.setdefault(row["tbl"], []).append(row["definition"])
    return found


def test_every_enum_column_allows_exactly_its_enum_words(checks: dict[str, list[str]]) -> None:
    compared = []
    for declared in entities():
        for name, col in declared.columns.items():
            if col.enum is None or col.sql is not None:
                continue
            definitions = [
                definition
                for definition in checks.get(declared.table, [])
                if re.search(rf"\b{name}\b", definition) and "ARRAY[" in definition
            ]
            assert len(definitions) == 1, (declared.table, name, definitions)
            allowed = set(re.findall(r"'([^']*)'::text", definitions[0]))
            assert allowed == _words(getattr(enums, col.enum)), (declared.table, name)
            compared.append(f"{declared.table}.{name}")
    # Among them a plain column, a list column and one that has a default.
    assert {"collaboration_link.kind", "household.categories", "community.status"} <= set(compared)


def test_every_actor_kind_is_an_actor_table(checks: dict[str, list[str]]) -> None:
    (definition,) = [d for d in checks["actor"] if "kind" in d]
    assert set(re.findall(r"'([^']*)'::text", definition)) == set(kinds.ACTOR_KINDS)
    declared = {e.actor_kind: e.table for e in entities() if e.actor_kind is not None}
    assert declared == {kind: kind for kind in kinds.ACTOR_KINDS}
