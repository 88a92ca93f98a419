"""Projects with their participants, communities served, updates and activities."""

from __future__ import annotations

from strawberry import relay

from fivesoc.db import catalog, records
from fivesoc.schema.types.common import Catalogued
from fivesoc.schema.types.fields import related_list
from fivesoc.schema.types.node import node


@node(records.Project)
class Project(Catalogued, relay.Node):
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


@node(records.ProjectParticipant)
class ProjectParticipant(Catalogued, relay.Node):
    pass


@node(records.ProjectUpdate)
class ProjectUpdate(Catalogued, relay.Node):
    pass


@node(records.Activity)
class Activity(Catalogued, relay.Node):
    pass
