"""Honours in sheets: of an actor of any kind, found by name within the row's region, or of
a region itself; with the organizations or social workers they honour, in one register."""

from __future__ import annotations

import asyncpg

from tests.sheets_files import count, csv_bytes, exported, load, xlsx_bytes

HEADER = ["region", "actor", "award", "title", "year"]


async def test_the_demo_honours_export_with_their_actors_or_none(
    demo_conn: asyncpg.Connection,
) -> None:
    rows = await exported(demo_conn, "honours")
    # 安徽省's 20 最美城乡社区工作者, 德清县's 3 百强社工机构, 3 品牌社会组织 and its own pilot,
    # 干丰社区's 优秀案例, and 威宁's 2 领军人才, 1 拔尖人才 and 1 最美社会工作者.
    assert len(rows) == await count(demo_conn, "honour") == 32
    ganfeng = next(
        row for row in rows if row["award"] == "city_five_society_linkage_excellent_case"
    )
    assert (ganfeng["region"], ganfeng["actor"], ganfeng["year"]) == (
        "康乾街道",
        "干丰社区",
        "2023",
    )
    # 德清县's own honour names no actor.
    pilot = next(row for row in rows if row["title"] == "全省智慧社区试点优秀")
    assert (pilot["region"], pilot["actor"]) == ("德清县", "")


async def test_an_honour_of_a_region_itself_imports_once(demo_conn: asyncpg.Connection) -> None:
    before = await count(demo_conn, "honour")
    rows = [HEADER, ["乾元镇", "", "test_award", "测试荣誉", "2024"]]
    report = await load(demo_conn, csv_bytes(rows), "honours.csv", "honours")
    assert report.ok, report.problems
    assert report.counts["honours"].created == 1
    honour = await demo_conn.fetchrow(
        "select r.name, h.actor_id from honour h join region r on r.id = h.region_id "
        "where h.award = 'test_award'"
    )
    assert (honour["name"], honour["actor_id"]) == ("乾元镇", None)
    again = await load(demo_conn, csv_bytes(rows), "honours.csv", "honours")
    assert (again.counts["honours"].created, again.counts["honours"].unchanged) == (0, 1)
    assert await count(demo_conn, "honour") == before + 1


async def test_an_actor_outside_the_rows_region_is_refused(demo_conn: asyncpg.Connection) -> None:
    rows = [HEADER, ["乾元镇", "德清县民政局", "test_award", "测试荣誉", "2024"]]
    report = await load(demo_conn, csv_bytes(rows), "honours.csv", "honours")
    assert not report.written
    assert [(p.row, p.column, p.value, p.en) for p in report.problems] == [
        (2, "region", "乾元镇", "must be the region of the honoured actor")
    ]


async def test_a_register_of_organizations_and_their_honours(
    demo_conn: asyncpg.Connection,
) -> None:
    workbook = xlsx_bytes(
        {
            "社会组织": [
                ["所属地区", "类型", "名称"],
                ["乾元镇", "foundation", "乾元镇测试基金会"],
            ],
            "荣誉": [
                ["所属地区", "获誉对象", "荣誉代码", "荣誉名称", "授予年份"],
                ["乾元镇", "乾元镇测试基金会", "test_award", "测试荣誉", "2024"],
            ],
        }
    )
    report = await load(demo_conn, workbook, "register.xlsx", "organizations-with-honours")
    assert report.ok, report.problems
    assert (report.counts["organizations"].created, report.counts["honours"].created) == (1, 1)
    honoured = await demo_conn.fetchval(
        "select o.name from honour h join organization o on o.id = h.actor_id "
        "where h.award = 'test_award'"
    )
    assert honoured == "乾元镇测试基金会"


async def test_a_register_of_social_workers_and_their_honours(
    demo_conn: asyncpg.Connection,
) -> None:
    workbook = xlsx_bytes(
        {
            "social-workers": [["region", "fullName"], ["乾元镇", "测试社工"]],
            "honours": [HEADER, ["乾元镇", "测试社工", "test_award", "测试荣誉", "2024"]],
        }
    )
    report = await load(demo_conn, workbook, "register.xlsx", "social-workers-with-honours")
    assert report.ok, report.problems
    assert (report.counts["social-workers"].created, report.counts["honours"].created) == (1, 1)
    honoured = await demo_conn.fetchval(
        "select w.full_name from honour h join social_worker w on w.id = h.actor_id "
        "where h.award = 'test_award'"
    )
    assert honoured == "测试社工"
