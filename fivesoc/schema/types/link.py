"""Collaboration links between actors, as data: who, with whom, how, since when, on what."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import strawberry
from strawberry import relay

from fivesoc.db import catalog, records
from fivesoc.schema.context import Info
from fivesoc.schema.errors import UserInputError
from fivesoc.schema.types.actor import Actor, actor_reference, resolve_actor
from fivesoc.schema.types.common import Catalogued
from fivesoc.schema.types.enums import LinkKind
from fivesoc.schema.types.fields import reference


@strawberry.type(
    description=(
        "A collaboration link between two actors. Resource flows and referrals run from "
        "source to target; other kinds are mutual."
    )
)
class CollaborationLink(Catalogued, relay.Node):
    catalog_source = catalog.COLLABORATION_LINK

    id: relay.NodeID[int]
    kind: LinkKind = strawberry.field(description="How the two work together.")
    since: dt.date | None = strawberry.field(description="Date the link began.")
    until: dt.date | None = strawberry.field(description="Date it ended; null while it lasts.")
    weight: float = strawberry.field(description="Strength of the link (shared work).")
    evidence: str = strawberry.field(description="What the link rests on, in the source's words.")
    is_illustrative: bool = strawberry.field(
        description="True when the link illustrates the source rather than being stated in it."
    )
    version: int = strawberry.field(
        description="Grows by one with every change; name it as `expectedVersion` to change this."
    )
    archived_at: dt.datetime | None = strawberry.field(
        description="When this was archived (still readable by id, left out of root lists)."
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
            version=row.version,
            archived_at=row.archived_at,
        )

    source = actor_reference("source_id", "One end of the link (the giver, for directed kinds).")
    target = actor_reference(
        "target_id", "The other end of the link (the receiver, for directed kinds)."
    )

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

    project = reference(
        "project_id",
        catalog.PROJECT,
        "Project",
        "The project the link rests on, if any.",
        optional=True,
    )

    agreement = reference(
        "agreement_id",
        catalog.AGREEMENT,
        "Agreement",
        "The agreement the link rests on, if any.",
        optional=True,
    )
