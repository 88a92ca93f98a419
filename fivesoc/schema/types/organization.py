"""Organizations and partner universities, with the agreements that bind them to places."""

from __future__ import annotations

import datetime as dt

import strawberry
from strawberry import relay

from fivesoc.db import catalog, records
from fivesoc.schema.types.actor import Actor
from fivesoc.schema.types.common import Catalogued
from fivesoc.schema.types.enums import (
    AgreementKind,
    OrganizationHonourKind,
    OrganizationKind,
    Society,
)
from fivesoc.schema.types.fields import reference, related_list


@strawberry.type(
    description="A social organization, civil-affairs bureau or other body in the network."
)
class Organization(Catalogued, Actor):
    catalog_source = catalog.ORGANIZATION

    kind: OrganizationKind = strawberry.field(description="What kind of organization it is.")
    founded_on: dt.date | None = strawberry.field(description="Date it was founded, where known.")
    is_illustrative: bool = strawberry.field(
        description="True when the source counts this organization but does not name it."
    )
    version: int = strawberry.field(
        description="Grows by one with every change; name it as `expectedVersion` to change this."
    )
    archived_at: dt.datetime | None = strawberry.field(
        description="When this was archived (still readable by id, left out of root lists)."
    )
    region_id: strawberry.Private[int]

    @classmethod
    def from_record(cls, row: records.Organization) -> Organization:
        return cls(
            id=row.id,
            name=row.name,
            kind=OrganizationKind(row.kind),
            founded_on=row.founded_on,
            is_illustrative=row.is_illustrative,
            region_id=row.region_id,
            society=Society(row.society),
            version=row.version,
            archived_at=row.archived_at,
        )

    region = reference(
        "region_id", catalog.REGION, "Region", "The region the organization is registered in."
    )

    honours = related_list(
        catalog.ORGANIZATION_HONOURS, "OrganizationHonour", "Honours the organization received."
    )

    social_workers = related_list(
        catalog.EMPLOYER_SOCIAL_WORKERS, "SocialWorker", "Social workers it employs."
    )


@strawberry.type(description="An honour an organization received, e.g. 全国百强社工机构.")
class OrganizationHonour(Catalogued, relay.Node):
    catalog_source = catalog.ORGANIZATION_HONOUR

    id: relay.NodeID[int]
    honour: OrganizationHonourKind = strawberry.field(description="Which honour.")
    year: int = strawberry.field(description="Year it was given.")
    awarded_by: str | None = strawberry.field(description="Who gave it.")
    version: int = strawberry.field(
        description="Grows by one with every change; name it as `expectedVersion` to change this."
    )
    archived_at: dt.datetime | None = strawberry.field(
        description="When this was archived (still readable by id, left out of root lists)."
    )
    organization_id: strawberry.Private[int]

    @classmethod
    def from_record(cls, row: records.OrganizationHonour) -> OrganizationHonour:
        return cls(
            id=row.id,
            honour=OrganizationHonourKind(row.honour),
            year=row.year,
            awarded_by=row.awarded_by,
            organization_id=row.organization_id,
            version=row.version,
            archived_at=row.archived_at,
        )

    organization = reference(
        "organization_id", catalog.ORGANIZATION, "Organization", "The honoured organization."
    )


@strawberry.type(description="A partner university (高校).")
class University(Catalogued, Actor):
    catalog_source = catalog.UNIVERSITY

    version: int = strawberry.field(
        description="Grows by one with every change; name it as `expectedVersion` to change this."
    )
    archived_at: dt.datetime | None = strawberry.field(
        description="When this was archived (still readable by id, left out of root lists)."
    )
    region_id: strawberry.Private[int]

    @classmethod
    def from_record(cls, row: records.University) -> University:
        return cls(
            id=row.id,
            name=row.name,
            region_id=row.region_id,
            society=Society(row.society),
            version=row.version,
            archived_at=row.archived_at,
        )

    region = reference("region_id", catalog.REGION, "Region", "The region the university is in.")

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


@strawberry.type(description="An agreement (协议) between a university and a local party.")
class Agreement(Catalogued, relay.Node):
    catalog_source = catalog.AGREEMENT

    id: relay.NodeID[int]
    title: str = strawberry.field(description="Title of the agreement.")
    kind: AgreementKind = strawberry.field(description="Framework, training or research.")
    signed_on: dt.date = strawberry.field(description="Date it was signed.")
    ends_on: dt.date | None = strawberry.field(description="Date it ends, if it does.")
    version: int = strawberry.field(
        description="Grows by one with every change; name it as `expectedVersion` to change this."
    )
    archived_at: dt.datetime | None = strawberry.field(
        description="When this was archived (still readable by id, left out of root lists)."
    )
    university_id: strawberry.Private[int]
    organization_id: strawberry.Private[int | None]
    region_id: strawberry.Private[int]

    @classmethod
    def from_record(cls, row: records.Agreement) -> Agreement:
        return cls(
            id=row.id,
            title=row.title,
            kind=AgreementKind(row.kind),
            signed_on=row.signed_on,
            ends_on=row.ends_on,
            university_id=row.university_id,
            organization_id=row.organization_id,
            region_id=row.region_id,
            version=row.version,
            archived_at=row.archived_at,
        )

    university = reference(
        "university_id", catalog.UNIVERSITY, "University", "The university that signed it."
    )

    organization = reference(
        "organization_id",
        catalog.ORGANIZATION,
        "Organization",
        "The local party that signed it, e.g. a civil-affairs bureau.",
        optional=True,
    )

    region = reference("region_id", catalog.REGION, "Region", "The region the agreement covers.")

    practice_bases = related_list(
        catalog.AGREEMENT_PRACTICE_BASES,
        "PracticeBase",
        "Practice bases (实践基地) set up under the agreement.",
    )

    communities = related_list(
        catalog.AGREEMENT_COMMUNITIES, "Community", "Communities the agreement names."
    )


@strawberry.type(description="A practice base (实践基地) set up under an agreement.")
class PracticeBase(Catalogued, relay.Node):
    catalog_source = catalog.PRACTICE_BASE

    id: relay.NodeID[int]
    name: str = strawberry.field(description="Name of the base.")
    established_on: dt.date | None = strawberry.field(description="Date it was set up.")
    version: int = strawberry.field(
        description="Grows by one with every change; name it as `expectedVersion` to change this."
    )
    archived_at: dt.datetime | None = strawberry.field(
        description="When this was archived (still readable by id, left out of root lists)."
    )
    agreement_id: strawberry.Private[int]
    region_id: strawberry.Private[int]

    @classmethod
    def from_record(cls, row: records.PracticeBase) -> PracticeBase:
        return cls(
            id=row.id,
            name=row.name,
            established_on=row.established_on,
            agreement_id=row.agreement_id,
            region_id=row.region_id,
            version=row.version,
            archived_at=row.archived_at,
        )

    agreement = reference(
        "agreement_id", catalog.AGREEMENT, "Agreement", "The agreement it belongs to."
    )

    region = reference("region_id", catalog.REGION, "Region", "Where the base is.")


@strawberry.type(description="A training programme of a university, with its enrolment.")
class TrainingProgramme(Catalogued, relay.Node):
    catalog_source = catalog.TRAINING_PROGRAMME

    id: relay.NodeID[int]
    name: str = strawberry.field(description="Name of the programme.")
    started_on: dt.date | None = strawberry.field(description="Date it started.")
    enrolment_count: int = strawberry.field(description="Students enrolled so far.")
    version: int = strawberry.field(
        description="Grows by one with every change; name it as `expectedVersion` to change this."
    )
    archived_at: dt.datetime | None = strawberry.field(
        description="When this was archived (still readable by id, left out of root lists)."
    )
    university_id: strawberry.Private[int]
    region_id: strawberry.Private[int]

    @classmethod
    def from_record(cls, row: records.TrainingProgramme) -> TrainingProgramme:
        return cls(
            id=row.id,
            name=row.name,
            started_on=row.started_on,
            enrolment_count=row.enrolment_count,
            university_id=row.university_id,
            region_id=row.region_id,
            version=row.version,
            archived_at=row.archived_at,
        )

    university = reference(
        "university_id", catalog.UNIVERSITY, "University", "The university that runs it."
    )

    region = reference("region_id", catalog.REGION, "Region", "The region it serves.")
