"""Luohe city, Henan (《河南日报》): the civil-affairs door-knocking campaign of winter 2023."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from fivesoc.db.seed.builder import Builder

SOURCE = "《河南日报》"
# From the campaign's start (December 2023) to the report.
PERIOD = (dt.date(2023, 12, 1), dt.date(2024, 1, 31))
TOTALS = "全市60个社工站、178名民政社工累计走访全市困难群体12316户,解决困难群体需求316件,链接社会款物59万余元,开展各类专业服务惠及民政服务对象63296人次"

FIGURES = [
    ("social_work_stations", "社工站", 60, "stations", "exact", TOTALS),
    ("civil_affairs_social_workers", "民政社工", 178, "people", "exact", TOTALS),
    ("households_visited", "走访困难群体户数", 12316, "households", "exact", TOTALS),
    ("needs_resolved", "解决困难群体需求", 316, "needs", "exact", TOTALS),
    ("funds_and_goods_linked", "链接社会款物", 590000, "yuan", "more_than", TOTALS),
    ("person_times_served", "专业服务惠及民政服务对象", 63296, "person_times", "exact", TOTALS),
]

# "全市60个社工站": the report counts the city's stations and names none, nor says in which
# district or township each stands, so the stand-ins belong to the city, the level where the
# report places them.
STATIONS = 60
# The county-level districts the report names.
COUNTIES = ("郾城区", "源汇区", "临颍县")


async def load(build: Builder) -> None:
    province = await build.region(None, "province", "河南省")
    city = await build.region(province, "city", "漯河市")
    await build.region_aliases(city, ("漯河",), SOURCE)  # the report's heading: 河南漯河
    counties = {name: await build.region(city, "county", name) for name in COUNTIES}
    longcheng = await build.region(counties["郾城区"], "township", "龙城镇")
    ganhechen = await build.region(counties["源汇区"], "township", "干河陈街道")
    daliu = await build.region(counties["源汇区"], "township", "大刘镇")
    await build.indicators(city, PERIOD, SOURCE, FIGURES)

    bureau = await build.organization(city, "civil_affairs_bureau", "漯河市民政局")
    street_office = await build.organization(ganhechen, "civil_affairs_bureau", "干河陈街道民政所")
    home = await build.site(daliu, "childrens_home", "大刘镇儿童之家")
    # The photo caption: "在漯河市源汇区大刘镇的一处儿童之家,民政社工带领村里的留守儿童开展交通
    # 安全教育等活动". Undated and uncounted: the campaign's month stands for its date, and
    # its person-times are not reported.
    await build.activity(
        daliu,
        home,
        "community_activity",
        "民政社工带领留守儿童开展交通安全教育",
        dt.date(2023, 12, 1),
        precision="month",
    )
    # "帮爷爷联系社区医院上门问诊""将王大爷送往社区医院就医": the report names no hospital;
    # this one stands in for 干河陈街道's.
    await build.site(ganhechen, "community_hospital", "干河陈街道社区医院", illustrative=True)
    village = await build.community(counties["临颍县"], "西五里头村", kind="village")

    stations = [
        await build.site(
            city, "social_work_station", f"漯河市社工站{number:02d}", illustrative=True
        )
        for number in range(1, STATIONS + 1)
    ]
    # "178名民政社工": counted, with no certificate levels. The stand-ins' levels and stations
    # are made up, so they are illustrative and statistics of counted records leave them out.
    workers = []
    for index in range(178):
        level = ("none", "assistant", "intermediate")[index % 3]
        workers.append(
            await build.social_worker(
                city,
                role="civil_affairs_social_worker",
                level=level,
                certified_year=None if level == "none" else 2016 + index % 8,
                station=stations[index % len(stations)],
                employer=bureau,
                illustrative=True,
            )
        )

    # "自2023年12月起…敲响辖区孤儿、事实无人抚养儿童、特殊困难老人、低保人员、特困人员的房门"
    campaign = await build.campaign(
        city,
        bureau,
        "民政社工敲门行动",
        dt.date(2023, 12, 1),
        precision="month",
        targets=(
            "orphan",
            "de_facto_unsupported_child",
            "elderly_special_hardship",
            "minimum_allowance",
            "extreme_poverty",
        ),
    )
    # "链接社会款物59万余元": social money and goods the campaign linked, more than 590,000 yuan
    # counted together; the report gives neither donors nor dates.
    await build.resource(
        city,
        None,
        "funds_and_goods",
        "social_donation",
        "民政社工敲门行动链接社会款物",
        Decimal(590000),
        None,
        qualifier="more_than",
        campaign=campaign,
        quote=TOTALS,
    )
    for worker in workers[:6]:
        await build.link(
            bureau,
            worker,
            "employment",
            "漯河市民政局号召民政社工在冬季主动敲响困难群体的房门",
            since=dt.date(2023, 12, 1),
            illustrative=True,  # the report says the bureau calls on them, not that it employs them
        )
    await build.link(
        workers[2],
        street_office,
        "referral",
        "社工问明情况,立刻联系街道民政所,将王大爷送往社区医院就医",
        since=dt.date(2023, 12, 10),
    )

    # Households modelled on the report's stories; every person in them is made up.
    left_behind = await build.household(
        longcheng,
        None,
        ["left_behind_child"],
        "龙城镇(示例地址)",
        [("grandparent", 1950), ("grandchild", 2013)],
    )
    family = await build.household(
        longcheng,
        None,
        ["minimum_allowance"],
        "龙城镇(示例地址)",
        [("head", 1975), ("child", 2002), ("child", 2005), ("child", 2008)],
    )
    elderly = await build.household(
        ganhechen, None, ["elderly_special_hardship"], "干河陈街道(示例地址)", [("head", 1948)]
    )
    alone = await build.household(
        counties["临颍县"],
        village,
        ["extreme_poverty", "living_alone"],
        "西五里头村(示例地址)",
        [("head", 1946)],
    )

    visit = await build.visit(
        campaign, left_behind, workers[0], dt.date(2023, 12, 8), "祖父突感身体不适,父母长期在外务工"
    )
    await build.need(
        left_behind,
        visit,
        "medical",
        "联系社区医院上门问诊",
        "resolved",
        dt.date(2023, 12, 8),
        resolved_on=dt.date(2023, 12, 8),
    )
    await build.need(
        left_behind,
        visit,
        "safety",
        "教孩子用微信语音联系社工",
        "resolved",
        dt.date(2023, 12, 8),
        resolved_on=dt.date(2023, 12, 9),
    )
    visit = await build.visit(
        campaign, family, workers[1], dt.date(2023, 12, 12), "家中二女儿感到不被理解"
    )
    await build.need(
        family,
        visit,
        "family_relations",
        "家庭沟通调解",
        "resolved",
        dt.date(2023, 12, 12),
        resolved_on=dt.date(2023, 12, 20),
    )
    visit = await build.visit(
        campaign, elderly, workers[2], dt.date(2023, 12, 10), "身体不适,腿脚不便,担心外出就医"
    )
    # "社工问明情况,立刻联系街道民政所,将王大爷送往社区医院就医,诊疗结束又将王大爷送回家中,
    # 对药品服用频次做好标注": referred to the street office at once and seen to the end. The
    # report dates none of it; referral and resolution are on the day of the (stand-in) visit,
    # as "立刻" and the same trip home imply.
    await build.need(
        elderly,
        visit,
        "medical",
        "送往社区医院就医并标注服药频次",
        "resolved",
        dt.date(2023, 12, 10),
        referred_to=street_office,
        referred_on=dt.date(2023, 12, 10),
        resolved_on=dt.date(2023, 12, 10),
    )
    visit = await build.visit(
        campaign, alone, workers[3], dt.date(2023, 12, 15), "行动不便,无法打扫庭院"
    )
    await build.need(
        alone,
        visit,
        "daily_living",
        "打扫卫生,收拾庭院",
        "resolved",
        dt.date(2023, 12, 15),
        resolved_on=dt.date(2023, 12, 15),
    )
    # "现场为老人讲解安全手环的使用方法": explained on the spot, so resolved on the day of the
    # (stand-in) visit; the report gives no date.
    await build.need(
        alone,
        visit,
        "safety",
        "讲解安全手环的使用方法",
        "resolved",
        dt.date(2023, 12, 15),
        resolved_on=dt.date(2023, 12, 15),
    )
