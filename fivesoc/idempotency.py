"""Writes sent with an `Idempotency-Key` header: answered once, the answer replayed after.

A POST of a mutation with `Idempotency-Key: <key>` (1 to 255 visible ASCII characters) runs in
one transaction on one connection: the key is claimed, the operation executed (each mutation's
own transaction becomes a savepoint of it, and the payload reads see the write), and the answer
stored as it is sent (status, content type, body), all committed together. A retry with the
same key and the same request (query, operationName and variables) gets that answer again with
`Idempotent-Replayed: true` and writes nothing, from any server process, for 24 hours; the same
key with another request is refused (422, `IDEMPOTENCY_KEY_REUSED`). A retry sent while the
first is still running waits for it, then gets its answer.

An answer carrying `UNAVAILABLE`, `TIMEOUT`, `RATE_LIMITED` or `INTERNAL_SERVER_ERROR` is not
stored: the operation's writes are rolled back (what it cost stays spent), the answer comes with
`data: null` (nothing it names was written), and a retry with the key runs afresh. Keys are
scoped by the token's subject, so no caller can read another's answer. A key on a query, or
on a GET, is ignored: reads are idempotent anyway.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import uuid
from collections.abc import Awaitable, Callable, Mapping

import asyncpg
from graphql import GraphQLError, OperationType, get_operation_ast, parse
from starlette.responses import Response

from fivesoc.db import idempotency
from fivesoc.db.held import HeldConnection
from fivesoc.graphql_http import GraphQLRequest, RequestError
from fivesoc.schema.errors import UNAVAILABLE_MESSAGE, UNREACHABLE

logger = logging.getLogger("fivesoc.idempotency")

HEADER = "idempotency-key"
REPLAYED = "idempotent-replayed"
MAX_KEY_LENGTH = 255

NOT_KEPT = frozenset({"UNAVAILABLE", "TIMEOUT", "INTERNAL_SERVER_ERROR", "RATE_LIMITED"})
"""Codes of errors that make an answer one not to store: a retry may fare better."""


@dataclasses.dataclass(frozen=True, slots=True)
class Answer:
    """The response to a keyed write, and whether it is to be stored (else rolled back)."""

    response: Response
    kept: bool


def key_of(
    method: str, headers: Mapping[str, str], wanted: GraphQLRequest, max_tokens: int
) -> str | None:
    """The idempotency key of a POSTed mutation; None without one, and for a query or a GET,
    whose key is ignored. A key that is not 1 to 255 visible ASCII characters is a 400."""
    key = headers.get(HEADER)
    if key is None or method != "POST" or not is_mutation(wanted, max_tokens):
        return None
    if idempotency.KEY.fullmatch(key) is None:
        if not key:
            problem = "it is empty"
        elif len(key) > MAX_KEY_LENGTH:
            problem = f"it is {len(key)} long"
        else:
            at = next(i for i, c in enumerate(key) if not "!" <= c <= "~")
            problem = f"character {at + 1} is not one"
        raise RequestError(
            400,
            f"the Idempotency-Key header must be 1 to {MAX_KEY_LENGTH} visible ASCII characters "
            f"(no spaces): {problem}",
            "BAD_REQUEST",
        )
    return key


def is_mutation(wanted: GraphQLRequest, max_tokens: int) -> bool:
    """Whether the request runs a mutation; False too for a document that does not parse or
    does not name its one operation (its execution refuses it)."""
    try:
        document = parse(wanted.query, max_tokens=max_tokens)
    except GraphQLError:
        return False
    operation = get_operation_ast(document, wanted.operation_name)
    return operation is not None and operation.operation is OperationType.MUTATION


def fingerprint(wanted: GraphQLRequest) -> bytes:
    """sha256 of the request as canonical JSON: query, operationName and variables (no
    variables and `{}` are the same)."""
    canonical = json.dumps(
        {
            "query": wanted.query,
            "operationName": wanted.operation_name,
            "variables": wanted.variables or {},
        },
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode("utf-8")).digest()


def kept(codes: list[object]) -> bool:
    """Whether an answer whose errors carry `codes` is stored."""
    return NOT_KEPT.isdisjoint(code for code in codes if isinstance(code, str))


class _Withheld(Exception):
    """Rolls the keyed transaction back, carrying the answer to send all the same."""

    def __init__(self, response: Response) -> None:
        super().__init__()
        self.response = response


async def answer_once(
    pool: asyncpg.Pool,
    subject: str,
    key: str,
    wanted: GraphQLRequest,
    run: Callable[[HeldConnection], Awaitable[Answer]],
) -> Response:
    """The answer to a keyed write: the stored one, or `run`'s, stored with its writes.

    `run` executes the operation on the held connection (in place of the pool) and says
    whether its answer is to be kept; commit comes after `store`, and only then the answer.
    """
    sent = fingerprint(wanted)
    try:
        async with pool.acquire() as conn, conn.transaction():
            stored = await idempotency.claim(conn, subject, key, sent)
            if stored is None:
                answer = await run(HeldConnection(conn))
                if not answer.kept:
                    raise _Withheld(answer.response)
                content_type = answer.response.headers["content-type"]
                body = bytes(answer.response.body)
                status = answer.response.status_code
                await idempotency.store(conn, subject, key, status, content_type, body)
                return answer.response
    except _Withheld as withheld:
        return withheld.response
    except idempotency.KeyInUse as error:
        raise RequestError(
            409,
            "a request with this Idempotency-Key is still being answered; retry when it has been",
            "IDEMPOTENCY_KEY_IN_USE",
        ) from error
    except UNREACHABLE as error:
        raise RequestError(
            503, UNAVAILABLE_MESSAGE, "UNAVAILABLE", headers={"retry-after": "5"}
        ) from error
    except asyncpg.PostgresError as error:
        error_id = uuid.uuid4().hex[:12]
        logger.error("keyed write %s failed", error_id, exc_info=error)
        raise RequestError(
            500,
            f"Internal server error (error id {error_id}); it has been logged. Nothing was "
            "written: retry with the same Idempotency-Key.",
            "INTERNAL_SERVER_ERROR",
        ) from error
    if stored.fingerprint != sent:
        raise RequestError(
            422,
            "this Idempotency-Key was used with another request (query, operationName or "
            "variables differ); send a new key for a new request",
            "IDEMPOTENCY_KEY_REUSED",
        )
    return Response(
        stored.body, stored.status, headers={"content-type": stored.content_type, REPLAYED: "true"}
    )
