"""Every figure of the report comes back through GraphQL from the demo data.

Numeric figures are reported indicators of their region, with the report's own precision;
figures small enough to be records (grids, stations, compounds, population) are also counted
from the records themselves.
"""

from __future__ import annotations

import asyncpg
import pytest

from tests.conftest import GraphQLClient, token

ANHUI, LUOHE, DEQING, WEINING = "安徽省", "漯河市", "德清县", "威宁彝族回族苗族自治县"

# (region, metric): (value, qualifier, unit) — the table of DOMAIN.md, row by row.
FIGURES = {
    (ANHUI, "certified_social_workers"): (33000, "ABOUT"),
    (ANHUI, "social_work_professionals"): (130000, "MORE_THAN"),
    (ANHUI, "implementation_opinion_departments"): (13, "EXACT"),
    (ANHUI, "social_work_college_enrolment"): (3372, "EXACT"),
    (ANHUI, "most_beautiful_community_workers"): (20, "EXACT"),
    (ANHUI, "excellent_community_work_methods"): (16, "EXACT"),
    (ANHUI, "graduates_recruited_to_communities"): (1059, "EXACT"),
    (ANHUI, "community_workers_per_10k_urban_residents"): (13.7, "EXACT"),
    (LUOHE, "social_work_stations"): (60, "EXACT"),
    (LUOHE, "civil_affairs_social_workers"): (178, "EXACT"),
    (LUOHE, "households_visited"): (12316, "EXACT"),
    (LUOHE, "needs_resolved"): (316, "EXACT"),
    (LUOHE, "funds_and_goods_linked"): (590000, "MORE_THAN"),
    (LUOHE, "person_times_served"): (63296, "EXACT"),
    (DEQING, "community_service_complexes"): (15, "EXACT"),
    (DEQING, "neighbourhood_centres"): (70, "EXACT"),
    (DEQING, "social_work_stations"): (13, "EXACT"),
    (DEQING, "projects"): (100, "MORE_THAN"),
    (DEQING, "activities"): (6800, "MORE_THAN"),
    (DEQING, "person_times_benefited"): (135000, "ABOUT"),
    (DEQING, "national_top100_social_work_agencies"): (3, "EXACT"),
    (DEQING, "provincial_brand_social_organizations"): (3, "EXACT"),
    (DEQING, "new_communities_prepared"): (3, "EXACT"),
    (WEINING, "exam_registrations"): (521, "EXACT"),
    (WEINING, "exam_registrations_growth"): (189, "EXACT"),
    (WEINING, "exam_passes"): (90, "EXACT"),
    (WEINING, "exam_passes_growth"): (92, "EXACT"),
    (WEINING, "continuing_education_hours_required"): (90, "EXACT"),
    (WEINING, "leading_social_work_talents"): (2, "EXACT"),
    (WEINING, "city_top_talents"): (1, "EXACT"),
    (WEINING, "provincial_most_beautiful_social_workers"): (1, "EXACT"),
    (WEINING, "higher_level_funds"): (660000, "EXACT"),
    (WEINING, "local_budget_social_work_services"): (320000, "EXACT"),
    (WEINING, "social_work_stations"): (41, "EXACT"),
    (WEINING, "case_services"): (148, "EXACT"),
    (WEINING, "group_services"): (67, "EXACT"),
    (WEINING, "community_activities"): (85, "EXACT"),
    (WEINING, "beneficiary_person_times"): (38000, "MORE_THAN"),
    (WEINING, "certified_social_workers"): (125, "EXACT"),
    (WEINING, "assistant_social_workers"): (94, "EXACT"),
    (WEINING, "intermediate_social_workers"): (31, "EXACT"),
}

INDICATORS = """
query($after: String) {
  reportedIndicators(first: 100, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { metric value qualifier unit source periodStart periodEnd region { name } }
  }
}
"""


@pytest.fixture
async def indicators(client: GraphQLClient) -> dict[tuple[str, str], dict]:
    found: dict[tuple[str, str], dict] = {}
    after = None
    while True:
        data = await client.data(INDICATORS, {"after": after})
        for node in data["reportedIndicators"]["nodes"]:
            found[node["region"]["name"], node["metric"]] = node
        if not data["reportedIndicators"]["pageInfo"]["hasNextPage"]:
            return found
        after = data["reportedIndicators"]["pageInfo"]["endCursor"]


def test_every_numeric_figure_is_a_reported_indicator(
    indicators: dict[tuple[str, str], dict],
) -> None:
    got = {key: (indicators[key]["value"], indicators[key]["qualifier"]) for key in FIGURES}
    assert got == FIGURES


@pytest.mark.parametrize(
    ("region", "source"),
    [
        (ANHUI, "《安徽日报》"),
        (LUOHE, "《河南日报》"),
        (DEQING, "《湖州日报》"),
        (WEINING, "威宁自治县民政局"),
    ],
)
def test_each_figure_names_its_source(
    indicators: dict[tuple[str, str], dict], region: str, source: str
) -> None:
    sources = {node["source"] for (name, _), node in indicators.items() if name == region}
    assert sources == {source}


def test_luohe_figures_run_from_the_campaign_start(
    indicators: dict[tuple[str, str], dict],
) -> None:
    starts = {node["periodStart"] for (name, _), node in indicators.items() if name == LUOHE}
    assert starts == {"2023-12-01"}  # the door-knocking campaign began in December 2023


async def _region(client: GraphQLClient, level: str, name: str) -> str:
    data = await client.data(
        "query($level: RegionLevel) { regions(level: $level, first: 100) { nodes { id name } } }",
        {"level": level},
    )
    return next(n["id"] for n in data["regions"]["nodes"] if n["name"] == name)


SITES = """
query($region: ID!, $kind: ServiceSiteKind!) {
  serviceSites(filter: {region: $region, kind: $kind}) { totalCount }
}
"""


@pytest.mark.parametrize(
    ("level", "region", "kind", "count"),
    [
        ("COUNTY", DEQING, "SOCIAL_WORK_STATION", 13),
        ("COUNTY", DEQING, "NEIGHBOURHOOD_CENTRE", 70),
        ("COUNTY", DEQING, "SERVICE_COMPLEX", 15),
        ("CITY", LUOHE, "SOCIAL_WORK_STATION", 60),
        ("COUNTY", WEINING, "SOCIAL_WORK_STATION", 41),
    ],
)
async def test_site_counts_come_from_the_records(
    client: GraphQLClient, level: str, region: str, kind: str, count: int
) -> None:
    region_id = await _region(client, level, region)
    data = await client.data(SITES, {"region": region_id, "kind": kind})
    assert data["serviceSites"]["totalCount"] == count


async def test_each_deqing_township_has_one_station(client: GraphQLClient) -> None:
    deqing = await _region(client, "COUNTY", DEQING)
    data = await client.data(
        """
        query($deqing: ID!) { regions(parent: $deqing, first: 50) { totalCount nodes { name
          serviceSites(first: 100) { nodes { kind } } } } }
        """,
        {"deqing": deqing},
    )
    townships = data["regions"]["nodes"]
    assert data["regions"]["totalCount"] == 13
    stations = [
        sum(site["kind"] == "SOCIAL_WORK_STATION" for site in t["serviceSites"]["nodes"])
        for t in townships
    ]
    assert stations == [1] * 13


async def test_ganfeng_community_records(client: GraphQLClient) -> None:
    data = await client.data(
        """
        { communities(first: 20) { nodes { name foundedOn residentPopulation region { name }
            compounds { totalCount nodes { name isIllustrative } }
            grids { totalCount } microGrids { totalCount }
            serviceSites { nodes { kind } } } } }
        """
    )
    ganfeng = next(n for n in data["communities"]["nodes"] if n["name"] == "干丰社区")
    assert ganfeng["foundedOn"].startswith("2021")
    assert ganfeng["residentPopulation"] == 6012
    assert ganfeng["region"]["name"] == "康乾街道"
    assert ganfeng["compounds"]["totalCount"] == 6
    named = {c["name"] for c in ganfeng["compounds"]["nodes"] if not c["isIllustrative"]}
    assert named == {"云溪雅院", "云溪洋房"}
    assert (ganfeng["grids"]["totalCount"], ganfeng["microGrids"]["totalCount"]) == (8, 42)
    assert {"PARTY_MASS_CENTRE"} <= {site["kind"] for site in ganfeng["serviceSites"]["nodes"]}


async def test_the_three_new_deqing_communities_have_been_set_up(client: GraphQLClient) -> None:
    # "去年,德清……完成了洛舍镇洛漾社区、禹越镇东港社区、康乾街道金鹅湖社区等筹建":
    # their preparation (筹建) is done, so they are established (ACTIVE), founded in 2023.
    data = await client.data(
        "{ communities(first: 50) { nodes { name status foundedOn region { name } } } }"
    )
    new = {
        (n["region"]["name"], n["name"]): (n["status"], n["foundedOn"])
        for n in data["communities"]["nodes"]
        if n["name"] in {"洛漾社区", "东港社区", "金鹅湖社区"}
    }
    assert new == {
        ("洛舍镇", "洛漾社区"): ("ACTIVE", "2023-01-01"),
        ("禹越镇", "东港社区"): ("ACTIVE", "2023-01-01"),
        ("康乾街道", "金鹅湖社区"): ("ACTIVE", "2023-01-01"),
    }
    assert "PREPARING" not in {n["status"] for n in data["communities"]["nodes"]}


async def test_luohe_named_places(client: GraphQLClient) -> None:
    luohe = await _region(client, "CITY", LUOHE)
    data = await client.data(
        """
        query($luohe: ID!) {
          node(id: $luohe) { ... on Region {
            communities(first: 50) { nodes { name kind region { name } } } } }
          serviceSites(filter: {region: $luohe, kind: CHILDRENS_HOME}) { nodes { region { name } } }
          townships: regions(level: TOWNSHIP, first: 100) { nodes { name parent { name } } }
        }
        """,
        {"luohe": luohe},
    )
    villages = {
        (n["region"]["name"], n["name"], n["kind"]) for n in data["node"]["communities"]["nodes"]
    }
    assert ("临颍县", "西五里头村", "VILLAGE") in villages
    assert [s["region"]["name"] for s in data["serviceSites"]["nodes"]] == ["大刘镇"]
    townships = {(t["parent"]["name"], t["name"]) for t in data["townships"]["nodes"]}
    assert {("郾城区", "龙城镇"), ("源汇区", "干河陈街道"), ("源汇区", "大刘镇")} <= townships


async def test_the_deqing_framework_agreement(client: GraphQLClient) -> None:
    data = await client.data(
        """
        { agreements(first: 10) { nodes { title kind signedOn university { name }
            organization { name } region { name } communities { nodes { name } } } } }
        """
    )
    assert data["agreements"]["nodes"] == [
        {
            "title": "五社联动助推共同富裕德清示范项目框架合作协议",
            "kind": "FRAMEWORK",
            "signedOn": "2022-01-01",  # "2022年年初"
            "university": {"name": "浙江工商大学"},
            "organization": {"name": "德清县民政局"},
            "region": {"name": DEQING},
            "communities": {"nodes": [{"name": "干丰社区"}]},
        }
    ]


async def test_the_luohe_door_knocking_campaign(client: GraphQLClient) -> None:
    data = await client.data(
        "{ doorKnockingCampaigns { nodes { name startsOn organizer { name } region { name } } } }"
    )
    assert data["doorKnockingCampaigns"]["nodes"] == [
        {
            "name": "民政社工敲门行动",
            "startsOn": "2023-12-01",
            "organizer": {"name": "漯河市民政局"},
            "region": {"name": LUOHE},
        }
    ]


async def test_honoured_deqing_organizations_are_agencies_and_community_orgs(
    client: GraphQLClient,
) -> None:
    deqing = await _region(client, "COUNTY", DEQING)
    data = await client.data(
        """
        query($deqing: ID!) {
          agencies: organizations(filter: {region: $deqing, kind: SOCIAL_WORK_AGENCY}) { totalCount }
          communityOrgs: organizations(filter: {region: $deqing, kind: COMMUNITY_SOCIAL_ORG}) { totalCount }
        }
        """,
        {"deqing": deqing},
    )
    assert data["agencies"]["totalCount"] == 3
    assert data["communityOrgs"]["totalCount"] == 3


async def test_every_weining_certificate_holder_meets_the_90_hours(client: GraphQLClient) -> None:
    # "组织取得证书人员通过网络平台接受继续教育,确保持证人员每人年均学习时长达到90学时以上":
    # each of the 125 holders (94 assistant, 31 intermediate) logged 90 hours or more in 2023.
    weining = await _region(client, "COUNTY", WEINING)
    data = await client.data(
        """
        query($w: ID!) {
          assistant: socialWorkers(filter: {region: $w, certificationLevel: ASSISTANT}) {
            totalCount }
          intermediate: socialWorkers(filter: {region: $w, certificationLevel: INTERMEDIATE}) {
            totalCount }
          met: socialWorkers(filter: {region: $w, educationRequirement: {year: 2023}}) {
            totalCount }
          missed: socialWorkers(filter: {region: $w,
              educationRequirement: {year: 2023, met: false}}) { totalCount }
        }
        """,
        {"w": weining},
    )
    counts = {name: value["totalCount"] for name, value in data.items()}
    assert counts == {"assistant": 94, "intermediate": 31, "met": 125, "missed": 0}


async def test_both_wang_needs_of_luohe_were_seen_to(
    client: GraphQLClient, demo_conn: asyncpg.Connection
) -> None:
    # 干河陈街道: "社工问明情况,立刻联系街道民政所,将王大爷送往社区医院就医,诊疗结束又将王大爷
    # 送回家中,对药品服用频次做好标注": referred to the street office and resolved.
    # 西五里头村: "现场为老人讲解安全手环的使用方法": the safety bracelet explained on the spot.
    # The report gives no dates: each is the day of its (stand-in) visit.
    luohe = await demo_conn.fetchval("select id from region where name = $1", LUOHE)
    caseworker = client.as_viewer(token("caseworker", [luohe]))
    data = await caseworker.data(
        """
        {
          needs(first: 20) { nodes {
            kind status openedOn referredOn resolvedOn closedOn referredTo { name }
            household { region { name } community { name } }
          } }
        }
        """
    )
    nodes = data["needs"]["nodes"]

    def place(need: dict) -> str:
        community = need["household"]["community"]
        return str(need["household"]["region"]["name"] if community is None else community["name"])

    stories = {("干河陈街道", "MEDICAL"), ("西五里头村", "SAFETY")}
    wang = [n for n in nodes if (place(n), n["kind"]) in stories]
    assert [{k: v for k, v in n.items() if k != "household"} for n in wang] == [
        {
            "kind": "MEDICAL",
            "status": "RESOLVED",
            "openedOn": "2023-12-10",
            "referredOn": "2023-12-10",
            "resolvedOn": "2023-12-10",
            "closedOn": None,
            "referredTo": {"name": "干河陈街道民政所"},
        },
        {
            "kind": "SAFETY",
            "status": "RESOLVED",
            "openedOn": "2023-12-15",
            "referredOn": None,
            "resolvedOn": "2023-12-15",
            "closedOn": None,
            "referredTo": None,
        },
    ]
    # Every need of the report's stories is resolved: none is left open or referred.
    assert {n["status"] for n in nodes} == {"RESOLVED"}
