"""Statistics of a region and period: computed from records, beside the reported figures."""

from __future__ import annotations

import datetime as dt

import strawberry

from fivesoc.db import statistics
from fivesoc.schema.types.enums import (
    ActivityKind,
    CertificationLevel,
    FundOrigin,
    NeedStatus,
    Qualifier,
    ResourceSource,
    ServiceSiteKind,
    WorkerRole,
)
from fivesoc.schema.types.indicator import ReportedIndicator
from fivesoc.schema.types.region import Region


@strawberry.type(description="How many service sites of a kind.")
class SiteKindCount:
    kind: ServiceSiteKind = strawberry.field(description="Kind of site.")
    count: int = strawberry.field(description="Sites of that kind open in the period.")


@strawberry.type(description="How many registry members hold a certification level.")
class CertificationCount:
    level: CertificationLevel = strawberry.field(description="Certification level.")
    count: int = strawberry.field(description="People at that level.")


@strawberry.type(description="How many registry members have a role.")
class WorkerRoleCount:
    role: WorkerRole = strawberry.field(description="Role.")
    count: int = strawberry.field(description="People in that role.")


@strawberry.type(description="Services or activities of a kind, with the person-times served.")
class ActivityKindCount:
    kind: ActivityKind = strawberry.field(description="Kind of activity.")
    count: int = strawberry.field(description="Activities held in the period.")
    person_times: int = strawberry.field(description="Beneficiaries in person-times (人次).")


@strawberry.type(description="How many needs are in a state.")
class NeedStatusCount:
    status: NeedStatus = strawberry.field(description="State of the need.")
    count: int = strawberry.field(description="Needs found in the period now in that state.")


@strawberry.type(description="Funds received from a source.")
class FundsBySource:
    source: ResourceSource = strawberry.field(description="Where the funds come from.")
    amount: float = strawberry.field(description="Yuan.")


@strawberry.type(description="Government funds of one origin (not charity resources).")
class GovernmentFundsByOrigin:
    origin: FundOrigin = strawberry.field(description="Higher levels or the local budget.")
    amount: float = strawberry.field(description="Yuan.")


@strawberry.type(description="Resources allocated to one kind of use.")
class FundsByUse:
    use: str = strawberry.field(description="`project`, `community` or `need`.")
    amount: float = strawberry.field(description="Amount allocated in the period.")


@strawberry.type(description="Qualification exams of one year, with the change on the year before.")
class ExamYearStatistics:
    year: int = strawberry.field(description="Exam year.")
    registered: int = strawberry.field(description="Registrations.")
    passed: int = strawberry.field(description="Passes.")
    registered_change: float | None = strawberry.field(
        description="Percent change of registrations on the year before; null without records."
    )
    passed_change: float | None = strawberry.field(
        description="Percent change of passes on the year before; null without records."
    )


@strawberry.type(description="A reported figure beside what the records add up to.")
class IndicatorComparison:
    metric: str = strawberry.field(description="Metric key.")
    label: str = strawberry.field(description="What is measured.")
    unit: str = strawberry.field(description="Unit of both values.")
    reported: float = strawberry.field(description="The published figure.")
    qualifier: Qualifier = strawberry.field(description="How exact the published figure is.")
    computed: float | None = strawberry.field(
        description=(
            "What the records add up to, illustrative ones included unless the statistics "
            "leave them out; null when no records back this metric."
        )
    )
    counted: float | None = strawberry.field(
        description=(
            "What the counted records alone add up to, leaving out illustrative ones (made-up "
            "resources and funds, the certificate levels of stand-in workers); null when no "
            "records back this metric."
        )
    )
    difference: float | None = strawberry.field(
        description="computed − reported; null when nothing is computed."
    )
    indicator: ReportedIndicator = strawberry.field(description="The reported indicator.")


@strawberry.type(description="The first and last day of a period.")
class Period:
    start: dt.date = strawberry.field(description="First day.")
    end: dt.date = strawberry.field(description="Last day.")


@strawberry.type(
    description=(
        "Statistics of a region (with every region below it) for a period, computed from the "
        "records, beside the figures reported for the same region and period."
    )
)
class RegionStatistics:
    region: Region = strawberry.field(description="The region.")
    period: Period = strawberry.field(description="The period.")
    sites_by_kind: list[SiteKindCount] = strawberry.field(description="Service sites by kind.")
    social_workers_by_certification: list[CertificationCount] = strawberry.field(
        description="Registry members by certification level."
    )
    social_workers_by_role: list[WorkerRoleCount] = strawberry.field(
        description="Registry members by role."
    )
    activities_by_kind: list[ActivityKindCount] = strawberry.field(
        description="Services and activities held, by kind, with person-times."
    )
    visits: int = strawberry.field(description="Door-knocking visits made.")
    households_visited: int = strawberry.field(description="Distinct households visited.")
    needs_by_status: list[NeedStatusCount] = strawberry.field(
        description="Needs found, by their state now."
    )
    needs_resolved: int = strawberry.field(description="Needs resolved in the period.")
    funds_by_source: list[FundsBySource] = strawberry.field(
        description="Charity funds (money, not goods) of the period by source."
    )
    government_funds_by_origin: list[GovernmentFundsByOrigin] = strawberry.field(
        description="Government funds of the period by origin; never counted as charity."
    )
    funds_by_use: list[FundsByUse] = strawberry.field(description="Allocations by use.")
    exam_years: list[ExamYearStatistics] = strawberry.field(
        description="Exam registrations and passes by year, with year-on-year change."
    )
    indicators: list[IndicatorComparison] = strawberry.field(
        description="Every figure reported for this region and period, beside the records."
    )

    @classmethod
    def build(
        cls,
        region: Region,
        start: dt.date,
        end: dt.date,
        stats: statistics.Statistics,
        counted_stats: statistics.Statistics,
        reported: list[ReportedIndicator],
    ) -> RegionStatistics:
        computed = statistics.computed_metrics(stats, end.year)
        counted = statistics.computed_metrics(counted_stats, end.year)
        exams = {exam.year: exam for exam in stats.exams}

        def change(now: int, year: int, attr: str) -> float | None:
            before = exams.get(year - 1)
            value = None if before is None else statistics.growth(now, getattr(before, attr))
            return None if value is None else float(value)

        comparisons = []
        for indicator in reported:
            row = indicator.record
            value = computed.get(row.metric)
            counted_value = counted.get(row.metric)
            figure = float(row.value)
            comparisons.append(
                IndicatorComparison(
                    metric=row.metric,
                    label=row.label,
                    unit=row.unit,
                    reported=figure,
                    qualifier=Qualifier(row.qualifier),
                    computed=None if value is None else float(value),
                    counted=None if counted_value is None else float(counted_value),
                    difference=None if value is None else float(value) - figure,
                    indicator=indicator,
                )
            )
        return cls(
            region=region,
            period=Period(start=start, end=end),
            sites_by_kind=[
                SiteKindCount(kind=ServiceSiteKind(kind), count=n)
                for kind, n in sorted(stats.sites_by_kind.items())
            ],
            social_workers_by_certification=[
                CertificationCount(level=CertificationLevel(level), count=n)
                for level, n in sorted(stats.workers_by_level.items())
            ],
            social_workers_by_role=[
                WorkerRoleCount(role=WorkerRole(role), count=n)
                for role, n in sorted(stats.workers_by_role.items())
            ],
            activities_by_kind=[
                ActivityKindCount(
                    kind=ActivityKind(kind),
                    count=n,
                    person_times=stats.person_times_by_kind[kind],
                )
                for kind, n in sorted(stats.activities_by_kind.items())
            ],
            visits=stats.visits,
            households_visited=stats.households_visited,
            needs_by_status=[
                NeedStatusCount(status=NeedStatus(status), count=n)
                for status, n in sorted(stats.needs_by_status.items())
            ],
            needs_resolved=stats.needs_resolved,
            funds_by_source=[
                FundsBySource(source=ResourceSource(source), amount=float(amount))
                for source, amount in sorted(stats.funds_by_source.items())
            ],
            government_funds_by_origin=[
                GovernmentFundsByOrigin(origin=FundOrigin(origin), amount=float(amount))
                for origin, amount in sorted(stats.government_funds_by_origin.items())
            ],
            funds_by_use=[
                FundsByUse(use=use, amount=float(amount))
                for use, amount in sorted(stats.funds_by_use.items())
            ],
            exam_years=[
                ExamYearStatistics(
                    year=exam.year,
                    registered=exam.registered,
                    passed=exam.passed,
                    registered_change=change(exam.registered, exam.year, "registered"),
                    passed_change=change(exam.passed, exam.year, "passed"),
                )
                for exam in stats.exams
                if exam.year >= start.year
            ],
            indicators=comparisons,
        )
