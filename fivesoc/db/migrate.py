"""Schema migrations: ordered plain-SQL files in `migrations/`, each applied once.

Each file runs in its own transaction and is recorded in `schema_migration` with a checksum.
A session-level advisory lock serialises processes that migrate at once, so the second one
finds the work done and changes nothing.

After fivesoc's own files, the job queue's schema (Procrastinate's, as the installed package
ships it) is created under the same lock when its tables are missing: it belongs to the
queue library, not to fivesoc's checksummed files, and is created once, whole, in one
transaction.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from pathlib import Path

import asyncpg
from procrastinate.schema import SchemaManager

from fivesoc.db.errors import MigrationError, UnsuitableDatabase

MIGRATIONS_DIR = Path(__file__).with_name("migrations")

# Arbitrary but fixed: the advisory lock key every fivesoc process migrates under.
MIGRATION_LOCK_KEY = 0x5F1F_50C0

_FILE_NAME = re.compile(r"^(?P<version>\d{4})_(?P<name>[a-z0-9_]+)\.sql$")

CREATE_LEDGER = """
create table if not exists schema_migration (
    version     integer primary key,
    name        text not null,
    checksum    text not null,
    applied_at  timestamptz not null default now()
)
"""

APPLIED = "select version, name, checksum from schema_migration order by version"

RECORD = "insert into schema_migration (version, name, checksum) values ($1, $2, $3)"

LOCK = "select pg_advisory_lock($1)"

UNLOCK = "select pg_advisory_unlock($1)"

QUEUE_PRESENT = "select to_regclass('procrastinate_jobs') is not null"

RESET = "drop schema if exists public cascade; create schema public"


@dataclasses.dataclass(frozen=True, slots=True)
class Migration:
    """One migration file."""

    version: int
    name: str
    sql: str

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.sql.encode()).hexdigest()


def available(directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    """The migrations in `directory`, in version order."""
    migrations = []
    for path in sorted(directory.glob("*.sql")):
        match = _FILE_NAME.match(path.name)
        if match is None:
            raise MigrationError(f"migration file name {path.name!r} is not NNNN_name.sql")
        migrations.append(
            Migration(int(match["version"]), match["name"], path.read_text(encoding="utf-8"))
        )
    versions = [m.version for m in migrations]
    if len(set(versions)) != len(versions):
        raise MigrationError("two migration files share a version number")
    return migrations


async def migrate(conn: asyncpg.Connection, directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    """Apply the migrations not yet applied; return those applied now (empty if none)."""
    pending = available(directory)
    await conn.execute(LOCK, MIGRATION_LOCK_KEY)
    try:
        await conn.execute(CREATE_LEDGER)
        applied = {row["version"]: row for row in await conn.fetch(APPLIED)}
        done = []
        for migration in pending:
            row = applied.get(migration.version)
            if row is not None:
                if row["checksum"] != migration.checksum:
                    raise MigrationError(
                        f"migration {migration.version:04d}_{migration.name} was changed after "
                        "it was applied; add a new migration instead"
                    )
                continue
            try:
                async with conn.transaction():
                    await conn.execute(migration.sql)
                    await conn.execute(
                        RECORD, migration.version, migration.name, migration.checksum
                    )
            except asyncpg.PostgresError as error:
                raise MigrationError(
                    f"migration {migration.version:04d}_{migration.name} failed: {error}"
                ) from error
            done.append(migration)
        await _create_queue_schema(conn)
        return done
    finally:
        await conn.execute(UNLOCK, MIGRATION_LOCK_KEY)


async def _create_queue_schema(conn: asyncpg.Connection) -> None:
    """The job queue's tables and functions, created once (the caller holds the lock)."""
    if await conn.fetchval(QUEUE_PRESENT):
        return
    try:
        async with conn.transaction():
            await conn.execute(SchemaManager.get_schema())
    except asyncpg.PostgresError as error:
        raise MigrationError(f"the job queue's schema could not be created: {error}") from error


# pg_trgm splits 干丰社区 into five trigrams under a UTF-8 character type, and into none under
# the C locale, where it takes Chinese characters for punctuation.
TRIGRAM_PROBE = "select cardinality(show_trgm('干丰社区'))"


async def check_text_search(conn: asyncpg.Connection) -> None:
    """Refuse a database whose character type leaves Chinese names without trigrams: the
    name search would silently fall back to matching substrings."""
    if await conn.fetchval(TRIGRAM_PROBE) == 0:
        ctype = await conn.fetchval(
            "select datctype from pg_database where datname = current_database()"
        )
        raise UnsuitableDatabase(
            f"the database's character type (LC_CTYPE {ctype}) gives Chinese text no "
            "trigrams, so the name search would not work; create it with a UTF-8 locale, e.g. "
            "`createdb --template=template0 --locale=C.UTF-8 …`"
        )


async def applied_versions(conn: asyncpg.Connection) -> list[int]:
    """Versions recorded in the ledger (empty when nothing was ever migrated)."""
    exists = await conn.fetchval("select to_regclass('schema_migration') is not null")
    if not exists:
        return []
    return [row["version"] for row in await conn.fetch(APPLIED)]


async def reset(conn: asyncpg.Connection) -> None:
    """Drop every fivesoc table and extension of the `public` schema; the caller re-migrates."""
    await conn.execute(LOCK, MIGRATION_LOCK_KEY)
    try:
        await conn.execute(RESET)
    finally:
        await conn.execute(UNLOCK, MIGRATION_LOCK_KEY)
