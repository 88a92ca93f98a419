"""The report's world, read back through GraphQL as a user would ask: honours of any actor
or region, government funds apart from charity resources, the programmes, documents and
meetings the report names, dates as precise as the report gives them, and what is counted
as against what only illustrates."""

from __future__ import annotations

from tests.conftest import GraphQLClient, token

DEQING, WEINING = "德清县", "威宁彝族回族苗族自治县"


async def _region(client: GraphQLClient, name: str) -> str:
    data = await client.data(
        "query($name: String!) { regions(search: $name, first: 1) { nodes { id name } } }",
        {"name": name},
    )
    (node,) = data["regions"]["nodes"]
    assert node["name"] == name
    return str(node["id"])


async def _community(client: GraphQLClient, name: str) -> str:
    data = await client.data(
        "query($name: String!) { communities(search: $name, first: 1) { nodes { id name } } }",
        {"name": name},
    )
    (node,) = data["communities"]["nodes"]
    assert node["name"] == name
    return str(node["id"])


HONOURS = """
fragment honour on Honour { award title awardedBy year batch source quote isIllustrative }
query($region: ID!, $community: ID!) {
  region: node(id: $region) { ... on Region { honours { totalCount nodes { ...honour } } } }
  community: node(id: $community) {
    ... on Community { honours { totalCount nodes { ...honour actor { name } } } } }
}
"""


async def test_a_community_and_a_county_keep_their_honours(client: GraphQLClient) -> None:
    # "康乾街道干丰社区是2023年度全市民政系统“五社联动”的优秀案例" and "成为湖州市唯一获评
    # 全省智慧社区试点优秀的县(区)": one honour of a community, one of the county itself.
    deqing = await _region(client, DEQING)
    ganfeng = await _community(client, "干丰社区")
    data = await client.data(HONOURS, {"region": deqing, "community": ganfeng})
    assert data["region"]["honours"] == {
        "totalCount": 1,
        "nodes": [
            {
                "award": "provincial_smart_community_pilot_excellent",
                "title": "全省智慧社区试点优秀",
                "awardedBy": None,
                "year": 2023,
                "batch": None,
                "source": "《湖州日报》",
                "quote": "成为湖州市唯一获评全省智慧社区试点优秀的县(区)",
                "isIllustrative": False,
            }
        ],
    }
    assert data["community"]["honours"] == {
        "totalCount": 1,
        "nodes": [
            {
                "award": "city_five_society_linkage_excellent_case",
                "title": "2023年度全市民政系统“五社联动”优秀案例",
                "awardedBy": "湖州市民政系统",
                "year": 2023,
                "batch": None,
                "source": "《湖州日报》",
                "quote": "康乾街道干丰社区是2023年度全市民政系统“五社联动”的优秀案例",
                "isIllustrative": False,
                "actor": {"name": "干丰社区"},
            }
        ],
    }


async def test_worker_honours_keep_their_batch_and_edition(client: GraphQLClient) -> None:
    # "先后有2人被评为威宁县首批社会工作领军人才,1人被评为毕节市第二批拔尖人才,1人获贵州省
    # 第二届最美社会工作者荣誉称号": the batch or edition is kept with each honour.
    weining = await _region(client, WEINING)
    data = await client.data(
        """
        query($w: ID!) {
          leading: socialWorkers(filter: {region: $w, honour: "county_leading_talent"}) {
            nodes { honours { nodes { title awardedBy batch isIllustrative } } } }
          top: socialWorkers(filter: {region: $w, honour: "city_top_talent"}) {
            nodes { honours { nodes { title awardedBy batch } } } }
          beautiful: socialWorkers(
              filter: {region: $w, honour: "provincial_most_beautiful_social_worker"}) {
            nodes { honours { nodes { title awardedBy batch } } } }
          label: reportedIndicators(
              filter: {region: $w, metric: "provincial_most_beautiful_social_workers"}) {
            nodes { label } }
        }
        """,
        {"w": weining},
    )
    leading = [n["honours"]["nodes"] for n in data["leading"]["nodes"]]
    assert (
        leading
        == [
            [
                {
                    "title": "社会工作领军人才",
                    "awardedBy": "威宁县",
                    "batch": "首批",
                    "isIllustrative": True,
                }
            ]
        ]
        * 2
    )
    assert [n["honours"]["nodes"] for n in data["top"]["nodes"]] == [
        [{"title": "拔尖人才", "awardedBy": "毕节市", "batch": "第二批"}]
    ]
    assert [n["honours"]["nodes"] for n in data["beautiful"]["nodes"]] == [
        [{"title": "最美社会工作者", "awardedBy": "贵州省", "batch": "第二届"}]
    ]
    assert data["label"]["nodes"] == [{"label": "贵州省第二届最美社会工作者"}]


async def test_government_funds_are_apart_from_charity_resources(client: GraphQLClient) -> None:
    # "积极争取上级资金支持66万元、落实本级财政预算32万元购买社会工作服务": government money,
    # spent by the bureau; neither a charity resource nor an actor of the network.
    weining = await _region(client, WEINING)
    data = await client.data(
        """
        query($w: ID!) {
          governmentFunds(filter: {region: $w}, orderBy: {field: AMOUNT, direction: DESC}) {
            nodes { origin name purpose amount year spentBy { name } source } }
          charityResources(filter: {region: $w}) { totalCount }
          network(scope: {region: $w}) { summary { nodesBySociety { society count } } }
          statistics(region: $w, period: {start: "2023-01-01", end: "2023-12-31"}) {
            fundsBySource { source amount }
            governmentFundsByOrigin { origin amount }
            indicators { metric reported computed } }
        }
        """,
        {"w": weining},
    )
    funds = data["governmentFunds"]["nodes"]
    assert funds == [
        {
            "origin": "HIGHER_LEVEL",
            "name": "上级资金",
            "purpose": "购买社会工作服务",
            "amount": 660000.0,
            "year": 2023,
            "spentBy": {"name": "威宁自治县民政局"},
            "source": "威宁自治县民政局",
        },
        {
            "origin": "LOCAL_BUDGET",
            "name": "本级财政预算",
            "purpose": "购买社会工作服务",
            "amount": 320000.0,
            "year": 2023,
            "spentBy": {"name": "威宁自治县民政局"},
            "source": "威宁自治县民政局",
        },
    ]
    assert data["charityResources"]["totalCount"] == 0
    societies = {
        row["society"]: row["count"]
        for row in data["network"]["summary"]["nodesBySociety"]
        if row["count"]
    }
    assert "CHARITY_RESOURCE" not in societies
    stats = data["statistics"]
    assert stats["fundsBySource"] == []
    assert stats["governmentFundsByOrigin"] == [
        {"origin": "HIGHER_LEVEL", "amount": 660000.0},
        {"origin": "LOCAL_BUDGET", "amount": 320000.0},
    ]
    compare = {row["metric"]: (row["reported"], row["computed"]) for row in stats["indicators"]}
    assert compare["higher_level_funds"] == (660000, 660000)
    assert compare["local_budget_social_work_services"] == (320000, 320000)


async def test_luohe_links_social_money_and_goods_through_its_campaign(
    client: GraphQLClient,
) -> None:
    # "链接社会款物59万余元": social money and goods, more than 590,000 yuan, that the
    # door-knocking campaign linked: a charity resource of the campaign, not only a figure.
    luohe = await _region(client, "漯河市")
    data = await client.data(
        """
        query($l: ID!) {
          charityResources(filter: {region: $l}) {
            nodes { name kind source amount qualifier campaign { name } isIllustrative } }
          statistics(region: $l, period: {start: "2023-12-01", end: "2024-01-31"}) {
            indicators { metric reported computed } }
        }
        """,
        {"l": luohe},
    )
    assert data["charityResources"]["nodes"] == [
        {
            "name": "民政社工敲门行动链接社会款物",
            "kind": "FUNDS_AND_GOODS",
            "source": "SOCIAL_DONATION",
            "amount": 590000.0,
            "qualifier": "MORE_THAN",
            "campaign": {"name": "民政社工敲门行动"},
            "isIllustrative": False,
        }
    ]
    compare = {
        row["metric"]: (row["reported"], row["computed"])
        for row in data["statistics"]["indicators"]
    }
    assert compare["funds_and_goods_linked"] == (590000, 590000)


PRACTICES = """
query($r: ID!) {
  practices(filter: {region: $r, topLevel: true}, orderBy: {field: NAME, direction: ASC}) {
    nodes { kind name owner { name } startedOn startedOnPrecision source
      parts { nodes { name } } } }
  policyEvents(filter: {region: $r}) {
    nodes { kind title issuedBy organization { name } datedOn datedOnPrecision quote } }
}
"""


async def test_anhui_keeps_its_programme_college_departments_and_documents(
    client: GraphQLClient,
) -> None:
    # "依托安徽开放大学建立社会工作学院,实施学历提升、持证率提升和实务能力提升三项工程";
    # "联合财政、人社、教育等13家省直部门出台《…实施意见》"; "近日召开的全省民政工作会议".
    anhui = await _region(client, "安徽省")
    data = await client.data(PRACTICES, {"r": anhui})
    assert data["practices"]["nodes"] == [
        {
            "kind": "PROGRAMME",
            "name": "三项工程",
            "owner": {"name": "安徽开放大学社会工作学院"},
            "startedOn": "2023-01-01",
            "startedOnPrecision": "YEAR",
            "source": "《安徽日报》",
            "parts": {
                "nodes": [{"name": "学历提升"}, {"name": "持证率提升"}, {"name": "实务能力提升"}]
            },
        }
    ]
    events = {event["title"]: event for event in data["policyEvents"]["nodes"]}
    assert set(events) == {
        "关于加强新时代社会工作专业人才队伍建设的实施意见",
        "安徽省委人才工作小组工作要点",
        "全省民政工作会议",
    }
    opinions = events["关于加强新时代社会工作专业人才队伍建设的实施意见"]
    assert (opinions["kind"], opinions["organization"], opinions["datedOn"]) == (
        "DOCUMENT",
        {"name": "安徽省民政厅"},
        "2023-01-01",
    )
    assert opinions["datedOnPrecision"] == "YEAR"
    assert opinions["issuedBy"] == "安徽省民政厅联合财政、人社、教育等13家省直部门"
    meeting = events["全省民政工作会议"]
    assert (meeting["kind"], meeting["datedOn"]) == ("MEETING", None)
    # The partner departments the report names, found by the report's short names.
    found = await client.data(
        """
        {
          finance: organizations(search: "财政", first: 1) { nodes { name kind } }
          labour: organizations(search: "人社", first: 1) { nodes { name kind } }
          education: organizations(search: "教育", first: 1) { nodes { name kind } }
          college: organizations(search: "社会工作学院", first: 1) {
            nodes { name links { nodes { kind source { name } target { name } } } } }
        }
        """
    )
    assert [found[key]["nodes"][0]["name"] for key in ("finance", "labour", "education")] == [
        "安徽省财政厅",
        "安徽省人力资源和社会保障厅",
        "安徽省教育厅",
    ]
    (college,) = found["college"]["nodes"]
    assert college["name"] == "安徽开放大学社会工作学院"
    assert {
        (link["kind"], link["source"]["name"], link["target"]["name"])
        for link in college["links"]["nodes"]
    } == {
        ("MEMBERSHIP", "安徽开放大学社会工作学院", "安徽开放大学"),
        ("GUIDANCE", "安徽省民政厅", "安徽开放大学社会工作学院"),
    }


async def test_deqing_and_weining_keep_their_brands_methods_and_platforms(
    client: GraphQLClient,
) -> None:
    deqing = await _region(client, DEQING)
    data = await client.data(PRACTICES, {"r": deqing})
    practices = {p["name"]: p for p in data["practices"]["nodes"]}
    assert sorted(practices) == ["“邻聚里”三要素", "五张金名片", "四点半课堂"]
    assert [n["name"] for n in practices["五张金名片"]["parts"]["nodes"]] == [
        "现代社区",
        "浙有众扶",
        "浙里康养",
        "善行浙江",
        "暖心服务",
    ]
    elements = practices["“邻聚里”三要素"]
    assert (elements["kind"], elements["owner"]) == ("METHOD", {"name": "干丰社区"})
    assert [n["name"] for n in elements["parts"]["nodes"]] == ["邻", "聚", "里"]
    assert practices["四点半课堂"]["kind"] == "SERVICE"

    weining = await _region(client, WEINING)
    data = await client.data(PRACTICES, {"r": weining})
    practices = {p["name"]: p for p in data["practices"]["nodes"]}
    assert [n["name"] for n in practices["四个强化"]["parts"]["nodes"]] == [
        "强化宣传引导",
        "强化能力提升",
        "强化信息登记",
        "强化经费保障",
    ]
    platforms = {name for name, p in practices.items() if p["kind"] == "PLATFORM"}
    assert platforms == {
        "威宁社工考试微信群",
        "社工考试咨询热线",
        "威宁自治县社工人才信息库",
        "中国社会工作网",
    }
    assert practices["中国社会工作网"]["owner"] is None
    assert {e["title"]: e["kind"] for e in data["policyEvents"]["nodes"]} == {
        "关于社会工作者职业水平考试报名通知": "NOTICE",
        "第17个国际社工日": "OBSERVANCE",
    }


async def test_luohe_keeps_its_campaign_targets_hospital_and_childrens_home_activity(
    client: GraphQLClient,
) -> None:
    luohe = await _region(client, "漯河市")
    data = await client.data(
        """
        query($l: ID!) {
          doorKnockingCampaigns(filter: {region: $l}) {
            nodes { name startsOn startsOnPrecision targetGroups } }
          hospitals: serviceSites(filter: {region: $l, kind: COMMUNITY_HOSPITAL}) {
            nodes { name isIllustrative region { name } } }
          homes: serviceSites(filter: {region: $l, kind: CHILDRENS_HOME}) {
            nodes { name activities { nodes { title kind heldOn heldOnPrecision personTimes
              isIllustrative } } } }
        }
        """,
        {"l": luohe},
    )
    # "自2023年12月起…主动敲响辖区孤儿、事实无人抚养儿童、特殊困难老人、低保人员、特困人员的房门"
    assert data["doorKnockingCampaigns"]["nodes"] == [
        {
            "name": "民政社工敲门行动",
            "startsOn": "2023-12-01",
            "startsOnPrecision": "MONTH",
            "targetGroups": [
                "ORPHAN",
                "DE_FACTO_UNSUPPORTED_CHILD",
                "ELDERLY_SPECIAL_HARDSHIP",
                "MINIMUM_ALLOWANCE",
                "EXTREME_POVERTY",
            ],
        }
    ]
    assert data["hospitals"]["nodes"] == [
        {"name": "干河陈街道社区医院", "isIllustrative": True, "region": {"name": "干河陈街道"}}
    ]
    # The photo's traffic-safety activity: no date beyond the campaign's month, no person-times.
    assert data["homes"]["nodes"] == [
        {
            "name": "大刘镇儿童之家",
            "activities": {
                "nodes": [
                    {
                        "title": "民政社工带领留守儿童开展交通安全教育",
                        "kind": "COMMUNITY_ACTIVITY",
                        "heldOn": "2023-12-01",
                        "heldOnPrecision": "MONTH",
                        "personTimes": None,
                        "isIllustrative": False,
                    }
                ]
            },
        }
    ]


async def test_dates_keep_the_precision_the_report_gives(client: GraphQLClient) -> None:
    # "社区自2021年成立至今" and "2022年年初…签订…框架合作协议": a year, not a day.
    data = await client.data(
        """
        {
          communities(search: "干丰社区", first: 1) {
            nodes { name foundedOn foundedOnPrecision } }
          agreements(first: 1) { nodes { title signedOn signedOnPrecision
            practiceBases { nodes { establishedOn establishedOnPrecision } } } }
        }
        """
    )
    assert data["communities"]["nodes"] == [
        {"name": "干丰社区", "foundedOn": "2021-01-01", "foundedOnPrecision": "YEAR"}
    ]
    assert data["agreements"]["nodes"] == [
        {
            "title": "五社联动助推共同富裕德清示范项目框架合作协议",
            "signedOn": "2022-01-01",
            "signedOnPrecision": "YEAR",
            "practiceBases": {
                "nodes": [{"establishedOn": "2022-01-01", "establishedOnPrecision": "YEAR"}]
            },
        }
    ]


NAMES = """
query($order: CommunityOrderField!, $after: String) {
  communities(orderBy: {field: $order, direction: ASC}, first: 3, after: $after) {
    nodes { name } pageInfo { endCursor } }
}
"""


async def test_names_sort_in_pinyin_order_with_cursors_of_that_order(
    client: GraphQLClient,
) -> None:
    by_pinyin = await client.data(NAMES, {"order": "PINYIN"})
    # dong, gan, jin | luo, xi; by code point 西 (U+897F) comes after 洛 (U+6D1B).
    assert [n["name"] for n in by_pinyin["communities"]["nodes"]] == [
        "东港社区",
        "干丰社区",
        "金鹅湖社区",
    ]
    cursor = by_pinyin["communities"]["pageInfo"]["endCursor"]
    rest = await client.data(NAMES, {"order": "PINYIN", "after": cursor})
    assert [n["name"] for n in rest["communities"]["nodes"]] == ["洛漾社区", "西五里头村"]
    # A cursor of the pinyin order is refused under the code-point order.
    refused = await client.execute(NAMES, {"order": "NAME", "after": cursor})
    (error,) = refused["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    regions = await client.data(
        "{ regions(level: PROVINCE, orderBy: {field: PINYIN, direction: ASC}) { nodes { name } } }"
    )
    # an (安徽), gui (贵州), he (河南), zhe (浙江)
    assert [n["name"] for n in regions["regions"]["nodes"]] == [
        "安徽省",
        "贵州省",
        "河南省",
        "浙江省",
    ]


async def test_luohe_stations_belong_to_the_city_that_counts_them(client: GraphQLClient) -> None:
    # "全市60个社工站": counted for the city, placed in no district or township.
    luohe = await _region(client, "漯河市")
    data = await client.data(
        """
        query($l: ID!) {
          serviceSites(filter: {region: $l, kind: SOCIAL_WORK_STATION}, first: 1) {
            totalCount nodes { region { name level } isIllustrative } }
          regions(parent: $l, first: 10) { nodes { name serviceSites { totalCount } } }
        }
        """,
        {"l": luohe},
    )
    sites = data["serviceSites"]
    assert sites["totalCount"] == 60
    assert sites["nodes"] == [
        {"region": {"name": "漯河市", "level": "CITY"}, "isIllustrative": True}
    ]
    # The districts the report names hold no station; 大刘镇 holds its 儿童之家, 干河陈街道 its
    # community hospital.
    assert {r["name"]: r["serviceSites"]["totalCount"] for r in data["regions"]["nodes"]} == {
        "郾城区": 0,
        "源汇区": 2,
        "临颍县": 0,
    }


STATISTICS = """
query($r: ID!, $start: Date!, $end: Date!, $all: Boolean!) {
  statistics(region: $r, period: {start: $start, end: $end}, includeIllustrative: $all) {
    socialWorkersByCertification { level count }
    socialWorkersByRole { role count }
    fundsBySource { source amount }
    indicators { metric reported computed counted }
  }
}
"""


async def test_statistics_tell_counted_records_from_illustrative_ones(
    client: GraphQLClient,
) -> None:
    # Luohe's 178 workers are counted by the report, their certificates are not: the split of
    # the stand-ins is illustrative and leaves the counted statistics.
    luohe = await _region(client, "漯河市")
    period = {"start": "2023-12-01", "end": "2024-01-31"}
    everything = await client.data(STATISTICS, {"r": luohe, **period, "all": True})
    counted = await client.data(STATISTICS, {"r": luohe, **period, "all": False})
    assert everything["statistics"]["socialWorkersByCertification"] == [
        {"level": "ASSISTANT", "count": 59},
        {"level": "INTERMEDIATE", "count": 59},
        {"level": "NONE", "count": 60},
    ]
    assert counted["statistics"]["socialWorkersByCertification"] == []
    roles = [{"role": "CIVIL_AFFAIRS_SOCIAL_WORKER", "count": 178}]
    assert counted["statistics"]["socialWorkersByRole"] == roles
    assert everything["statistics"]["socialWorkersByRole"] == roles
    compare = {
        row["metric"]: (row["reported"], row["computed"], row["counted"])
        for row in counted["statistics"]["indicators"]
    }
    assert compare["civil_affairs_social_workers"] == (178, 178, 178)
    assert compare["funds_and_goods_linked"] == (590000, 590000, 590000)

    # Deqing's 200,000-yuan fund is made up: it shows among all records, not among counted ones.
    deqing = await _region(client, DEQING)
    year = {"start": "2023-01-01", "end": "2023-12-31"}
    everything = await client.data(STATISTICS, {"r": deqing, **year, "all": True})
    counted = await client.data(STATISTICS, {"r": deqing, **year, "all": False})
    assert everything["statistics"]["fundsBySource"] == [
        {"source": "SOCIAL_DONATION", "amount": 200000.0}
    ]
    assert counted["statistics"]["fundsBySource"] == []


async def test_an_honour_of_an_actor_is_in_the_actors_region(client: GraphQLClient) -> None:
    admin = client.as_viewer(token("admin", []))
    weining = await _region(client, WEINING)
    ganfeng = await _community(client, "干丰社区")
    answer = await admin.data(
        """
        mutation($input: CreateHonourInput!) {
          createHonour(input: $input) { honour { id } userErrors { field message code } }
        }
        """,
        {
            "input": {
                "regionId": weining,
                "actorId": ganfeng,
                "award": "excellent_case",
                "title": "优秀案例",
                "year": 2023,
            }
        },
    )
    assert answer["createHonour"] == {
        "honour": None,
        "userErrors": [
            {
                "field": ["input", "regionId"],
                "message": "must be the region of the honoured actor",
                "code": "INVALID",
            }
        ],
    }


async def test_lists_tell_illustrative_records_from_the_others(client: GraphQLClient) -> None:
    deqing = await _region(client, DEQING)
    luohe = await _region(client, "漯河市")
    data = await client.data(
        """
        query($d: ID!, $l: ID!) {
          madeUp: charityResources(filter: {region: $d, illustrative: true}) {
            nodes { name amount } }
          stated: charityResources(filter: {region: $d, illustrative: false}) { totalCount }
          standIns: socialWorkers(filter: {region: $l, illustrative: true}) { totalCount }
          named: socialWorkers(filter: {region: $l, illustrative: false}) { totalCount }
          stations: serviceSites(
              filter: {region: $l, kind: SOCIAL_WORK_STATION, illustrative: true}) {
            totalCount }
        }
        """,
        {"d": deqing, "l": luohe},
    )
    assert data["madeUp"]["nodes"] == [{"name": "德清县社区慈善基金(示例)", "amount": 200000.0}]
    assert data["stated"]["totalCount"] == 0
    assert (data["standIns"]["totalCount"], data["named"]["totalCount"]) == (178, 0)
    assert data["stations"]["totalCount"] == 60
