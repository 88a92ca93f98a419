"""Importing registers: all or nothing, every bad cell reported, a second import changes
nothing, a changed row updates with its version, names found within the row's region."""

from __future__ import annotations

import asyncpg

from tests.sheets_files import count, csv_bytes, exported, load, xlsx_bytes

HEADER = ["region", "kind", "name", "status", "foundedOn", "residentPopulation"]
GOOD = [
    ["乾元镇", "community", "新城社区", "active", "2020-05-01", "3200"],
    ["乾元镇", "村", "新丰村", "", "2019-01-01", ""],
]


async def test_a_csv_file_is_imported_and_a_second_import_changes_nothing(
    demo_conn: asyncpg.Connection,
) -> None:
    before = await count(demo_conn, "community")
    events = await count(demo_conn, "change_event")
    report = await load(demo_conn, csv_bytes([HEADER, *GOOD]), "communities.csv", "communities")
    assert report.ok
    assert report.written
    assert report.counts["communities"].created == 2
    assert await count(demo_conn, "community") == before + 2
    # Each imported row writes its event.
    assert await count(demo_conn, "change_event") == events + 2
    village = await demo_conn.fetchrow(
        "select kind, status, founded_on::text, resident_population from community "
        "where name = '新丰村'"
    )
    assert dict(village) == {
        "kind": "village",  # written in Chinese (村), stored as its word
        "status": "active",  # blank: the column's default
        "founded_on": "2019-01-01",
        "resident_population": None,
    }

    again = await load(demo_conn, csv_bytes([HEADER, *GOOD]), "communities.csv", "communities")
    assert again.ok
    assert (again.counts["communities"].created, again.counts["communities"].unchanged) == (0, 2)
    assert await count(demo_conn, "community") == before + 2
    assert await count(demo_conn, "change_event") == events + 2


async def test_a_file_with_bad_rows_writes_nothing_and_reports_every_bad_cell(
    demo_conn: asyncpg.Connection,
) -> None:
    before = await count(demo_conn, "community")
    events = await count(demo_conn, "change_event")
    rows = [
        HEADER,
        GOOD[0],
        ["乾元镇", "nope", "", "active", "2020-13-01", "12"],
        ["不存在镇", "community", "某社区", "active", "", ""],
        ["乾元镇", "community", "负数社区", "active", "", "-5"],
        ["乾元镇", "community", "新城社区", "active", "", "x"],
    ]
    report = await load(demo_conn, csv_bytes(rows), "communities.csv", "communities")
    assert not report.ok
    assert not report.written
    found = [(p.row, p.column, p.value, p.en, p.zh) for p in report.problems]
    assert found == [
        (
            3,
            "kind",
            "nope",
            "is not one of: community, village",
            "不是可选值之一：community, village",
        ),
        (3, "name", "", "must be filled", "必须填写"),
        (3, "foundedOn", "2020-13-01", "must be a date, YYYY-MM-DD", "须为日期，格式 YYYY-MM-DD"),
        (4, "region", "不存在镇", "names nothing", "找不到此名称"),
        (5, "residentPopulation", "-5", "must not be negative", "不能为负数"),
        (6, "residentPopulation", "x", "must be a whole number", "须为整数"),
    ]
    assert {p.sheet for p in report.problems} == {"communities"}
    assert await count(demo_conn, "community") == before
    assert await count(demo_conn, "change_event") == events


async def test_a_dry_run_reports_and_writes_nothing(demo_conn: asyncpg.Connection) -> None:
    before = await count(demo_conn, "community")
    report = await load(demo_conn, csv_bytes([HEADER, *GOOD]), "c.csv", "communities", dry_run=True)
    assert report.ok
    assert not report.written
    assert report.counts["communities"].created == 2
    assert await count(demo_conn, "community") == before


async def test_gb18030_and_bom_csv_files_read_alike(demo_conn: asyncpg.Connection) -> None:
    zh_header = ["所属地区", "类型", "名称", "状态", "成立日期", "常住人口"]
    gb = csv_bytes([zh_header, GOOD[0]], encoding="gb18030")
    report = await load(demo_conn, gb, "社区.csv", "communities")
    assert report.ok, report.problems
    assert report.counts["communities"].created == 1
    bom = b"\xef\xbb\xbf" + csv_bytes([zh_header, GOOD[0]])
    again = await load(demo_conn, bom, "社区.csv", "communities")
    assert again.ok
    assert again.counts["communities"].unchanged == 1


async def test_a_changed_row_updates_naming_its_version(demo_conn: asyncpg.Connection) -> None:
    rows = await exported(demo_conn, "grids")
    first = rows[0]
    assert (first["community"], first["name"], first["version"]) == ("干丰社区", "第1网格", "1")
    header = list(first)
    changed = {**first, "residentEstimate": "900"}
    report = await load(
        demo_conn, csv_bytes([header, list(changed.values())]), "grids.csv", "grids"
    )
    assert report.ok
    assert report.counts["grids"].updated == 1
    grid = await demo_conn.fetchrow(
        "select resident_estimate, version from grid where name = '第1网格'"
    )
    assert (grid["resident_estimate"], grid["version"]) == (900, 2)
    # The same file again names version 1, which is stale now.
    stale = {**first, "residentEstimate": "950"}
    report = await load(demo_conn, csv_bytes([header, list(stale.values())]), "g.csv", "grids")
    assert [(p.row, p.column, p.en) for p in report.problems] == [
        (2, "version", "the row is at version 2 now: export it again")
    ]
    assert (
        await demo_conn.fetchval("select resident_estimate from grid where name = '第1网格'") == 900
    )


async def test_an_ambiguous_name_lists_its_candidates(demo_conn: asyncpg.Connection) -> None:
    workbook = xlsx_bytes(
        {
            "社区": [["所属地区", "名称"], ["乾元镇", "新城社区"]],
            "网格": [["所属社区", "名称"], ["新城社区", "第1网格"]],
            "微网格": [
                ["所属网格", "名称"],
                ["第1网格", "甲"],
                ["新城社区/第1网格", "乙"],
            ],
        }
    )
    report = await load(demo_conn, workbook, "register.xlsx", "communities-with-grids")
    assert len(report.problems) == 1
    problem = report.problems[0]
    assert (problem.sheet, problem.row, problem.column, problem.value) == (
        "微网格",
        2,
        "所属网格",
        "第1网格",
    )
    assert problem.en.startswith("names 2 rows: 浙江省/湖州市/德清县/康乾街道 (R3JpZDo")
    assert "浙江省/湖州市/德清县/乾元镇 (R3JpZDo" in problem.en
    assert problem.en.endswith("write `parent/name` to choose one")
    assert problem.zh.startswith("同名记录有 2 条：")
    assert await count(demo_conn, "micro_grid") == 42
    assert await demo_conn.fetchval("select count(*) from community where name = '新城社区'") == 0


async def test_sheets_of_a_workbook_are_written_parents_first(
    demo_conn: asyncpg.Connection,
) -> None:
    workbook = xlsx_bytes(
        {
            # Children before parents in the workbook: the register's order decides.
            "micro-grids": [["grid", "name"], ["新城社区/第1网格", "甲"]],
            "grids": [["community", "name", "residentEstimate"], ["新城社区", "第1网格", "300"]],
            "communities": [["region", "name"], ["乾元镇", "新城社区"]],
        }
    )
    report = await load(demo_conn, workbook, "register.xlsx", "communities-with-grids")
    assert report.ok, report.problems
    assert [(name, c.created) for name, c in report.counts.items()] == [
        ("communities", 1),
        ("grids", 1),
        ("micro-grids", 1),
    ]
    assert await count(demo_conn, "micro_grid") == 43


async def test_unknown_and_missing_columns_are_reported(demo_conn: asyncpg.Connection) -> None:
    report = await load(
        demo_conn, csv_bytes([["region", "colour"], ["乾元镇", "red"]]), "c.csv", "communities"
    )
    assert [(p.row, p.column, p.en.split(";")[0]) for p in report.problems] == [
        (1, "colour", "is not a column of this sheet"),
        (1, "name", "is a required column and is missing"),
    ]


async def test_a_file_that_is_not_a_spreadsheet_is_refused(
    demo_conn: asyncpg.Connection,
) -> None:
    report = await load(demo_conn, b"not a zip", "c.xlsx", "communities")
    assert not report.ok
    assert report.problems[0].en.startswith("the file is not an XLSX workbook")
    report = await load(demo_conn, b"a,b", "c.txt", "communities")
    assert report.problems[0].en == "c.txt: only .csv and .xlsx files can be imported"


async def test_a_participation_is_added_once_and_ended_once(
    demo_conn: asyncpg.Connection,
) -> None:
    header = ["project", "actor", "role", "joinedOn", "leftOn"]
    row = ["幸福管家", "德清县品牌社会组织1", "partner", "2024-01-01", ""]
    report = await load(demo_conn, csv_bytes([header, row]), "p.csv", "project-participants")
    assert report.counts["project-participants"].created == 1
    ended = [*row[:4], "2024-06-30"]
    report = await load(demo_conn, csv_bytes([header, ended]), "p.csv", "project-participants")
    assert report.counts["project-participants"].updated == 1
    moved = [*row[:3], "2024-02-01", "2024-06-30"]
    report = await load(demo_conn, csv_bytes([header, moved]), "p.csv", "project-participants")
    assert [(p.column, p.en) for p in report.problems] == [
        ("joinedOn", "the participation began on 2024-01-01; an import does not move it")
    ]
    events = await demo_conn.fetch(
        "select type from change_event where entity_type = 'ProjectParticipant' order by id"
    )
    assert [e["type"] for e in events][-2:] == [
        "project_participant.added",
        "project_participant.ended",
    ]


async def test_an_xlsx_export_in_chinese_imports_back_unchanged(
    demo_conn: asyncpg.Connection,
) -> None:
    from fivesoc.sheets import exporting
    from fivesoc.sheets.layout import SHEETS
    from tests.sheets_files import ADMIN

    async with demo_conn.transaction():
        content = await exporting.xlsx_bytes(demo_conn, SHEETS["service-sites"], ADMIN, None, "zh")
    report = await load(demo_conn, content, "站点.xlsx", "service-sites")
    assert report.ok, report.problems[:3]
    counts = report.counts["service-sites"]
    # Every one of the demo's 202 service sites.
    assert (counts.created, counts.updated, counts.unchanged) == (0, 0, 202)


def test_the_rules_messages_have_their_chinese() -> None:
    from fivesoc.sheets.report import chinese

    assert chinese("must be a year between 2008 and 2100") == "须为 2008 至 2100 之间的年份"
    assert chinese("another grid of the community has this name") == "已有同名记录"
    assert chinese("the grid is archived") == "该记录已归档，不能更改"
    # A message without a known Chinese is shown as it is.
    assert chinese("something else") == "something else"
