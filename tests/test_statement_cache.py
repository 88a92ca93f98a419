"""The compiler keeps the statements it rendered, by document, operation and variables."""

from __future__ import annotations

from graphql import parse

from fivesoc.schema import Reads, build_schema
from fivesoc.schema.compiler import Compiler
from fivesoc.schema.context import Limits

LIMITS = Limits(default_page_size=20, max_page_size=100)
QUERY = "query($n: Int!) { communities(first: $n) { nodes { name } } }"
EXECUTED = "{ regions { totalCount } }"


def test_a_repeated_request_reuses_its_statement_and_the_oldest_is_dropped() -> None:
    compiler = Compiler(build_schema(reads=Reads.COMPILED), cache_size=2)
    document = parse(QUERY)
    first = compiler.statement(document, QUERY, None, {"n": 5}, LIMITS)
    assert first is not None
    assert first.args[-1] == 5  # the page size is the last parameter
    assert compiler.statement(document, QUERY, None, {"n": 5}, LIMITS) is first
    other = compiler.statement(document, QUERY, None, {"n": 7}, LIMITS)
    assert other is not None
    assert other is not first
    assert other.sql == first.sql  # the same text: one prepared statement for both
    # A third entry drops the least recently used one (n = 5): it is rendered anew.
    assert compiler.statement(parse(EXECUTED), EXECUTED, None, None, LIMITS) is None
    again = compiler.statement(document, QUERY, None, {"n": 5}, LIMITS)
    assert again is not first
    assert again == first
