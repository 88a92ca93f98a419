"""`fivesoc import`, `fivesoc import template` and `fivesoc export` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

from tests.sheets_files import csv_bytes
from tests.test_cli import run_fivesoc

ROWS = [
    ["所属地区", "类型", "名称", "状态", "成立日期", "常住人口"],
    ["乾元镇", "社区", "新城社区", "active", "2020-05-01", "3200"],
    ["乾元镇", "nope", "", "active", "2020-13-01", "-5"],
]


def test_an_import_reports_every_problem_and_exits_2(demo_url: str, tmp_path: Path) -> None:
    path = tmp_path / "社区.csv"
    path.write_bytes(csv_bytes(ROWS, encoding="gb18030"))
    env = {"DATABASE_URL": demo_url}
    done = run_fivesoc("import", str(path), "--kind", "communities", "--quiet", env=env)
    assert done.returncode == 2, done.stderr
    assert done.stdout.splitlines() == [
        "communities: 1 to create, 0 to update, 0 unchanged (of the rows without problems)",
        "社区!3 类型 = 'nope': is not one of: community, village / 不是可选值之一：community, village",
        "社区!3 名称: must be filled / 必须填写",
        "社区!3 成立日期 = '2020-13-01': must be a date, YYYY-MM-DD / 须为日期，格式 YYYY-MM-DD",
        "3 problems: nothing was written / 有错误，未写入任何数据",
    ]
    path.write_bytes(csv_bytes(ROWS[:2]))
    done = run_fivesoc("import", str(path), "--kind", "communities", "-q", "--json", env=env)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["written"] is True
    assert report["counts"] == {"communities": {"created": 1, "updated": 0, "unchanged": 0}}
    exported = tmp_path / "out.csv"
    done = run_fivesoc(
        "export", "--kind", "communities", "--region", "乾元镇", "-o", str(exported), env=env
    )
    assert done.returncode == 0, done.stderr
    assert exported.read_text(encoding="utf-8-sig").splitlines() == [
        "version,region,kind,name,status,foundedOn,foundedOnPrecision,residentPopulation",
        "1,乾元镇,community,新城社区,active,2020-05-01,day,3200",
    ]
    done = run_fivesoc(
        "export", "--kind", "communities", "--filter", "founded.start=2020-01-01",
        "--filter", "founded.end=2022-12-31", "-o", "-", env=env,
    )  # fmt: skip
    # 干丰社区 is known to be founded in 2021, not on which day (the demo data's year).
    assert done.stdout.removeprefix("\ufeff").splitlines()[1:] == [
        "1,康乾街道,community,干丰社区,active,2021-01-01,year,6012",
        "1,乾元镇,community,新城社区,active,2020-05-01,day,3200",
    ]
    done = run_fivesoc("export", "--kind", "grids", "--filter", "kind=village", env=env)
    assert done.returncode == 1
    assert done.stderr == (
        "fivesoc: error: --filter: grids take no filter `kind`; they take: none\n"
    )


def test_a_template_is_written(tmp_path: Path) -> None:
    output = tmp_path / "t.xlsx"
    done = run_fivesoc(
        "import", "template", "--kind", "volunteers-with-teams", "--lang", "en", "-o", str(output)
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"wrote {output}\n"
    assert output.read_bytes()[:2] == b"PK"


def test_an_import_with_a_token_keeps_to_its_grants(demo_url: str, tmp_path: Path) -> None:
    from fivesoc import auth
    from tests.conftest import SECRET_KEY

    path = tmp_path / "households.csv"
    path.write_bytes(
        csv_bytes([["region", "categories", "headName"], ["龙城镇", "孤儿", "测试户主"]])
    )
    env = {"DATABASE_URL": demo_url, "FIVESOC_SECRET_KEY": SECRET_KEY}
    analyst = auth.issue_token(SECRET_KEY, "someone", "analyst", [])
    done = run_fivesoc(
        "import", str(path), "--kind", "households", "-q", "--token", analyst, env=env
    )
    assert done.returncode == 2
    assert done.stdout.splitlines()[-2:] == [
        "households: your token may not write households / 您的令牌无权写入此类记录",
        "1 problem: nothing was written / 有错误，未写入任何数据",
    ]
