"""Imports as the HTTP layer hands them to the schema: each on a connection of its own."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import IO, cast

import asyncpg

from fivesoc.auth import Viewer
from fivesoc.sheets.importing import import_file
from fivesoc.sheets.layout import KINDS
from fivesoc.sheets.report import Report


@dataclasses.dataclass(frozen=True, slots=True)
class PoolImports:
    """Imports on connections of `pool` (`fivesoc.schema.context.SheetImports`)."""

    pool: asyncpg.Pool
    kinds: Sequence[str] = tuple(KINDS)

    async def run(
        self, viewer: Viewer, stream: IO[bytes], filename: str, kind: str, *, dry_run: bool
    ) -> Report:
        async with self.pool.acquire() as conn:
            held = cast(asyncpg.Connection, conn)  # a pooled connection, used as one
            return await import_file(held, stream, filename, kind, viewer, dry_run=dry_run)
