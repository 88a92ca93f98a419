"""Compiled reads in the request: the extension that answers a query with one SQL statement.

`Reads` names the three ways a server may answer a query operation:

- `compiled`: the root fields the compiler can read (`fivesoc.schema.compiler`) in one
  statement, the others executed. When all compile, the JSON text PostgreSQL built goes to
  the client as it is (`RawJSON`); otherwise both parts are merged in the operation's order.
- `executed`: strawberry resolves every field, as it always did.
- `verify`: both, answering with the executed result; a difference is logged and added to
  the answer as an error, so that a test or a canary sees it.
"""

from __future__ import annotations

import dataclasses
import enum
import json
import logging
from collections.abc import AsyncIterator
from typing import Any

import asyncpg
from graphql import DocumentNode, GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType

from fivesoc.db import compiled
from fivesoc.schema.compiler import Compiler
from fivesoc.schema.errors import UNREACHABLE

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


def splice_message(message: dict[str, Any]) -> str | None:
    """A WebSocket message's JSON text if its payload's `data` is `RawJSON` (a query answered
    over graphql-transport-ws or graphql-ws), else None."""
    payload = message.get("payload")
    if not isinstance(payload, dict) or (spliced := splice(payload)) is None:
        return None
    rest = json.dumps({k: v for k, v in message.items() if k != "payload"}, separators=(",", ":"))
    return rest[:-1] + ("" if rest == "{}" else ",") + '"payload":' + spliced + "}"


@dataclasses.dataclass(frozen=True, slots=True)
class Answer:
    """What the compiled path answers: `text`, the JSON object of the root fields it built,
    and, when some root fields must be executed, the document asking for those (`executed`)
    and every root key in the order of the answer (`keys`)."""

    text: str
    executed: DocumentNode | None
    keys: tuple[str, ...]

    def merged(self, executed: dict[str, Any] | None) -> dict[str, Any] | None:
        """The whole answer: the compiled root fields and the executed ones, in order. None
        when the executed part is null (an error in a non-null root field nulls it all)."""
        if executed is None:
            return None
        built = json.loads(self.text)
        return {key: built[key] if key in built else executed[key] for key in self.keys}


async def compiled_answer(
    compiler: Compiler, execution_context: Any, pool: asyncpg.Pool, *, strict: bool = False
) -> Answer | None:
    """The root fields the compiler can build, as JSON text; None where all are executed.
    `strict` (verify mode) lets a plan PostgreSQL refuses fail the request, so that a test or
    a canary sees it."""
    if execution_context.operation_type is not OperationType.QUERY:
        return None
    statement = compiler.statement(
        execution_context.graphql_document,
        execution_context.query,
        execution_context.operation_name,
        execution_context.variables,
        execution_context.context.limits,
    )
    if statement is None:
        # Nothing compiles, or variables the executed path refuses: it answers, errors included.
        return None
    try:
        text = await compiled.fetch_json(pool, statement.sql, statement.args)
    except UNREACHABLE:
        # Not the plan's fault: the executed path meets the same outage and answers UNAVAILABLE.
        return None
    except (asyncpg.PostgresError, asyncpg.InterfaceError):
        # A plan PostgreSQL refuses is fivesoc's fault, never the client's: log it and let
        # the executed path answer.
        logger.exception("compiled read failed; executing instead: %s", statement.sql)
        if strict:
            raise
        return None
    return Answer(text, statement.executed, statement.keys)


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
        answer = None
        if self._reads is not Reads.EXECUTED and not ctx.result:
            verify = self._reads is Reads.VERIFY
            answer = await compiled_answer(self._compiler, ctx, ctx.context.pool, strict=verify)
        document = ctx.graphql_document
        if answer is not None and self._reads is Reads.COMPILED:
            if answer.executed is None:
                ctx.result = ExecutionResult(data=RawJSON(answer.text), errors=None)  # type: ignore[arg-type]
            else:
                ctx.graphql_document = answer.executed  # strawberry executes the rest
        yield
        if answer is None or ctx.result is None:
            return
        if self._reads is Reads.COMPILED:
            if answer.executed is not None:
                ctx.graphql_document = document
                ctx.result.data = answer.merged(ctx.result.data)
            return
        self._verify(answer, ctx.result)

    def _verify(self, answer: Answer, result: Any) -> None:
        """Add a READS_DIFFER error where the compiled root fields differ from the executed."""
        built = list(json.loads(answer.text))
        failed = [e for e in result.errors or [] if not e.path or e.path[0] in built]
        if failed:
            found: str | None = f"the executed path gave errors: {failed}"
        elif result.data is None:
            return  # an executed root field nulled the answer; nothing to compare
        else:
            found = differences(answer.text, {key: result.data[key] for key in built})
        if found is not None:
            logger.error("compiled and executed reads differ: %s", found)
            error = GraphQLError(
                "compiled and executed reads differ: " + found,
                extensions={"code": "READS_DIFFER"},
            )
            result.errors = [*(result.errors or []), error]
