"""Organizations and partner universities, with the agreements that bind them to places."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import strawberry
from strawberry import relay

from fivesoc.db import catalog, records
from fivesoc.schema.context import Info
from fivesoc.schema.pagination import After, Before, Connection, First, Last
from fivesoc.schema.types.common import child_connection, load_nodes, load_one, page_args
from fivesoc.schema.types.community import Community
from fivesoc.schema.types.enums import AgreementKind, OrganizationKind
from fivesoc.schema.types.region import Region


async def _region(info: Info, region_id: int) -> Region:
    row = await load_one(info, catalog.REGION, region_id)
    assert row is not None, "region_id is a foreign key"
    return Region.from_record(row)


@strawberry.type(
    description="A social organization, civil-affairs bureau or other body in the network."
)
class Organization(relay.Node):
    id: relay.NodeID[int]
    name: str = strawberry.field(description="Name, unique within its region.")
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


@strawberry.type(description="A partner university (高校).")
class University(relay.Node):
    id: relay.NodeID[int]
    name: str = strawberry.field(description="Name, e.g. 浙江工商大学.")
    region_id: strawberry.Private[int]

    @classmethod
    def from_record(cls, row: records.University) -> University:
        return cls(id=row.id, name=row.name, region_id=row.region_id)

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
