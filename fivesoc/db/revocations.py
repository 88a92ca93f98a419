"""Revoked bearer tokens, kept in PostgreSQL so that every process honours them.

A token is revoked by its id (`jti`), or every token of a subject issued up to now at once.
Each process keeps the lists in memory and reads them again every few seconds
(`RevokedTokens`), so a revocation takes effect everywhere within that time; a revoked token
id is forgotten once the token has expired anyway.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import datetime as dt
import json
import logging

import asyncpg

from fivesoc.db.errors import DatabaseUnavailable

logger = logging.getLogger("fivesoc.revocations")

REVOKE_ID = """
insert into revoked_token (jti, expires_at) values ($1, $2)
on conflict (jti) do nothing
"""

REVOKE_SUBJECT = """
insert into revoked_subject (subject) values ($1)
on conflict (subject) do update set revoked_at = now()
returning revoked_at
"""

READ = """
select (select coalesce(array_agg(jti), '{}') from revoked_token where expires_at > now()),
       (select coalesce(json_object_agg(subject, revoked_at), '{}')::text from revoked_subject)
"""


async def revoke_token(conn: asyncpg.Connection, jti: str, expires_at: dt.datetime) -> None:
    """Revoke the token with this id (kept until it would have expired)."""
    await conn.execute(REVOKE_ID, jti, expires_at)


async def revoke_subject(conn: asyncpg.Connection, subject: str) -> dt.datetime:
    """Revoke every token of `subject` issued up to now; the moment of the revocation."""
    revoked_at: dt.datetime = await conn.fetchval(REVOKE_SUBJECT, subject)
    return revoked_at


@dataclasses.dataclass(frozen=True, slots=True)
class Revoked:
    """The revoked token ids, and the subjects whose tokens issued up to a moment are."""

    token_ids: frozenset[str] = frozenset()
    subjects: dict[str, dt.datetime] = dataclasses.field(default_factory=dict)

    def covers(
        self, token_id: str | None, subject: str | None, issued_at: dt.datetime | None
    ) -> bool:
        """Whether a token of this id, subject and issue time is revoked."""
        if token_id is not None and token_id in self.token_ids:
            return True
        since = self.subjects.get(subject) if subject is not None else None
        return since is not None and (issued_at is None or issued_at <= since)


async def read(conn: asyncpg.Pool | asyncpg.Connection) -> Revoked:
    """The revocations in force."""
    row = await conn.fetchrow(READ)
    assert row is not None
    subjects = {
        subject: dt.datetime.fromisoformat(moment) for subject, moment in json.loads(row[1]).items()
    }
    return Revoked(frozenset(row[0]), subjects)


class RevokedTokens:
    """The revocations as this process knows them, read again every `refresh_s` seconds."""

    def __init__(self, pool: asyncpg.Pool, refresh_s: float) -> None:
        self._pool = pool
        self._refresh_s = refresh_s
        self.current = Revoked()
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self.current = await read(self._pool)
        self._task = asyncio.create_task(self._keep_reading(), name="fivesoc-revocations")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _keep_reading(self) -> None:
        while True:
            await asyncio.sleep(self._refresh_s)
            try:
                self.current = await read(self._pool)
            except (
                OSError,
                asyncpg.PostgresError,
                asyncpg.InterfaceError,
                DatabaseUnavailable,
            ) as error:
                # The last lists known stay in force until the database answers again.
                logger.warning("cannot read the revoked tokens: %s", error)
