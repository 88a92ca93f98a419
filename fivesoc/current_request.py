"""The request being served: its id and what it turned out to be, in a context variable.

The HTTP layer opens a `Served` record as a request (or a WebSocket) arrives; what learns
something about the request writes it there (the schema the operation's name and type, the
GraphQL view its outcome), and every log line written meanwhile carries the request's id
(`fivesoc.logs`). The record is one mutable object, so what is written in a task of the
request is seen by the code that opened it, even where a framework copies the context.
"""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import re
import secrets
from collections.abc import Iterator

# A request id a client may choose (`X-Request-Id`): visible ASCII without spaces or quotes,
# at most 128 characters; anything else is replaced by a generated one.
REQUEST_ID = re.compile(r"[A-Za-z0-9._:/+=@-]{1,128}")


@dataclasses.dataclass(slots=True)
class Served:
    """One request as far as it is known: its id and, once known, the GraphQL operation it
    ran: its name (None for an unnamed one), its type (None while no operation was found in
    the document), and whether the request was answered as GraphQL (`graphql`) with which
    `outcome` (`ok`, or the code of its first error)."""

    request_id: str
    operation: str | None = None
    operation_type: str | None = None
    graphql: bool = False
    outcome: str = "ok"


_current: contextvars.ContextVar[Served | None] = contextvars.ContextVar(
    "fivesoc_request", default=None
)


def request_id_from(given: str | None) -> str:
    """The id of a request: the client's `X-Request-Id` when it is a valid one, else a new
    random one (32 hex digits)."""
    if given is not None and REQUEST_ID.fullmatch(given):
        return given
    return secrets.token_hex(16)


def current() -> Served | None:
    """The request being served in this context, if any."""
    return _current.get()


@contextlib.contextmanager
def serving(served: Served) -> Iterator[Served]:
    """`served` is the current request while the block runs."""
    token = _current.set(served)
    try:
        yield served
    finally:
        _current.reset(token)
