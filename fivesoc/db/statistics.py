"""Statistics of a region subtree and a period, computed from the records in one statement.

They stand beside the reported indicators of the same region and period, so that what the
records add up to can be compared with what was published.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Mapping
from decimal import Decimal

import asyncpg

from fivesoc.db import catalog, records

# $1 region id, $2 first day, $3 last day, $4 counted records only. Every part is restricted
# to the region's subtree, and leaves out archived rows (and the visits and needs of archived
# households). Counted only ($4), it also leaves out what is illustrative: made-up charity
# resources and government funds, and the certificate levels of stand-in workers.
STATISTICS = """
with subtree as (
    select d.id from region d join region a on d.path <@ a.path where a.id = $1
),
sites as (
    select kind, count(*) as n from service_site
    where region_id in (select id from subtree) and archived_at is null
      and (opened_on is null or opened_on <= $3) and (closed_on is null or closed_on >= $2)
    group by kind
),
workers as (
    select case when $4 and is_illustrative then null else certification_level end as level,
           role, count(*) as n
    from social_worker
    where region_id in (select id from subtree) and archived_at is null group by 1, 2
),
honours as (
    -- Honours of the subtree's actors and regions given in the period, by award.
    select award, count(*) as n from honour
    where region_id in (select id from subtree) and archived_at is null
      and year between extract(year from $2)::int and extract(year from $3)::int
    group by 1
),
activities as (
    select kind, count(*) as n, coalesce(sum(person_times), 0) as person_times from activity
    where region_id in (select id from subtree) and archived_at is null
      and held_on between $2 and $3
    group by kind
),
visits as (
    select count(*) as n, count(distinct v.household_id) as households from visit v
    join household h on h.id = v.household_id
    where h.region_id in (select id from subtree) and h.archived_at is null
      and v.visited_on between $2 and $3
),
needs as (
    select status, count(*) as n from need d join household h on h.id = d.household_id
    where h.region_id in (select id from subtree) and h.archived_at is null
      and d.opened_on between $2 and $3
    group by status
),
needs_resolved as (
    select count(*) as n from need d join household h on h.id = d.household_id
    where h.region_id in (select id from subtree) and h.archived_at is null
      and d.resolved_on between $2 and $3
),
funds as (
    select source, kind, coalesce(sum(amount), 0) as amount from charity_resource
    where region_id in (select id from subtree) and archived_at is null
      and not ($4 and is_illustrative)
      and (year between extract(year from $2)::int and extract(year from $3)::int
           or received_on between $2 and $3)
    group by 1, 2
),
government_funds as (
    select origin, coalesce(sum(amount), 0) as amount from government_fund
    where region_id in (select id from subtree) and archived_at is null
      and not ($4 and is_illustrative)
      and year between extract(year from $2)::int and extract(year from $3)::int
    group by 1
),
linked as (
    -- Social money and goods that door-knocking campaigns running in the period linked.
    select coalesce(sum(r.amount), 0) as amount from charity_resource r
    join door_knocking_campaign c on c.id = r.campaign_id
    where r.region_id in (select id from subtree) and r.archived_at is null
      and not ($4 and r.is_illustrative)
      and c.starts_on <= $3 and (c.ends_on is null or c.ends_on >= $2)
),
uses as (
    select case when a.project_id is not null then 'project'
                when a.community_id is not null then 'community' else 'need' end as use,
           coalesce(sum(a.amount), 0) as amount
    from resource_allocation a join charity_resource r on r.id = a.resource_id
    where r.region_id in (select id from subtree) and r.archived_at is null
      and not ($4 and r.is_illustrative) and a.allocated_on between $2 and $3
    group by 1
),
exams as (
    select year, count(*) as registered, count(*) filter (where passed) as passed
    from exam_registration
    where region_id in (select id from subtree)
      and year between extract(year from $2)::int - 1 and extract(year from $3)::int
    group by year
),
projects as (
    select count(*) as n from project
    where region_id in (select id from subtree) and archived_at is null
      and (starts_on is null or starts_on <= $3) and (ends_on is null or ends_on >= $2)
),
communities_founded as (
    -- Set up within the period: its preparation (筹建) done, it was founded.
    select count(*) as n from community
    where region_id in (select id from subtree) and archived_at is null
      and status <> 'preparing' and founded_on between $2 and $3
),
enrolment as (
    select coalesce(sum(enrolment_count), 0) as n from training_programme
    where region_id in (select id from subtree) and archived_at is null
)
select json_build_object(
    'sites', (select coalesce(json_object_agg(kind, n), '{}') from sites),
    'workers', (
        select coalesce(json_agg(json_build_object('level', level, 'role', role, 'n', n)), '[]')
        from workers),
    'honours', (select coalesce(json_object_agg(award, n), '{}') from honours),
    'activities', (
        select coalesce(json_object_agg(
            kind, json_build_object('n', n, 'person_times', person_times)), '{}')
        from activities),
    'visits', (select n from visits),
    'households_visited', (select households from visits),
    'needs', (select coalesce(json_object_agg(status, n), '{}') from needs),
    'needs_resolved', (select n from needs_resolved),
    'funds', (
        select coalesce(json_agg(
            json_build_object('source', source, 'kind', kind, 'amount', amount)), '[]')
        from funds),
    'government_funds', (
        select coalesce(json_object_agg(origin, amount), '{}') from government_funds),
    'linked', (select amount from linked),
    'uses', (select coalesce(json_object_agg(use, amount), '{}') from uses),
    'exams', (
        select coalesce(json_object_agg(
            year, json_build_object('registered', registered, 'passed', passed)), '{}')
        from exams),
    'projects', (select n from projects),
    'communities_founded', (select n from communities_founded),
    'enrolment', (select n from enrolment)
)::text
"""


@dataclasses.dataclass(frozen=True, slots=True)
class ExamYear:
    year: int
    registered: int
    passed: int


@dataclasses.dataclass(frozen=True, slots=True)
class Statistics:
    """What the records of a region subtree add up to for a period."""

    sites_by_kind: Mapping[str, int]
    workers_by_level: Mapping[str, int]
    workers_by_role: Mapping[str, int]
    honours: Mapping[str, int]
    activities_by_kind: Mapping[str, int]
    person_times_by_kind: Mapping[str, int]
    visits: int
    households_visited: int
    needs_by_status: Mapping[str, int]
    needs_resolved: int
    funds_by_source: Mapping[str, Decimal]
    funds_by_use: Mapping[str, Decimal]
    government_funds_by_origin: Mapping[str, Decimal]
    campaign_linked_resources: Decimal
    exams: tuple[ExamYear, ...]
    projects: int
    communities_founded: int
    enrolment: int


def _sum_by(rows: list[dict[str, object]], key: str, value: str) -> dict[str, int]:
    totals: dict[str, int] = {}
    for row in rows:
        if row[key] is None:
            continue
        name = str(row[key])
        totals[name] = totals.get(name, 0) + int(str(row[value]))
    return totals


async def region_statistics(
    conn: asyncpg.Pool | asyncpg.Connection,
    region_id: int,
    start: dt.date,
    end: dt.date,
    *,
    counted_only: bool = False,
) -> Statistics:
    """Statistics of the subtree of `region_id` for the days `start` to `end`; of the counted
    records only (illustrative ones left out) with `counted_only`."""
    raw = json.loads(
        await conn.fetchval(STATISTICS, region_id, start, end, counted_only), parse_float=Decimal
    )
    funds: dict[str, Decimal] = {}
    for row in raw["funds"]:
        if row["kind"] == "funds":
            funds[row["source"]] = funds.get(row["source"], Decimal(0)) + Decimal(
                str(row["amount"])
            )
    return Statistics(
        sites_by_kind=raw["sites"],
        workers_by_level=_sum_by(raw["workers"], "level", "n"),
        workers_by_role=_sum_by(raw["workers"], "role", "n"),
        honours=raw["honours"],
        activities_by_kind={kind: v["n"] for kind, v in raw["activities"].items()},
        person_times_by_kind={kind: v["person_times"] for kind, v in raw["activities"].items()},
        visits=raw["visits"],
        households_visited=raw["households_visited"],
        needs_by_status=raw["needs"],
        needs_resolved=raw["needs_resolved"],
        funds_by_source=funds,
        funds_by_use={use: Decimal(str(amount)) for use, amount in raw["uses"].items()},
        government_funds_by_origin={
            origin: Decimal(str(amount)) for origin, amount in raw["government_funds"].items()
        },
        campaign_linked_resources=Decimal(str(raw["linked"])),
        exams=tuple(
            sorted(
                (
                    ExamYear(int(year), v["registered"], v["passed"])
                    for year, v in raw["exams"].items()
                ),
                key=lambda exam: exam.year,
            )
        ),
        projects=raw["projects"],
        communities_founded=raw["communities_founded"],
        enrolment=raw["enrolment"],
    )


def growth(current: int, previous: int) -> Decimal | None:
    """Year-on-year change in percent, to one decimal; None without a previous figure."""
    if previous == 0:
        return None
    return (Decimal(current - previous) * 100 / previous).quantize(Decimal("0.1"))


def computed_metrics(stats: Statistics, last_year: int) -> dict[str, Decimal]:
    """The records' value for each reported metric that records can back.

    Metrics the records cannot back (e.g. Anhui's 130,000 professionals, counted nowhere as
    rows) are absent: the comparison shows them as reported only.
    """
    count = Decimal
    activities = stats.activities_by_kind
    exams = {exam.year: exam for exam in stats.exams}
    certified = sum(n for level, n in stats.workers_by_level.items() if level != "none")
    values: dict[str, Decimal] = {
        "social_work_stations": count(stats.sites_by_kind.get("social_work_station", 0)),
        "neighbourhood_centres": count(stats.sites_by_kind.get("neighbourhood_centre", 0)),
        "community_service_complexes": count(stats.sites_by_kind.get("service_complex", 0)),
        "certified_social_workers": count(certified),
        "assistant_social_workers": count(stats.workers_by_level.get("assistant", 0)),
        "intermediate_social_workers": count(stats.workers_by_level.get("intermediate", 0)),
        "civil_affairs_social_workers": count(
            stats.workers_by_role.get("civil_affairs_social_worker", 0)
        ),
        "case_services": count(activities.get("case_work", 0)),
        "group_services": count(activities.get("group_work", 0)),
        "community_activities": count(activities.get("community_activity", 0)),
        "activities": count(sum(activities.values())),
        "beneficiary_person_times": count(sum(stats.person_times_by_kind.values())),
        "person_times_benefited": count(sum(stats.person_times_by_kind.values())),
        "person_times_served": count(sum(stats.person_times_by_kind.values())),
        "households_visited": count(stats.households_visited),
        "needs_resolved": count(stats.needs_resolved),
        "funds_and_goods_linked": stats.campaign_linked_resources,
        "higher_level_funds": stats.government_funds_by_origin.get("higher_level", Decimal(0)),
        "local_budget_social_work_services": stats.government_funds_by_origin.get(
            "local_budget", Decimal(0)
        ),
        "leading_social_work_talents": count(stats.honours.get("county_leading_talent", 0)),
        "city_top_talents": count(stats.honours.get("city_top_talent", 0)),
        "provincial_most_beautiful_social_workers": count(
            stats.honours.get("provincial_most_beautiful_social_worker", 0)
        ),
        "most_beautiful_community_workers": count(
            stats.honours.get("provincial_most_beautiful_community_worker", 0)
        ),
        "national_top100_social_work_agencies": count(
            stats.honours.get("national_top100_social_work_agency", 0)
        ),
        "provincial_brand_social_organizations": count(
            stats.honours.get("provincial_brand_social_organization", 0)
        ),
        "projects": count(stats.projects),
        "new_communities_prepared": count(stats.communities_founded),
        "social_work_college_enrolment": count(stats.enrolment),
    }
    current = exams.get(last_year)
    if current is not None:
        values["exam_registrations"] = count(current.registered)
        values["exam_passes"] = count(current.passed)
        previous = exams.get(last_year - 1)
        if previous is not None:
            for metric, now, before in (
                ("exam_registrations_growth", current.registered, previous.registered),
                ("exam_passes_growth", current.passed, previous.passed),
            ):
                change = growth(now, before)
                if change is not None:
                    values[metric] = change
    return values


# Columns and relation come from the catalog's declaration of the record; no value enters.
# An archived figure is withdrawn: it leaves the comparison as archived records leave the counts.
REPORTED = (
    f"select {catalog.REPORTED_INDICATOR.columns} "  # noqa: S608
    f"from {catalog.REPORTED_INDICATOR.relation} "
    "where t.region_id = $1 and t.period_end >= $2 and t.period_start <= $3 "
    "and t.archived_at is null "
    "order by t.metric, t.period_start"
)


async def reported_indicators(
    conn: asyncpg.Pool | asyncpg.Connection, region_id: int, start: dt.date, end: dt.date
) -> list[records.ReportedIndicator]:
    """Figures published for exactly this region whose period overlaps the days given.

    Archived figures are left out.
    """
    rows = await conn.fetch(REPORTED, region_id, start, end)
    return [catalog.REPORTED_INDICATOR.make(row) for row in rows]
