"""An entity is declared once: a new column is its migration and one line of its declaration.

The entity here exists only in this test: its table is created by the test (the migration),
its record class is declared with `entity` and `column`, and nothing else is written for it.
Its column `mood` then shows in the SDL (the type and the write inputs, with descriptions),
is written by `createMemo` and `updateMemo`, and is read by the compiled path in one
statement, with the same answer as the executed path.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from collections.abc import AsyncIterator

import asyncpg
import pytest
import strawberry
from graphql import parse
from strawberry import relay

from fivesoc.auth import Viewer
from fivesoc.db import compiled, connect
from fivesoc.db.declare import OPTIONAL, REQUIRED, column, entity
from fivesoc.db.entities.table import table_of
from fivesoc.db.records import Archivable
from fivesoc.schema.compiled import CompiledReads, Reads
from fivesoc.schema.compiler import Compiler
from fivesoc.schema.context import Context, Limits
from fivesoc.schema.loaders import Loaders
from fivesoc.schema.mutations.entities.factory import Entity, create_mutation, update_mutation
from fivesoc.schema.types.common import Catalogued
from fivesoc.schema.types.node import node

# The migration: the table with its added column, `mood`.
MIGRATION = """
create table memo (
    id bigserial primary key,
    region_id bigint not null references region (id),
    title text not null check (btrim(title) <> ''),
    mood text,
    version integer not null default 1,
    archived_at timestamptz
)
"""


# The declaration: `mood` is its one line.
@entity(
    table="memo",
    type_name="Memo",
    noun="memo",
    description="A memo about a region, declared by a test.",
    checks={"memo_title_check": ("title", "must not be blank")},
)
class Memo(Archivable):
    region_id: int = column("The region the memo is about.", write=REQUIRED, ref="Region")
    title: str = column("What the memo says.", write=REQUIRED)
    mood: str | None = column("How the memo reads: the added column.", write=OPTIONAL)


@node(Memo)
class MemoNode(Catalogued, relay.Node):
    pass


MEMO = Entity.of(table_of(Memo))


@strawberry.type(description="Reads.")
class Query:
    node: relay.Node = relay.node(description="A node by id.")


@strawberry.type(description="Writes.")
class Mutation:
    create_memo = create_mutation(MEMO)
    update_memo = update_mutation(MEMO)


LIMITS = Limits(default_page_size=20, max_page_size=100)


def _schema() -> strawberry.Schema:
    schema = strawberry.Schema(query=Query, mutation=Mutation, types=[MemoNode])
    verify = functools.partial(CompiledReads, compiler=Compiler(schema), reads=Reads.VERIFY)
    schema.extensions = (*schema.extensions, verify)
    return schema


SCHEMA = _schema()


@dataclasses.dataclass
class Setup:
    pool: asyncpg.Pool
    region: str  # the global id of 康乾街道

    async def run(self, document: str, **variables: object) -> dict:
        context = Context(
            pool=self.pool,
            loaders=Loaders(self.pool),
            limits=LIMITS,
            viewer=Viewer(subject="tester", role="admin"),
        )
        result = await SCHEMA.execute(document, variable_values=variables, context_value=context)
        assert result.errors is None, result.errors
        assert result.data is not None
        return result.data


@pytest.fixture
async def setup(demo_url: str) -> AsyncIterator[Setup]:
    pool = await connect.create_pool(demo_url)
    async with pool.acquire() as conn:
        await conn.execute(MIGRATION)
        region_id = await conn.fetchval("select id from region where name = '康乾街道'")
    yield Setup(pool, str(relay.GlobalID("Region", str(region_id))))
    await pool.close()


def test_the_column_shows_in_the_sdl_with_its_description() -> None:
    types = SCHEMA._schema.type_map
    mood = types["Memo"].fields["mood"]
    assert str(mood.type) == "String"
    assert mood.description == "How the memo reads: the added column."
    assert str(types["CreateMemoInput"].fields["mood"].type) == "String"
    assert types["CreateMemoInput"].fields["mood"].description == (
        "How the memo reads: the added column."
    )
    assert str(types["UpdateMemoInput"].fields["mood"].type) == "String"
    # The shared fields come with the entity's base, and the reference with its key.
    assert set(types["Memo"].fields) == {"id", "region", "title", "mood", "version", "archivedAt"}
    assert str(types["CreateMemoInput"].fields["regionId"].type) == "ID!"


CREATE = """
mutation($region: ID!) {
  createMemo(input: {regionId: $region, title: "入户走访小结", mood: "乐观"}) {
    memo { id title mood version region { name } }
    userErrors { field message code }
  }
}
"""

UPDATE = """
mutation($id: ID!) {
  updateMemo(input: {id: $id, expectedVersion: 1, mood: "谨慎"}) {
    memo { mood version }
    userErrors { field message code }
  }
}
"""

READ = """
query($id: ID!) {
  node(id: $id) { __typename id ... on Memo { title mood version region { name } } }
}
"""


async def test_the_column_is_written_and_read_in_one_statement(setup: Setup) -> None:
    created = (await setup.run(CREATE, region=setup.region))["createMemo"]
    assert created["userErrors"] == []
    memo = created["memo"]
    assert {key: memo[key] for key in ("title", "mood", "version")} == {
        "title": "入户走访小结",
        "mood": "乐观",
        "version": 1,
    }
    assert memo["region"] == {"name": "康乾街道"}
    async with setup.pool.acquire() as conn:
        assert await conn.fetchval("select mood from memo") == "乐观"

    updated = (await setup.run(UPDATE, id=memo["id"]))["updateMemo"]
    assert updated == {"memo": {"mood": "谨慎", "version": 2}, "userErrors": []}

    # The compiled path plans the read (it would raise NotCompilable otherwise), as one
    # statement, and answers what the executed path answers (verify mode adds an error if not).
    plan = Compiler(SCHEMA).plan(parse(READ), None, {"id": memo["id"]}, LIMITS)
    sql, args = compiled.render(plan)
    answer = json.loads(await compiled.fetch_json(setup.pool, sql, args))
    expected = {
        "node": {
            "__typename": "Memo",
            "id": memo["id"],
            "title": "入户走访小结",
            "mood": "谨慎",
            "version": 2,
            "region": {"name": "康乾街道"},
        }
    }
    assert answer == expected
    assert await setup.run(READ, id=memo["id"]) == expected


async def test_a_blank_title_is_refused_by_its_declared_check(setup: Setup) -> None:
    document = CREATE.replace('title: "入户走访小结"', 'title: "  "')
    created = (await setup.run(document, region=setup.region))["createMemo"]
    assert created == {
        "memo": None,
        "userErrors": [
            {"field": ["input", "title"], "message": "must not be blank", "code": "INVALID"}
        ],
    }
