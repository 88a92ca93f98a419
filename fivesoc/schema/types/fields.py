"""Field factories: a related list or a referenced object, declared in one line.

`related_list(catalog.COMMUNITY_GRIDS, "Grid", "…")` is a connection field listing a parent's
rows of a catalog relation, batched through the request's loaders; `reference("region_id",
catalog.REGION, "Region", "…")` is the object a private key column points at. Types are named
as strings and resolved lazily, so modules can point at each other without import cycles.
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Callable
from typing import Annotated, Any

import strawberry

from fivesoc.db.listing import Children, Listing, Source
from fivesoc.schema.context import Info
from fivesoc.schema.pagination import After, Before, Connection, First, Last
from fivesoc.schema.types.common import child_connection, load_one, page_args

# Where each GraphQL object type lives.
TYPE_MODULES = {
    "Region": "fivesoc.schema.types.region",
    "RegionAlias": "fivesoc.schema.types.region",
    "CommunityAlias": "fivesoc.schema.types.community",
    "OrganizationAlias": "fivesoc.schema.types.organization",
    "Community": "fivesoc.schema.types.community",
    "Compound": "fivesoc.schema.types.community",
    "Grid": "fivesoc.schema.types.community",
    "MicroGrid": "fivesoc.schema.types.community",
    "ServiceSite": "fivesoc.schema.types.site",
    "ReportedIndicator": "fivesoc.schema.types.indicator",
    "Organization": "fivesoc.schema.types.organization",
    "Honour": "fivesoc.schema.types.honour",
    "Practice": "fivesoc.schema.types.practice",
    "PolicyEvent": "fivesoc.schema.types.practice",
    "University": "fivesoc.schema.types.organization",
    "Agreement": "fivesoc.schema.types.organization",
    "PracticeBase": "fivesoc.schema.types.organization",
    "TrainingProgramme": "fivesoc.schema.types.organization",
    "DoorKnockingCampaign": "fivesoc.schema.types.campaign",
    "SocialWorker": "fivesoc.schema.types.worker",
    "ContinuingEducation": "fivesoc.schema.types.worker",
    "ExamRegistration": "fivesoc.schema.types.worker",
    "VolunteerTeam": "fivesoc.schema.types.volunteer",
    "Volunteer": "fivesoc.schema.types.volunteer",
    "Project": "fivesoc.schema.types.project",
    "ProjectParticipant": "fivesoc.schema.types.project",
    "ProjectUpdate": "fivesoc.schema.types.project",
    "Activity": "fivesoc.schema.types.project",
    "CharityResource": "fivesoc.schema.types.resource",
    "ResourceAllocation": "fivesoc.schema.types.resource",
    "GovernmentFund": "fivesoc.schema.types.resource",
    "CollaborationLink": "fivesoc.schema.types.link",
    "Household": "fivesoc.schema.types.household",
    "HouseholdMember": "fivesoc.schema.types.household",
    "Visit": "fivesoc.schema.types.household",
    "Need": "fivesoc.schema.types.household",
}


# The key of a field's metadata that says how the field reads, for the compiled reads
# (`fivesoc.schema.compiled`): one of the classes below. A field without it is resolved.
READS = "fivesoc.reads"


@dataclasses.dataclass(frozen=True, slots=True)
class ReadsChildren:
    """A connection over the parent's rows of `relation`, as `type_name` nodes."""

    relation: Children[Any]
    type_name: str
    guarded: str | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class ReadsReference:
    """The `type_name` row of `source` that the parent's field `key` names."""

    key: str
    source: Source[Any]
    type_name: str


@dataclasses.dataclass(frozen=True, slots=True)
class ReadsActor:
    """The actor, of whichever type, that the parent's field `key` names."""

    key: str


@dataclasses.dataclass(frozen=True, slots=True)
class ReadsList:
    """A root connection over `listing`, as `type_name` nodes."""

    listing: Listing[Any]
    type_name: str
    guarded: str | None = None


def lazy(type_name: str) -> Any:
    """A lazy reference to the GraphQL type `type_name`."""
    return Annotated[type_name, strawberry.lazy(TYPE_MODULES[type_name])]


# The node types `fivesoc.schema.types.node.node` has built, by name.
_NODE_CLASSES: dict[str, Any] = {}


def register_node(type_name: str, cls: Any) -> None:
    _NODE_CLASSES[type_name] = cls


def node_class(type_name: str) -> Any:
    """The class of the GraphQL type `type_name` (its module imported if need be)."""
    if type_name not in _NODE_CLASSES:
        importlib.import_module(TYPE_MODULES[type_name])
    return _NODE_CLASSES[type_name]


def maker(type_name: str) -> Callable[[Any], Any]:
    """The function that maps a record to the GraphQL type `type_name`."""
    make: Callable[[Any], Any] = node_class(type_name).from_record
    return make


def related_list(
    relation: Children[Any], type_name: str, description: str, *, guarded: str | None = None
) -> Any:
    """A connection field: the parent's rows of `relation`, as `type_name` nodes.

    `guarded` names personal records ("visits"): their rows then go through the privacy guard.
    """

    async def resolve(
        self: Any,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Any:
        page = page_args(info, first, after, last, before)
        if guarded is not None:
            from fivesoc.schema.types.household import guarded_children

            return await guarded_children(info, relation, self.id, maker(type_name), page, guarded)
        return await child_connection(info, relation, self.id, maker(type_name), page)

    resolve.__annotations__["return"] = Connection[lazy(type_name)]  # type: ignore[misc]
    reads = ReadsChildren(relation, type_name, guarded)
    return strawberry.field(resolver=resolve, description=description, metadata={READS: reads})


def reference(
    key: str, source: Source[Any], type_name: str, description: str, *, optional: bool = False
) -> Any:
    """The `type_name` object that the private attribute `key` points at.

    `optional` for a nullable key; otherwise the key is a NOT NULL foreign key and the field
    is non-null.
    """

    async def resolve(self: Any, info: Info) -> Any:
        value = getattr(self, key)
        if value is None:
            return None
        row = await load_one(info, source, value)
        if row is None:
            if optional:
                return None
            raise LookupError(f"{key} {value} names no row")  # a broken foreign key
        return maker(type_name)(row)

    resolve.__annotations__["return"] = lazy(type_name) | None if optional else lazy(type_name)
    reads = ReadsReference(key, source, type_name)
    return strawberry.field(resolver=resolve, description=description, metadata={READS: reads})
