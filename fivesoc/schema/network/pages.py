"""A stored analysis too large to restore, served by pages of its actor rows.

A worker stores a network of more than `FIVESOC_MAX_NETWORK_ACTORS` actors by one row per
actor (`fivesoc.graph.paged`, `fivesoc.db.analysis_pages`). A server keeps its header alone,
the network-wide figures, and reads each page of actors or communities asked for through
the index of its ranking; a field that needs the whole network in memory answers
`NETWORK_TOO_LARGE` (`fivesoc.schema.errors.NetworkTooLarge`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

import asyncpg

from fivesoc.db import analysis_pages
from fivesoc.db.analysis_pages import StoredActor
from fivesoc.graph.linkage import Linkage
from fivesoc.graph.stored import linkage_of
from fivesoc.schema.errors import NetworkTooLarge


@dataclasses.dataclass(frozen=True, slots=True)
class StoredPages:
    """A stored analysis read by pages: its header (`fivesoc.db.analysis_pages.Header`),
    the data version it was computed at, and the most actors a server holds."""

    pool: asyncpg.Pool
    header: analysis_pages.Header
    version: tuple[int, int]
    max_actors: int

    @property
    def actors(self) -> int:
        return self.header.actors or 0

    @property
    def facts(self) -> dict[str, Any]:
        assert self.header.facts is not None, "a paged analysis keeps its figures"
        return self.header.facts

    def too_large(self) -> NetworkTooLarge:
        """The error of a field that needs the network in memory."""
        return NetworkTooLarge(self.actors, self.max_actors)

    def count(self, society: str | None = None) -> int:
        """How many actors (of `society`) the network has."""
        if society is None:
            return self.actors
        return int(self.facts["summary"]["by_society"].get(society, 0))

    async def page(
        self, order: str, start: int, size: int, society: str | None = None
    ) -> list[StoredActor]:
        """The actors at places `start` … of ranking `order`, `size` at most."""
        if size <= 0:
            return []
        async with self.pool.acquire() as conn:
            return await analysis_pages.page(conn, self.header.id, order, start, size, society)

    async def actors_of(self, keys: Sequence[int]) -> dict[int, StoredActor]:
        """The rows of the actors `keys`, by id (those of the network)."""
        if not keys:
            return {}
        async with self.pool.acquire() as conn:
            return await analysis_pages.actors(conn, self.header.id, keys)

    async def linkages(self, start: int, size: int) -> list[Linkage]:
        """The linkage of the communities at places `start` …, weakest first."""
        if size <= 0:
            return []
        async with self.pool.acquire() as conn:
            found = await analysis_pages.linkage_page(conn, self.header.id, start, size)
        return [linkage_of(facts) for facts in found]

    async def linkage(self, community: int) -> Linkage | None:
        """One community's linkage; None when it is no community of the network."""
        async with self.pool.acquire() as conn:
            found = await analysis_pages.linkage(conn, self.header.id, community)
        return None if found is None else linkage_of(found)
