"""Documents beyond the configured depth, token and alias limits are refused before running."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from strawberry.extensions.validation_cache import _get_validate_cache

from fivesoc.schema import DOCUMENT_CACHE_SIZE
from fivesoc.settings import Settings
from tests.conftest import SECRET_KEY, GraphQLClient, StatementLog, serve


@pytest.fixture
async def strict(demo_url: str, statement_log: StatementLog) -> AsyncIterator[GraphQLClient]:
    settings = Settings(
        secret_key=SECRET_KEY, max_depth=4, max_tokens=60, max_aliases=2
    ).with_database_url(demo_url)
    async with serve(settings, connection_init=statement_log.attach) as http:
        yield GraphQLClient(http)


async def test_a_deep_query_is_refused_without_touching_the_database(
    strict: GraphQLClient, statement_log: StatementLog
) -> None:
    statement_log.statements.clear()
    body = await strict.execute(
        "{ communities { nodes { region { parent { parent { name } } } } } }"
    )
    assert [(e["message"], e["extensions"]["code"]) for e in body["errors"]] == [
        ("'anonymous' exceeds maximum operation depth of 4", "GRAPHQL_VALIDATION_FAILED")
    ]
    assert statement_log.statements == []


async def test_a_query_within_the_depth_runs(strict: GraphQLClient) -> None:
    data = await strict.data("{ communities(first: 1) { nodes { region { name } } } }")
    assert len(data["communities"]["nodes"]) == 1


async def test_too_many_aliases_are_refused(strict: GraphQLClient) -> None:
    body = await strict.execute(
        "{ a: regions { totalCount } b: regions { totalCount } c: regions { totalCount } }"
    )
    assert [(e["message"], e["extensions"]["code"]) for e in body["errors"]] == [
        ("3 aliases found. Allowed: 2", "GRAPHQL_VALIDATION_FAILED")
    ]


async def test_too_many_tokens_are_refused(strict: GraphQLClient) -> None:
    fields = " ".join(["totalCount"] * 80)
    body = await strict.execute(f"{{ regions {{ {fields} }} }}")
    assert body["data"] is None
    assert body["errors"][0]["message"].startswith(
        "Syntax Error: Document contains more than 60 tokens"
    )
    assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"


async def test_a_repeated_document_is_validated_once(strict: GraphQLClient) -> None:
    """The limits' rules are made once per schema, so the validation cache (keyed by document
    and rules) answers a repeated document; a refused one stays refused."""
    cache = _get_validate_cache(DOCUMENT_CACHE_SIZE)
    query = "{ communities(first: 1) { totalCount } }"
    deep = "{ communities { nodes { region { parent { parent { id } } } } } }"
    before = cache.cache_info()
    for _ in range(3):
        assert (await strict.data(query))["communities"]["totalCount"] == 5
        body = await strict.execute(deep)
        assert [e["message"] for e in body["errors"]] == [
            "'anonymous' exceeds maximum operation depth of 4"
        ]
    after = cache.cache_info()
    assert (after.misses - before.misses, after.hits - before.hits) == (2, 4)
