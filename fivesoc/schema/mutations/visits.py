"""Door-knocking: record a visit with the needs it found; open a need.

Both write personal data: a caseworker token covering the household's region, or an admin
token. Their events never carry a visit's notes or a need's description.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import strawberry
from strawberry import relay

from fivesoc.db import catalog, visits
from fivesoc.schema.context import Info
from fivesoc.schema.mutations.common import (
    Refused,
    UserError,
    local_id,
    may_write,
    write,
)
from fivesoc.schema.mutations.operations import WhatToWrite, optional_id, split_path
from fivesoc.schema.types.enums import NeedKind
from fivesoc.schema.types.household import Need, Visit


@strawberry.input(description="A need found on a visit.")
class FoundNeedInput:
    kind: NeedKind = strawberry.field(description="What is needed.")
    description: str = strawberry.field(default="", description="The need in words.")


@strawberry.input(
    description="A door-knocking visit to a household, and the needs it found (opened on the "
    "visit's date). A campaign named must cover the household's region and run on that date."
)
class RecordVisitInput:
    household_id: relay.GlobalID = strawberry.field(description="The household visited.")
    social_worker_id: relay.GlobalID = strawberry.field(description="The social worker visiting.")
    visited_on: dt.date = strawberry.field(description="Date of the visit.")
    campaign_id: relay.GlobalID | None = strawberry.field(
        default=None, description="The door-knocking campaign it was part of."
    )
    notes: str = strawberry.field(default="", description="What the visitor noted.")
    needs: list[FoundNeedInput] = strawberry.field(
        default_factory=list, description="Needs found on the visit."
    )


@strawberry.type(description="Result of recordVisit.")
class RecordVisitPayload:
    visit: Visit | None = strawberry.field(description="The visit recorded.")
    needs: list[Need] = strawberry.field(description="The needs it opened, in the order given.")
    user_errors: list[UserError] = strawberry.field(description="What was wrong, if anything.")


@strawberry.input(description="A need of a household, found on a visit or otherwise.")
class OpenNeedInput:
    household_id: relay.GlobalID = strawberry.field(description="The household in need.")
    kind: NeedKind = strawberry.field(description="What is needed.")
    description: str = strawberry.field(default="", description="The need in words.")
    opened_on: dt.date | None = strawberry.field(
        default=None, description="Date the need was found; today if left out."
    )
    visit_id: relay.GlobalID | None = strawberry.field(
        default=None, description="The visit to this household that found it."
    )


@strawberry.type(description="Result of openNeed.")
class OpenNeedPayload:
    need: Need | None = strawberry.field(description="The need opened.")
    user_errors: list[UserError] = strawberry.field(description="What was wrong, if anything.")


@strawberry.type(description="Door-knocking visits and needs.")
class VisitMutations:
    @strawberry.mutation(
        description="Record a door-knocking visit, opening the needs it found, in one transaction."
    )
    async def record_visit(
        self, info: Info, input: Annotated[RecordVisitInput, WhatToWrite]
    ) -> RecordVisitPayload:
        try:
            household = local_id(input.household_id, "Household", "householdId")
            worker = local_id(input.social_worker_id, "SocialWorker", "socialWorkerId")
            campaign = optional_id(input.campaign_id, "DoorKnockingCampaign", "campaignId")
            await may_write(info, catalog.HOUSEHOLD, household, "householdId")
            recorded = await write(
                info,
                lambda conn: visits.record_visit(
                    conn,
                    household_id=household,
                    social_worker_id=worker,
                    visited_on=input.visited_on,
                    campaign_id=campaign,
                    notes=input.notes,
                    needs=[(str(need.kind.value), need.description) for need in input.needs],
                ),
            )
        except Refused as refused:
            return RecordVisitPayload(
                visit=None, needs=[], user_errors=[split_path(e) for e in refused.errors]
            )
        return RecordVisitPayload(
            visit=Visit.from_record(recorded.visit),
            needs=[Need.from_record(need) for need in recorded.needs],
            user_errors=[],
        )

    @strawberry.mutation(description="Open a need of a household.")
    async def open_need(
        self, info: Info, input: Annotated[OpenNeedInput, WhatToWrite]
    ) -> OpenNeedPayload:
        try:
            household = local_id(input.household_id, "Household", "householdId")
            visit = optional_id(input.visit_id, "Visit", "visitId")
            await may_write(info, catalog.HOUSEHOLD, household, "householdId")
            need = await write(
                info,
                lambda conn: visits.open_need(
                    conn,
                    household,
                    str(input.kind.value),
                    input.description,
                    input.opened_on or dt.date.today(),
                    visit,
                ),
            )
        except Refused as refused:
            return OpenNeedPayload(need=None, user_errors=refused.errors)
        return OpenNeedPayload(need=Need.from_record(need), user_errors=[])
