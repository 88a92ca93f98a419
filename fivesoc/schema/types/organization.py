"""Organizations and partner universities, with the agreements that bind them to places."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from fivesoc.db import catalog, records
from fivesoc.schema.context import Info
from fivesoc.schema.pagination import After, Before, Connection, First, Last
from fivesoc.schema.types.actor import Actor, organization_society
from fivesoc.schema.types.common import child_connection, load_nodes, load_one, page_args
from fivesoc.schema.types.community import Community
from fivesoc.schema.types.enums import (
    AgreementKind,
    OrganizationHonourKind,
    OrganizationKind,
    Society,
)
from fivesoc.schema.types.region import Region

if TYPE_CHECKING:
    from fivesoc.schema.types.worker import SocialWorker

_Worker = Annotated["SocialWorker", strawberry.lazy("fivesoc.schema.types.worker")]


async def _region(info: Info, region_id: int) -> Region:
    row = await load_one(info, catalog.REGION, region_id)
    assert row is not None, "region_id is a foreign key"
    return Region.from_record(row)


@strawberry.type(
    description="A social organization, civil-affairs bureau or other body in the network."
)
class Organization(Actor):
    kind: OrganizationKind = strawberry.field(description="What kind of organization it is.")
    founded_on: dt.date | None = strawberry.field(description="Date it was founded, where known.")
    is_illustrative: bool = strawberry.field(
        description="True when the source counts this organization but does not name it."
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
            society=organization_society(row.kind),
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Organization | None]:
        return await load_nodes(
            info, catalog.ORGANIZATION, cls.from_record, node_ids, required=required
        )

    @strawberry.field(description="The region the organization is registered in.")
    async def region(self, info: Info) -> Region:
        return await _region(info, self.region_id)

    @strawberry.field(description="Honours the organization received.")
    async def honours(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[OrganizationHonour]:
        page = page_args(info, first, after, last, before)
        return await child_connection(
            info, catalog.ORGANIZATION_HONOURS, self.id, OrganizationHonour.from_record, page
        )

    @strawberry.field(description="Social workers it employs.")
    async def social_workers(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[_Worker]:
        from fivesoc.schema.types.worker import SocialWorker

        page = page_args(info, first, after, last, before)
        return await child_connection(
            info, catalog.EMPLOYER_SOCIAL_WORKERS, self.id, SocialWorker.from_record, page
        )


@strawberry.type(description="An honour an organization received, e.g. 全国百强社工机构.")
class OrganizationHonour(relay.Node):
    id: relay.NodeID[int]
    honour: OrganizationHonourKind = strawberry.field(description="Which honour.")
    year: int = strawberry.field(description="Year it was given.")
    awarded_by: str | None = strawberry.field(description="Who gave it.")
    organization_id: strawberry.Private[int]

    @classmethod
    def from_record(cls, row: records.OrganizationHonour) -> OrganizationHonour:
        return cls(
            id=row.id,
            honour=OrganizationHonourKind(row.honour),
            year=row.year,
            awarded_by=row.awarded_by,
            organization_id=row.organization_id,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[OrganizationHonour | None]:
        return await load_nodes(
            info, catalog.ORGANIZATION_HONOUR, cls.from_record, node_ids, required=required
        )

    @strawberry.field(description="The honoured organization.")
    async def organization(self, info: Info) -> Organization:
        row = await load_one(info, catalog.ORGANIZATION, self.organization_id)
        assert row is not None, "organization_id is a foreign key"
        return Organization.from_record(row)


@strawberry.type(description="A partner university (高校).")
class University(Actor):
    region_id: strawberry.Private[int]

    @classmethod
    def from_record(cls, row: records.University) -> University:
        return cls(id=row.id, name=row.name, region_id=row.region_id, society=Society.PARTNER)

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[University | None]:
        return await load_nodes(
            info, catalog.UNIVERSITY, cls.from_record, node_ids, required=required
        )

    @strawberry.field(description="The region the university is in.")
    async def region(self, info: Info) -> Region:
        return await _region(info, self.region_id)

    @strawberry.field(description="Training programmes the university runs.")
    async def training_programmes(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[TrainingProgramme]:
        page = page_args(info, first, after, last, before)
        return await child_connection(
            info,
            catalog.UNIVERSITY_TRAINING_PROGRAMMES,
            self.id,
            TrainingProgramme.from_record,
            page,
        )

    @strawberry.field(description="Agreements the university has signed, oldest first.")
    async def agreements(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Agreement]:
        page = page_args(info, first, after, last, before)
        return await child_connection(
            info, catalog.UNIVERSITY_AGREEMENTS, self.id, Agreement.from_record, page
        )


@strawberry.type(description="An agreement (协议) between a university and a local party.")
class Agreement(relay.Node):
    id: relay.NodeID[int]
    title: str = strawberry.field(description="Title of the agreement.")
    kind: AgreementKind = strawberry.field(description="Framework, training or research.")
    signed_on: dt.date = strawberry.field(description="Date it was signed.")
    ends_on: dt.date | None = strawberry.field(description="Date it ends, if it does.")
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
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Agreement | None]:
        return await load_nodes(
            info, catalog.AGREEMENT, cls.from_record, node_ids, required=required
        )

    @strawberry.field(description="The university that signed it.")
    async def university(self, info: Info) -> University:
        row = await load_one(info, catalog.UNIVERSITY, self.university_id)
        assert row is not None, "university_id is a foreign key"
        return University.from_record(row)

    @strawberry.field(description="The local party that signed it, e.g. a civil-affairs bureau.")
    async def organization(self, info: Info) -> Organization | None:
        if self.organization_id is None:
            return None
        row = await load_one(info, catalog.ORGANIZATION, self.organization_id)
        return None if row is None else Organization.from_record(row)

    @strawberry.field(description="The region the agreement covers.")
    async def region(self, info: Info) -> Region:
        return await _region(info, self.region_id)

    @strawberry.field(description="Practice bases (实践基地) set up under the agreement.")
    async def practice_bases(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[PracticeBase]:
        page = page_args(info, first, after, last, before)
        return await child_connection(
            info, catalog.AGREEMENT_PRACTICE_BASES, self.id, PracticeBase.from_record, page
        )

    @strawberry.field(description="Communities the agreement names.")
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
            info, catalog.AGREEMENT_COMMUNITIES, self.id, Community.from_record, page
        )


@strawberry.type(description="A practice base (实践基地) set up under an agreement.")
class PracticeBase(relay.Node):
    id: relay.NodeID[int]
    name: str = strawberry.field(description="Name of the base.")
    established_on: dt.date | None = strawberry.field(description="Date it was set up.")
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
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[PracticeBase | None]:
        return await load_nodes(
            info, catalog.PRACTICE_BASE, cls.from_record, node_ids, required=required
        )

    @strawberry.field(description="The agreement it belongs to.")
    async def agreement(self, info: Info) -> Agreement:
        row = await load_one(info, catalog.AGREEMENT, self.agreement_id)
        assert row is not None, "agreement_id is a foreign key"
        return Agreement.from_record(row)

    @strawberry.field(description="Where the base is.")
    async def region(self, info: Info) -> Region:
        return await _region(info, self.region_id)


@strawberry.type(description="A training programme of a university, with its enrolment.")
class TrainingProgramme(relay.Node):
    id: relay.NodeID[int]
    name: str = strawberry.field(description="Name of the programme.")
    started_on: dt.date | None = strawberry.field(description="Date it started.")
    enrolment_count: int = strawberry.field(description="Students enrolled so far.")
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
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[TrainingProgramme | None]:
        return await load_nodes(
            info, catalog.TRAINING_PROGRAMME, cls.from_record, node_ids, required=required
        )

    @strawberry.field(description="The university that runs it.")
    async def university(self, info: Info) -> University:
        row = await load_one(info, catalog.UNIVERSITY, self.university_id)
        assert row is not None, "university_id is a foreign key"
        return University.from_record(row)

    @strawberry.field(description="The region it serves.")
    async def region(self, info: Info) -> Region:
        return await _region(info, self.region_id)
