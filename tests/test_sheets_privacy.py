"""Households and their members are personal data, and so is a volunteer's name: importing
and exporting them follows the grants of `fivesoc.permissions`."""

from __future__ import annotations

import asyncpg
import pytest

from fivesoc.auth import ANONYMOUS, Viewer
from fivesoc.sheets.exporting import ExportRefused
from tests.sheets_files import count, csv_bytes, exported, load

HOUSEHOLD = [
    ["region", "categories", "headName", "memberCount"],
    ["龙城镇", "orphan", "测试户主", "2"],
]


async def region(conn: asyncpg.Connection, name: str) -> int:
    key: int = await conn.fetchval("select id from region where name = $1", name)
    return key


def caseworker(*regions: int) -> Viewer:
    return Viewer(subject="caseworker", role="caseworker", region_ids=frozenset(regions))


async def test_a_role_that_may_not_write_is_refused_the_whole_file(
    demo_conn: asyncpg.Connection,
) -> None:
    before = await count(demo_conn, "household")
    analyst = Viewer(subject="analyst", role="analyst")
    report = await load(demo_conn, csv_bytes(HOUSEHOLD), "h.csv", "households", analyst)
    assert [(p.row, p.en, p.zh) for p in report.problems] == [
        (0, "your token may not write households", "您的令牌无权写入此类记录")
    ]
    assert not report.written
    assert await count(demo_conn, "household") == before


async def test_a_caseworker_writes_households_of_its_own_regions_only(
    demo_conn: asyncpg.Connection,
) -> None:
    before = await count(demo_conn, "household")
    elsewhere = caseworker(await region(demo_conn, "干河陈街道"))
    report = await load(demo_conn, csv_bytes(HOUSEHOLD), "h.csv", "households", elsewhere)
    assert [(p.row, p.column, p.en) for p in report.problems] == [
        (2, None, "your token may not write households in this region")
    ]
    assert await count(demo_conn, "household") == before

    inside = caseworker(await region(demo_conn, "龙城镇"))
    report = await load(demo_conn, csv_bytes(HOUSEHOLD), "h.csv", "households", inside)
    assert report.ok
    assert report.written
    assert await count(demo_conn, "household") == before + 1
    # The event names the fields written, never their personal values.
    summary = await demo_conn.fetchval(
        "select summary::text from change_event where type = 'household.created'"
    )
    assert "测试户主" not in summary
    assert "headName" in summary


async def test_a_caseworker_writes_public_records_of_its_own_regions_only(
    demo_conn: asyncpg.Connection,
) -> None:
    rows = [["region", "name"], ["乾元镇", "新城社区"], ["龙城镇", "新龙社区"]]
    inside = caseworker(await region(demo_conn, "龙城镇"))
    report = await load(demo_conn, csv_bytes(rows), "c.csv", "communities", inside)
    assert [(p.row, p.en) for p in report.problems] == [
        (2, "your token may not write communities in this region")
    ]
    assert await demo_conn.fetchval("select count(*) from community where name = '新龙社区'") == 0


async def test_households_are_exported_only_to_those_who_may_read_them(
    demo_conn: asyncpg.Connection,
) -> None:
    with pytest.raises(ExportRefused, match="may not read households: they are personal data"):
        await exported(demo_conn, "households", ANONYMOUS)
    admin = await exported(demo_conn, "households")
    assert [row["headName"] for row in admin] == ["李伟悦", "刘宇", "赵霞磊", "吴华浩"]
    own = await exported(demo_conn, "households", caseworker(await region(demo_conn, "龙城镇")))
    assert [(row["region"], row["headName"]) for row in own] == [
        ("龙城镇", "李伟悦"),
        ("龙城镇", "刘宇"),
    ]


async def test_a_volunteers_name_is_exported_only_to_those_who_may_read_it(
    demo_conn: asyncpg.Connection,
) -> None:
    anonymous = await exported(demo_conn, "volunteers", ANONYMOUS)
    assert len(anonymous) == 5
    assert {row["fullName"] for row in anonymous} == {""}
    assert anonymous[0]["serviceHours"] == "120.0"
    inside = await exported(
        demo_conn, "volunteers", caseworker(await region(demo_conn, "康乾街道"))
    )
    assert [row["fullName"] for row in inside] == ["马悦", "朱莉怡", "胡芳霞", "郭兰", "何洋健"]
    elsewhere = await exported(
        demo_conn, "volunteers", caseworker(await region(demo_conn, "龙城镇"))
    )
    assert {row["fullName"] for row in elsewhere} == {""}


async def test_an_export_keeps_to_a_region(demo_conn: asyncpg.Connection) -> None:
    rows = await exported(demo_conn, "communities", region=await region(demo_conn, "德清县"))
    assert [row["name"] for row in rows] == ["干丰社区", "洛漾社区", "东港社区", "金鹅湖社区"]
