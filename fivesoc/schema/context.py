"""The one typed context every resolver receives."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import asyncpg
from strawberry.types import Info as StrawberryInfo

from fivesoc.auth import Viewer
from fivesoc.db.listener import EventListener
from fivesoc.db.revocations import RevokedTokens
from fivesoc.schema.loaders import Loaders

if TYPE_CHECKING:
    from fivesoc.db.budgets import Budgets
    from fivesoc.schema.fair_use import Paid
    from fivesoc.schema.network.service import NetworkCache


@dataclasses.dataclass(frozen=True, slots=True)
class Limits:
    """Page sizes of connections, the longest search text, how far behind the live log a
    subscription may fall, and the costs an operation and a caller may spend."""

    default_page_size: int
    max_page_size: int
    subscriber_queue: int = 1000
    max_search_length: int = 100
    max_cost: int = 0
    """The most one operation may cost (`fivesoc.schema.cost`); 0: costs are not checked."""
    budget: int = 0
    """Points a token's subject may spend a minute."""
    anonymous_budget: int = 0
    """Points a client address may spend a minute without a token."""


@dataclasses.dataclass(slots=True)
class Context:
    """What a request brings to its resolvers: the pool, its own loaders, the limits, and who
    is asking."""

    pool: asyncpg.Pool
    """The pool; for a mutation with an `Idempotency-Key`, one held connection standing in for
    it (`fivesoc.db.held.HeldConnection`), so that the whole request is one transaction."""
    loaders: Loaders
    limits: Limits
    viewer: Viewer
    listener: EventListener | None = None
    revocations: RevokedTokens | None = None
    networks: NetworkCache | None = None
    connection_params: dict[str, object] | None = None
    """The payload of a WebSocket's `connection_init` (Strawberry sets it)."""
    client: str | None = None
    """The client's address, whose budget an anonymous request spends."""
    paid: Paid | None = None
    """What the operation was charged before it ran (a keyed write pays before it holds its
    connection); None: `FairUse` charges it."""
    budgets: Budgets | None = None
    """Where costs are charged (`fivesoc.db.budgets`): on the app's pool, even while a keyed
    write runs on one held connection; None: costs are not charged."""


Info = StrawberryInfo[Context, None]
