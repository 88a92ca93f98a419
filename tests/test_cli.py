"""The `fivesoc` command: help for every command, one clear line for a bad database."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from fivesoc.db import connect


def run_fivesoc(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "fivesoc", *args],
        capture_output=True,
        text=True,
        env=environ,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    "command",
    [
        [],
        ["serve"],
        ["db"],
        ["db", "migrate"],
        ["db", "seed"],
        ["db", "reset"],
        ["token"],
        ["events"],
        ["events", "tail"],
        ["export-schema"],
        ["network"],
        ["network", "export"],
        ["import"],
        ["export"],
    ],
)
def test_every_command_has_help(command: list[str]) -> None:
    result = run_fivesoc(*command, "--help")
    assert result.returncode == 0
    assert result.stdout.startswith("usage: fivesoc")


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://root@127.0.0.1/x", "DATABASE_URL must start with postgresql://"),
        ("postgresql://127.0.0.1:notaport/x", "DATABASE_URL is malformed"),
        (
            "postgresql://postgres@127.0.0.1:1/fivesoc",
            "cannot connect to PostgreSQL at 127.0.0.1:1",
        ),
    ],
)
def test_a_bad_database_url_gives_one_clear_line(url: str, message: str) -> None:
    result = run_fivesoc("db", "migrate", env={"DATABASE_URL": url})
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("fivesoc: error: ")
    assert message in lines[0]
    assert "Traceback" not in result.stderr


def test_a_bad_setting_gives_one_clear_line() -> None:
    result = run_fivesoc("db", "migrate", env={"FIVESOC_PORT": "eighty"})
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "fivesoc: error: FIVESOC_PORT must be a whole number, got 'eighty'"
    )


def test_serve_refuses_a_number_of_workers_it_cannot_run() -> None:
    result = run_fivesoc("serve", "--workers", "0")
    assert result.returncode == 1
    assert result.stderr.strip() == "fivesoc: error: --workers must be between 1 and 64, got 0"


def test_two_migrate_commands_at_once_both_succeed(blank_url: str) -> None:
    env = {**os.environ, "DATABASE_URL": blank_url}
    command = [sys.executable, "-m", "fivesoc", "db", "migrate"]
    processes = [
        subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outputs = [process.communicate(timeout=120) for process in processes]
    assert [process.returncode for process in processes] == [0, 0], outputs
    stdouts = sorted(out for out, _ in outputs)
    assert stdouts[0].startswith("applied 0001_foundation")
    assert stdouts[1] == "database is up to date\n"

    async def ledger() -> int:
        conn = await connect.connect(blank_url)
        try:
            count: int = await conn.fetchval("select count(*) from schema_migration")
            return count
        finally:
            await conn.close()

    assert asyncio.run(ledger()) == 22  # the files in fivesoc/db/migrations


def test_seed_demo_twice_changes_nothing(migrated_url: str) -> None:
    env = {"DATABASE_URL": migrated_url}
    first = run_fivesoc("db", "seed", "--demo", env=env)
    second = run_fivesoc("db", "seed", "--demo", env=env)
    assert (first.returncode, first.stdout) == (0, "demo data loaded\n")
    assert (second.returncode, second.stdout) == (0, "demo data already loaded; nothing changed\n")


def test_seed_needs_a_migrated_database(blank_url: str) -> None:
    result = run_fivesoc("db", "seed", "--demo", env={"DATABASE_URL": blank_url})
    assert result.returncode == 1
    assert "run `fivesoc db migrate` first" in result.stderr


def test_reset_asks_for_confirmation(demo_url: str) -> None:
    refused = run_fivesoc("db", "reset", env={"DATABASE_URL": demo_url})
    assert refused.returncode == 1
    assert "confirm with --yes" in refused.stderr
    done = run_fivesoc("db", "reset", "--yes", env={"DATABASE_URL": demo_url})
    assert done.returncode == 0
    assert done.stdout == "database reset: every table dropped, 22 migrations applied\n"

    async def regions() -> int:
        conn = await connect.connect(demo_url)
        try:
            count: int = await conn.fetchval("select count(*) from region")
            return count
        finally:
            await conn.close()

    assert asyncio.run(regions()) == 0


def test_token_issues_a_token_the_server_accepts() -> None:
    from fivesoc.auth import viewer_from_token

    result = run_fivesoc(
        "token",
        "--subject",
        "alice",
        "--role",
        "caseworker",
        "--region",
        "16",
        "--region",
        "UmVnaW9uOjE3",  # Region:17
        env={"FIVESOC_SECRET_KEY": "s3cret" * 6},
    )
    assert result.returncode == 0, result.stderr
    viewer = viewer_from_token("s3cret" * 6, result.stdout.strip())
    assert (viewer.subject, viewer.role, viewer.region_ids) == (
        "alice",
        "caseworker",
        frozenset({16, 17}),
    )


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (["--role", "caseworker"], {"FIVESOC_SECRET_KEY": "k" * 32}, "needs at least one --region"),
        (
            ["--role", "caseworker", "--region", "Q29tbXVuaXR5OjE="],
            {"FIVESOC_SECRET_KEY": "k" * 32},
            "--region must be a region id or global id",
        ),
    ],
)
def test_token_refuses_what_it_cannot_sign(
    args: list[str], env: dict[str, str], message: str
) -> None:
    environ = {"FIVESOC_SECRET_KEY": "", **env}
    result = run_fivesoc("token", "--subject", "bob", *args, env=environ)
    assert result.returncode == 1
    assert message in result.stderr


async def _append_events(url: str, *numbers: int) -> None:
    from fivesoc.db import events

    conn = await connect.connect(url)
    try:
        for n in numbers:
            async with conn.transaction():
                kind = "project.status_changed" if n % 2 else "project_update.posted"
                await events.append(conn, kind, "Project", n, None, {"n": n})
    finally:
        await conn.close()


def test_events_tail_prints_the_log_then_follows_it(migrated_url: str) -> None:
    asyncio.run(_append_events(migrated_url, 1, 2, 3))
    env = {**os.environ, "DATABASE_URL": migrated_url}
    command = [
        sys.executable,
        "-m",
        "fivesoc",
        "events",
        "tail",
        "--type",
        "project.status_changed",
    ]
    with subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True) as process:
        try:
            assert process.stdout is not None
            first = [json.loads(process.stdout.readline()) for _ in range(2)]
            assert [line["summary"]["n"] for line in first] == [1, 3]
            asyncio.run(_append_events(migrated_url, 4, 5))
            live = json.loads(process.stdout.readline())
            assert (live["summary"], live["type"]) == ({"n": 5}, "project.status_changed")
        finally:
            process.terminate()
    resume = [*command[:5], "--after", first[1]["cursor"]]
    with subprocess.Popen(resume, env=env, stdout=subprocess.PIPE, text=True) as resumed:
        try:
            assert resumed.stdout is not None
            lines = [json.loads(resumed.stdout.readline()) for _ in range(2)]
            assert [line["summary"]["n"] for line in lines] == [4, 5]  # every type after 3
        finally:
            resumed.terminate()


def test_events_tail_without_following_stops_at_the_head_of_the_log(migrated_url: str) -> None:
    asyncio.run(_append_events(migrated_url, 1, 2, 3))
    done = run_fivesoc(
        "events", "tail", "--no-follow", "--type", "project.status_changed",
        env={"DATABASE_URL": migrated_url},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line["summary"]["n"] for line in lines] == [1, 3]


def test_events_tail_refuses_a_cursor_it_did_not_print(migrated_url: str) -> None:
    result = run_fivesoc(
        "events", "tail", "--after", "nonsense", env={"DATABASE_URL": migrated_url}
    )
    assert result.returncode == 1
    assert "--after must be a cursor printed by `fivesoc events tail`" in result.stderr


def test_a_command_on_an_unmigrated_database_says_to_migrate(blank_url: str) -> None:
    result = run_fivesoc("events", "tail", env={"DATABASE_URL": blank_url})
    assert result.returncode == 1
    assert result.stderr == (
        "fivesoc: error: the database has no fivesoc tables yet: run `fivesoc db migrate`\n"
    )


def test_serve_removes_the_metrics_folders_of_servers_that_were_killed(tmp_path: Path) -> None:
    from fivesoc.cli import METRICS_FOLDER_PREFIX, _remove_abandoned_metrics_folders

    ended = subprocess.Popen(["true"])
    ended.wait()
    abandoned = tmp_path / f"{METRICS_FOLDER_PREFIX}{ended.pid}-x1"
    mine = tmp_path / f"{METRICS_FOLDER_PREFIX}{os.getpid()}-x2"
    other = tmp_path / f"{METRICS_FOLDER_PREFIX}not-a-pid"
    for folder in (abandoned, mine, other):
        folder.mkdir()
        (folder / "counter_1.db").write_bytes(b"")
    _remove_abandoned_metrics_folders(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([mine.name, other.name])
