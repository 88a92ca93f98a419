"""`fivesoc serve` as a real process on a free local port, for tests that need sockets."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO

import httpx


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start(
    env: Mapping[str, str],
    port: int,
    output: IO[str] | int = subprocess.DEVNULL,
    args: Sequence[str] = (),
) -> subprocess.Popen[bytes]:
    """`fivesoc serve --no-seed` on `port` with `env` and `args`; its output (and errors) to
    `output`."""
    return subprocess.Popen(
        [sys.executable, "-m", "fivesoc", "serve", "--no-seed", "--port", str(port), *args],
        env=dict(env),
        stdout=output,
        stderr=subprocess.STDOUT if output is not subprocess.DEVNULL else subprocess.DEVNULL,
    )


def wait_until_healthy(port: int, seconds: float = 30) -> None:
    """Until `/healthz` answers 200; an AssertionError after `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise AssertionError(f"fivesoc serve did not answer /healthz within {seconds:g} s")


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    process.wait(timeout=30)


@contextlib.contextmanager
def running(
    database_url: str, log: Path, secret_key: str, args: Sequence[str] = (), **settings: str
) -> Iterator[str]:
    """`fivesoc serve` on `database_url`, signing with `secret_key`, with `args`, `settings`
    (names of `FIVESOC_*` variables) and its output in `log`; yields its address, healthy.
    On leaving it is stopped, and its log must hold no traceback."""
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "FIVESOC_SECRET_KEY": secret_key,
           "FIVESOC_LOG_LEVEL": "warning", **settings}  # fmt: skip
    with log.open("w") as out:
        process = start(env, port, out, args)
    try:
        wait_until_healthy(port)
        yield f"127.0.0.1:{port}"
    finally:
        stop(process)
    text = log.read_text()
    assert "Traceback" not in text, text
