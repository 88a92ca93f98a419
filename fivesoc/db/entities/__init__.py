"""Create, update and archive rows of any declared entity table, each with its event.

- `table`: how a table is declared (`Table`: its writable columns, where a row's region
  comes from, which constraint guards which column);
- `tables`: the declarations, one per entity that can be written;
- `writes`: insert, update and archive of one row, with driver errors translated into the
  data layer's own (`Conflict`, `NotFound`, `Invalid`), each naming the input field;
- `members`: sets of members written as a whole (the communities a project serves).

The SQL is composed from declared identifiers only, never from input; values go in as
parameters. Every write runs in a transaction the caller owns and appends its event there.
"""

from __future__ import annotations

from fivesoc.db.entities.members import (
    AGREEMENT_COMMUNITIES,
    PROJECT_COMMUNITIES,
    Members,
    set_members,
)
from fivesoc.db.entities.table import (
    Table,
    Via,
    field_name,
)
from fivesoc.db.entities.tables import (
    ACTIVITY,
    AGREEMENT,
    CHARITY_RESOURCE,
    COLLABORATION_LINK,
    COMMUNITY,
    COMMUNITY_ALIAS,
    COMPOUND,
    CONTINUING_EDUCATION,
    DOOR_KNOCKING_CAMPAIGN,
    GOVERNMENT_FUND,
    GRID,
    HONOUR,
    HOUSEHOLD,
    HOUSEHOLD_MEMBER,
    MICRO_GRID,
    NEED,
    ORGANIZATION,
    ORGANIZATION_ALIAS,
    POLICY_EVENT,
    PRACTICE,
    PRACTICE_BASE,
    PROJECT,
    PROJECT_UPDATE,
    REGION_ALIAS,
    REPORTED_INDICATOR,
    SERVICE_SITE,
    SOCIAL_WORKER,
    TABLES,
    TRAINING_PROGRAMME,
    UNIVERSITY,
    VISIT,
    VOLUNTEER,
    VOLUNTEER_TEAM,
)
from fivesoc.db.entities.writes import (
    Current,
    Written,
    actor_kinds,
    archive,
    check_version,
    insert,
    lock,
    region_for,
    translate,
    update,
)

__all__ = [
    "ACTIVITY",
    "AGREEMENT",
    "AGREEMENT_COMMUNITIES",
    "CHARITY_RESOURCE",
    "COLLABORATION_LINK",
    "COMMUNITY",
    "COMMUNITY_ALIAS",
    "COMPOUND",
    "CONTINUING_EDUCATION",
    "DOOR_KNOCKING_CAMPAIGN",
    "GOVERNMENT_FUND",
    "GRID",
    "HONOUR",
    "HOUSEHOLD",
    "HOUSEHOLD_MEMBER",
    "MICRO_GRID",
    "NEED",
    "ORGANIZATION",
    "ORGANIZATION_ALIAS",
    "POLICY_EVENT",
    "PRACTICE",
    "PRACTICE_BASE",
    "PROJECT",
    "PROJECT_COMMUNITIES",
    "PROJECT_UPDATE",
    "REGION_ALIAS",
    "REPORTED_INDICATOR",
    "SERVICE_SITE",
    "SOCIAL_WORKER",
    "TABLES",
    "TRAINING_PROGRAMME",
    "UNIVERSITY",
    "VISIT",
    "VOLUNTEER",
    "VOLUNTEER_TEAM",
    "Current",
    "Members",
    "Table",
    "Via",
    "Written",
    "actor_kinds",
    "archive",
    "check_version",
    "field_name",
    "insert",
    "lock",
    "region_for",
    "set_members",
    "translate",
    "update",
]
