"""Deqing county, Huzhou, Zhejiang (《湖州日报》): five-society linkage around 干丰社区."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from fivesoc.db.seed.builder import Builder

SOURCE = "《湖州日报》"
PERIOD = (dt.date(2023, 1, 1), dt.date(2023, 12, 31))
CENTRES = "目前,德清县已建成幸福邻里中心 70 家,镇(街道)社会工作站 13 家"
CARDS = (
    "现代社区“浙有众扶”“浙里康养”“善行浙江”与“暖心服务”五张金名片,将民政惠民便民措施送到老百姓身边"
)
ELEMENTS = "从居民需求出发,围绕“邻”“聚”“里”三要素,探索“五社联动”治理新模式"
HONOURED = "成功培育全国百强社工机构3家、省级品牌社会组织3家"
PROJECTS = "组织开展幸福管家、居家颐养、心晴花开青少年心理健康、社区微治理等 100 余个项目"

FIGURES = [
    (
        "community_service_complexes",
        "社区服务综合体",
        15,
        "sites",
        "exact",
        "已建成社区服务综合体 15 家",
    ),
    ("neighbourhood_centres", "幸福邻里中心", 70, "sites", "exact", CENTRES),
    ("social_work_stations", "镇(街道)社会工作站", 13, "stations", "exact", CENTRES),
    ("projects", "项目", 100, "projects", "more_than", PROJECTS),
    ("activities", "全年开展活动", 6800, "activities", "more_than", "全年开展活动 6800 余场次"),
    ("person_times_benefited", "惠及群众", 135000, "person_times", "about", "惠及群众13.5万人次"),
    (
        "national_top100_social_work_agencies",
        "全国百强社工机构",
        3,
        "organizations",
        "exact",
        HONOURED,
    ),
    (
        "provincial_brand_social_organizations",
        "省级品牌社会组织",
        3,
        "organizations",
        "exact",
        HONOURED,
    ),
    (
        "new_communities_prepared",
        "完成筹建的新社区",
        3,
        "communities",
        "exact",
        "完成了洛舍镇洛漾社区、禹越镇东港社区、康乾街道金鹅湖社区等筹建",
    ),
]

TOWNSHIPS = [
    "武康街道",
    "舞阳街道",
    "阜溪街道",
    "下渚湖街道",
    "康乾街道",
    "乾元镇",
    "新市镇",
    "洛舍镇",
    "钟管镇",
    "禹越镇",
    "新安镇",
    "雷甸镇",
    "莫干山镇",
]

# 8 grids of 干丰社区: (micro-grids, residents); 42 micro-grids and 6,012 residents in all.
GANFENG_GRIDS = [(6, 800), (6, 790), (5, 760), (5, 750), (5, 740), (5, 730), (5, 722), (5, 720)]

AGREEMENT = "五社联动助推共同富裕德清示范项目框架合作协议"


async def load(build: Builder) -> None:
    province = await build.region(None, "province", "浙江省")
    hangzhou = await build.region(province, "city", "杭州市")
    huzhou = await build.region(province, "city", "湖州市")
    county = await build.region(huzhou, "county", "德清县")
    await build.region_aliases(county, ("德清",), SOURCE)  # 浙江德清; 德清全面推进
    towns = {name: await build.region(county, "township", name) for name in TOWNSHIPS}
    await build.indicators(county, PERIOD, SOURCE, FIGURES)

    ganfeng = await build.community(
        towns["康乾街道"],
        "干丰社区",
        founded_on=dt.date(2021, 1, 1),
        founded_precision="year",  # "社区自2021年成立至今"
        population=6012,
    )
    await build.compounds(
        ganfeng,
        [("云溪雅院", False), ("云溪洋房", False)]
        + [(f"干丰社区物管小区{n}", True) for n in range(3, 7)],
    )
    for number, (micro, residents) in enumerate(GANFENG_GRIDS, start=1):
        await build.grid(ganfeng, f"第{number}网格", residents, micro)
    await build.site(
        towns["康乾街道"], "party_mass_centre", "干丰社区党群服务中心", community=ganfeng
    )
    # "去年…完成了洛舍镇洛漾社区、禹越镇东港社区、康乾街道金鹅湖社区等筹建": their preparation
    # (筹建) was completed, so they are active communities, founded last year (2023) as the
    # 2024 report counts. It gives no day: 1 January stands for the year, as for 干丰社区.
    prepared = [
        await build.community(
            towns[town], name, founded_on=dt.date(2023, 1, 1), founded_precision="year"
        )
        for town, name in (
            ("洛舍镇", "洛漾社区"),
            ("禹越镇", "东港社区"),
            ("康乾街道", "金鹅湖社区"),
        )
    ]

    stations = {
        town: await build.site(region, "social_work_station", f"{town}社会工作站")
        for town, region in towns.items()
    }
    for number in range(70):
        town = TOWNSHIPS[number % len(TOWNSHIPS)]
        await build.site(
            towns[town],
            "neighbourhood_centre",
            f"{town}幸福邻里中心{number // 13 + 1}号",
            illustrative=True,
        )
    for number in range(15):
        town = TOWNSHIPS[number % len(TOWNSHIPS)]
        await build.site(
            towns[town],
            "service_complex",
            f"{town}社区服务综合体{number // 13 + 1}号",
            illustrative=True,
        )

    bureau = await build.organization(county, "civil_affairs_bureau", "德清县民政局")
    top100 = [
        await build.organization(
            county, "social_work_agency", f"德清县百强社工机构{n}", illustrative=True
        )
        for n in (1, 2, 3)
    ]
    brands = [
        await build.organization(
            county, "community_social_org", f"德清县品牌社会组织{n}", illustrative=True
        )
        for n in (1, 2, 3)
    ]
    # "成功培育全国百强社工机构3家、省级品牌社会组织3家": counted, not named (stand-ins); the
    # report names no issuer.
    for org in top100:
        await build.honour(
            county,
            org,
            "national_top100_social_work_agency",
            "全国百强社工机构",
            2023,
            awarded_by=None,
            source=SOURCE,
            quote=HONOURED,
            illustrative=True,
        )
    for org in brands:
        await build.honour(
            county,
            org,
            "provincial_brand_social_organization",
            "省级品牌社会组织",
            2023,
            awarded_by=None,
            source=SOURCE,
            quote=HONOURED,
            illustrative=True,
        )
    await build.honour(
        towns["康乾街道"],
        ganfeng,
        "city_five_society_linkage_excellent_case",
        "2023年度全市民政系统“五社联动”优秀案例",
        2023,
        awarded_by="湖州市民政系统",
        source=SOURCE,
        quote="康乾街道干丰社区是2023年度全市民政系统“五社联动”的优秀案例",
    )
    # The county's own honour; the report dates it only by its account of 2023.
    await build.honour(
        county,
        None,
        "provincial_smart_community_pilot_excellent",
        "全省智慧社区试点优秀",
        2023,
        awarded_by=None,
        source=SOURCE,
        quote="成为湖州市唯一获评全省智慧社区试点优秀的县(区)",
    )
    university = await build.university(hangzhou, "浙江工商大学")
    # "2022年年初": early 2022, no month given.
    agreement = await build.agreement(
        university, bureau, county, AGREEMENT, dt.date(2022, 1, 1), "year"
    )
    await build.agreement_community(agreement, ganfeng)
    await build.practice_base(
        agreement, towns["阜溪街道"], "阜溪街道实践基地", dt.date(2022, 1, 1), "year"
    )
    cards = await build.practice(
        county,
        "brand",
        "五张金名片",
        description="将民政惠民便民措施送到老百姓身边",
        source=SOURCE,
        quote=CARDS,
    )
    await build.parts(
        cards,
        county,
        "brand",
        ("现代社区", "浙有众扶", "浙里康养", "善行浙江", "暖心服务"),
        SOURCE,
        CARDS,
    )
    await build.practice(
        county,
        "service",
        "四点半课堂",
        description="孩子放学后没人辅导作业,可到社区四点半课堂",
        source=SOURCE,
        quote="孩子放学后没人辅导作业,可到社区“四点半课堂”",
    )
    elements = await build.practice(
        towns["康乾街道"],
        "method",
        "“邻聚里”三要素",
        description="从居民需求出发,围绕“邻”“聚”“里”三要素,探索五社联动治理新模式",
        owner=ganfeng,
        source=SOURCE,
        quote=ELEMENTS,
    )
    await build.parts(elements, towns["康乾街道"], "method", ("邻", "聚", "里"), SOURCE, ELEMENTS)

    workers = [
        await build.social_worker(
            towns["康乾街道"],
            role="social_worker",
            level=level,
            certified_year=2020,
            station=stations["康乾街道"],
            employer=top100[0],
            illustrative=True,  # the report names and counts no worker of 干丰社区
        )
        for level in ("intermediate", "assistant", "assistant")
    ]
    team = await build.volunteer_team(towns["康乾街道"], ganfeng, "干丰社区邻里志愿服务队")
    await build.volunteers(
        team, ganfeng, towns["康乾街道"], [Decimal(h) for h in (120, 86, 64, 40, 22)]
    )
    # The report names no charity fund ("整合社区慈善资源"): this one only illustrates.
    fund = await build.resource(
        county,
        None,
        "funds",
        "social_donation",
        "德清县社区慈善基金(示例)",
        Decimal(200000),
        2023,
        illustrative=True,
    )

    demo = await build.project(
        county,
        bureau,
        "五社联动助推共同富裕德清示范项目",
        "grassroots_governance",
        "以社区平台为依托、社会组织为载体、社会工作者为支撑、社区志愿者服务为补充,整合社区慈善资源",
        dt.date(2022, 1, 1),
    )
    named = [
        ("幸福管家", "elderly", top100[0]),
        ("居家颐养", "elderly", top100[1]),
        ("心晴花开", "youth_mental_health", top100[2]),
        ("社区微治理", "grassroots_governance", brands[0]),
    ]
    projects = {}
    for name, domain, lead in named:
        project = await build.project(
            county, lead, name, domain, f"{name}项目(报道所列项目之一)", dt.date(2023, 3, 1)
        )
        projects[name] = project
        await build.participant(project, lead, "lead", dt.date(2023, 3, 1))
        await build.participant(project, bureau, "funder", dt.date(2023, 3, 1))
        await build.project_community(project, ganfeng)
        for month, title in ((4, "项目启动"), (7, "阶段进展"), (11, "年度小结")):
            await build.update(
                project,
                lead,
                dt.datetime(2023, month, 15, 9, 0, tzinfo=dt.UTC),
                f"{name}:{title}",
                f"{name}项目{title}(示例动态)",
            )
    await build.participant(demo, bureau, "lead", dt.date(2022, 1, 1))
    await build.participant(demo, university, "partner", dt.date(2022, 1, 1))
    await build.participant(demo, ganfeng, "host", dt.date(2022, 1, 1))
    await build.participant(demo, top100[0], "service_provider", dt.date(2022, 3, 1))
    await build.participant(demo, team, "volunteer", dt.date(2022, 3, 1))
    await build.project_community(demo, ganfeng)
    await build.update(
        demo,
        bureau,
        dt.datetime(2022, 1, 20, 9, 0, tzinfo=dt.UTC),
        "签订框架合作协议",
        "德清县民政局与浙江工商大学签订框架合作协议",
    )
    await build.update(
        demo,
        university,
        dt.datetime(2022, 3, 10, 9, 0, tzinfo=dt.UTC),
        "阜溪街道设立实践基地",
        "在阜溪街道设立实践基地",
    )
    await build.allocation(
        fund, Decimal(50000), "幸福管家项目经费", dt.date(2023, 4, 1), project=projects["幸福管家"]
    )
    await build.allocation(
        fund, Decimal(30000), "社区微治理", dt.date(2023, 5, 1), community=ganfeng
    )

    # Collaboration links: each rests on the report's words or is marked as an illustration.
    platform = (
        "以社区平台为依托、社会组织为载体、社会工作者为支撑、社区志愿者服务为补充,整合社区慈善资源"
    )
    since = dt.date(2022, 1, 1)
    await build.link(
        bureau,
        university,
        "agreement",
        "2022年年初,德清县民政局和浙江工商大学签订框架合作协议",
        since=since,
        weight=3,
        agreement=agreement,
    )
    await build.link(
        bureau,
        ganfeng,
        "guidance",
        "康乾街道干丰社区是全市民政系统五社联动优秀案例",
        since=dt.date(2023, 1, 1),
        weight=2,
        illustrative=True,  # an honour of the city's system, not the bureau's guidance
    )
    await build.link(
        university,
        top100[0],
        "co_participation",
        platform,
        since=dt.date(2022, 3, 1),
        weight=2,
        project=demo,
        illustrative=True,
    )
    await build.link(
        top100[0],
        ganfeng,
        "co_participation",
        platform,
        since=dt.date(2022, 3, 1),
        weight=3,
        project=demo,
        illustrative=True,  # the report names no agency working in 干丰社区
    )
    await build.link(
        team,
        ganfeng,
        "membership",
        "社区志愿者服务为补充",
        since=dt.date(2022, 3, 1),
        weight=2,
        illustrative=True,
    )
    await build.link(
        top100[0],
        team,
        "co_participation",
        platform,
        since=dt.date(2022, 3, 1),
        project=demo,
        illustrative=True,
    )
    await build.link(
        fund,
        ganfeng,
        "resource_flow",
        "整合社区慈善资源",
        since=dt.date(2023, 5, 1),
        weight=1.5,
        illustrative=True,
    )
    await build.link(
        fund,
        top100[0],
        "resource_flow",
        "整合社区慈善资源",
        since=dt.date(2023, 4, 1),
        project=projects["幸福管家"],
        illustrative=True,
    )
    for worker in workers:
        await build.link(
            top100[0],
            worker,
            "employment",
            "社会工作者为支撑(示例社工)",
            since=dt.date(2021, 6, 1),
            illustrative=True,
        )
        await build.link(
            worker,
            ganfeng,
            "co_participation",
            "依托社会工作站开展专业服务",
            since=dt.date(2022, 3, 1),
            illustrative=True,
        )
    for name, _, lead in named:
        await build.link(
            lead,
            ganfeng,
            "co_participation",
            PROJECTS,
            since=dt.date(2023, 3, 1),
            project=projects[name],
            illustrative=True,  # the county's projects; the report ties none to 干丰社区
        )
        await build.link(
            bureau,
            lead,
            "guidance",
            "德清县民政局购买社会工作服务(示例)",
            since=dt.date(2023, 3, 1),
            project=projects[name],
            illustrative=True,
        )
    for org in brands[1:] + top100[1:]:
        await build.link(
            bureau,
            org,
            "partnership",
            "成功培育全国百强社工机构3家、省级品牌社会组织3家",
            since=dt.date(2023, 1, 1),
        )
    for community in prepared:
        await build.link(
            bureau,
            community,
            "guidance",
            "完成了洛舍镇洛漾社区、禹越镇东港社区、康乾街道金鹅湖社区等筹建",
            since=dt.date(2023, 1, 1),
        )
    await build.link(
        brands[0],
        prepared[2],
        "co_participation",
        "社区微治理(示例)",
        since=dt.date(2023, 6, 1),
        illustrative=True,
    )
