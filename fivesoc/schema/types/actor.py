"""The `Actor` interface: anything that takes part in the five-society network."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry import relay

from fivesoc import kinds
from fivesoc.db import catalog
from fivesoc.db.declare import actor_entity
from fivesoc.schema.context import Info
from fivesoc.schema.types.common import load_one
from fivesoc.schema.types.enums import Society
from fivesoc.schema.types.fields import READS, ReadsActor, node_class, related_list

# The node types of actors by the kind stored in `actor.kind`, as their entities declare them.
# They share one id space: a global id of any of them carries an actor id.
ACTOR_KINDS = {kind: actor_entity(kind).type_name for kind in kinds.ACTOR_KINDS}
ACTOR_TYPES = tuple(ACTOR_KINDS.values())


@strawberry.interface(
    description=(
        "An actor of the network: a community, organization, university, social worker, "
        "volunteer team or charity resource."
    )
)
class Actor(relay.Node):
    id: relay.NodeID[int]
    name: str = strawberry.field(description="Name (for a social worker, the full name).")
    society: Society = strawberry.field(description="Which of the five societies it belongs to.")

    links = related_list(
        catalog.ACTOR_LINKS, "CollaborationLink", "Its collaboration links, strongest first."
    )

    projects = related_list(
        catalog.ACTOR_PROJECTS, "Project", "Projects it takes part in, in any role."
    )

    practices = related_list(
        catalog.ACTOR_PRACTICES,
        "Practice",
        "Programmes, brands, methods and platforms it runs or carries.",
    )

    honours = related_list(
        catalog.ACTOR_HONOURS,
        "Honour",
        "Honours it received, latest year first, each with its issuer, batch and source.",
    )


async def resolve_actor(info: Info, actor_id: int) -> Actor | None:
    """The actor with this id, as its own type (two batched lookups: kind, then row)."""
    ref = await load_one(info, catalog.ACTOR, actor_id)
    if ref is None:
        return None
    node_type = node_class(ACTOR_KINDS[ref.kind])
    row = await load_one(info, node_type.catalog_source, actor_id)
    return None if row is None else node_type.from_record(row)


def actor_reference(key: str, description: str, *, optional: bool = False) -> Any:
    """The actor, of whichever type, that the private attribute `key` points at.

    `optional` for a nullable key; otherwise the key is a NOT NULL foreign key to `actor`.
    """

    async def resolve(self: Any, info: Info) -> Actor | None:
        value = getattr(self, key)
        if value is None:
            return None
        actor = await resolve_actor(info, value)
        if actor is None and not optional:
            raise LookupError(f"{key} {value} names no actor")  # a broken foreign key
        return actor

    resolve.__annotations__["return"] = Actor | None if optional else Actor
    reads = ReadsActor(key)
    return strawberry.field(resolver=resolve, description=description, metadata={READS: reads})
