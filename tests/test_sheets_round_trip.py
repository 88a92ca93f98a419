"""Each sheet round-trips: template → filled → import → export → the same values."""

from __future__ import annotations

import io

import asyncpg
import openpyxl
import pytest

from fivesoc.sheets.layout import SHEETS
from fivesoc.sheets.templates import template
from tests.sheets_files import exported, load

# One row per sheet, by English header, as an export writes it; references are names of the
# demo data (or of rows these rows create).
ROWS: dict[str, dict[str, str]] = {
    "communities": {
        "region": "乾元镇", "kind": "village", "name": "测试村", "status": "active",
        "foundedOn": "2020-01-02", "foundedOnPrecision": "day", "residentPopulation": "1200",
    },
    "grids": {"community": "干丰社区", "name": "第9网格", "residentEstimate": "300"},
    "micro-grids": {"grid": "干丰社区/第1网格", "name": "第1网格第9微网格"},
    "service-sites": {
        "region": "乾元镇", "community": "", "kind": "childrens_home", "name": "乾元镇测试儿童之家",
        "openedOn": "2021-03-04", "closedOn": "", "isIllustrative": "false",
    },
    "organizations": {
        "region": "德清县", "kind": "foundation", "name": "德清县测试基金会",
        "foundedOn": "2019-05-06", "isIllustrative": "false",
    },
    "social-workers": {
        "region": "乾元镇", "employer": "德清县民政局", "station": "", "role": "social_worker",
        "fullName": "测试社工", "isFictional": "true", "certificationLevel": "assistant",
        "certifiedYear": "2020", "isIllustrative": "false",
    },
    "volunteer-teams": {
        "region": "康乾街道", "community": "干丰社区", "name": "测试志愿服务队",
        "foundedOn": "2022-02-02", "isIllustrative": "false",
    },
    "volunteers": {
        "team": "干丰社区邻里志愿服务队", "community": "干丰社区", "region": "康乾街道",
        "fullName": "测试志愿者", "isFictional": "true", "serviceHours": "12.5",
        "joinedOn": "2023-01-01",
    },
    "projects": {
        "region": "德清县", "lead": "德清县民政局", "name": "测试项目", "domain": "children",
        "status": "active", "summary": "测试", "startsOn": "2024-01-01", "endsOn": "2024-12-31",
        "isIllustrative": "false",
    },
    "project-participants": {
        "project": "幸福管家", "actor": "德清县品牌社会组织1", "role": "partner",
        "joinedOn": "2024-01-01", "leftOn": "2024-06-30",
    },
    "collaboration-links": {
        "source": "德清县民政局", "target": "干丰社区", "kind": "referral", "since": "2024-01-01",
        "until": "", "weight": "2.000", "project": "", "agreement": "", "evidence": "测试依据",
        "isIllustrative": "false",
    },
    "honours": {
        "region": "德清县", "actor": "德清县百强社工机构2", "award": "test_award",
        "title": "测试荣誉", "awardedBy": "浙江省民政厅", "year": "2024", "batch": "第二批",
        "source": "测试来源", "quote": "", "isIllustrative": "false",
    },
    "households": {
        "region": "龙城镇", "community": "", "categories": "orphan;minimum_allowance",
        "headName": "测试户主", "address": "龙城镇测试地址", "memberCount": "2",
        "isFictional": "true",
    },
    "household-members": {
        "household": "李伟悦", "fullName": "测试成员", "relation": "child", "birthYear": "2015",
    },
    "reported-indicators": {
        "region": "德清县", "metric": "test_metric", "label": "测试指标", "value": "12.50",
        "unit": "个", "qualifier": "exact", "periodStart": "2024-01-01", "periodEnd": "2024-12-31",
        "source": "测试来源", "quote": "",
    },
}  # fmt: skip


def test_every_sheet_has_a_row_here() -> None:
    assert set(ROWS) == set(SHEETS)
    for name, row in ROWS.items():
        assert list(row) == [col.en for col in SHEETS[name].columns], name


def filled(kind: str, lang: str, row: dict[str, str]) -> bytes:
    """The template of `kind` with `row` added under its example row (which is not imported)."""
    workbook = openpyxl.load_workbook(io.BytesIO(template(kind, lang)))
    sheet = SHEETS[kind]
    worksheet = workbook[sheet.title(lang)]
    headers = [cell.value for cell in worksheet[1]]
    assert headers == [col.header(lang) for col in sheet.columns]
    worksheet.append([row[col.en] or None for col in sheet.columns])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@pytest.mark.parametrize("kind", list(ROWS))
async def test_a_filled_template_round_trips(kind: str, demo_conn: asyncpg.Connection) -> None:
    lang = "zh" if len(kind) % 2 else "en"  # both languages, over the sheets
    row = ROWS[kind]
    report = await load(demo_conn, filled(kind, lang, row), f"{kind}.xlsx", kind)
    assert report.ok, report.problems
    assert report.counts[kind].created == 1
    rows = await exported(demo_conn, kind)
    found = [
        {header: value for header, value in each.items() if header != "version"} for each in rows
    ]
    assert row in found
    # The export read back changes nothing.
    again = await load(demo_conn, filled(kind, lang, row), f"{kind}.xlsx", kind)
    assert again.ok
    assert (again.counts[kind].created, again.counts[kind].unchanged) == (0, 1)


def test_the_template_offers_allowed_values_and_describes_each_column() -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(template("communities", "zh")))
    worksheet = workbook["社区"]
    assert [cell.value for cell in worksheet[1]] == [
        "所属地区", "类型", "名称", "状态", "成立日期", "成立日期精度", "常住人口"
    ]  # fmt: skip
    # One example row, with the Chinese term of each kind list where it has one (a date's
    # precision has none: its descriptions give examples in parentheses, not terms).
    assert [cell.value for cell in worksheet[2]] == [
        "乾元镇", "社区", None, "筹建", "2024-01-15", "year", "1"
    ]  # fmt: skip
    assert worksheet["C1"].comment.text.startswith("Name; not blank, unique within the region.")
    assert "必填" in worksheet["C1"].comment.text
    validations = {str(v.sqref): v.formula1 for v in worksheet.data_validations.dataValidation}
    assert validations == {
        "B2:B10000": "'可选值'!$A$2:$A$3",
        "D2:D10000": "'可选值'!$B$2:$B$4",
        "F2:F10000": "'可选值'!$C$2:$C$4",
    }
    values = workbook["可选值"]
    assert [cell.value for cell in values["A"]] == ["CommunityKind", "社区", "村", None]
    assert [cell.value for cell in values["B"]] == ["CommunityStatus", "筹建", "active", "merged"]
    assert [cell.value for cell in values["C"]] == ["DatePrecision", "year", "month", "day"]


def test_a_boolean_column_offers_yes_and_no() -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(template("organizations", "zh")))
    worksheet = workbook["社会组织"]
    assert [cell.value for cell in worksheet[1]][-1] == "示意记录"
    assert worksheet["E2"].value == "否"
    validations = {str(v.sqref): v.formula1 for v in worksheet.data_validations.dataValidation}
    assert validations["E2:E10000"] == '"是,否"'


def test_a_parenthesis_of_examples_is_no_chinese_term() -> None:
    from fivesoc.sheets.words import word_for, words_of

    # "Township social-work station (社工站)." names its term; "A rounded figure
    # (e.g. 13.5万)." and "The year only (e.g. 2021, 年初)." give examples.
    assert word_for("ServiceSiteKind", "社工站") == "social_work_station"
    assert [word.zh for word in words_of("DatePrecision")] == [None, None, None]
    assert word_for("Qualifier", "e.g. 13.5万") is None
