"""The compiled path answers exactly as the executed one: the docs' queries, generated queries.

The app of the `client` fixture verifies every query the other tests send; here the queries of
`docs/` and 2,000 queries generated from the schema (seeded; half on the demo data, half on a
generated county) go through both paths, and each answer must be the same JSON, key order
included.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import graphql
import pytest
from graphql import OperationType, parse
from graphql.utilities import get_operation_ast
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from hypothesis_graphql import nodes, queries

from fivesoc.auth import ANONYMOUS
from fivesoc.db import connect, synthetic
from fivesoc.db.compiled import NotCompilable
from fivesoc.schema import Reads, build_schema
from fivesoc.schema.compiler import Compiler
from fivesoc.schema.context import Context, Limits
from fivesoc.schema.loaders import Loaders
from fivesoc.schema.types.fields import READS, ReadsList
from tests.conftest import GraphQLClient

DOCS = Path(__file__).parent.parent / "docs"
LIMITS = Limits(default_page_size=20, max_page_size=100)
GENERATED = 1600


def _doc_queries() -> list[str]:
    found = []
    for path in sorted(DOCS.glob("*.md")):
        for block in re.findall(r"```graphql\n(.*?)```", path.read_text(), re.S):
            operation = get_operation_ast(parse(block))
            if operation is not None and operation.operation is OperationType.QUERY:
                found.append(block)
    return found


SCHEMA = build_schema(reads=Reads.VERIFY)
COMPILER = Compiler(SCHEMA)


def _compiles(query: str) -> bool:
    try:
        COMPILER.plan(parse(query), None, None, LIMITS)
    except NotCompilable:
        return False
    return True


def _root_lists() -> list[str]:
    """The root lists the compiler reads: those not guarded as personal data."""
    query = SCHEMA.get_type_by_name("Query")
    assert query is not None
    return sorted(
        SCHEMA.config.name_converter.get_graphql_name(field)
        for field in query.fields  # type: ignore[union-attr]
        if isinstance(field.metadata.get(READS), ReadsList)
        and field.metadata[READS].guarded is None
    )


async def test_every_query_of_the_docs_reads_the_same_both_ways(client: GraphQLClient) -> None:
    documented = _doc_queries()
    assert len(documented) == 4
    for query in documented:
        body = await client.execute(query)
        codes = [error.get("extensions", {}).get("code") for error in body.get("errors", [])]
        assert "READS_DIFFER" not in codes, body["errors"]
    # Three of them are compiled; the fourth asks for `linkage`, which is executed.
    assert [_compiles(query) for query in documented] == [True, True, False, True]


@pytest.fixture
def loop() -> Iterator[asyncio.AbstractEventLoop]:
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


def _string(values: st.SearchStrategy[str]) -> st.SearchStrategy[object]:
    return values.map(nodes.String)


SCALARS = {
    "Date": _string(st.dates(dt.date(2015, 1, 1), dt.date(2026, 12, 31)).map(str)),
    "DateTime": _string(st.just("2024-01-01T00:00:00+00:00")),
    "Decimal": _string(st.sampled_from(["0", "1.5", "200000"])),
    "JSON": _string(st.just("{}")),
}


# Arguments left out of generated queries: random cursors, ids and search texts are refused
# (and then executed), so the generator would hardly reach the compiler with them.
UNGENERATED = {"after", "before", "last", "search"}


def _generated_schema() -> str:
    """The schema the queries are generated from: the served one without `UNGENERATED`
    arguments and without arguments or input fields of type ID."""
    schema = graphql.build_schema(SCHEMA.as_str())
    for named in schema.type_map.values():
        if isinstance(named, graphql.GraphQLObjectType):
            for field in named.fields.values():
                for name in [n for n, arg in field.args.items() if _dropped(n, arg.type)]:
                    del field.args[name]
        elif isinstance(named, graphql.GraphQLInputObjectType):
            for name in [n for n, f in named.fields.items() if _dropped(n, f.type)]:
                del named.fields[name]
    return graphql.print_schema(schema)


def _dropped(name: str, type_: graphql.GraphQLInputType) -> bool:
    if isinstance(type_, graphql.GraphQLNonNull):
        return False
    return name in UNGENERATED or graphql.get_named_type(type_).name == "ID"


@pytest.fixture
async def county_url(migrated_url: str) -> str:
    """A fresh database holding a generated county (seed 7): about 10k actors, 45k links."""
    conn = await connect.connect(migrated_url)
    try:
        await synthetic.generate(conn, "county", 7)
    finally:
        await conn.close()
    return migrated_url


# Half the generated queries run on the demo data, half on a generated county, each half drawn
# from its own seed.
@pytest.mark.parametrize(("database", "draw"), [("demo_url", 1), ("county_url", 2)])
def test_generated_queries_read_the_same_both_ways(
    request: pytest.FixtureRequest, database: str, draw: int, loop: asyncio.AbstractEventLoop
) -> None:
    url = request.getfixturevalue(database)
    pool = loop.run_until_complete(connect.create_pool(url, min_size=1, max_size=2))
    compiled = 0
    examples = GENERATED // 2

    @seed(draw)
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(queries(_generated_schema(), fields=_root_lists(), custom_scalars=SCALARS))
    def check(query: str) -> None:
        nonlocal compiled
        context = Context(pool=pool, loaders=Loaders(pool), limits=LIMITS, viewer=ANONYMOUS)
        result = loop.run_until_complete(SCHEMA.execute(query, context_value=context))
        differing = [
            error for error in result.errors or [] if error.extensions.get("code") == "READS_DIFFER"
        ]
        assert not differing, (query, differing[0].message)
        compiled += _compiles(query)

    try:
        check()
    finally:
        loop.run_until_complete(pool.close())
    # Most generated queries are compiled; the rest ask for executed fields or bad arguments.
    assert compiled >= examples // 2, compiled
