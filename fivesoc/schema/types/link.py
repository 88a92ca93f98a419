"""Collaboration links between actors, as data: who, with whom, how, since when, on what."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from fivesoc.db import catalog, records
from fivesoc.schema.context import Info
from fivesoc.schema.errors import UserInputError
from fivesoc.schema.types.actor import Actor, resolve_actor
from fivesoc.schema.types.common import load_nodes, load_one
from fivesoc.schema.types.enums import LinkKind

if TYPE_CHECKING:
    from fivesoc.schema.types.organization import Agreement
    from fivesoc.schema.types.project import Project

_Agreement = Annotated["Agreement", strawberry.lazy("fivesoc.schema.types.organization")]
_Project = Annotated["Project", strawberry.lazy("fivesoc.schema.types.project")]


@strawberry.type(
    description=(
        "A collaboration link between two actors. Resource flows and referrals run from "
        "source to target; other kinds are mutual."
    )
)
class CollaborationLink(relay.Node):
    id: relay.NodeID[int]
    kind: LinkKind = strawberry.field(description="How the two work together.")
    since: dt.date | None = strawberry.field(description="Date the link began.")
    until: dt.date | None = strawberry.field(description="Date it ended; null while it lasts.")
    weight: float = strawberry.field(description="Strength of the link (shared work).")
    evidence: str = strawberry.field(description="What the link rests on, in the source's words.")
    is_illustrative: bool = strawberry.field(
        description="True when the link illustrates the source rather than being stated in it."
    )
    source_id: strawberry.Private[int]
    target_id: strawberry.Private[int]
    project_id: strawberry.Private[int | None]
    agreement_id: strawberry.Private[int | None]

    @classmethod
    def from_record(cls, row: records.CollaborationLink) -> CollaborationLink:
        return cls(
            id=row.id,
            kind=LinkKind(row.kind),
            since=row.since,
            until=row.until,
            weight=float(row.weight),
            evidence=row.evidence,
            is_illustrative=row.is_illustrative,
            source_id=row.source_id,
            target_id=row.target_id,
            project_id=row.project_id,
            agreement_id=row.agreement_id,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[CollaborationLink | None]:
        return await load_nodes(
            info, catalog.COLLABORATION_LINK, cls.from_record, node_ids, required=required
        )

    @strawberry.field(description="One end of the link (the giver, for directed kinds).")
    async def source(self, info: Info) -> Actor:
        actor = await resolve_actor(info, self.source_id)
        assert actor is not None, "source_id is a foreign key"
        return actor

    @strawberry.field(description="The other end of the link (the receiver, for directed kinds).")
    async def target(self, info: Info) -> Actor:
        actor = await resolve_actor(info, self.target_id)
        assert actor is not None, "target_id is a foreign key"
        return actor

    @strawberry.field(description="The end of the link that is not the given actor: its partner.")
    async def partner_of(
        self,
        info: Info,
        actor: Annotated[relay.GlobalID, strawberry.argument(description="One end of the link.")],
    ) -> Actor:
        ends = {str(self.source_id): self.target_id, str(self.target_id): self.source_id}
        if actor.node_id not in ends:
            raise UserInputError("`actor` is not an end of this link", argument="actor")
        partner = await resolve_actor(info, ends[actor.node_id])
        assert partner is not None, "link ends are foreign keys"
        return partner

    @strawberry.field(description="The project the link rests on, if any.")
    async def project(self, info: Info) -> _Project | None:
        from fivesoc.schema.types.project import Project

        if self.project_id is None:
            return None
        row = await load_one(info, catalog.PROJECT, self.project_id)
        return None if row is None else Project.from_record(row)

    @strawberry.field(description="The agreement the link rests on, if any.")
    async def agreement(self, info: Info) -> _Agreement | None:
        from fivesoc.schema.types.organization import Agreement

        if self.agreement_id is None:
            return None
        row = await load_one(info, catalog.AGREEMENT, self.agreement_id)
        return None if row is None else Agreement.from_record(row)
