"""What every mutation shares: user errors, id checks, the write permission, one transaction.

Every payload carries `userErrors` (field path, message, code) for anything the caller got
wrong; then nothing was written. Writes need a caseworker token covering the region of what
they change, or an admin token.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Iterable, Sequence
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any, TypeVar

import strawberry
from strawberry import relay

from fivesoc.db import entities
from fivesoc.db.declare import entity_of
from fivesoc.db.errors import WriteError
from fivesoc.db.listing import Source
from fivesoc.permissions import PUBLIC, WRITE, RecordClass
from fivesoc.schema import privacy
from fivesoc.schema.context import Info
from fivesoc.schema.types.common import row_key

T = TypeVar("T")


@strawberry.enum(description="What kind of problem a user error is.")
class UserErrorCode(Enum):
    INVALID = strawberry.enum_value("INVALID", description="A value breaks a rule.")
    NOT_FOUND = strawberry.enum_value("NOT_FOUND", description="An id names nothing.")
    CONFLICT = strawberry.enum_value(
        "CONFLICT", description="The data changed since it was read, or too little is left."
    )
    FORBIDDEN = strawberry.enum_value(
        "FORBIDDEN", description="The token does not allow this write."
    )


@strawberry.type(description="A problem with a mutation's input; nothing was written.")
class UserError:
    field: list[str] | None = strawberry.field(description="Path to the input at fault.")
    message: str = strawberry.field(description="What was wrong, in words.")
    code: UserErrorCode = strawberry.field(description="Kind of problem.")


class Refused(Exception):
    def __init__(self, errors: list[UserError]) -> None:
        self.errors = errors


def snake(type_name: str) -> str:
    """`VolunteerTeam` → `volunteer_team`."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", type_name).lower()


async def check_actor_kinds(conn: Any, claims: Sequence[tuple[str, relay.GlobalID]]) -> None:
    """Refuse each (field, global id of an actor type) whose row is not an actor of that kind.

    Actors of every kind share one id space and their references are foreign keys to `actor`:
    without this, `Organization:<a community's id>` would be taken for the community.
    """
    if not claims:
        return
    keys = [row_key(value.node_id) for _, value in claims]
    kinds = await entities.actor_kinds(conn, [key for key in keys if key is not None])
    errors = [
        user_error(
            field,
            f"no {snake(value.type_name).replace('_', ' ')} has the id {value.node_id}",
            UserErrorCode.NOT_FOUND,
        )
        for (field, value), key in zip(claims, keys, strict=True)
        if key is None or kinds.get(key) != snake(value.type_name)
    ]
    if errors:
        raise Refused(errors)


def user_error(field: str | None, message: str, code: UserErrorCode) -> UserError:
    return UserError(field=None if field is None else ["input", field], message=message, code=code)


def decimal_input(value: object, digits: tuple[int, int], field: str) -> Decimal:
    """A decimal input that fits its column (`digits`: precision and scale); INVALID, saying
    why, for anything else."""
    precision, scale = digits
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        number = Decimal("NaN")
    problem = None
    if not number.is_finite():
        problem = f"must be a decimal number, got {value!r}"
    elif number.as_tuple().exponent < -scale:  # type: ignore[operator]
        problem = f"has more than {scale} decimal place{'s' if scale != 1 else ''}"
    elif abs(number) >= Decimal(10) ** (precision - scale):
        problem = f"must be less than {10 ** (precision - scale):,}"
    if problem is not None:
        raise Refused([user_error(field, problem, UserErrorCode.INVALID)])
    return number


def local_id(value: relay.GlobalID, type_name: str, field: str) -> int:
    key = row_key(value.node_id)
    if value.type_name != type_name or key is None:
        raise Refused(
            [user_error(field, f"must be the id of a {type_name}", UserErrorCode.INVALID)]
        )
    return key


FORBIDDEN = user_error(
    None,
    "writes need a caseworker token covering the region, or an admin token",
    UserErrorCode.FORBIDDEN,
)


def may_write_at_all(info: Info, of: RecordClass = PUBLIC) -> None:
    """Refuse, before reading anything, a viewer whose grants write no records of class `of`
    anywhere: whether a record exists is no answer for it."""
    if not privacy.granted(info, WRITE, of):
        raise Refused([FORBIDDEN])


async def may_write_in(
    info: Info, region_ids: Iterable[int | None], of: RecordClass = PUBLIC
) -> None:
    """Refuse unless the viewer may write records of class `of` in every region given (None:
    a row that does not exist, which the write itself then reports as NOT_FOUND)."""
    may_write_at_all(info, of)
    wanted = {region for region in region_ids if region is not None}
    if wanted - await privacy.covered_regions(info, wanted, WRITE, of):
        raise Refused([FORBIDDEN])


async def may_write(info: Info, source: Source[Any], key: int, field: str) -> None:
    """Refuse unless the viewer may write to the region of row `key` of `source`, named by
    the input `field`.

    A row that does not exist passes: the write itself then reports it as NOT_FOUND. A
    personal record outside the viewer's regions is reported the same way, so that nobody
    learns what they may not read.
    """
    of = privacy.record_class(source.personal)
    may_write_at_all(info, of)
    row = await info.context.loaders.by_id(source).load(key)
    if row is None:
        return
    try:
        await may_write_in(info, [row.region_id], of)
    except Refused:
        if of is PUBLIC:
            raise
        noun = entity_of(source.record).noun
        message = f"no {noun} has the id {key}"
        raise Refused([user_error(field, message, UserErrorCode.NOT_FOUND)]) from None


async def write(info: Info, action: Callable[[Any], Awaitable[T]]) -> T:
    """Run `action(conn)` in one transaction; a refusal rolls all of it back.

    For a request with an `Idempotency-Key` the context's pool is one held connection
    (`fivesoc.db.held`), and this transaction a savepoint of the request's own, which commits
    the write together with its stored answer.
    """
    async with info.context.pool.acquire() as conn, conn.transaction():
        try:
            return await action(conn)
        except WriteError as error:
            code = UserErrorCode(error.code)
            raise Refused([user_error(error.field, error.message, code)]) from error
