"""Create, update and archive mutations of every node type, declared in one line each.

The declarations are in `declarations`; the inputs, payloads and resolvers come from
`factory`. Updates are partial and name the version read; archived rows stay readable by id
(with `archivedAt`) and leave the root lists unless `includeArchived` asks for them.
"""

from __future__ import annotations

import strawberry

from fivesoc.db import entities as db
from fivesoc.schema.mutations.entities import declarations as d
from fivesoc.schema.mutations.entities.factory import (
    archive_mutation,
    create_mutation,
    members_mutation,
    update_mutation,
)


@strawberry.type(description="Create, update and archive the network's records.")
class EntityMutations:
    create_community = create_mutation(d.COMMUNITY)
    update_community = update_mutation(d.COMMUNITY)
    archive_community = archive_mutation(d.COMMUNITY)
    create_compound = create_mutation(d.COMPOUND)
    update_compound = update_mutation(d.COMPOUND)
    archive_compound = archive_mutation(d.COMPOUND)
    create_grid = create_mutation(d.GRID)
    update_grid = update_mutation(d.GRID)
    archive_grid = archive_mutation(d.GRID)
    create_micro_grid = create_mutation(d.MICRO_GRID)
    update_micro_grid = update_mutation(d.MICRO_GRID)
    archive_micro_grid = archive_mutation(d.MICRO_GRID)
    create_service_site = create_mutation(d.SERVICE_SITE)
    update_service_site = update_mutation(d.SERVICE_SITE)
    archive_service_site = archive_mutation(d.SERVICE_SITE)
    create_reported_indicator = create_mutation(d.REPORTED_INDICATOR)
    update_reported_indicator = update_mutation(d.REPORTED_INDICATOR)
    archive_reported_indicator = archive_mutation(d.REPORTED_INDICATOR)
    create_organization = create_mutation(d.ORGANIZATION)
    update_organization = update_mutation(d.ORGANIZATION)
    archive_organization = archive_mutation(d.ORGANIZATION)
    create_honour = create_mutation(d.HONOUR)
    update_honour = update_mutation(d.HONOUR)
    archive_honour = archive_mutation(d.HONOUR)
    create_university = create_mutation(d.UNIVERSITY)
    update_university = update_mutation(d.UNIVERSITY)
    archive_university = archive_mutation(d.UNIVERSITY)
    create_agreement = create_mutation(d.AGREEMENT)
    update_agreement = update_mutation(d.AGREEMENT)
    archive_agreement = archive_mutation(d.AGREEMENT)
    create_practice_base = create_mutation(d.PRACTICE_BASE)
    update_practice_base = update_mutation(d.PRACTICE_BASE)
    archive_practice_base = archive_mutation(d.PRACTICE_BASE)
    create_training_programme = create_mutation(d.TRAINING_PROGRAMME)
    update_training_programme = update_mutation(d.TRAINING_PROGRAMME)
    archive_training_programme = archive_mutation(d.TRAINING_PROGRAMME)
    create_social_worker = create_mutation(d.SOCIAL_WORKER)
    update_social_worker = update_mutation(d.SOCIAL_WORKER)
    archive_social_worker = archive_mutation(d.SOCIAL_WORKER)
    create_volunteer_team = create_mutation(d.VOLUNTEER_TEAM)
    update_volunteer_team = update_mutation(d.VOLUNTEER_TEAM)
    archive_volunteer_team = archive_mutation(d.VOLUNTEER_TEAM)
    create_volunteer = create_mutation(d.VOLUNTEER)
    update_volunteer = update_mutation(d.VOLUNTEER)
    archive_volunteer = archive_mutation(d.VOLUNTEER)
    create_project = create_mutation(d.PROJECT)
    update_project = update_mutation(d.PROJECT)
    archive_project = archive_mutation(d.PROJECT)
    create_door_knocking_campaign = create_mutation(d.DOOR_KNOCKING_CAMPAIGN)
    update_door_knocking_campaign = update_mutation(d.DOOR_KNOCKING_CAMPAIGN)
    archive_door_knocking_campaign = archive_mutation(d.DOOR_KNOCKING_CAMPAIGN)
    create_household = create_mutation(d.HOUSEHOLD)
    update_household = update_mutation(d.HOUSEHOLD)
    archive_household = archive_mutation(d.HOUSEHOLD)
    create_household_member = create_mutation(d.HOUSEHOLD_MEMBER)
    update_household_member = update_mutation(d.HOUSEHOLD_MEMBER)
    archive_household_member = archive_mutation(d.HOUSEHOLD_MEMBER)
    create_charity_resource = create_mutation(d.CHARITY_RESOURCE)
    update_charity_resource = update_mutation(d.CHARITY_RESOURCE)
    archive_charity_resource = archive_mutation(d.CHARITY_RESOURCE)
    create_government_fund = create_mutation(d.GOVERNMENT_FUND)
    update_government_fund = update_mutation(d.GOVERNMENT_FUND)
    archive_government_fund = archive_mutation(d.GOVERNMENT_FUND)
    create_practice = create_mutation(d.PRACTICE)
    update_practice = update_mutation(d.PRACTICE)
    archive_practice = archive_mutation(d.PRACTICE)
    create_policy_event = create_mutation(d.POLICY_EVENT)
    update_policy_event = update_mutation(d.POLICY_EVENT)
    archive_policy_event = archive_mutation(d.POLICY_EVENT)
    create_collaboration_link = create_mutation(d.COLLABORATION_LINK)
    update_collaboration_link = update_mutation(d.COLLABORATION_LINK)
    archive_collaboration_link = archive_mutation(d.COLLABORATION_LINK)
    create_region_alias = create_mutation(d.REGION_ALIAS)
    update_region_alias = update_mutation(d.REGION_ALIAS)
    archive_region_alias = archive_mutation(d.REGION_ALIAS)
    create_community_alias = create_mutation(d.COMMUNITY_ALIAS)
    update_community_alias = update_mutation(d.COMMUNITY_ALIAS)
    archive_community_alias = archive_mutation(d.COMMUNITY_ALIAS)
    create_organization_alias = create_mutation(d.ORGANIZATION_ALIAS)
    update_organization_alias = update_mutation(d.ORGANIZATION_ALIAS)
    archive_organization_alias = archive_mutation(d.ORGANIZATION_ALIAS)
    update_activity = update_mutation(d.ACTIVITY)
    archive_activity = archive_mutation(d.ACTIVITY)
    update_visit = update_mutation(d.VISIT)
    update_need = update_mutation(d.NEED)
    update_continuing_education = update_mutation(d.CONTINUING_EDUCATION)
    update_project_update = update_mutation(d.PROJECT_UPDATE)
    set_project_communities = members_mutation(
        d.PROJECT, db.PROJECT_COMMUNITIES, "Community", "Communities"
    )
    set_agreement_communities = members_mutation(
        d.AGREEMENT, db.AGREEMENT_COMMUNITIES, "Community", "Communities"
    )


__all__ = ["EntityMutations"]
