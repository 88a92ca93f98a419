"""Filter and order inputs of the root lists.

Each filter input turns into the keyword values of a `db.catalog` listing with `values()`;
global ids are checked for their type on the way.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any

import strawberry
from strawberry import relay

from fivesoc.schema.errors import UserInputError
from fivesoc.schema.types.actor import ACTOR_TYPES
from fivesoc.schema.types.common import decode_id
from fivesoc.schema.types.enums import (
    ActivityKind,
    CertificationLevel,
    CommunityKind,
    CommunityStatus,
    HouseholdCategory,
    LinkKind,
    NeedKind,
    NeedStatus,
    OrganizationHonourKind,
    OrganizationKind,
    ProjectDomain,
    ProjectStatus,
    ResourceKind,
    ResourceSource,
    ServiceSiteKind,
    WorkerHonour,
    WorkerRole,
)

REGION_DESCRIPTION = "Only what lies in this region or any region below it."


@strawberry.enum(description="Sort direction.")
class OrderDirection(Enum):
    ASC = strawberry.enum_value("asc", description="Smallest first (A→Z, oldest first).")
    DESC = strawberry.enum_value("desc", description="Largest first (Z→A, newest first).")


@strawberry.input(description="A range of dates; either end may be left open.")
class DateRange:
    start: dt.date | None = strawberry.field(default=None, description="First day, inclusive.")
    end: dt.date | None = strawberry.field(default=None, description="Last day, inclusive.")

    def check(self, argument: str) -> None:
        if self.start is not None and self.end is not None and self.end < self.start:
            raise UserInputError(
                f"`{argument}` ends ({self.end}) before it starts ({self.start})",
                argument=argument,
            )


def _range(name: str, value: DateRange | None, argument: str) -> dict[str, Any]:
    if value is None:
        return {}
    value.check(argument)
    return {f"{name}_from": value.start, f"{name}_to": value.end}


def _value(enum: Enum | None) -> Any:
    return None if enum is None else enum.value


def _id(value: relay.GlobalID | None, type_name: str, argument: str) -> int | None:
    return decode_id(value, type_name, argument)


def _field(description: str) -> Any:
    return strawberry.field(default=None, description=description)


@strawberry.input(description="Which communities to list.")
class CommunityFilter:
    region: relay.GlobalID | None = _field(REGION_DESCRIPTION)
    kind: CommunityKind | None = _field("Only communities or only villages.")
    status: CommunityStatus | None = _field("Only communities in this state.")
    founded: DateRange | None = _field("Only communities founded in this range.")

    def values(self) -> dict[str, Any]:
        return {
            "region": _id(self.region, "Region", "filter.region"),
            "kind": _value(self.kind),
            "status": _value(self.status),
            **_range("founded", self.founded, "filter.founded"),
        }


@strawberry.input(description="Which service sites to list.")
class ServiceSiteFilter:
    region: relay.GlobalID | None = _field(REGION_DESCRIPTION)
    kind: ServiceSiteKind | None = _field("Only sites of this kind.")
    community: relay.GlobalID | None = _field("Only sites in this community.")

    def values(self) -> dict[str, Any]:
        return {
            "region": _id(self.region, "Region", "filter.region"),
            "kind": _value(self.kind),
            "community": _id(self.community, "Community", "filter.community"),
        }


@strawberry.input(description="Which organizations to list.")
class OrganizationFilter:
    region: relay.GlobalID | None = _field(REGION_DESCRIPTION)
    kind: OrganizationKind | None = _field("Only organizations of this kind.")
    honour: OrganizationHonourKind | None = _field("Only organizations with this honour.")

    def values(self) -> dict[str, Any]:
        return {
            "region": _id(self.region, "Region", "filter.region"),
            "kind": _value(self.kind),
            "honour": _value(self.honour),
        }


@strawberry.input(description="A year's continuing-education requirement (90 hours), met or not.")
class EducationRequirement:
    year: int = strawberry.field(description="The year.")
    met: bool = strawberry.field(
        default=True, description="True: at least 90 hours logged; false: fewer."
    )


@strawberry.input(description="Which social workers to list.")
class SocialWorkerFilter:
    region: relay.GlobalID | None = _field(REGION_DESCRIPTION)
    certification_level: CertificationLevel | None = _field("Only this certification level.")
    role: WorkerRole | None = _field("Only this role.")
    station: relay.GlobalID | None = _field("Only workers based at this station.")
    employer: relay.GlobalID | None = _field("Only workers of this employer.")
    honour: WorkerHonour | None = _field("Only workers with this honour.")
    education_requirement: EducationRequirement | None = _field(
        "Only workers who met (or missed) the 90-hour requirement in a year."
    )

    def values(self) -> dict[str, Any]:
        requirement = self.education_requirement
        return {
            "region": _id(self.region, "Region", "filter.region"),
            "certification_level": _value(self.certification_level),
            "role": _value(self.role),
            "station": _id(self.station, "ServiceSite", "filter.station"),
            "employer": _id(self.employer, "Organization", "filter.employer"),
            "honour": _value(self.honour),
            "meets_education_in": requirement.year if requirement and requirement.met else None,
            "misses_education_in": (
                requirement.year if requirement and not requirement.met else None
            ),
        }


@strawberry.input(description="Which projects to list.")
class ProjectFilter:
    region: relay.GlobalID | None = _field(REGION_DESCRIPTION)
    domain: ProjectDomain | None = _field("Only projects in this domain.")
    status: ProjectStatus | None = _field("Only projects in this state.")
    starts: DateRange | None = _field("Only projects starting in this range.")
    community: relay.GlobalID | None = _field("Only projects serving this community.")
    participant: relay.GlobalID | None = _field("Only projects this actor takes part in.")

    def values(self) -> dict[str, Any]:
        participant = self.participant
        return {
            "region": _id(self.region, "Region", "filter.region"),
            "domain": _value(self.domain),
            "status": _value(self.status),
            **_range("starts", self.starts, "filter.starts"),
            "community": _id(self.community, "Community", "filter.community"),
            "participant": None if participant is None else _actor_id(participant),
        }


def _actor_id(value: relay.GlobalID) -> int:
    if value.type_name not in ACTOR_TYPES or not value.node_id.isdigit():
        raise UserInputError(
            f"`filter.participant` must be the id of an actor, got one of a {value.type_name}",
            argument="filter.participant",
        )
    return int(value.node_id)


@strawberry.input(description="Which services and activities to list.")
class ActivityFilter:
    region: relay.GlobalID | None = _field(REGION_DESCRIPTION)
    kind: ActivityKind | None = _field("Only this kind.")
    project: relay.GlobalID | None = _field("Only activities of this project.")
    held: DateRange | None = _field("Only activities held in this range.")

    def values(self) -> dict[str, Any]:
        return {
            "region": _id(self.region, "Region", "filter.region"),
            "kind": _value(self.kind),
            "project": _id(self.project, "Project", "filter.project"),
            **_range("held", self.held, "filter.held"),
        }


@strawberry.input(description="Which charity resources to list.")
class CharityResourceFilter:
    region: relay.GlobalID | None = _field(REGION_DESCRIPTION)
    kind: ResourceKind | None = _field("Only this kind.")
    source: ResourceSource | None = _field("Only resources from this source.")
    year: int | None = _field("Only resources of this budget year.")

    def values(self) -> dict[str, Any]:
        return {
            "region": _id(self.region, "Region", "filter.region"),
            "kind": _value(self.kind),
            "source": _value(self.source),
            "year": self.year,
        }


@strawberry.input(description="Which households to list (personal data).")
class HouseholdFilter:
    region: relay.GlobalID | None = _field(REGION_DESCRIPTION)
    category: HouseholdCategory | None = _field("Only households in this category.")

    def values(self) -> dict[str, Any]:
        return {
            "region": _id(self.region, "Region", "filter.region"),
            "category": _value(self.category),
        }


@strawberry.input(description="Which visits to list (personal data).")
class VisitFilter:
    region: relay.GlobalID | None = _field(REGION_DESCRIPTION)
    campaign: relay.GlobalID | None = _field("Only visits of this campaign.")
    visited: DateRange | None = _field("Only visits in this range.")

    def values(self) -> dict[str, Any]:
        return {
            "region": _id(self.region, "Region", "filter.region"),
            "campaign": _id(self.campaign, "DoorKnockingCampaign", "filter.campaign"),
            **_range("visited", self.visited, "filter.visited"),
        }


@strawberry.input(description="Which needs to list (personal data).")
class NeedFilter:
    region: relay.GlobalID | None = _field(REGION_DESCRIPTION)
    status: NeedStatus | None = _field("Only needs in this state.")
    kind: NeedKind | None = _field("Only needs of this kind.")
    opened: DateRange | None = _field("Only needs found in this range.")

    def values(self) -> dict[str, Any]:
        return {
            "region": _id(self.region, "Region", "filter.region"),
            "status": _value(self.status),
            "kind": _value(self.kind),
            **_range("opened", self.opened, "filter.opened"),
        }


@strawberry.input(description="Which collaboration links to list.")
class LinkFilter:
    kind: LinkKind | None = _field("Only links of this kind.")
    project: relay.GlobalID | None = _field("Only links resting on this project.")
    actor: relay.GlobalID | None = _field("Only links with this actor at either end.")
    since: DateRange | None = _field("Only links that began in this range.")

    def values(self) -> dict[str, Any]:
        actor = self.actor
        return {
            "kind": _value(self.kind),
            "project": _id(self.project, "Project", "filter.project"),
            "actor": None if actor is None else _actor_id(actor),
            **_range("since", self.since, "filter.since"),
        }


@strawberry.input(description="Which reported indicators to list.")
class IndicatorFilter:
    region: relay.GlobalID | None = _field(REGION_DESCRIPTION)
    metric: str | None = _field("Only this metric, e.g. `social_work_stations`.")
    period: DateRange | None = _field("Only figures whose period overlaps this range.")

    def values(self) -> dict[str, Any]:
        return {
            "region": _id(self.region, "Region", "filter.region"),
            "metric": self.metric,
            **_range("period", self.period, "filter.period"),
        }


@strawberry.input(description="Only what lies in a region or any region below it.")
class RegionScopeFilter:
    region: relay.GlobalID | None = _field(REGION_DESCRIPTION)

    def values(self) -> dict[str, Any]:
        return {"region": _id(self.region, "Region", "filter.region")}


@strawberry.input(description="Which volunteer teams to list.")
class VolunteerTeamFilter:
    region: relay.GlobalID | None = _field(REGION_DESCRIPTION)
    community: relay.GlobalID | None = _field("Only teams of this community.")

    def values(self) -> dict[str, Any]:
        return {
            "region": _id(self.region, "Region", "filter.region"),
            "community": _id(self.community, "Community", "filter.community"),
        }


def _order_input(name: str, fields: type[Enum], description: str) -> Any:
    """An `orderBy` input: a field of `fields` and a direction."""
    namespace = {
        "__annotations__": {"field": fields, "direction": OrderDirection},
        "field": strawberry.field(description="What to sort by."),
        "direction": strawberry.field(
            default=OrderDirection.ASC, description="Sort direction (ties go by id)."
        ),
    }
    return strawberry.input(name=name, description=description)(type(name, (), namespace))


def _fields_enum(name: str, fields: dict[str, str]) -> Any:
    members = {key: strawberry.enum_value(key, description=text) for key, text in fields.items()}
    fields_enum: Any = Enum(name, members)  # type: ignore[misc]
    return strawberry.enum(fields_enum, description="What a list can be sorted by.")


def ordering(type_name: str, fields: dict[str, str]) -> Any:
    """The `<Type>Order` input and its `<Type>OrderField` enum."""
    enum = _fields_enum(f"{type_name}OrderField", fields)
    return _order_input(f"{type_name}Order", enum, f"How to sort a list of {type_name} items.")


CommunityOrder = ordering(
    "Community",
    {
        "NAME": "By name.",
        "FOUNDED_ON": "By founding date.",
        "RESIDENT_POPULATION": "By resident population.",
    },
)
NameOrder = ordering("Named", {"NAME": "By name."})
SocialWorkerOrder = ordering(
    "SocialWorker", {"NAME": "By full name.", "CERTIFIED_YEAR": "By year of certification."}
)
ProjectOrder = ordering("Project", {"NAME": "By name.", "STARTS_ON": "By start date."})
ActivityOrder = ordering(
    "Activity", {"HELD_ON": "By date held.", "PERSON_TIMES": "By person-times served."}
)
CharityResourceOrder = ordering("CharityResource", {"NAME": "By name.", "AMOUNT": "By amount."})
LinkOrder = ordering("CollaborationLink", {"WEIGHT": "By link weight."})
IndicatorOrder = ordering(
    "ReportedIndicator", {"METRIC": "By metric key.", "PERIOD_START": "By start of period."}
)
AgreementOrder = ordering("Agreement", {"SIGNED_ON": "By signing date."})
VisitOrder = ordering("Visit", {"VISITED_ON": "By visit date."})
NeedOrder = ordering("Need", {"OPENED_ON": "By the date the need was found."})
CampaignOrder = ordering("DoorKnockingCampaign", {"STARTS_ON": "By start date."})


def order_args(order_by: Any) -> dict[str, Any]:
    """Keyword arguments for `root_connection` from an `orderBy` input (or None)."""
    if order_by is None:
        return {}
    return {
        "order": order_by.field.value,
        "reverse": order_by.direction is OrderDirection.DESC,
    }


@strawberry.input(description="Which events of the change log to list.")
class EventFilter:
    types: list[str] | None = _field("Only events of these types, e.g. `project.status_changed`.")
    region: relay.GlobalID | None = _field("Only events of this region or any region below it.")
