"""`fivesoc serve` as a real process on a free local port, for tests that need sockets."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Mapping
from typing import IO

import httpx


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start(
    env: Mapping[str, str], port: int, output: IO[str] | int = subprocess.DEVNULL
) -> subprocess.Popen[bytes]:
    """`fivesoc serve --no-seed` on `port` with `env`; its output (and errors) to `output`."""
    return subprocess.Popen(
        [sys.executable, "-m", "fivesoc", "serve", "--no-seed", "--port", str(port)],
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
