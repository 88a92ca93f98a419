"""Writing demo records: one method per kind of row, each returning the new row's id."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Sequence
from decimal import Decimal

import asyncpg

from fivesoc.db.seed.names import fictional_name

INSERT_REGION = """
insert into region (parent_id, level, name) values ($1, $2, $3) returning id
"""

INSERT_REGION_ALIAS = """
insert into region_alias (region_id, name, source) values ($1, $2, $3)
"""

INSERT_ORGANIZATION_ALIAS = """
insert into organization_alias (organization_id, name, source) values ($1, $2, $3)
"""

INSERT_COMMUNITY = """
with a as (insert into actor (kind) values ('community') returning id)
insert into community (id, region_id, kind, name, status, founded_on, resident_population,
                       founded_on_precision)
select id, $1, $2, $3, $4, $5, $6, $7 from a returning id
"""

INSERT_COMPOUND = """
insert into compound (community_id, name, is_illustrative) values ($1, $2, $3)
"""

INSERT_GRID = """
insert into grid (community_id, name, resident_estimate) values ($1, $2, $3) returning id
"""

INSERT_MICRO_GRID = "insert into micro_grid (grid_id, name) values ($1, $2)"

INSERT_SITE = """
insert into service_site (region_id, community_id, kind, name, is_illustrative)
values ($1, $2, $3, $4, $5) returning id
"""

INSERT_ORGANIZATION = """
with a as (insert into actor (kind) values ('organization') returning id)
insert into organization (id, region_id, kind, name, is_illustrative)
select id, $1, $2, $3, $4 from a returning id
"""

INSERT_HONOUR = """
insert into honour (region_id, actor_id, award, title, awarded_by, year, batch, source, quote,
                    is_illustrative)
values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
"""

INSERT_UNIVERSITY = """
with a as (insert into actor (kind) values ('university') returning id)
insert into university (id, region_id, name) select id, $1, $2 from a returning id
"""

INSERT_AGREEMENT = """
insert into agreement (university_id, organization_id, region_id, title, signed_on,
                       signed_on_precision)
values ($1, $2, $3, $4, $5, $6) returning id
"""

INSERT_AGREEMENT_COMMUNITY = """
insert into agreement_community (agreement_id, community_id) values ($1, $2)
"""

INSERT_PRACTICE_BASE = """
insert into practice_base (agreement_id, region_id, name, established_on,
                           established_on_precision)
values ($1, $2, $3, $4, $5)
"""

INSERT_TRAINING_PROGRAMME = """
insert into training_programme (university_id, region_id, name, started_on, enrolment_count,
                                started_on_precision)
values ($1, $2, $3, $4, $5, $6)
"""

INSERT_SOCIAL_WORKER = """
with a as (insert into actor (kind) values ('social_worker') returning id)
insert into social_worker (id, region_id, employer_id, station_id, role, full_name, is_fictional,
                           certification_level, certified_year, is_illustrative)
select id, $1, $2, $3, $4, $5, true, $6, $7, $8 from a returning id
"""

INSERT_EDUCATION = """
insert into continuing_education (social_worker_id, year, course, hours) values ($1, $2, $3, $4)
"""

INSERT_EXAM = """
insert into exam_registration (region_id, year, level, passed) values ($1, $2, $3, $4)
"""

INSERT_TEAM = """
with a as (insert into actor (kind) values ('volunteer_team') returning id)
insert into volunteer_team (id, region_id, community_id, name, is_illustrative)
select id, $1, $2, $3, true from a returning id
"""

INSERT_VOLUNTEER = """
insert into volunteer (team_id, community_id, region_id, full_name, is_fictional, service_hours)
values ($1, $2, $3, $4, true, $5)
"""

INSERT_PROJECT = """
insert into project (region_id, lead_id, name, domain, status, summary, starts_on, is_illustrative)
values ($1, $2, $3, $4, $5, $6, $7, $8) returning id
"""

INSERT_PARTICIPANT = """
insert into project_participant (project_id, actor_id, role, joined_on) values ($1, $2, $3, $4)
"""

INSERT_PROJECT_COMMUNITY = """
insert into project_community (project_id, community_id) values ($1, $2)
"""

INSERT_UPDATE = """
insert into project_update (project_id, author_id, posted_at, title, body)
values ($1, $2, $3, $4, $5)
"""

INSERT_NAMED_ACTIVITY = """
insert into activity (region_id, site_id, kind, title, held_on, held_on_precision, person_times)
values ($1, $2, $3, $4, $5, $6, $7)
"""

INSERT_PRACTICE = """
insert into practice (region_id, parent_id, kind, name, description, owner_id, started_on,
                      started_on_precision, source, quote)
values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id
"""

INSERT_POLICY_EVENT = """
insert into policy_event (region_id, kind, title, issued_by, organization_id, dated_on,
                          dated_on_precision, summary, source, quote)
values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
"""

INSERT_ACTIVITY = """
insert into activity (region_id, project_id, site_id, organizer_id, kind, title, held_on,
                      person_times, is_illustrative)
values ($1, $2, $3, $4, $5, $6, $7, $8, true)
"""

INSERT_RESOURCE = """
with a as (insert into actor (kind) values ('charity_resource') returning id)
insert into charity_resource (id, region_id, donor_id, kind, source, name, amount, unit, year,
                              qualifier, campaign_id, quote, is_illustrative)
select id, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12 from a returning id
"""

INSERT_GOVERNMENT_FUND = """
insert into government_fund (region_id, origin, name, purpose, amount, year, spent_by_id,
                             source, quote)
values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id
"""

INSERT_ALLOCATION = """
insert into resource_allocation (resource_id, project_id, community_id, need_id, amount, purpose,
                                 allocated_on)
values ($1, $2, $3, $4, $5, $6, $7)
"""

INSERT_CAMPAIGN = """
insert into door_knocking_campaign (region_id, organizer_id, name, starts_on,
                                    starts_on_precision, target_groups)
values ($1, $2, $3, $4, $5, $6) returning id
"""

INSERT_HOUSEHOLD = """
insert into household (region_id, community_id, categories, head_name, address, member_count,
                       is_fictional)
values ($1, $2, $3, $4, $5, $6, true) returning id
"""

INSERT_MEMBER = """
insert into household_member (household_id, full_name, relation, birth_year) values ($1, $2, $3, $4)
"""

INSERT_VISIT = """
insert into visit (campaign_id, household_id, social_worker_id, visited_on, notes)
values ($1, $2, $3, $4, $5) returning id
"""

INSERT_NEED = """
insert into need (household_id, visit_id, kind, description, status, opened_on, referred_to_id,
                  referred_on, resolved_on)
values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id
"""

INSERT_LINK = """
insert into collaboration_link (source_id, target_id, kind, since, weight, project_id,
                                agreement_id, evidence, is_illustrative)
values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
"""

INSERT_INDICATOR = """
insert into reported_indicator (region_id, metric, label, value, unit, qualifier, period_start,
                                period_end, source, quote)
values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
"""


class Builder:
    """Writes demo rows through one connection; made-up names are numbered across the world."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn
        self._names = itertools.count(1)

    def person(self) -> str:
        """The next made-up personal name."""
        return fictional_name(next(self._names))

    async def _id(self, sql: str, *args: object) -> int:
        value: int = await self.conn.fetchval(sql, *args)
        return value

    async def region(self, parent: int | None, level: str, name: str) -> int:
        return await self._id(INSERT_REGION, parent, level, name)

    async def region_aliases(self, region: int, names: Sequence[str], source: str) -> None:
        """Other names of a region, as `source` writes them."""
        await self.conn.executemany(INSERT_REGION_ALIAS, [(region, name, source) for name in names])

    async def organization_aliases(
        self, organization: int, names: Sequence[str], source: str
    ) -> None:
        """Other names of an organization, as `source` writes them."""
        await self.conn.executemany(
            INSERT_ORGANIZATION_ALIAS, [(organization, name, source) for name in names]
        )

    async def community(
        self,
        region: int,
        name: str,
        *,
        kind: str = "community",
        status: str = "active",
        founded_on: dt.date | None = None,
        founded_precision: str = "day",
        population: int | None = None,
    ) -> int:
        return await self._id(
            INSERT_COMMUNITY, region, kind, name, status, founded_on, population, founded_precision
        )

    async def compounds(self, community: int, names: Sequence[tuple[str, bool]]) -> None:
        await self.conn.executemany(
            INSERT_COMPOUND, [(community, name, illustrative) for name, illustrative in names]
        )

    async def grid(self, community: int, name: str, residents: int, micro_grids: int) -> int:
        grid = await self._id(INSERT_GRID, community, name, residents)
        await self.conn.executemany(
            INSERT_MICRO_GRID, [(grid, f"{name}第{i}微网格") for i in range(1, micro_grids + 1)]
        )
        return grid

    async def site(
        self,
        region: int,
        kind: str,
        name: str,
        *,
        community: int | None = None,
        illustrative: bool = False,
    ) -> int:
        return await self._id(INSERT_SITE, region, community, kind, name, illustrative)

    async def organization(
        self, region: int, kind: str, name: str, *, illustrative: bool = False
    ) -> int:
        return await self._id(INSERT_ORGANIZATION, region, kind, name, illustrative)

    async def honour(
        self,
        region: int,
        actor: int | None,
        award: str,
        title: str,
        year: int,
        *,
        awarded_by: str | None,
        source: str,
        quote: str | None = None,
        batch: str | None = None,
        illustrative: bool = False,
    ) -> None:
        """An honour of `actor` (in `region`), or of the region itself when `actor` is None."""
        await self.conn.execute(
            INSERT_HONOUR,
            region,
            actor,
            award,
            title,
            awarded_by,
            year,
            batch,
            source,
            quote,
            illustrative,
        )

    async def university(self, region: int, name: str) -> int:
        return await self._id(INSERT_UNIVERSITY, region, name)

    async def agreement(
        self,
        university: int,
        organization: int,
        region: int,
        title: str,
        signed_on: dt.date,
        precision: str = "day",
    ) -> int:
        return await self._id(
            INSERT_AGREEMENT, university, organization, region, title, signed_on, precision
        )

    async def agreement_community(self, agreement: int, community: int) -> None:
        await self.conn.execute(INSERT_AGREEMENT_COMMUNITY, agreement, community)

    async def practice_base(
        self,
        agreement: int,
        region: int,
        name: str,
        established_on: dt.date,
        precision: str = "day",
    ) -> None:
        await self.conn.execute(
            INSERT_PRACTICE_BASE, agreement, region, name, established_on, precision
        )

    async def training_programme(
        self,
        university: int,
        region: int,
        name: str,
        started_on: dt.date,
        enrolment: int,
        precision: str = "day",
    ) -> None:
        await self.conn.execute(
            INSERT_TRAINING_PROGRAMME, university, region, name, started_on, enrolment, precision
        )

    async def social_worker(
        self,
        region: int,
        *,
        role: str,
        level: str = "none",
        certified_year: int | None = None,
        station: int | None = None,
        employer: int | None = None,
        illustrative: bool = False,
    ) -> int:
        """A made-up person standing in for a worker the source counts; `illustrative` when
        their certificate and station are made up too."""
        return await self._id(
            INSERT_SOCIAL_WORKER,
            region,
            employer,
            station,
            role,
            self.person(),
            level,
            certified_year,
            illustrative,
        )

    async def education(self, rows: Iterable[tuple[int, int, str, Decimal]]) -> None:
        await self.conn.executemany(INSERT_EDUCATION, list(rows))

    async def exams(self, rows: Iterable[tuple[int, int, str, bool]]) -> None:
        await self.conn.executemany(INSERT_EXAM, list(rows))

    async def volunteer_team(self, region: int, community: int | None, name: str) -> int:
        return await self._id(INSERT_TEAM, region, community, name)

    async def volunteers(
        self, team: int, community: int | None, region: int, hours: Sequence[Decimal]
    ) -> None:
        await self.conn.executemany(
            INSERT_VOLUNTEER, [(team, community, region, self.person(), h) for h in hours]
        )

    async def project(
        self,
        region: int,
        lead: int,
        name: str,
        domain: str,
        summary: str,
        starts_on: dt.date,
        *,
        status: str = "active",
        illustrative: bool = False,
    ) -> int:
        return await self._id(
            INSERT_PROJECT, region, lead, name, domain, status, summary, starts_on, illustrative
        )

    async def participant(
        self, project: int, actor: int, role: str, joined_on: dt.date | None
    ) -> None:
        await self.conn.execute(INSERT_PARTICIPANT, project, actor, role, joined_on)

    async def project_community(self, project: int, community: int) -> None:
        await self.conn.execute(INSERT_PROJECT_COMMUNITY, project, community)

    async def update(
        self, project: int, author: int | None, posted_at: dt.datetime, title: str, body: str
    ) -> None:
        await self.conn.execute(INSERT_UPDATE, project, author, posted_at, title, body)

    async def activity(
        self,
        region: int,
        site: int | None,
        kind: str,
        title: str,
        held_on: dt.date,
        *,
        precision: str = "day",
        person_times: int | None = None,
    ) -> None:
        """One activity the source tells of; its person-times null where none are reported."""
        await self.conn.execute(
            INSERT_NAMED_ACTIVITY, region, site, kind, title, held_on, precision, person_times
        )

    async def practice(
        self,
        region: int,
        kind: str,
        name: str,
        *,
        source: str,
        quote: str,
        parent: int | None = None,
        description: str | None = None,
        owner: int | None = None,
        started_on: dt.date | None = None,
        precision: str = "day",
    ) -> int:
        return await self._id(
            INSERT_PRACTICE,
            region,
            parent,
            kind,
            name,
            description,
            owner,
            started_on,
            precision,
            source,
            quote,
        )

    async def parts(
        self, practice: int, region: int, kind: str, names: Sequence[str], source: str, quote: str
    ) -> None:
        """The parts of a practice, each a practice of its own."""
        for name in names:
            await self.practice(region, kind, name, source=source, quote=quote, parent=practice)

    async def policy_event(
        self,
        region: int,
        kind: str,
        title: str,
        *,
        source: str,
        quote: str,
        issued_by: str | None = None,
        organization: int | None = None,
        dated_on: dt.date | None = None,
        precision: str = "day",
        summary: str | None = None,
    ) -> None:
        await self.conn.execute(
            INSERT_POLICY_EVENT,
            region,
            kind,
            title,
            issued_by,
            organization,
            dated_on,
            precision,
            summary,
            source,
            quote,
        )

    async def activities(
        self, rows: Iterable[tuple[int, int | None, int | None, int | None, str, str, dt.date, int]]
    ) -> None:
        await self.conn.executemany(INSERT_ACTIVITY, list(rows))

    async def resource(
        self,
        region: int,
        donor: int | None,
        kind: str,
        source: str,
        name: str,
        amount: Decimal,
        year: int | None,
        unit: str = "yuan",
        *,
        qualifier: str = "exact",
        campaign: int | None = None,
        quote: str | None = None,
        illustrative: bool = False,
    ) -> int:
        return await self._id(
            INSERT_RESOURCE,
            region,
            donor,
            kind,
            source,
            name,
            amount,
            unit,
            year,
            qualifier,
            campaign,
            quote,
            illustrative,
        )

    async def government_fund(
        self,
        region: int,
        origin: str,
        name: str,
        purpose: str,
        amount: Decimal,
        year: int,
        *,
        spent_by: int | None,
        source: str,
        quote: str,
    ) -> int:
        return await self._id(
            INSERT_GOVERNMENT_FUND,
            region,
            origin,
            name,
            purpose,
            amount,
            year,
            spent_by,
            source,
            quote,
        )

    async def allocation(
        self,
        resource: int,
        amount: Decimal,
        purpose: str,
        on: dt.date,
        *,
        project: int | None = None,
        community: int | None = None,
        need: int | None = None,
    ) -> None:
        await self.conn.execute(
            INSERT_ALLOCATION, resource, project, community, need, amount, purpose, on
        )

    async def campaign(
        self,
        region: int,
        organizer: int,
        name: str,
        starts_on: dt.date,
        *,
        precision: str = "day",
        targets: Sequence[str] = (),
    ) -> int:
        return await self._id(
            INSERT_CAMPAIGN, region, organizer, name, starts_on, precision, list(targets)
        )

    async def household(
        self,
        region: int,
        community: int | None,
        categories: Sequence[str],
        address: str,
        members: Sequence[tuple[str, int]],
    ) -> int:
        """A made-up household; `members` are (relation, birth year), the first is the head."""
        names = [self.person() for _ in members]
        household = await self._id(
            INSERT_HOUSEHOLD, region, community, list(categories), names[0], address, len(members)
        )
        await self.conn.executemany(
            INSERT_MEMBER,
            [
                (household, name, rel, year)
                for name, (rel, year) in zip(names, members, strict=True)
            ],
        )
        return household

    async def visit(
        self, campaign: int, household: int, worker: int, on: dt.date, notes: str
    ) -> int:
        return await self._id(INSERT_VISIT, campaign, household, worker, on, notes)

    async def need(
        self,
        household: int,
        visit: int,
        kind: str,
        description: str,
        status: str,
        opened_on: dt.date,
        *,
        referred_to: int | None = None,
        referred_on: dt.date | None = None,
        resolved_on: dt.date | None = None,
    ) -> int:
        return await self._id(
            INSERT_NEED,
            household,
            visit,
            kind,
            description,
            status,
            opened_on,
            referred_to,
            referred_on,
            resolved_on,
        )

    async def link(
        self,
        source: int,
        target: int,
        kind: str,
        evidence: str,
        *,
        since: dt.date | None = None,
        weight: float = 1.0,
        project: int | None = None,
        agreement: int | None = None,
        illustrative: bool = False,
    ) -> None:
        await self.conn.execute(
            INSERT_LINK,
            source,
            target,
            kind,
            since,
            Decimal(str(weight)),
            project,
            agreement,
            evidence,
            illustrative,
        )

    async def indicators(
        self,
        region: int,
        period: tuple[dt.date, dt.date],
        source: str,
        rows: Sequence[tuple[str, str, float, str, str, str]],
    ) -> None:
        """Reported figures: (metric, label, value, unit, qualifier, quote) each."""
        await self.conn.executemany(
            INSERT_INDICATOR,
            [
                (
                    region,
                    metric,
                    label,
                    Decimal(str(value)),
                    unit,
                    qualifier,
                    *period,
                    source,
                    quote,
                )
                for metric, label, value, unit, qualifier, quote in rows
            ],
        )
