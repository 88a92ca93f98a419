"""Every query of docs/queries.md still gives the output printed under it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import GraphQLClient

DOCS = Path(__file__).resolve().parent.parent / "docs" / "queries.md"
PAIRS = re.findall(r"```graphql\n(.*?)\n```\s*```json\n(.*?)\n```", DOCS.read_text(), re.S)


def test_the_page_has_a_query_for_each_kind_of_user() -> None:
    assert len(PAIRS) == 4


@pytest.mark.parametrize(
    ("query", "answer"), PAIRS, ids=["front-end", "planner", "planner-linkage", "integrator"]
)
async def test_documented_answers_are_real(client: GraphQLClient, query: str, answer: str) -> None:
    answered = await client.execute(query)
    # What each answer cost (`extensions.cost`) is tested in tests/test_fair_use.py.
    answered.pop("extensions", None)
    assert answered == json.loads(answer)
