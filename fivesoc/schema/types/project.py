"""Projects with their participants, communities served, updates and activities."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from fivesoc.db import catalog, records
from fivesoc.schema.context import Info
from fivesoc.schema.pagination import After, Before, Connection, First, Last
from fivesoc.schema.types.actor import Actor, resolve_actor
from fivesoc.schema.types.common import child_connection, load_nodes, load_one, page_args
from fivesoc.schema.types.community import Community
from fivesoc.schema.types.enums import ActivityKind, ParticipantRole, ProjectDomain, ProjectStatus
from fivesoc.schema.types.region import Region

if TYPE_CHECKING:
    from fivesoc.schema.types.resource import ResourceAllocation
    from fivesoc.schema.types.site import ServiceSite

_Allocation = Annotated["ResourceAllocation", strawberry.lazy("fivesoc.schema.types.resource")]
_ServiceSite = Annotated["ServiceSite", strawberry.lazy("fivesoc.schema.types.site")]


async def _region(info: Info, region_id: int) -> Region:
    row = await load_one(info, catalog.REGION, region_id)
    assert row is not None, "region_id is a foreign key"
    return Region.from_record(row)


@strawberry.type(description="A project (项目) run in a region by a lead and its partners.")
class Project(relay.Node):
    id: relay.NodeID[int]
    name: str = strawberry.field(description="Name, unique within its region, e.g. 幸福管家.")
    domain: ProjectDomain = strawberry.field(description="What the project works on.")
    status: ProjectStatus = strawberry.field(description="Where the project stands.")
    summary: str | None = strawberry.field(description="What the project does.")
    starts_on: dt.date | None = strawberry.field(description="Start date.")
    ends_on: dt.date | None = strawberry.field(description="End date, if set.")
    is_illustrative: bool = strawberry.field(
        description="True when the source counts this project but does not name it."
    )
    region_id: strawberry.Private[int]
    lead_id: strawberry.Private[int | None]

    @classmethod
    def from_record(cls, row: records.Project) -> Project:
        return cls(
            id=row.id,
            name=row.name,
            domain=ProjectDomain(row.domain),
            status=ProjectStatus(row.status),
            summary=row.summary,
            starts_on=row.starts_on,
            ends_on=row.ends_on,
            is_illustrative=row.is_illustrative,
            region_id=row.region_id,
            lead_id=row.lead_id,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Project | None]:
        return await load_nodes(info, catalog.PROJECT, cls.from_record, node_ids, required=required)

    @strawberry.field(description="The region the project runs in.")
    async def region(self, info: Info) -> Region:
        return await _region(info, self.region_id)

    @strawberry.field(description="The actor leading the project.")
    async def lead(self, info: Info) -> Actor | None:
        return None if self.lead_id is None else await resolve_actor(info, self.lead_id)

    @strawberry.field(description="Everyone taking part, with their role.")
    async def participants(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[ProjectParticipant]:
        page = page_args(info, first, after, last, before)
        return await child_connection(
            info, catalog.PROJECT_PARTICIPANTS, self.id, ProjectParticipant.from_record, page
        )

    @strawberry.field(description="Communities the project serves.")
    async def communities(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Community]:
        page = page_args(info, first, after, last, before)
        return await child_connection(
            info, catalog.PROJECT_COMMUNITIES, self.id, Community.from_record, page
        )

    @strawberry.field(description="The project's timeline of updates, newest first.")
    async def updates(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[ProjectUpdate]:
        page = page_args(info, first, after, last, before)
        return await child_connection(
            info, catalog.PROJECT_UPDATES, self.id, ProjectUpdate.from_record, page
        )

    @strawberry.field(description="Services and activities held under the project, newest first.")
    async def activities(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Activity]:
        page = page_args(info, first, after, last, before)
        return await child_connection(
            info, catalog.PROJECT_ACTIVITIES, self.id, Activity.from_record, page
        )

    @strawberry.field(description="Charity resources allocated to the project.")
    async def allocations(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[_Allocation]:
        from fivesoc.schema.types.resource import ResourceAllocation

        page = page_args(info, first, after, last, before)
        return await child_connection(
            info, catalog.PROJECT_ALLOCATIONS, self.id, ResourceAllocation.from_record, page
        )


@strawberry.type(description="An actor's part in a project.")
class ProjectParticipant(relay.Node):
    id: relay.NodeID[int]
    role: ParticipantRole = strawberry.field(description="The actor's role.")
    joined_on: dt.date | None = strawberry.field(description="Date it joined.")
    left_on: dt.date | None = strawberry.field(
        description="Date it left; null while it takes part."
    )
    project_id: strawberry.Private[int]
    actor_id: strawberry.Private[int]

    @classmethod
    def from_record(cls, row: records.ProjectParticipant) -> ProjectParticipant:
        return cls(
            id=row.id,
            role=ParticipantRole(row.role),
            joined_on=row.joined_on,
            left_on=row.left_on,
            project_id=row.project_id,
            actor_id=row.actor_id,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[ProjectParticipant | None]:
        return await load_nodes(
            info, catalog.PROJECT_PARTICIPANT, cls.from_record, node_ids, required=required
        )

    @strawberry.field(description="The participating actor.")
    async def actor(self, info: Info) -> Actor:
        actor = await resolve_actor(info, self.actor_id)
        assert actor is not None, "actor_id is a foreign key"
        return actor

    @strawberry.field(description="The project.")
    async def project(self, info: Info) -> Project:
        row = await load_one(info, catalog.PROJECT, self.project_id)
        assert row is not None, "project_id is a foreign key"
        return Project.from_record(row)


@strawberry.type(description="An update on a project's timeline.")
class ProjectUpdate(relay.Node):
    id: relay.NodeID[int]
    posted_at: dt.datetime = strawberry.field(description="When it was posted.")
    title: str = strawberry.field(description="Headline.")
    body: str = strawberry.field(description="Text of the update.")
    project_id: strawberry.Private[int]
    author_id: strawberry.Private[int | None]

    @classmethod
    def from_record(cls, row: records.ProjectUpdate) -> ProjectUpdate:
        return cls(
            id=row.id,
            posted_at=row.posted_at,
            title=row.title,
            body=row.body,
            project_id=row.project_id,
            author_id=row.author_id,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[ProjectUpdate | None]:
        return await load_nodes(
            info, catalog.PROJECT_UPDATE, cls.from_record, node_ids, required=required
        )

    @strawberry.field(description="The project it is about.")
    async def project(self, info: Info) -> Project:
        row = await load_one(info, catalog.PROJECT, self.project_id)
        assert row is not None, "project_id is a foreign key"
        return Project.from_record(row)

    @strawberry.field(description="Who posted it.")
    async def author(self, info: Info) -> Actor | None:
        return None if self.author_id is None else await resolve_actor(info, self.author_id)


@strawberry.type(
    description="A service or activity (case work, group work, community activity, …)."
)
class Activity(relay.Node):
    id: relay.NodeID[int]
    kind: ActivityKind = strawberry.field(description="Kind of service or activity.")
    title: str = strawberry.field(description="What was done.")
    held_on: dt.date = strawberry.field(description="Date it was held.")
    person_times: int = strawberry.field(
        description="Beneficiaries counted in person-times (人次)."
    )
    is_illustrative: bool = strawberry.field(
        description="True when the source counts this activity but does not describe it."
    )
    region_id: strawberry.Private[int]
    project_id: strawberry.Private[int | None]
    site_id: strawberry.Private[int | None]
    community_id: strawberry.Private[int | None]
    organizer_id: strawberry.Private[int | None]

    @classmethod
    def from_record(cls, row: records.Activity) -> Activity:
        return cls(
            id=row.id,
            kind=ActivityKind(row.kind),
            title=row.title,
            held_on=row.held_on,
            person_times=row.person_times,
            is_illustrative=row.is_illustrative,
            region_id=row.region_id,
            project_id=row.project_id,
            site_id=row.site_id,
            community_id=row.community_id,
            organizer_id=row.organizer_id,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Activity | None]:
        return await load_nodes(
            info, catalog.ACTIVITY, cls.from_record, node_ids, required=required
        )

    @strawberry.field(description="The region it was held in.")
    async def region(self, info: Info) -> Region:
        return await _region(info, self.region_id)

    @strawberry.field(description="The project it belongs to, if any.")
    async def project(self, info: Info) -> Project | None:
        if self.project_id is None:
            return None
        row = await load_one(info, catalog.PROJECT, self.project_id)
        return None if row is None else Project.from_record(row)

    @strawberry.field(description="The site it was held at, if any.")
    async def site(self, info: Info) -> _ServiceSite | None:
        from fivesoc.schema.types.site import ServiceSite

        if self.site_id is None:
            return None
        row = await load_one(info, catalog.SERVICE_SITE, self.site_id)
        return None if row is None else ServiceSite.from_record(row)

    @strawberry.field(description="The community it served, if one.")
    async def community(self, info: Info) -> Community | None:
        if self.community_id is None:
            return None
        row = await load_one(info, catalog.COMMUNITY, self.community_id)
        return None if row is None else Community.from_record(row)

    @strawberry.field(description="Who organized it.")
    async def organizer(self, info: Info) -> Actor | None:
        return None if self.organizer_id is None else await resolve_actor(info, self.organizer_id)
