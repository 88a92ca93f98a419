"""Anhui province (《安徽日报》): the province's social-work workforce in 2023."""

from __future__ import annotations

import datetime as dt

from fivesoc.db.seed.builder import Builder

SOURCE = "《安徽日报》"
PERIOD = (dt.date(2023, 1, 1), dt.date(2023, 12, 31))

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
        "安徽省民政厅联合财政、人社、教育等 13 家省直部门出台《关于加强新时代社会工作专业人才队伍建设的实施意见》",
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
    await build.training_programme(
        university, province, "社会工作学院学历提升", dt.date(2023, 1, 1), 3372
    )
    await build.link(
        bureau,
        university,
        "partnership",
        "安徽省民政厅依托安徽开放大学建立社会工作学院",
        since=dt.date(2023, 1, 1),
        weight=3,
    )
    # The 20 "most beautiful" community workers chosen in 2023 (names made up).
    for _ in range(20):
        worker = await build.social_worker(province, role="community_worker")
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
