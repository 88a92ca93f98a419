"""Anhui province (《安徽日报》): the province's social-work workforce in 2023."""

from __future__ import annotations

import datetime as dt

from fivesoc.db.seed.builder import Builder

SOURCE = "《安徽日报》"
PERIOD = (dt.date(2023, 1, 1), dt.date(2023, 12, 31))

OPINIONS = (
    "安徽省民政厅联合财政、人社、教育等 13 家省直部门出台《关于加强新时代社会工作专业人才队伍建设"
    "的实施意见》"
)
PROJECTS = "依托安徽开放大学建立社会工作学院,实施学历提升、持证率提升和实务能力提升三项工程"

FIGURES = [
    (
        "certified_social_workers",
        "持证社会工作者",
        33000,
        "people",
        "about",  # 3.3万: rounded to the thousand
        "全省持证社会工作者达到 3.3万人",
    ),
    (
        "social_work_professionals",
        "社工专业人才总量",
        130000,
        "people",
        "more_than",
        "社工专业人才总量超过13万人",
    ),
    (
        "implementation_opinion_departments",
        "联合出台实施意见的省直部门",
        13,
        "departments",
        "exact",
        OPINIONS,
    ),
    (
        "social_work_college_enrolment",
        "安徽开放大学社会工作学院累计招收学员",
        3372,
        "students",
        "exact",
        "依托安徽开放大学建立社会工作学院……累计招收学员3372人",
    ),
    (
        "most_beautiful_community_workers",
        "全省最美城乡社区工作者",
        20,
        "people",
        "exact",
        "选树全省最美城乡社区工作者 20 名",
    ),
    (
        "excellent_community_work_methods",
        "优秀社区工作法",
        16,
        "methods",
        "exact",
        "评选优秀社区工作法 16 个",
    ),
    (
        "graduates_recruited_to_communities",
        "招录到社区就业的应届毕业生",
        1059,
        "people",
        "exact",
        "招录 1059 名应届毕业生到社区就业",
    ),
    (
        "community_workers_per_10k_urban_residents",
        "每万名城镇常住人口拥有社区工作者",
        13.7,
        "per_10k_urban_residents",
        "exact",
        "2023 年年底,每万名城镇常住人口拥有社区工作者达到 13.7 人",
    ),
]


async def load(build: Builder) -> None:
    province = await build.region(None, "province", "安徽省")
    hefei = await build.region(province, "city", "合肥市")
    await build.indicators(province, PERIOD, SOURCE, FIGURES)

    bureau = await build.organization(province, "civil_affairs_bureau", "安徽省民政厅")
    university = await build.university(hefei, "安徽开放大学")
    # The enrolment is counted "累计", since the college began; the report dates only 2023.
    await build.training_programme(
        university, province, "社会工作学院学历提升", dt.date(2023, 1, 1), 3372, "year"
    )
    college = await build.organization(hefei, "other", "安徽开放大学社会工作学院")
    await build.organization_aliases(college, ("社会工作学院",), SOURCE)
    await build.link(
        college,
        university,
        "membership",
        "安徽省民政厅依托安徽开放大学建立社会工作学院",
        since=dt.date(2023, 1, 1),
    )
    await build.link(
        bureau,
        college,
        "guidance",
        "安徽省民政厅依托安徽开放大学建立社会工作学院,实施学历提升、持证率提升和实务能力提升三项工程",
        since=dt.date(2023, 1, 1),
    )
    # The departments the report names among the 13 that joined the opinions: 财政、人社、教育.
    for name, short in (
        ("安徽省财政厅", "财政"),
        ("安徽省人力资源和社会保障厅", "人社"),
        ("安徽省教育厅", "教育"),
    ):
        department = await build.organization(province, "government_department", name)
        await build.organization_aliases(department, (short,), SOURCE)
        await build.link(bureau, department, "partnership", OPINIONS, since=dt.date(2023, 1, 1))
    await build.policy_event(
        province,
        "document",
        "关于加强新时代社会工作专业人才队伍建设的实施意见",
        issued_by="安徽省民政厅联合财政、人社、教育等13家省直部门",
        organization=bureau,
        dated_on=dt.date(2023, 1, 1),
        precision="year",  # 2023年年初: early in the year, no month given
        summary="为人才队伍建设绘制路线图",
        source=SOURCE,
        quote=OPINIONS,
    )
    await build.policy_event(
        province,
        "work_plan",
        "安徽省委人才工作小组工作要点",
        issued_by="安徽省委人才工作小组",
        dated_on=dt.date(2023, 1, 1),
        precision="year",
        source=SOURCE,
        quote="按照安徽省委人才工作小组工作要点部署",
    )
    # "记者从近日召开的全省民政工作会议上获悉": held shortly before the report, undated.
    await build.policy_event(
        province,
        "meeting",
        "全省民政工作会议",
        summary="会上通报2023年全省社会工作专业人才队伍建设情况",
        source=SOURCE,
        quote="记者从近日召开的全省民政工作会议上获悉",
    )
    projects = await build.practice(
        province,
        "programme",
        "三项工程",
        description="学历提升、持证率提升和实务能力提升,开展社会工作成人教育",
        owner=college,
        started_on=dt.date(2023, 1, 1),
        precision="year",
        source=SOURCE,
        quote=PROJECTS,
    )
    await build.parts(
        projects,
        province,
        "programme",
        ("学历提升", "持证率提升", "实务能力提升"),
        SOURCE,
        PROJECTS,
    )
    await build.link(
        bureau,
        university,
        "partnership",
        "安徽省民政厅依托安徽开放大学建立社会工作学院",
        since=dt.date(2023, 1, 1),
        weight=3,
    )
    # The 20 "most beautiful" community workers chosen in 2023 (names made up; their
    # certificates, which the report does not give, are illustrative).
    for _ in range(20):
        worker = await build.social_worker(province, role="community_worker", illustrative=True)
        await build.honour(
            province,
            worker,
            "provincial_most_beautiful_community_worker",
            "全省最美城乡社区工作者",
            2023,
            awarded_by="安徽省民政厅",
            source=SOURCE,
            quote="推进社区工作者队伍建设,选树全省最美城乡社区工作者 20 名",
            illustrative=True,
        )
