"""The one typed context every resolver receives."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import IO, TYPE_CHECKING, Protocol

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


class SheetProblem(Protocol):
    """A bad cell of an imported file (`fivesoc.sheets.report.Problem`)."""

    @property
    def sheet(self) -> str: ...
    @property
    def row(self) -> int: ...
    @property
    def column(self) -> str | None: ...
    @property
    def value(self) -> str: ...
    @property
    def en(self) -> str: ...
    @property
    def zh(self) -> str: ...


class SheetCounts(Protocol):
    """What an import did to the rows of a sheet."""

    @property
    def created(self) -> int: ...
    @property
    def updated(self) -> int: ...
    @property
    def unchanged(self) -> int: ...


class SheetReport(Protocol):
    """What an import found and did (`fivesoc.sheets.report.Report`)."""

    @property
    def written(self) -> bool: ...
    @property
    def problem_count(self) -> int: ...
    @property
    def problems(self) -> Sequence[SheetProblem]: ...
    @property
    def counts(self) -> Mapping[str, SheetCounts]: ...


class SheetImports(Protocol):
    """Spreadsheet imports, which the HTTP layer hands the schema (`fivesoc.sheets`)."""

    @property
    def kinds(self) -> Sequence[str]: ...

    async def run(
        self, viewer: Viewer, stream: IO[bytes], filename: str, kind: str, *, dry_run: bool
    ) -> SheetReport: ...


@dataclasses.dataclass(slots=True)
class Delivering:
    """Where a subscription that follows the change log stands: the position of the event it
    is delivering now, and whether that event was replayed (read from the log before the
    subscription caught up with it) or is live. The WebSocket layer reads it to tell each
    subscriber where to resume, and to pace a replay to its subscribers."""

    position: tuple[str, int] | None = None
    replayed: bool = False


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
    sheet_imports: SheetImports | None = None
    """Imports of spreadsheet files (the `importSheet` mutation)."""
    delivering: Delivering = dataclasses.field(default_factory=Delivering)
    """Set by a subscription as it delivers each event of the change log."""


Info = StrawberryInfo[Context, None]
