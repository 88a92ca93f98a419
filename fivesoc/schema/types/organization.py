"""Organizations and partner universities, with the agreements that bind them to places."""

from __future__ import annotations

from strawberry import relay

from fivesoc.db import catalog, records
from fivesoc.schema.types.actor import Actor
from fivesoc.schema.types.common import Catalogued
from fivesoc.schema.types.fields import related_list
from fivesoc.schema.types.node import node


@node(records.Organization)
class Organization(Catalogued, Actor):
    social_workers = related_list(
        catalog.EMPLOYER_SOCIAL_WORKERS, "SocialWorker", "Social workers it employs."
    )

    aliases = related_list(
        catalog.ORGANIZATION_ALIASES,
        "OrganizationAlias",
        "Other names the organization is known by (e.g. 县文化馆), each with where it is "
        "used; `search` matches them too.",
    )


@node(records.OrganizationAlias)
class OrganizationAlias(Catalogued, relay.Node):
    pass


@node(records.University)
class University(Catalogued, Actor):
    training_programmes = related_list(
        catalog.UNIVERSITY_TRAINING_PROGRAMMES,
        "TrainingProgramme",
        "Training programmes the university runs.",
    )

    agreements = related_list(
        catalog.UNIVERSITY_AGREEMENTS,
        "Agreement",
        "Agreements the university has signed, oldest first.",
    )


@node(records.Agreement)
class Agreement(Catalogued, relay.Node):
    practice_bases = related_list(
        catalog.AGREEMENT_PRACTICE_BASES,
        "PracticeBase",
        "Practice bases (实践基地) set up under the agreement.",
    )

    communities = related_list(
        catalog.AGREEMENT_COMMUNITIES, "Community", "Communities the agreement names."
    )


@node(records.PracticeBase)
class PracticeBase(Catalogued, relay.Node):
    pass


@node(records.TrainingProgramme)
class TrainingProgramme(Catalogued, relay.Node):
    pass
