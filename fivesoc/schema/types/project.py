"""Projects with their participants, communities served, updates and activities."""

from __future__ import annotations

import datetime as dt

import strawberry
from strawberry import relay

from fivesoc.db import catalog, records
from fivesoc.schema.types.actor import actor_reference
from fivesoc.schema.types.common import Catalogued
from fivesoc.schema.types.enums import ActivityKind, ParticipantRole, ProjectDomain, ProjectStatus
from fivesoc.schema.types.fields import reference, related_list


@strawberry.type(description="A project (项目) run in a region by a lead and its partners.")
class Project(Catalogued, relay.Node):
    catalog_source = catalog.PROJECT

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
    version: int = strawberry.field(
        description="Grows by one with every change; name it when changing the project."
    )
    archived_at: dt.datetime | None = strawberry.field(
        description="When this was archived (still readable by id, left out of root lists)."
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
            version=row.version,
            region_id=row.region_id,
            lead_id=row.lead_id,
            archived_at=row.archived_at,
        )

    region = reference("region_id", catalog.REGION, "Region", "The region the project runs in.")

    lead = actor_reference("lead_id", "The actor leading the project.", optional=True)

    participants = related_list(
        catalog.PROJECT_PARTICIPANTS, "ProjectParticipant", "Everyone taking part, with their role."
    )

    communities = related_list(
        catalog.PROJECT_COMMUNITIES, "Community", "Communities the project serves."
    )

    updates = related_list(
        catalog.PROJECT_UPDATES, "ProjectUpdate", "The project's timeline of updates, newest first."
    )

    activities = related_list(
        catalog.PROJECT_ACTIVITIES,
        "Activity",
        "Services and activities held under the project, newest first.",
    )

    allocations = related_list(
        catalog.PROJECT_ALLOCATIONS,
        "ResourceAllocation",
        "Charity resources allocated to the project.",
    )


@strawberry.type(description="An actor's part in a project.")
class ProjectParticipant(Catalogued, relay.Node):
    catalog_source = catalog.PROJECT_PARTICIPANT

    id: relay.NodeID[int]
    role: ParticipantRole = strawberry.field(description="The actor's role.")
    joined_on: dt.date | None = strawberry.field(description="Date it joined.")
    left_on: dt.date | None = strawberry.field(
        description="Date it left; null while it takes part."
    )
    version: int = strawberry.field(
        description="Rises by one with every change; `endProjectParticipation` may name it."
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
            version=row.version,
            project_id=row.project_id,
            actor_id=row.actor_id,
        )

    actor = actor_reference("actor_id", "The participating actor.")

    project = reference("project_id", catalog.PROJECT, "Project", "The project.")


@strawberry.type(description="An update on a project's timeline.")
class ProjectUpdate(Catalogued, relay.Node):
    catalog_source = catalog.PROJECT_UPDATE

    id: relay.NodeID[int]
    posted_at: dt.datetime = strawberry.field(description="When it was posted.")
    title: str = strawberry.field(description="Headline.")
    body: str = strawberry.field(description="Text of the update.")
    version: int = strawberry.field(
        description="Grows by one with every change; name it as `expectedVersion` to change this."
    )
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
            version=row.version,
        )

    project = reference("project_id", catalog.PROJECT, "Project", "The project it is about.")

    author = actor_reference("author_id", "Who posted it.", optional=True)


@strawberry.type(
    description="A service or activity (case work, group work, community activity, …)."
)
class Activity(Catalogued, relay.Node):
    catalog_source = catalog.ACTIVITY

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
    version: int = strawberry.field(
        description="Grows by one with every change; name it as `expectedVersion` to change this."
    )
    archived_at: dt.datetime | None = strawberry.field(
        description="When this was archived (still readable by id, left out of root lists)."
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
            version=row.version,
            archived_at=row.archived_at,
        )

    region = reference("region_id", catalog.REGION, "Region", "The region it was held in.")

    project = reference(
        "project_id",
        catalog.PROJECT,
        "Project",
        "The project it belongs to, if any.",
        optional=True,
    )

    site = reference(
        "site_id",
        catalog.SERVICE_SITE,
        "ServiceSite",
        "The site it was held at, if any.",
        optional=True,
    )

    community = reference(
        "community_id",
        catalog.COMMUNITY,
        "Community",
        "The community it served, if one.",
        optional=True,
    )

    organizer = actor_reference("organizer_id", "Who organized it.", optional=True)
