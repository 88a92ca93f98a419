"""Stored answers of writes sent with an `Idempotency-Key`, kept for 24 hours.

A keyed write runs in one transaction on one connection: `claim` the key, run the write,
`store` the answer, commit. A process killed at any moment leaves either nothing (a retry
writes anew) or the write together with its answer (a retry gets the answer). A second
request with the same key while the first is under way waits, in `claim`, on the first one's
uncommitted row (the primary key), and then finds its answer, or, if the first rolled back,
claims the key itself.

Keys are scoped by the subject of the caller's token, so no caller can read another's answer.
Expired rows are deleted by `claim` for its own key, so that a key is free again after 24 hours
exactly, and by `purge` for every key (`fivesoc.db.housekeeping` runs it).
"""

from __future__ import annotations

import dataclasses
import logging
import re

import asyncpg
from asyncpg.pool import PoolConnectionProxy

from fivesoc.db.errors import DatabaseError

logger = logging.getLogger("fivesoc.idempotency")

"""How often each process deletes the expired answers."""

KEY = re.compile(r"[!-~]{1,255}")
"""A key: 1 to 255 visible ASCII characters (as the table's check says)."""

# $1 subject, $2 key. An answer past its time no longer holds the key.
EXPIRE = """
delete from idempotent_request
where subject = $1 and key = $2 and created_at < now() - interval '24 hours'
"""

# $1 subject, $2 key, $3 fingerprint. A row; nothing when the key is taken (waiting, first,
# for a transaction that holds it uncommitted).
CLAIM = """
insert into idempotent_request (subject, key, fingerprint) values ($1, $2, $3)
on conflict (subject, key) do nothing
returning true
"""

# $1 subject, $2 key.
STORED = """
select fingerprint, status, content_type, body from idempotent_request
where subject = $1 and key = $2
"""

# $1 subject, $2 key, $3 status, $4 content type, $5 body.
STORE = """
update idempotent_request set status = $3, content_type = $4, body = $5
where subject = $1 and key = $2
"""

# $1 how many rows at most. Rows another transaction holds are left for the next purge.
PURGE = """
delete from idempotent_request where ctid = any(array(
    select ctid from idempotent_request
    where created_at < now() - interval '24 hours'
    order by created_at
    limit $1
    for update skip locked
))
"""
PURGE_BATCH = 10_000

Conn = asyncpg.Connection | PoolConnectionProxy


class KeyInUse(DatabaseError):
    """Another request with the same key is still running, longer than a statement may wait."""


@dataclasses.dataclass(frozen=True, slots=True)
class Stored:
    """A keyed request's answer: the request's fingerprint and the answer as it was sent."""

    fingerprint: bytes
    status: int
    content_type: str
    body: bytes


async def claim(conn: Conn, subject: str, key: str, fingerprint: bytes) -> Stored | None:
    """Claim `key` for `subject` in the caller's transaction: None when it is new (the caller
    then writes and `store`s its answer before committing), else the answer stored for it.

    While another transaction holds the key uncommitted, this waits for it (up to the
    statement timeout: then `KeyInUse`).
    """
    while True:
        try:
            await conn.execute(EXPIRE, subject, key)
            if await conn.fetchval(CLAIM, subject, key, fingerprint):
                return None
        except asyncpg.QueryCanceledError as error:
            raise KeyInUse(f"a request with the key {key!r} is still running") from error
        row = await conn.fetchrow(STORED, subject, key)
        if row is not None:
            # The row that held the key was committed with its answer: `store` ran before.
            assert row["status"] is not None
            return Stored(
                bytes(row["fingerprint"]), row["status"], row["content_type"], bytes(row["body"])
            )
        # Purged between the two statements, just as it expired: claim it again.


async def store(
    conn: Conn,
    subject: str,
    key: str,
    status: int,
    content_type: str,
    body: bytes,
) -> None:
    """Record the answer to the key `claim`ed in this transaction."""
    await conn.execute(STORE, subject, key, status, content_type, body)


async def purge(conn: asyncpg.Pool | asyncpg.Connection) -> int:
    """Delete the answers older than 24 hours; how many were deleted."""
    deleted = 0
    while True:
        status: str = await conn.execute(PURGE, PURGE_BATCH)
        count = int(status.split()[-1])
        deleted += count
        if count < PURGE_BATCH:
            return deleted
