"""A clean start and a clean end: a busy port, the embedded server's lifetime whatever ends a
command, a local signing key on first run, a database locale that hides Chinese text, and
WebSockets that never initialise."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from websockets.asyncio.client import connect as ws_connect
from websockets.exceptions import ConnectionClosed
from websockets.typing import Subprotocol

from fivesoc import auth
from fivesoc.db import connect, migrate
from fivesoc.db.errors import UnsuitableDatabase
from tests import served


def _fivesoc(*args: str, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "fivesoc", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_interruptible,
    )


def _interruptible() -> None:
    """In the command's process before it starts: SIGINT acted on. A process started with
    SIGINT ignored keeps ignoring it, as Unix commands started in the background do, and a
    test worker's own disposition is not the command's to inherit."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_a_busy_port_is_an_error_before_anything_starts(demo_url: str) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        env = {**os.environ, "DATABASE_URL": demo_url, "FIVESOC_SECRET_KEY": "k" * 32}
        process = _fivesoc("serve", "--no-seed", "--port", str(port), env=env)
        out, err = process.communicate(timeout=60)
    assert process.returncode == 1
    assert err.startswith(f"fivesoc: error: cannot listen on 127.0.0.1:{port}: ")
    assert "serving" not in out


def test_first_serve_creates_a_local_key_that_tokens_are_signed_with(
    demo_url: str, tmp_path: Path
) -> None:
    port = served.free_port()
    env = {k: v for k, v in os.environ.items() if k != "FIVESOC_SECRET_KEY"}
    env |= {"DATABASE_URL": demo_url, "FIVESOC_DATA_DIR": str(tmp_path / "data")}
    process = _fivesoc("serve", "--no-seed", "--port", str(port), env=env)
    try:
        served.wait_until_healthy(port)
    finally:
        process.terminate()
        out, _ = process.communicate(timeout=30)
    key_file = tmp_path / "data" / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert len(key_file.read_text()) >= 43  # 32 random bytes, base64
    assert "fivesoc token --subject me --role admin" in out
    assert out.index("signing key") < out.index("serving GraphQL")
    made = subprocess.run(
        [sys.executable, "-m", "fivesoc", "token", "--subject", "me", "--role", "admin"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    viewer = auth.viewer_from_token(key_file.read_text().strip(), made.stdout.strip())
    assert (viewer.subject, viewer.role) == ("me", "admin")


def test_without_a_key_a_token_cannot_be_issued(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "FIVESOC_SECRET_KEY"}
    env |= {"FIVESOC_DATA_DIR": str(tmp_path / "data")}
    result = subprocess.run(
        [sys.executable, "-m", "fivesoc", "token", "--subject", "me", "--role", "admin"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("fivesoc: error: no signing key: set FIVESOC_SECRET_KEY")


async def test_a_database_whose_locale_hides_chinese_is_refused(server_url: str) -> None:
    admin = await connect.connect(server_url)
    name = f"fivesoc_c_locale_{os.getpid()}"
    try:
        await admin.execute(
            f"create database \"{name}\" template template0 lc_ctype 'C' lc_collate 'C'"
        )
        conn = await connect.connect(connect.with_database(server_url, name))
        try:
            await migrate.migrate(conn)
            with pytest.raises(UnsuitableDatabase, match=r"LC_CTYPE C\) gives Chinese text no"):
                await migrate.check_text_search(conn)
        finally:
            await conn.close()
    finally:
        await admin.execute(f'drop database if exists "{name}" with (force)')
        await admin.close()


# The embedded server, whatever ends a command.

EMBEDDED_WAIT_S = 120


@pytest.fixture
def embedded_env(tmp_path: Path) -> Iterator[dict[str, str]]:
    """The environment of commands using an embedded server in a new, migrated data folder."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env |= {"FIVESOC_DATA_DIR": str(tmp_path / "data"), "FIVESOC_LOG_LEVEL": "warning"}
    subprocess.run(
        [sys.executable, "-m", "fivesoc", "db", "migrate"],
        env=env,
        capture_output=True,
        check=True,
        timeout=EMBEDDED_WAIT_S,
    )
    assert _server_stopped(env), "the migration's server stopped with it"
    yield env
    pid_file = tmp_path / "data" / "pgdata" / "postmaster.pid"
    if pid_file.exists():  # stop it (fast shutdown), so that a failure leaves nothing behind
        os.kill(int(pid_file.read_text().split()[0]), signal.SIGINT)


def _pgdata(env: dict[str, str]) -> Path:
    return Path(env["FIVESOC_DATA_DIR"]) / "pgdata"


def _wait_for_tail(process: subprocess.Popen[str], env: dict[str, str]) -> None:
    """Until `events tail` is connected to its running embedded server."""
    deadline = time.monotonic() + EMBEDDED_WAIT_S
    handles = _pgdata(env) / ".handle_pids.json"
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        if handles.exists() and process.pid in json.loads(handles.read_text() or "[]"):
            time.sleep(1)  # past the server's start, into the tail's loop
            assert process.poll() is None, process.communicate()
            return
        time.sleep(0.2)
    raise AssertionError("events tail did not start its embedded server")


def _server_stopped(env: dict[str, str]) -> bool:
    return not (_pgdata(env) / "postmaster.pid").exists()


@pytest.mark.parametrize("ending", [signal.SIGINT, signal.SIGTERM], ids=["sigint", "sigterm"])
def test_a_command_ended_by_a_signal_stops_its_embedded_server(
    embedded_env: dict[str, str], ending: signal.Signals
) -> None:
    process = _fivesoc("events", "tail", env=embedded_env)
    _wait_for_tail(process, embedded_env)
    process.send_signal(ending)
    process.communicate(timeout=60)
    assert _server_stopped(embedded_env)
    assert json.loads((_pgdata(embedded_env) / ".handle_pids.json").read_text()) == []


def test_a_killed_command_does_not_keep_the_server_alive_for_ever(
    embedded_env: dict[str, str],
) -> None:
    process = _fivesoc("events", "tail", env=embedded_env)
    _wait_for_tail(process, embedded_env)
    process.kill()  # SIGKILL: nothing of it runs, its pid stays in the list of holders
    process.communicate(timeout=30)
    assert not _server_stopped(embedded_env)
    # The next command takes over the orphaned server and stops it when it ends.
    subprocess.run(
        [sys.executable, "-m", "fivesoc", "db", "migrate"],
        env=embedded_env,
        capture_output=True,
        check=True,
        timeout=EMBEDDED_WAIT_S,
    )
    assert _server_stopped(embedded_env)


def test_two_commands_share_the_server_and_the_last_one_stops_it(
    embedded_env: dict[str, str],
) -> None:
    first = _fivesoc("events", "tail", env=embedded_env)
    _wait_for_tail(first, embedded_env)
    second = _fivesoc("events", "tail", env=embedded_env)
    _wait_for_tail(second, embedded_env)
    first.send_signal(signal.SIGTERM)
    first.communicate(timeout=60)
    assert not _server_stopped(embedded_env), "the second command still uses it"
    second.send_signal(signal.SIGTERM)
    second.communicate(timeout=60)
    assert _server_stopped(embedded_env)


# WebSockets that never send connection_init.


@pytest.mark.parametrize("protocol", ["graphql-ws", "graphql-transport-ws"])
async def test_a_websocket_that_never_initialises_is_closed(demo_url: str, protocol: str) -> None:
    port = served.free_port()
    env = {**os.environ, "DATABASE_URL": demo_url, "FIVESOC_SECRET_KEY": "k" * 32,
           "FIVESOC_WS_INIT_TIMEOUT_S": "1", "FIVESOC_LOG_LEVEL": "warning"}  # fmt: skip
    process = served.start(env, port)
    try:
        await asyncio.to_thread(served.wait_until_healthy, port)
        started = time.monotonic()
        async with ws_connect(
            f"ws://127.0.0.1:{port}/graphql", subprotocols=[Subprotocol(protocol)]
        ) as ws:
            with pytest.raises(ConnectionClosed) as closed:
                await asyncio.wait_for(ws.recv(), timeout=10)
        waited = time.monotonic() - started
    finally:
        served.stop(process)
    assert closed.value.rcvd is not None
    assert (closed.value.rcvd.code, closed.value.rcvd.reason) == (
        4408,
        "Connection initialisation timeout",
    )
    assert 0.9 < waited < 5
