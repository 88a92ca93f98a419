"""The `Actor` interface: anything that takes part in the five-society network."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry import relay

from fivesoc.db import catalog
from fivesoc.schema.context import Info
from fivesoc.schema.types.common import load_one
from fivesoc.schema.types.enums import Society
from fivesoc.schema.types.fields import related_list

# The node types of actors. They share one id space: a global id of any of them carries an
# actor id.
ACTOR_TYPES = (
    "Community",
    "Organization",
    "University",
    "SocialWorker",
    "VolunteerTeam",
    "CharityResource",
)


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


async def resolve_actor(info: Info, actor_id: int) -> Actor | None:
    """The actor with this id, as its own type (two batched lookups: kind, then row)."""
    ref = await load_one(info, catalog.ACTOR, actor_id)
    if ref is None:
        return None
    source, make = _kinds()[ref.kind]
    row = await load_one(info, source, actor_id)
    return None if row is None else make(row)


def _kinds() -> dict[str, tuple[Any, Any]]:
    from fivesoc.schema.types.community import Community
    from fivesoc.schema.types.organization import Organization, University
    from fivesoc.schema.types.resource import CharityResource
    from fivesoc.schema.types.volunteer import VolunteerTeam
    from fivesoc.schema.types.worker import SocialWorker

    return {
        "community": (catalog.COMMUNITY, Community.from_record),
        "organization": (catalog.ORGANIZATION, Organization.from_record),
        "university": (catalog.UNIVERSITY, University.from_record),
        "social_worker": (catalog.SOCIAL_WORKER, SocialWorker.from_record),
        "volunteer_team": (catalog.VOLUNTEER_TEAM, VolunteerTeam.from_record),
        "charity_resource": (catalog.CHARITY_RESOURCE, CharityResource.from_record),
    }


def organization_society(kind: str) -> Society:
    """Social organizations proper are the carrier; bureaus and departments are partners."""
    if kind in ("social_work_agency", "community_social_org", "foundation"):
        return Society.SOCIAL_ORGANIZATION
    return Society.PARTNER
