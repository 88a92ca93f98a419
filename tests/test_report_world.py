"""The report's world, read back through GraphQL as a user would ask: honours of any actor
or region, government funds apart from charity resources, the programmes, documents and
meetings the report names, dates as precise as the report gives them, and what is counted
as against what only illustrates."""

from __future__ import annotations

from tests.conftest import GraphQLClient

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
