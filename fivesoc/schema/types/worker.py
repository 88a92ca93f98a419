"""Social workers of the talent registry, with continuing education and exams."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

import strawberry
from strawberry import relay

from fivesoc.db import catalog, records
from fivesoc.schema.context import Info
from fivesoc.schema.types.actor import Actor
from fivesoc.schema.types.common import Catalogued
from fivesoc.schema.types.fields import related_list
from fivesoc.schema.types.node import node

REQUIRED_HOURS = catalog.REQUIRED_EDUCATION_HOURS


@node(records.SocialWorker)
class SocialWorker(Catalogued, Actor):
    continuing_education = related_list(
        catalog.SOCIAL_WORKER_EDUCATION,
        "ContinuingEducation",
        "Continuing-education courses, latest year first.",
    )

    @strawberry.field(description="Continuing-education hours logged in a year.")
    async def education_hours(
        self, info: Info, year: Annotated[int, strawberry.argument(description="The year.")]
    ) -> float:
        return float(await _education_hours(info, self.id, year))

    @strawberry.field(
        description=f"Whether the worker logged at least {REQUIRED_HOURS} hours in the year."
    )
    async def meets_education_requirement(
        self, info: Info, year: Annotated[int, strawberry.argument(description="The year.")]
    ) -> bool:
        return await _education_hours(info, self.id, year) >= REQUIRED_HOURS

    exam_registrations = related_list(
        catalog.SOCIAL_WORKER_EXAMS,
        "ExamRegistration",
        "Qualification exams the worker registered for.",
    )

    visits = related_list(
        catalog.WORKER_VISITS,
        "Visit",
        "Door-knocking visits the worker made (personal data).",
        guarded="visits",
    )


async def _education_hours(info: Info, worker_id: int, year: int) -> Decimal:
    """Every course the worker logged in the year, summed: the sum the list filter
    `educationRequirement` compares with the requirement."""
    return await info.context.loaders.education_hours_by_worker_year.load((worker_id, year))


@node(records.ContinuingEducation)
class ContinuingEducation(Catalogued, relay.Node):
    pass


@node(records.ExamRegistration)
class ExamRegistration(Catalogued, relay.Node):
    pass
