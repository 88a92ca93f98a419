"""create/update/archive mutations of every declared entity, against the demo data.

For each entity: a valid create, update and archive, each read back through GraphQL with its
version and its event; then an invalid create, update and archive, each answered with
userErrors while the row, the row count and the event count stay as they were.
"""

from __future__ import annotations

import base64
import dataclasses
import json
from typing import Any

import asyncpg
import pytest

from tests.conftest import GraphQLClient, token


@dataclasses.dataclass(frozen=True)
class R:
    """A demo row named by type and name: a global id in inputs, the plain id in events."""

    type: str
    name: str


LOOKUP = {
    "Region": "select id from region where name = $1",
    "Community": "select id from community where name = $1",
    "Grid": "select min(id) from grid where name = $1",
    "Organization": "select id from organization where name = $1",
    "University": "select id from university where name = $1",
    "Agreement": "select id from agreement where title = $1",
    "SocialWorker": "select id from social_worker where full_name = $1",
    "VolunteerTeam": "select id from volunteer_team where name = $1",
    "Household": "select min(id) from household where head_name = $1",
}


def gid(type_name: str, key: int) -> str:
    return base64.b64encode(f"{type_name}:{key}".encode()).decode()


async def resolve(conn: asyncpg.Connection, value: Any, *, as_input: bool) -> Any:
    """`value` with every `R` replaced: by its global id in inputs, its id in summaries."""
    if isinstance(value, R):
        key = await conn.fetchval(LOOKUP[value.type], value.name)
        assert key is not None, value
        return gid(value.type, key) if as_input else key
    if isinstance(value, dict):
        return {k: await resolve(conn, v, as_input=as_input) for k, v in value.items()}
    if isinstance(value, list):
        return [await resolve(conn, v, as_input=as_input) for v in value]
    return value


@dataclasses.dataclass(frozen=True)
class Case:
    """One entity's calls: what to create, read back and change, and what must be refused."""

    type: str
    table: str
    create: dict[str, Any]
    read: str
    created: dict[str, Any]
    created_summary: dict[str, Any]
    update: dict[str, Any]
    updated: dict[str, Any]
    updated_summary: dict[str, Any]
    bad_create: dict[str, Any]
    bad_create_error: tuple[str | None, str, str]
    bad_update: dict[str, Any]
    bad_update_error: tuple[str | None, str, str]
    noun: str

    @property
    def name(self) -> str:
        return self.type[0].lower() + self.type[1:]


DEQING = R("Region", "德清县")
KANGQIAN = R("Region", "康乾街道")
GANFENG = R("Community", "干丰社区")
BLANK = "must not be blank"
NEGATIVE = "must not be negative"

CASES = [
    Case(
        "Community",
        "community",
        {"regionId": KANGQIAN, "name": "新港社区", "kind": "VILLAGE", "residentPopulation": 1200},
        "name kind status residentPopulation region { name }",
        {
            "name": "新港社区",
            "kind": "VILLAGE",
            "status": "ACTIVE",
            "residentPopulation": 1200,
            "region": {"name": "康乾街道"},
        },
        {
            "fields": ["regionId", "kind", "name", "residentPopulation"],
            "values": {
                "regionId": KANGQIAN,
                "kind": "village",
                "name": "新港社区",
                "residentPopulation": 1200,
            },
        },
        {"residentPopulation": 1300, "status": "PREPARING"},
        {"residentPopulation": 1300, "status": "PREPARING"},
        {
            "fields": ["status", "residentPopulation"],
            "values": {"status": "preparing", "residentPopulation": 1300},
        },
        {"residentPopulation": -5},
        ("residentPopulation", "INVALID", NEGATIVE),
        {"name": "干丰社区"},
        ("name", "CONFLICT", "another community of the region has this name"),
        "community",
    ),
    Case(
        "Compound",
        "compound",
        {"communityId": GANFENG, "name": "新港小区"},
        "name isIllustrative community { name }",
        {"name": "新港小区", "isIllustrative": False, "community": {"name": "干丰社区"}},
        {
            "fields": ["communityId", "name"],
            "values": {"communityId": GANFENG, "name": "新港小区"},
        },
        {"isIllustrative": True},
        {"isIllustrative": True},
        {"fields": ["isIllustrative"], "values": {"isIllustrative": True}},
        {"name": "  "},
        ("name", "INVALID", BLANK),
        {"communityId": gid("Grid", 1)},
        ("communityId", "INVALID", "must be the id of a Community"),
        "compound",
    ),
    Case(
        "Grid",
        "grid",
        {"communityId": GANFENG, "name": "第9网格", "residentEstimate": 300},
        "name residentEstimate community { name }",
        {"name": "第9网格", "residentEstimate": 300, "community": {"name": "干丰社区"}},
        {
            "fields": ["communityId", "name", "residentEstimate"],
            "values": {"communityId": GANFENG, "name": "第9网格", "residentEstimate": 300},
        },
        {"name": "第10网格"},
        {"name": "第10网格"},
        {"fields": ["name"], "values": {"name": "第10网格"}},
        {"name": "第1网格"},
        ("name", "CONFLICT", "another grid of the community has this name"),
        {"residentEstimate": -1},
        ("residentEstimate", "INVALID", NEGATIVE),
        "grid",
    ),
    Case(
        "MicroGrid",
        "micro_grid",
        {"gridId": R("Grid", "第1网格"), "name": "第1网格第9微网格"},
        "name grid { name }",
        {"name": "第1网格第9微网格", "grid": {"name": "第1网格"}},
        {
            "fields": ["gridId", "name"],
            "values": {"gridId": R("Grid", "第1网格"), "name": "第1网格第9微网格"},
        },
        {"name": "第1网格第10微网格"},
        {"name": "第1网格第10微网格"},
        {"fields": ["name"], "values": {"name": "第1网格第10微网格"}},
        {"gridId": gid("Grid", 999999)},
        ("gridId", "NOT_FOUND", "no grid has the id 999999"),
        {"name": ""},
        ("name", "INVALID", BLANK),
        "micro-grid",
    ),
    Case(
        "ServiceSite",
        "service_site",
        {
            "regionId": KANGQIAN,
            "communityId": GANFENG,
            "kind": "CHILDRENS_HOME",
            "name": "干丰儿童之家",
            "openedOn": "2024-03-01",
        },
        "name kind openedOn closedOn community { name }",
        {
            "name": "干丰儿童之家",
            "kind": "CHILDRENS_HOME",
            "openedOn": "2024-03-01",
            "closedOn": None,
            "community": {"name": "干丰社区"},
        },
        {
            "fields": ["regionId", "communityId", "kind", "name", "openedOn"],
            "values": {
                "regionId": KANGQIAN,
                "communityId": GANFENG,
                "kind": "childrens_home",
                "name": "干丰儿童之家",
                "openedOn": "2024-03-01",
            },
        },
        {"closedOn": "2025-06-30"},
        {"closedOn": "2025-06-30"},
        {"fields": ["closedOn"], "values": {"closedOn": "2025-06-30"}},
        {"openedOn": "2024-03-01", "closedOn": "2024-02-01"},
        ("closedOn", "INVALID", "must not be before openedOn"),
        {"closedOn": "2020-01-01"},
        ("closedOn", "INVALID", "must not be before openedOn"),
        "service site",
    ),
    Case(
        "ReportedIndicator",
        "reported_indicator",
        {
            "regionId": DEQING,
            "metric": "new_volunteers",
            "label": "新增志愿者",
            "value": "120",
            "unit": "人",
            "periodStart": "2024-01-01",
            "periodEnd": "2024-12-31",
            "source": "德清县民政局年报",
        },
        "metric label value unit qualifier periodStart periodEnd source",
        {
            "metric": "new_volunteers",
            "label": "新增志愿者",
            "value": 120.0,
            "unit": "人",
            "qualifier": "EXACT",
            "periodStart": "2024-01-01",
            "periodEnd": "2024-12-31",
            "source": "德清县民政局年报",
        },
        {
            "fields": [
                "regionId",
                "metric",
                "label",
                "value",
                "unit",
                "periodStart",
                "periodEnd",
                "source",
            ],
            "values": {
                "regionId": DEQING,
                "metric": "new_volunteers",
                "label": "新增志愿者",
                "value": "120",
                "unit": "人",
                "periodStart": "2024-01-01",
                "periodEnd": "2024-12-31",
                "source": "德清县民政局年报",
            },
        },
        {"value": "135.5", "qualifier": "MORE_THAN"},
        {"value": 135.5, "qualifier": "MORE_THAN"},
        {
            "fields": ["value", "qualifier"],
            "values": {"value": "135.5", "qualifier": "more_than"},
        },
        {"metric": "New-Volunteers"},
        (
            "metric",
            "INVALID",
            "must be lower-case letters, digits and underscores, starting with a letter",
        ),
        {"value": "abc"},
        ("value", "INVALID", "must be a decimal number, got 'abc'"),
        "reported indicator",
    ),
    Case(
        "Organization",
        "organization",
        {
            "regionId": DEQING,
            "kind": "SOCIAL_WORK_AGENCY",
            "name": "德清县新星社工服务中心",
            "foundedOn": "2019-05-01",
        },
        "name kind foundedOn isIllustrative",
        {
            "name": "德清县新星社工服务中心",
            "kind": "SOCIAL_WORK_AGENCY",
            "foundedOn": "2019-05-01",
            "isIllustrative": False,
        },
        {
            "fields": ["regionId", "kind", "name", "foundedOn"],
            "values": {
                "regionId": DEQING,
                "kind": "social_work_agency",
                "name": "德清县新星社工服务中心",
                "foundedOn": "2019-05-01",
            },
        },
        {"kind": "FOUNDATION"},
        {"kind": "FOUNDATION"},
        {"fields": ["kind"], "values": {"kind": "foundation"}},
        {"name": "德清县民政局"},
        ("name", "CONFLICT", "another organization of the region has this name"),
        {"regionId": gid("Region", 999999)},
        ("regionId", "NOT_FOUND", "no region has the id 999999"),
        "organization",
    ),
    Case(
        "Honour",
        "honour",
        {
            "regionId": DEQING,
            "actorId": R("Organization", "德清县民政局"),
            "award": "provincial_brand_social_organization",
            "title": "省级品牌社会组织",
            "year": 2023,
            "awardedBy": "浙江省民政厅",
        },
        "award title year awardedBy batch actor { name } region { name }",
        {
            "award": "provincial_brand_social_organization",
            "title": "省级品牌社会组织",
            "year": 2023,
            "awardedBy": "浙江省民政厅",
            "batch": None,
            "actor": {"name": "德清县民政局"},
            "region": {"name": "德清县"},
        },
        {
            "fields": ["regionId", "actorId", "award", "title", "awardedBy", "year"],
            "values": {
                "regionId": R("Region", "德清县"),
                "actorId": R("Organization", "德清县民政局"),
                "award": "provincial_brand_social_organization",
                "title": "省级品牌社会组织",
                "year": 2023,
                "awardedBy": "浙江省民政厅",
            },
        },
        {"batch": "第二批"},
        {"batch": "第二批"},
        {"fields": ["batch"], "values": {"batch": "第二批"}},
        {"award": "Top 100"},
        (
            "award",
            "INVALID",
            "must be lower-case letters, digits and underscores, starting with a letter",
        ),
        {"year": 1900},
        ("year", "INVALID", "must be a year between 1949 and 2100"),
        "honour",
    ),
    Case(
        "University",
        "university",
        {"regionId": DEQING, "name": "德清学院"},
        "name region { name }",
        {"name": "德清学院", "region": {"name": "德清县"}},
        {"fields": ["regionId", "name"], "values": {"regionId": DEQING, "name": "德清学院"}},
        {"name": "湖州德清学院"},
        {"name": "湖州德清学院"},
        {"fields": ["name"], "values": {"name": "湖州德清学院"}},
        {"regionId": gid("Community", 1)},
        ("regionId", "INVALID", "must be the id of a Region"),
        {},
        (None, "INVALID", "name at least one field to change"),
        "university",
    ),
    Case(
        "Agreement",
        "agreement",
        {
            "universityId": R("University", "浙江工商大学"),
            "regionId": DEQING,
            "kind": "TRAINING",
            "title": "社工人才培养协议",
            "signedOn": "2024-04-01",
        },
        "title kind signedOn endsOn university { name }",
        {
            "title": "社工人才培养协议",
            "kind": "TRAINING",
            "signedOn": "2024-04-01",
            "endsOn": None,
            "university": {"name": "浙江工商大学"},
        },
        {
            "fields": ["universityId", "regionId", "kind", "title", "signedOn"],
            "values": {
                "universityId": R("University", "浙江工商大学"),
                "regionId": DEQING,
                "kind": "training",
                "title": "社工人才培养协议",
                "signedOn": "2024-04-01",
            },
        },
        {"endsOn": "2027-03-31"},
        {"endsOn": "2027-03-31"},
        {"fields": ["endsOn"], "values": {"endsOn": "2027-03-31"}},
        {"endsOn": "2024-01-01"},
        ("endsOn", "INVALID", "must not be before signedOn"),
        {"title": "五社联动助推共同富裕德清示范项目框架合作协议"},
        ("title", "CONFLICT", "the university already has an agreement with this title"),
        "agreement",
    ),
    Case(
        "PracticeBase",
        "practice_base",
        {
            "agreementId": R("Agreement", "五社联动助推共同富裕德清示范项目框架合作协议"),
            "regionId": DEQING,
            "name": "干丰社区实践基地",
            "establishedOn": "2024-05-01",
        },
        "name establishedOn region { name }",
        {"name": "干丰社区实践基地", "establishedOn": "2024-05-01", "region": {"name": "德清县"}},
        {
            "fields": ["agreementId", "regionId", "name", "establishedOn"],
            "values": {
                "agreementId": R("Agreement", "五社联动助推共同富裕德清示范项目框架合作协议"),
                "regionId": DEQING,
                "name": "干丰社区实践基地",
                "establishedOn": "2024-05-01",
            },
        },
        {"establishedOn": "2024-06-01"},
        {"establishedOn": "2024-06-01"},
        {"fields": ["establishedOn"], "values": {"establishedOn": "2024-06-01"}},
        {"name": " "},
        ("name", "INVALID", BLANK),
        {"agreementId": gid("Agreement", 999999)},
        ("agreementId", "NOT_FOUND", "no agreement has the id 999999"),
        "practice base",
    ),
    Case(
        "TrainingProgramme",
        "training_programme",
        {
            "universityId": R("University", "浙江工商大学"),
            "regionId": DEQING,
            "name": "社会工作硕士德清班",
            "enrolmentCount": 30,
        },
        "name enrolmentCount startedOn",
        {"name": "社会工作硕士德清班", "enrolmentCount": 30, "startedOn": None},
        {
            "fields": ["universityId", "regionId", "name", "enrolmentCount"],
            "values": {
                "universityId": R("University", "浙江工商大学"),
                "regionId": DEQING,
                "name": "社会工作硕士德清班",
                "enrolmentCount": 30,
            },
        },
        {"enrolmentCount": 45},
        {"enrolmentCount": 45},
        {"fields": ["enrolmentCount"], "values": {"enrolmentCount": 45}},
        {"enrolmentCount": -3},
        ("enrolmentCount", "INVALID", NEGATIVE),
        {"name": ""},
        ("name", "INVALID", BLANK),
        "training programme",
    ),
    Case(
        "SocialWorker",
        "social_worker",
        {
            "regionId": KANGQIAN,
            "fullName": "测试社工",
            "isFictional": True,
            "certificationLevel": "ASSISTANT",
            "certifiedYear": 2022,
        },
        "name role certificationLevel certifiedYear isFictional",
        {
            "name": "测试社工",
            "role": "SOCIAL_WORKER",
            "certificationLevel": "ASSISTANT",
            "certifiedYear": 2022,
            "isFictional": True,
        },
        {
            "fields": [
                "regionId",
                "fullName",
                "isFictional",
                "certificationLevel",
                "certifiedYear",
            ],
            "values": {
                "regionId": KANGQIAN,
                "fullName": "测试社工",
                "isFictional": True,
                "certificationLevel": "assistant",
                "certifiedYear": 2022,
            },
        },
        {"certificationLevel": "INTERMEDIATE", "certifiedYear": 2024},
        {"certificationLevel": "INTERMEDIATE", "certifiedYear": 2024},
        {
            "fields": ["certificationLevel", "certifiedYear"],
            "values": {"certificationLevel": "intermediate", "certifiedYear": 2024},
        },
        {"certificationLevel": "ASSISTANT", "certifiedYear": None},
        ("certifiedYear", "INVALID", "is set exactly when certificationLevel is not NONE"),
        {"certifiedYear": 2000},
        ("certifiedYear", "INVALID", "must be a year between 2008 and 2100"),
        "social worker",
    ),
    Case(
        "VolunteerTeam",
        "volunteer_team",
        {
            "regionId": KANGQIAN,
            "communityId": GANFENG,
            "name": "干丰社区银龄志愿服务队",
            "foundedOn": "2023-09-01",
        },
        "name foundedOn community { name }",
        {
            "name": "干丰社区银龄志愿服务队",
            "foundedOn": "2023-09-01",
            "community": {"name": "干丰社区"},
        },
        {
            "fields": ["regionId", "communityId", "name", "foundedOn"],
            "values": {
                "regionId": KANGQIAN,
                "communityId": GANFENG,
                "name": "干丰社区银龄志愿服务队",
                "foundedOn": "2023-09-01",
            },
        },
        {"name": "干丰社区银龄先锋队"},
        {"name": "干丰社区银龄先锋队"},
        {"fields": ["name"], "values": {"name": "干丰社区银龄先锋队"}},
        {"name": "干丰社区邻里志愿服务队"},
        ("name", "CONFLICT", "another team of the region has this name"),
        {"communityId": gid("Community", 999999)},
        ("communityId", "NOT_FOUND", "no community has the id 999999"),
        "volunteer team",
    ),
    Case(
        "Volunteer",
        "volunteer",
        {
            "regionId": KANGQIAN,
            "teamId": R("VolunteerTeam", "干丰社区邻里志愿服务队"),
            "fullName": "测试志愿者",
            "isFictional": True,
            "serviceHours": "12.5",
        },
        "fullName serviceHours team { name }",
        {
            "fullName": "测试志愿者",
            "serviceHours": 12.5,
            "team": {"name": "干丰社区邻里志愿服务队"},
        },
        {"fields": ["teamId", "regionId", "fullName", "isFictional", "serviceHours"]},
        {"serviceHours": "20"},
        {"serviceHours": 20.0},
        {"fields": ["serviceHours"]},
        {"serviceHours": "-1"},
        ("serviceHours", "INVALID", NEGATIVE),
        {"fullName": " "},
        ("fullName", "INVALID", BLANK),
        "volunteer",
    ),
    Case(
        "Project",
        "project",
        {
            "regionId": DEQING,
            "leadId": R("Organization", "德清县民政局"),
            "name": "邻里守望",
            "domain": "ELDERLY",
            "startsOn": "2024-01-01",
        },
        "name domain status startsOn endsOn summary lead { name }",
        {
            "name": "邻里守望",
            "domain": "ELDERLY",
            "status": "ACTIVE",
            "startsOn": "2024-01-01",
            "endsOn": None,
            "summary": None,
            "lead": {"name": "德清县民政局"},
        },
        {
            "fields": ["regionId", "leadId", "name", "domain", "startsOn"],
            "values": {
                "regionId": DEQING,
                "leadId": R("Organization", "德清县民政局"),
                "name": "邻里守望",
                "domain": "elderly",
                "startsOn": "2024-01-01",
            },
        },
        {"endsOn": "2025-12-31", "summary": "独居老人探访"},
        {"endsOn": "2025-12-31", "summary": "独居老人探访"},
        {
            "fields": ["summary", "endsOn"],
            "values": {"summary": "独居老人探访", "endsOn": "2025-12-31"},
        },
        {"name": "幸福管家"},
        ("name", "CONFLICT", "another project of the region has this name"),
        {"endsOn": "2023-01-01"},
        ("endsOn", "INVALID", "must not be before startsOn"),
        "project",
    ),
    Case(
        "DoorKnockingCampaign",
        "door_knocking_campaign",
        {"regionId": DEQING, "name": "冬季敲门行动", "startsOn": "2024-12-01"},
        "name startsOn endsOn",
        {"name": "冬季敲门行动", "startsOn": "2024-12-01", "endsOn": None},
        {
            "fields": ["regionId", "name", "startsOn"],
            "values": {"regionId": DEQING, "name": "冬季敲门行动", "startsOn": "2024-12-01"},
        },
        {"endsOn": "2025-02-28"},
        {"endsOn": "2025-02-28"},
        {"fields": ["endsOn"], "values": {"endsOn": "2025-02-28"}},
        {"endsOn": "2024-11-01"},
        ("endsOn", "INVALID", "must not be before startsOn"),
        {"organizerId": gid("Organization", 999999)},
        ("organizerId", "NOT_FOUND", "no organization has the id 999999"),
        "door-knocking campaign",
    ),
    Case(
        "Household",
        "household",
        {
            "regionId": R("Region", "龙城镇"),
            "categories": ["LIVING_ALONE"],
            "headName": "测试户主",
            "address": "龙城镇测试路1号",
            "isFictional": True,
        },
        "headName categories address memberCount",
        {
            "headName": "测试户主",
            "categories": ["LIVING_ALONE"],
            "address": "龙城镇测试路1号",
            "memberCount": 1,
        },
        {"fields": ["regionId", "categories", "headName", "address", "isFictional"]},
        {"memberCount": 2},
        {"memberCount": 2},
        {"fields": ["memberCount"]},
        {"categories": []},
        ("categories", "INVALID", "must name at least one category"),
        {"memberCount": 0},
        ("memberCount", "INVALID", "must be at least 1"),
        "household",
    ),
    Case(
        "HouseholdMember",
        "household_member",
        {
            "householdId": R("Household", "李伟悦"),
            "fullName": "测试成员",
            "relation": "CHILD",
            "birthYear": 2012,
        },
        "fullName relation birthYear household { headName }",
        {
            "fullName": "测试成员",
            "relation": "CHILD",
            "birthYear": 2012,
            "household": {"headName": "李伟悦"},
        },
        {"fields": ["householdId", "fullName", "relation", "birthYear"]},
        {"birthYear": 2013},
        {"birthYear": 2013},
        {"fields": ["birthYear"]},
        {"birthYear": 1800},
        ("birthYear", "INVALID", "must be a year between 1900 and 2100"),
        {"relation": None},
        ("relation", "INVALID", "must not be null"),
        "household member",
    ),
    Case(
        "CharityResource",
        "charity_resource",
        {
            "regionId": DEQING,
            "kind": "FUNDS",
            "source": "SOCIAL_DONATION",
            "name": "德清县助老基金",
            "amount": "50000",
            "year": 2024,
        },
        "name kind source amount unit allocated remaining year",
        {
            "name": "德清县助老基金",
            "kind": "FUNDS",
            "source": "SOCIAL_DONATION",
            "amount": 50000.0,
            "unit": "yuan",
            "allocated": 0.0,
            "remaining": 50000.0,
            "year": 2024,
        },
        {
            "fields": ["regionId", "kind", "source", "name", "amount", "year"],
            "values": {
                "regionId": DEQING,
                "kind": "funds",
                "source": "social_donation",
                "name": "德清县助老基金",
                "amount": "50000",
                "year": 2024,
            },
        },
        {"amount": "60000.50"},
        {"amount": 60000.5, "remaining": 60000.5},
        {"fields": ["amount"], "values": {"amount": "60000.50"}},
        {"amount": "-10"},
        ("amount", "INVALID", NEGATIVE),
        {"unit": " "},
        ("unit", "INVALID", BLANK),
        "charity resource",
    ),
    Case(
        "CollaborationLink",
        "collaboration_link",
        {
            "sourceId": R("Organization", "德清县民政局"),
            "targetId": GANFENG,
            "kind": "PARTNERSHIP",
            "weight": "2.5",
            "evidence": "民政局与社区共建敲门行动",
        },
        "kind weight evidence since until source { name } target { name }",
        {
            "kind": "PARTNERSHIP",
            "weight": 2.5,
            "evidence": "民政局与社区共建敲门行动",
            "since": None,
            "until": None,
            "source": {"name": "德清县民政局"},
            "target": {"name": "干丰社区"},
        },
        {
            "fields": ["sourceId", "targetId", "kind", "weight", "evidence"],
            "values": {
                "sourceId": R("Organization", "德清县民政局"),
                "targetId": GANFENG,
                "kind": "partnership",
                "weight": "2.5",
                "evidence": "民政局与社区共建敲门行动",
            },
        },
        {"weight": "3"},
        {"weight": 3.0},
        {"fields": ["weight"], "values": {"weight": "3"}},
        {"targetId": R("Organization", "德清县民政局")},
        ("targetId", "INVALID", "must not be the source itself"),
        {"since": "2024-01-01", "until": "2023-01-01"},
        ("until", "INVALID", "must not be before since"),
        "collaboration link",
    ),
]


def _mutation(verb: str, case: Case) -> str:
    return f"""
    mutation($input: {verb}{case.type}Input!) {{
      {verb.lower()}{case.type}(input: $input) {{
        {case.name} {{ id version archivedAt {case.read} }}
        userErrors {{ field message code }}
      }}
    }}
    """


async def _node(admin: GraphQLClient, case: Case, node_id: str) -> dict[str, Any]:
    data = await admin.data(
        f"query($id: ID!) {{ node(id: $id) {{ ... on {case.type} {{ version archivedAt "
        f"{case.read} }} }} }}",
        {"id": node_id},
    )
    node: dict[str, Any] = data["node"]
    return node


async def _events(conn: asyncpg.Connection) -> list[tuple[str, str, int, dict[str, Any]]]:
    rows = await conn.fetch(
        "select type, entity_type, entity_id, summary::text from change_event order by id"
    )
    return [(r["type"], r["entity_type"], r["entity_id"], json.loads(r["summary"])) for r in rows]


async def _create(admin: GraphQLClient, conn: asyncpg.Connection, case: Case) -> tuple[str, int]:
    data = await admin.data(
        _mutation("Create", case), {"input": await resolve(conn, case.create, as_input=True)}
    )
    result = data[f"create{case.type}"]
    assert result["userErrors"] == []
    node_id: str = result[case.name]["id"]
    key = int(base64.b64decode(node_id).decode().split(":")[1])
    return node_id, key


@pytest.mark.parametrize("case", CASES, ids=[case.type for case in CASES])
async def test_create_update_archive(
    client: GraphQLClient, demo_conn: asyncpg.Connection, case: Case
) -> None:
    admin = client.as_viewer(token("admin", []))
    rows_before = await demo_conn.fetchval(f"select count(*) from {case.table}")

    node_id, key = await _create(admin, demo_conn, case)
    assert await _node(admin, case, node_id) == {
        "version": 1,
        "archivedAt": None,
        **case.created,
    }
    assert await demo_conn.fetchval(f"select count(*) from {case.table}") == rows_before + 1
    created_summary = {**await resolve(demo_conn, case.created_summary, as_input=False)}
    assert await _events(demo_conn) == [
        (f"{case.table}.created", case.type, key, {**created_summary, "version": 1})
    ]

    data = await admin.data(
        _mutation("Update", case),
        {"input": {"id": node_id, "expectedVersion": 1, **case.update}},
    )
    assert data[f"update{case.type}"]["userErrors"] == []
    assert await _node(admin, case, node_id) == {
        "version": 2,
        "archivedAt": None,
        **case.created,
        **case.updated,
    }
    assert (await _events(demo_conn))[1:] == [
        (f"{case.table}.updated", case.type, key, {**case.updated_summary, "version": 2})
    ]

    data = await admin.data(
        _mutation("Archive", case), {"input": {"id": node_id, "expectedVersion": 2}}
    )
    assert data[f"archive{case.type}"]["userErrors"] == []
    archived = await _node(admin, case, node_id)
    assert archived["version"] == 3
    assert archived["archivedAt"] is not None
    assert (await _events(demo_conn))[2:] == [
        (f"{case.table}.archived", case.type, key, {"version": 3})
    ]


@pytest.mark.parametrize("case", CASES, ids=[case.type for case in CASES])
async def test_refused_calls_write_nothing(
    client: GraphQLClient, demo_conn: asyncpg.Connection, case: Case
) -> None:
    admin = client.as_viewer(token("admin", []))
    node_id, key = await _create(admin, demo_conn, case)
    rows = await demo_conn.fetchval(f"select count(*) from {case.table}")
    row = await demo_conn.fetchrow(f"select * from {case.table} where id = $1", key)

    def error(expected: tuple[str | None, str, str]) -> dict[str, Any]:
        field, code, message = expected
        return {
            "field": None if field is None else ["input", field],
            "message": message,
            "code": code,
        }

    bad_create = {**await resolve(demo_conn, case.create, as_input=True)}
    bad_create.update(await resolve(demo_conn, case.bad_create, as_input=True))
    data = await admin.data(_mutation("Create", case), {"input": bad_create})
    assert data[f"create{case.type}"] == {
        case.name: None,
        "userErrors": [error(case.bad_create_error)],
    }

    bad_update = await resolve(demo_conn, case.bad_update, as_input=True)
    data = await admin.data(
        _mutation("Update", case), {"input": {"id": node_id, "expectedVersion": 1, **bad_update}}
    )
    assert data[f"update{case.type}"] == {
        case.name: None,
        "userErrors": [error(case.bad_update_error)],
    }

    data = await admin.data(
        _mutation("Archive", case), {"input": {"id": node_id, "expectedVersion": 5}}
    )
    stale = f"the {case.noun} is at version 1, not 5: read it again and retry"
    assert data[f"archive{case.type}"] == {
        case.name: None,
        "userErrors": [error(("expectedVersion", "CONFLICT", stale))],
    }

    assert await demo_conn.fetchval(f"select count(*) from {case.table}") == rows
    assert await demo_conn.fetchrow(f"select * from {case.table} where id = $1", key) == row
    assert [event[0] for event in await _events(demo_conn)] == [f"{case.table}.created"]
