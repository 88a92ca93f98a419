"""Compiled reads in the request: the extension that answers a query with one SQL statement.

`Reads` names the three ways a server may answer a query operation:

- `compiled`: through the compiler when it can (`fivesoc.schema.compiler`), else executed.
  The JSON text PostgreSQL built goes to the client as it is (`RawJSON`).
- `executed`: strawberry resolves every field, as it always did.
- `verify`: both, answering with the executed result; a difference is logged and added to
  the answer as an error, so that a test or a canary sees it.
"""

from __future__ import annotations

import enum
import json
import logging
from collections.abc import AsyncIterator
from typing import Any

import asyncpg
from graphql import GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType

from fivesoc.db import compiled
from fivesoc.db.compiled import NotCompilable
from fivesoc.schema.compiler import Compiler

logger = logging.getLogger("fivesoc.compiled")


class Reads(enum.Enum):
    COMPILED = "compiled"
    EXECUTED = "executed"
    VERIFY = "verify"


class RawJSON(str):
    """JSON text built by PostgreSQL, handed to the client without being decoded."""

    __slots__ = ()


def splice(response: dict[str, Any]) -> str | None:
    """The response's JSON text if its `data` is `RawJSON`, else None (encode as usual)."""
    data = response.get("data")
    if not isinstance(data, RawJSON):
        return None
    rest = json.dumps({k: v for k, v in response.items() if k != "data"}, separators=(",", ":"))
    return '{"data":' + data + ("}" if rest == "{}" else "," + rest[1:])


async def compiled_answer(
    compiler: Compiler, execution_context: Any, pool: asyncpg.Pool
) -> str | None:
    """The operation's `data` as JSON text, or None where it must be executed."""
    if execution_context.operation_type is not OperationType.QUERY:
        return None
    context = execution_context.context
    try:
        root = compiler.plan(
            execution_context.graphql_document,
            execution_context.operation_name,
            execution_context.variables,
            context.limits,
        )
    except (NotCompilable, GraphQLError):
        # Not compilable, or arguments the executed path refuses: it answers, errors included.
        return None
    sql, args = compiled.render(root)
    try:
        return await compiled.fetch_json(pool, sql, args)
    except (asyncpg.PostgresError, asyncpg.InterfaceError):
        # A plan PostgreSQL refuses is fivesoc's fault, never the client's: log it and let
        # the executed path answer.
        logger.exception("compiled read failed; executing instead: %s", sql)
        return None


def differences(compiled_text: str, executed: object) -> str | None:
    """Where the compiled JSON and the executed data differ (key order included), if they do."""

    def ordered(value: object) -> object:
        if isinstance(value, dict):
            return [(key, ordered(item)) for key, item in value.items()]
        if isinstance(value, list):
            return [ordered(item) for item in value]
        return value

    mine = ordered(json.loads(compiled_text))
    theirs = ordered(json.loads(json.dumps(executed)))
    if mine == theirs:
        return None
    return f"compiled {json.dumps(mine, ensure_ascii=False)[:2000]} " + (
        f"executed {json.dumps(theirs, ensure_ascii=False)[:2000]}"
    )


class CompiledReads(SchemaExtension):
    """Answers query operations through the compiler, as `reads` says."""

    def __init__(self, *, compiler: Compiler, reads: Reads) -> None:
        self._compiler = compiler
        self._reads = reads

    async def on_execute(self) -> AsyncIterator[None]:
        ctx = self.execution_context
        text = None
        if self._reads is not Reads.EXECUTED and not ctx.result:
            text = await compiled_answer(self._compiler, ctx, ctx.context.pool)
            if text is not None and self._reads is Reads.COMPILED:
                ctx.result = ExecutionResult(data=RawJSON(text), errors=None)  # type: ignore[arg-type]
        yield
        if self._reads is Reads.VERIFY and text is not None and ctx.result is not None:
            found = differences(text, ctx.result.data)
            if ctx.result.errors:
                found = f"the executed path gave errors: {ctx.result.errors}"
            if found is not None:
                logger.error("compiled and executed reads differ: %s", found)
                error = GraphQLError(
                    "compiled and executed reads differ: " + found,
                    extensions={"code": "READS_DIFFER"},
                )
                ctx.result.errors = [*(ctx.result.errors or []), error]
