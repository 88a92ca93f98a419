"""Project updates and status, need moves and resource allocations."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import Enum
from typing import Annotated

import strawberry
from strawberry import relay

from fivesoc.db import catalog, records, writes
from fivesoc.db.declare import entity_of
from fivesoc.schema.context import Info
from fivesoc.schema.mutations.common import (
    Refused,
    UserError,
    UserErrorCode,
    decimal_input,
    local_id,
    may_write,
    user_error,
    write,
)
from fivesoc.schema.types.enums import ProjectStatus
from fivesoc.schema.types.household import Need
from fivesoc.schema.types.project import Project, ProjectUpdate
from fivesoc.schema.types.resource import CharityResource, ResourceAllocation


@strawberry.input(description="A new update on a project's timeline.")
class PostProjectUpdateInput:
    project_id: relay.GlobalID = strawberry.field(description="The project.")
    title: str = strawberry.field(description="Headline; not blank.")
    body: str = strawberry.field(default="", description="Text of the update.")


@strawberry.type(description="Result of postProjectUpdate.")
class PostProjectUpdatePayload:
    update: ProjectUpdate | None = strawberry.field(description="The new update.")
    user_errors: list[UserError] = strawberry.field(description="What was wrong, if anything.")


@strawberry.input(description="A project's new status, with the version it was read at.")
class ChangeProjectStatusInput:
    project_id: relay.GlobalID = strawberry.field(description="The project.")
    status: ProjectStatus = strawberry.field(description="The new status.")
    expected_version: int = strawberry.field(
        description="The project's `version` as last read; a stale one is a CONFLICT."
    )


@strawberry.type(description="Result of changeProjectStatus.")
class ChangeProjectStatusPayload:
    project: Project | None = strawberry.field(description="The project as changed.")
    user_errors: list[UserError] = strawberry.field(description="What was wrong, if anything.")


@strawberry.input(
    description="An allocation of a charity resource to exactly one project, community or need."
)
class AllocateResourceInput:
    resource_id: relay.GlobalID = strawberry.field(description="The resource.")
    amount: str = strawberry.field(description="How much, in the resource's unit (a decimal).")
    purpose: str = strawberry.field(default="", description="What it is for.")
    project_id: relay.GlobalID | None = strawberry.field(default=None, description="A project.")
    community_id: relay.GlobalID | None = strawberry.field(default=None, description="A community.")
    need_id: relay.GlobalID | None = strawberry.field(default=None, description="A need.")
    allocated_on: dt.date | None = strawberry.field(
        default=None, description="Date of the allocation; today if left out."
    )


@strawberry.type(description="Result of allocateResource.")
class AllocateResourcePayload:
    allocation: ResourceAllocation | None = strawberry.field(description="The new allocation.")
    resource: CharityResource | None = strawberry.field(
        description="The resource after the allocation (see `remaining`)."
    )
    user_errors: list[UserError] = strawberry.field(description="What was wrong, if anything.")


@strawberry.enum(description="Where a need can be moved to.")
class NeedMove(Enum):
    REFERRED = strawberry.enum_value("referred", description="Refer it to an organization.")
    RESOLVED = strawberry.enum_value("resolved", description="It was resolved.")
    CLOSED = strawberry.enum_value("closed", description="Close it without more work.")


@strawberry.input(description="A need's next state, with the version it was read at.")
class UpdateNeedStatusInput:
    need_id: relay.GlobalID = strawberry.field(description="The need.")
    status: NeedMove = strawberry.field(description="The new state.")
    expected_version: int = strawberry.field(
        description="The need's `version` as last read; a stale one is a CONFLICT."
    )
    referred_to_id: relay.GlobalID | None = strawberry.field(
        default=None, description="For a referral: the organization it goes to."
    )
    on: dt.date | None = strawberry.field(
        default=None, description="Date of the change; today if left out."
    )


@strawberry.type(description="Result of updateNeedStatus.")
class UpdateNeedStatusPayload:
    need: Need | None = strawberry.field(description="The need as changed.")
    user_errors: list[UserError] = strawberry.field(description="What was wrong, if anything.")


@strawberry.type(description="Project updates and status, need moves, allocations.")
class CoreMutations:
    @strawberry.mutation(
        description="Refer, resolve or close a household need, naming the version read."
    )
    async def update_need_status(
        self,
        info: Info,
        input: Annotated[UpdateNeedStatusInput, strawberry.argument(description="What to write.")],
    ) -> UpdateNeedStatusPayload:
        try:
            need_id = local_id(input.need_id, "Need", "needId")
            referred_to = (
                None
                if input.referred_to_id is None
                else local_id(input.referred_to_id, "Organization", "referredToId")
            )
            await may_write(info, catalog.NEED, need_id, "needId")
            moved = await write(
                info,
                lambda conn: writes.move_need(
                    conn,
                    need_id,
                    str(input.status.value),
                    input.expected_version,
                    input.on or dt.date.today(),
                    referred_to,
                ),
            )
        except Refused as refused:
            return UpdateNeedStatusPayload(need=None, user_errors=refused.errors)
        return UpdateNeedStatusPayload(need=Need.from_record(moved), user_errors=[])

    @strawberry.mutation(description="Post an update on a project's timeline.")
    async def post_project_update(
        self,
        info: Info,
        input: Annotated[PostProjectUpdateInput, strawberry.argument(description="What to write.")],
    ) -> PostProjectUpdatePayload:
        try:
            project_id = local_id(input.project_id, "Project", "projectId")
            if not input.title.strip():
                raise Refused([user_error("title", "must not be blank", UserErrorCode.INVALID)])
            await may_write(info, catalog.PROJECT, project_id, "projectId")
            update = await write(
                info,
                lambda conn: writes.post_project_update(
                    conn, project_id, input.title.strip(), input.body, None
                ),
            )
        except Refused as refused:
            return PostProjectUpdatePayload(update=None, user_errors=refused.errors)
        return PostProjectUpdatePayload(update=ProjectUpdate.from_record(update), user_errors=[])

    @strawberry.mutation(description="Change a project's status, naming the version read.")
    async def change_project_status(
        self,
        info: Info,
        input: Annotated[
            ChangeProjectStatusInput, strawberry.argument(description="What to write.")
        ],
    ) -> ChangeProjectStatusPayload:
        try:
            project_id = local_id(input.project_id, "Project", "projectId")
            await may_write(info, catalog.PROJECT, project_id, "projectId")
            changed = await write(
                info,
                lambda conn: writes.change_project_status(
                    conn, project_id, str(input.status.value), input.expected_version
                ),
            )
        except Refused as refused:
            return ChangeProjectStatusPayload(project=None, user_errors=refused.errors)
        return ChangeProjectStatusPayload(project=Project.from_record(changed), user_errors=[])

    @strawberry.mutation(
        description="Allocate part of a charity resource; never more than is left."
    )
    async def allocate_resource(
        self,
        info: Info,
        input: Annotated[AllocateResourceInput, strawberry.argument(description="What to write.")],
    ) -> AllocateResourcePayload:
        try:
            resource_id = local_id(input.resource_id, "CharityResource", "resourceId")
            recipient = _recipient(input)
            amount = _amount(input.amount)
            await may_write(info, catalog.CHARITY_RESOURCE, resource_id, "resourceId")
            allocation = await write(
                info,
                lambda conn: writes.allocate_resource(
                    conn,
                    resource_id,
                    recipient,
                    amount,
                    input.purpose,
                    input.allocated_on or dt.date.today(),
                ),
            )
        except Refused as refused:
            return AllocateResourcePayload(
                allocation=None, resource=None, user_errors=refused.errors
            )
        after = await _fresh_resource(info, resource_id)
        return AllocateResourcePayload(
            allocation=ResourceAllocation.from_record(allocation), resource=after, user_errors=[]
        )


def _recipient(input: AllocateResourceInput) -> tuple[str, int]:
    given = [
        (kind, field, value)
        for kind, field, value in (
            ("project", "projectId", input.project_id),
            ("community", "communityId", input.community_id),
            ("need", "needId", input.need_id),
        )
        if value is not None
    ]
    if len(given) != 1:
        raise Refused(
            [
                user_error(
                    None,
                    "name exactly one of projectId, communityId or needId",
                    UserErrorCode.INVALID,
                )
            ]
        )
    kind, field, value = given[0]
    type_name = {"project": "Project", "community": "Community", "need": "Need"}[kind]
    return kind, local_id(value, type_name, field)


def _amount(text: str) -> Decimal:
    digits = entity_of(records.ResourceAllocation).columns["amount"].digits
    assert digits is not None
    amount = decimal_input(text, digits, "amount")
    if amount <= 0:
        raise Refused(
            [user_error("amount", f"must be more than 0, got {text!r}", UserErrorCode.INVALID)]
        )
    return amount


async def _fresh_resource(info: Info, resource_id: int) -> CharityResource | None:
    from fivesoc.db import listing

    found = await listing.fetch_by_ids(info.context.pool, catalog.CHARITY_RESOURCE, [resource_id])
    row = found.get(resource_id)
    return None if row is None else CharityResource.from_record(row)
