"""Weining county, Bijie, Guizhou (威宁自治县民政局): social-work talent and services in 2023."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from fivesoc.db.seed.builder import Builder

SOURCE = "威宁自治县民政局"
PERIOD = (dt.date(2023, 1, 1), dt.date(2023, 12, 31))
NATIONAL_PLATFORM = "中国社会工作网"
# Where the bureau reaches candidates and keeps its registry.
PLATFORMS = [
    (
        "威宁社工考试微信群",
        "推送报考信息、提供考前辅导并做好答疑解惑",
        "通过威宁社工考试微信群和开通咨询热线推送报考信息、提供考前辅导并做好答疑解惑",
    ),
    (
        "社工考试咨询热线",
        "推送报考信息、答疑解惑",
        "通过威宁社工考试微信群和开通咨询热线推送报考信息、提供考前辅导并做好答疑解惑",
    ),
    (
        "威宁自治县社工人才信息库",
        "对取得助理社会工作师、社会工作师资格证书的人员进行系统信息录入",
        "同步建立威宁自治县社工人才信息库",
    ),
    (
        NATIONAL_PLATFORM,
        "持证人员纳入中国社会工作网进行统一管理",
        "纳入中国社会工作网进行统一管理,真正做到底数清、情况明",
    ),
]
EXAMS = "2023年,全县报名参加社会工作者职业水平考试人数达到521人,同比增长189%,共有90人通过考试,同比增长92%"
TALENTS = "先后有2人被评为威宁县首批社会工作领军人才,1人被评为毕节市第二批拔尖人才,1人获贵州省第二届最美社会工作者荣誉称号"
SERVICES = "全县41个社工站累计开展个案服务148个、小组服务67个、社区活动85场,累计受益3.8万余人次"
FUNDS = "积极争取上级资金支持66万元、落实本级财政预算32万元购买社会工作服务"
CERTIFIED = "目前全县持证社工 125 人,其中助理社会工作师 94 人,社会工作师 31 人"

FIGURES = [
    ("exam_registrations", "社会工作者职业水平考试报名人数", 521, "people", "exact", EXAMS),
    ("exam_registrations_growth", "报名人数同比增长", 189, "percent", "exact", EXAMS),
    ("exam_passes", "通过考试人数", 90, "people", "exact", EXAMS),
    ("exam_passes_growth", "通过人数同比增长", 92, "percent", "exact", EXAMS),
    (
        "continuing_education_hours_required",
        "持证人员每人年均继续教育学时",
        90,
        "hours",
        "exact",
        "确保持证人员每人年均学习时长达到90学时以上",
    ),
    ("leading_social_work_talents", "威宁县首批社会工作领军人才", 2, "talents", "exact", TALENTS),
    ("city_top_talents", "毕节市第二批拔尖人才", 1, "talents", "exact", TALENTS),
    (
        "provincial_most_beautiful_social_workers",
        "贵州省第二届最美社会工作者",
        1,
        "talents",
        "exact",
        TALENTS,
    ),
    (
        "higher_level_funds",
        "争取上级资金",
        660000,
        "yuan",
        "exact",
        FUNDS,
    ),
    (
        "local_budget_social_work_services",
        "本级财政预算购买社会工作服务",
        320000,
        "yuan",
        "exact",
        FUNDS,
    ),
    ("social_work_stations", "社工站", 41, "stations", "exact", SERVICES),
    ("case_services", "个案服务", 148, "cases", "exact", SERVICES),
    ("group_services", "小组服务", 67, "groups", "exact", SERVICES),
    ("community_activities", "社区活动", 85, "activities", "exact", SERVICES),
    ("beneficiary_person_times", "累计受益人次", 38000, "person_times", "more_than", SERVICES),
    ("certified_social_workers", "持证社工", 125, "people", "exact", CERTIFIED),
    ("assistant_social_workers", "助理社会工作师", 94, "people", "exact", CERTIFIED),
    ("intermediate_social_workers", "社会工作师", 31, "people", "exact", CERTIFIED),
]

# Exam registrations and passes as records: 521 registered and 90 passed in 2023; 180 and 47
# in 2022: 521 / 180 = +189.4% (reported +189%) and 90 / 47 = +91.5% (reported +92%; 47 is the
# whole number of passes nearest to it, 46 would give +95.7%).
EXAM_YEARS = {2022: (180, 47), 2023: (521, 90)}

# Services of 2023 by kind; person-times over the 300 add up to 38,000.
SERVICE_KINDS = [
    ("case_work", "个案服务", 148),
    ("group_work", "小组服务", 67),
    ("community_activity", "社区活动", 85),
]
PERSON_TIMES = 38000


async def load(build: Builder) -> None:
    province = await build.region(None, "province", "贵州省")
    bijie = await build.region(province, "city", "毕节市")
    county = await build.region(bijie, "county", "威宁彝族回族苗族自治县")
    # The report's own names for the county: 威宁自治县 throughout, 威宁县 once, and 威宁.
    await build.region_aliases(county, ("威宁自治县", "威宁县", "威宁"), SOURCE)
    await build.indicators(county, PERIOD, SOURCE, FIGURES)

    bureau = await build.organization(county, "civil_affairs_bureau", "威宁自治县民政局")
    culture = await build.organization(county, "government_department", "威宁自治县文体广电旅游局")
    centre = await build.organization(county, "cultural_institution", "威宁自治县文化馆")
    await build.organization_aliases(centre, ("县文化馆",), SOURCE)
    college = await build.university(province, "贵州工贸职业学院")
    stations = [
        await build.site(
            county, "social_work_station", f"威宁自治县社工站{n:02d}", illustrative=True
        )
        for n in range(1, 42)
    ]

    workers = []
    for index in range(125):
        level = "assistant" if index < 94 else "intermediate"
        workers.append(
            await build.social_worker(
                county,
                role="social_worker",
                level=level,
                certified_year=2015 + index % 9,
                station=stations[index % len(stations)],
                employer=bureau if index % 2 == 0 else None,
            )
        )
    # The four honoured workers: the report counts them but names none (stand-ins).
    honours = [
        ("county_leading_talent", "社会工作领军人才", "威宁县", "首批"),
        ("county_leading_talent", "社会工作领军人才", "威宁县", "首批"),
        ("city_top_talent", "拔尖人才", "毕节市", "第二批"),
        ("provincial_most_beautiful_social_worker", "最美社会工作者", "贵州省", "第二届"),
    ]
    for worker, (award, title, awarded_by, batch) in zip(workers[-4:], honours, strict=True):
        await build.honour(
            county,
            worker,
            award,
            title,
            2023,
            awarded_by=awarded_by,
            batch=batch,
            source=SOURCE,
            quote=TALENTS,
            illustrative=True,
        )
    # "确保持证人员每人年均学习时长达到90学时以上": every certified worker meets the 90 hours.
    # The report gives no worker's hours; each logs two made-up courses in 2023, 96 hours in all.
    education = []
    for worker in workers:
        education.append((worker, 2023, "网络平台继续教育", Decimal(72)))
        education.append((worker, 2023, "社工实务培训", Decimal(24)))
    await build.education(education)
    exams = []
    for year, (registered, passed) in EXAM_YEARS.items():
        for index in range(registered):
            level = "intermediate" if index % 5 == 0 else "assistant"
            exams.append((county, year, level, index < passed))
    await build.exams(exams)

    series = await build.project(
        county,
        bureau,
        "2023年推进“五社联动·关爱一小一老”社工系列活动",
        "publicity",
        "以第17个国际社工日为契机,通过发放资料、文艺表演、展示成果等形式进行社工宣传",
        dt.date(2023, 3, 21),
        status="completed",
    )
    await build.participant(series, bureau, "lead", dt.date(2023, 3, 21))
    for partner in (culture, centre, college):
        await build.participant(series, partner, "partner", dt.date(2023, 3, 21))
        await build.link(
            bureau,
            partner,
            "co_participation",
            "联合威宁自治县文体广电旅游局、县文化馆和贵州工贸职业学院开展社工系列活动",
            since=dt.date(2023, 3, 21),
            weight=1,
            project=series,
        )
    await build.update(
        series,
        bureau,
        dt.datetime(2023, 3, 21, 9, 0, tzinfo=dt.UTC),
        "国际社工日系列活动",
        "发放资料、文艺表演、展示成果(示例动态)",
    )

    # "积极争取上级资金支持66万元、落实本级财政预算32万元购买社会工作服务": government funds
    # the bureau spends on purchasing social-work services, not social charity.
    for origin, name, amount in (
        ("higher_level", "上级资金", Decimal(660000)),
        ("local_budget", "本级财政预算", Decimal(320000)),
    ):
        await build.government_fund(
            county,
            origin,
            name,
            "购买社会工作服务",
            amount,
            2023,
            spent_by=bureau,
            source=SOURCE,
            quote=FUNDS,
        )

    # "四个强化": the four ways the bureau strengthened social work, as the report heads them.
    four = await build.practice(
        county,
        "method",
        "四个强化",
        description="助力社会工作发展和社工人才培养",
        owner=bureau,
        source=SOURCE,
        quote="“四个强化”助力社会工作发展和社工人才培养",
    )
    await build.parts(
        four,
        county,
        "method",
        ("强化宣传引导", "强化能力提升", "强化信息登记", "强化经费保障"),
        SOURCE,
        "强化宣传引导,营造发展氛围。强化能力提升,壮大人才队伍。强化信息登记,助力人才管理。"
        "强化经费保障,推动工作落实。",
    )
    for name, description, quote in PLATFORMS:
        national = name == NATIONAL_PLATFORM  # the bureau uses it but does not run it
        await build.practice(
            county,
            "platform",
            name,
            description=description,
            owner=None if national else bureau,
            started_on=None if national else dt.date(2023, 1, 1),
            precision="day" if national else "year",
            source=SOURCE,
            quote=quote,
        )
    await build.policy_event(
        county,
        "notice",
        "关于社会工作者职业水平考试报名通知",
        issued_by="威宁自治县民政局",
        organization=bureau,
        dated_on=dt.date(2023, 1, 1),
        precision="year",
        source=SOURCE,
        quote="第一时间印发关于社会工作者职业水平考试报名通知",
    )
    # The 17th International Social Work Day: the third Tuesday of March 2023.
    await build.policy_event(
        county,
        "observance",
        "第17个国际社工日",
        dated_on=dt.date(2023, 3, 21),
        summary="以第17个国际社工日为契机开展2023年推进“五社联动·关爱一小一老”社工系列活动",
        source=SOURCE,
        quote="以第17个“国际社工日”为契机",
    )

    activities = []
    serial = 0
    total = sum(count for _, _, count in SERVICE_KINDS)
    for kind, label, count in SERVICE_KINDS:
        for number in range(count):
            station_index = serial % len(stations)
            # Spread 38,000 person-times evenly: the first (38000 % 300) get one more.
            person_times = PERSON_TIMES // total + (1 if serial < PERSON_TIMES % total else 0)
            held_on = dt.date(2023, 1, 1) + dt.timedelta(days=serial % 365)
            activities.append(
                (
                    county,
                    None,
                    stations[station_index],
                    bureau,
                    kind,
                    f"{label}{number + 1:03d}",
                    held_on,
                    person_times,
                )
            )
            serial += 1
    await build.activities(activities)
