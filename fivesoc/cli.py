"""The `fivesoc` command: serve, manage the database, export the schema."""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import dataclasses
import datetime as dt
import json
import logging
import os
import secrets
import shutil
import signal
import socket
import sys
import tempfile
from collections.abc import Callable, Coroutine, Iterator, Sequence
from pathlib import Path
from typing import Any

import asyncpg

from fivesoc import auth, logs, permissions
from fivesoc.db import connect, datasets, migrate, revocations, synthetic
from fivesoc.db.embedded import embedded_server
from fivesoc.db.errors import DatabaseError
from fivesoc.kinds import ACTOR_KINDS, LINK_KINDS
from fivesoc.permissions import FOLLOW, PERSONAL
from fivesoc.settings import Settings, SettingsError

EMBEDDED_DATABASE = "fivesoc"

logger = logging.getLogger("fivesoc")


@contextlib.contextmanager
def database(settings: Settings) -> Iterator[str]:
    """The URL of fivesoc's database: `DATABASE_URL`, else an embedded server's, stopped after."""
    if settings.database_url is not None:
        yield connect.check_url(settings.database_url)
        return
    with embedded_server(settings.embedded_pgdata) as server_url:
        yield asyncio.run(connect.ensure_database(server_url, EMBEDDED_DATABASE))


async def _migrate(url: str) -> None:
    conn = await connect.connect(url)
    try:
        applied = await migrate.migrate(conn)
    finally:
        await conn.close()
    if applied:
        for migration in applied:
            print(f"applied {migration.version:04d}_{migration.name}")
    else:
        print("database is up to date")


async def _seed_demo(url: str) -> None:
    conn = await connect.connect(url)
    try:
        if not await migrate.applied_versions(conn):
            raise DatabaseError("the database is not migrated; run `fivesoc db migrate` first")
        loaded = await datasets.load_demo_once(conn)
    finally:
        await conn.close()
    print("demo data loaded" if loaded else "demo data already loaded; nothing changed")


async def _generate(url: str, scale: str, seed: int) -> None:
    from tqdm import tqdm

    conn = await connect.connect(url)
    try:
        if not await migrate.applied_versions(conn):
            raise DatabaseError("the database is not migrated; run `fivesoc db migrate` first")
        with tqdm(unit=" rows", unit_scale=True, desc=f"{scale} seed {seed}") as bar:

            def progress(table: str, rows: int) -> None:
                bar.set_postfix_str(table)
                bar.update(rows)

            result = await synthetic.generate(conn, scale, seed, progress=progress)
        if result.loaded:
            await synthetic.analyze(conn, result.rows)
    finally:
        await conn.close()
    if not result.loaded:
        print(f"{result.dataset} is already loaded; nothing changed")
        return
    actors = sum(result.rows.get(kind, 0) for kind in ACTOR_KINDS)  # each kind its table
    links = result.rows.get("collaboration_link", 0)
    print(
        f"{result.dataset}: {actors} actors, {links} collaboration links, "
        f"{sum(result.rows.values())} rows in all"
    )


def cmd_generate(settings: Settings, args: argparse.Namespace) -> int:
    if args.scale not in synthetic.SCALES:
        raise SettingsError(f"--scale must be one of {', '.join(synthetic.SCALES)}")
    if args.seed < 0:
        raise SettingsError(f"--seed must not be negative, got {args.seed}")
    with database(settings) as url:
        asyncio.run(_generate(url, args.scale, args.seed))
    return 0


async def _tail(
    url: str, after: str | None, types: list[str] | None, viewer: auth.Viewer, follow: bool
) -> None:
    from fivesoc.db import events
    from fivesoc.db.listener import EventListener
    from fivesoc.schema.pagination import encode_cursor

    position = _tail_position(after)
    # Events about personal records reach only those who may read the record.
    personal = permissions.regions(viewer, FOLLOW, PERSONAL)
    conn = await connect.connect(url)
    listener = EventListener(url)
    await listener.start()
    try:
        while True:
            seen = listener.generation
            batch = await events.read(conn, position, 100, types=types, personal_regions=personal)
            for event in batch:
                position = event.position
                line = {
                    "cursor": encode_cursor(event.position),
                    "id": event.id,
                    "type": event.type,
                    "entity": {"type": event.entity_type, "id": event.entity_id},
                    "regionId": event.region_id,
                    "summary": event.summary,
                    "occurredAt": event.occurred_at.isoformat(),
                }
                print(json.dumps(line, ensure_ascii=False), flush=True)
            if len(batch) < 100:
                if not follow:
                    return  # at the head of the log
                await listener.wait(seen, 5.0)
    finally:
        await listener.stop()
        await conn.close()


def _tail_position(after: str | None) -> tuple[str, int] | None:
    if after is None:
        return None
    try:
        text = base64.urlsafe_b64decode(after.encode()).decode()
        xid, event_id = json.loads(text.removeprefix("fivesoc:"))
        if str(xid).isdigit() and isinstance(event_id, int):
            return (str(xid), event_id)
    except (ValueError, UnicodeError, TypeError):
        pass
    raise SettingsError(f"--after must be a cursor printed by `fivesoc events tail`, got {after!r}")


def cmd_tail(settings: Settings, args: argparse.Namespace) -> int:
    position = args.after
    _tail_position(position)
    viewer = auth.ANONYMOUS
    if args.token:
        key = _with_secret_key(settings, create=False).secret_key
        try:
            viewer = auth.viewer_from_token(key, args.token)
        except auth.InvalidToken as error:
            raise SettingsError(f"--token: {error}") from error
    with database(settings) as url:
        asyncio.run(_tail(url, position, args.type or None, viewer, args.follow))
    return 0


async def _reset(url: str) -> None:
    conn = await connect.connect(url)
    try:
        await migrate.reset(conn)
        applied = await migrate.migrate(conn)
    finally:
        await conn.close()
    print(f"database reset: every table dropped, {len(applied)} migrations applied")


async def _prepare_for_serving(url: str, *, seed: bool) -> None:
    conn = await connect.connect(url)
    try:
        await migrate.migrate(conn)
        await migrate.check_text_search(conn)
        if seed and await datasets.is_empty(conn):
            await datasets.load_demo_once(conn)
            print("fivesoc: loaded the demo data into the empty database", flush=True)
    finally:
        await conn.close()


def _listen(host: str, port: int) -> socket.socket:
    """The listening socket of `fivesoc serve`, bound before anything else starts: a busy
    port is an error at once, not after the database is up."""
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as error:
        sock.close()
        raise SettingsError(
            f"cannot listen on {host}:{port}: {error.strerror or error}; choose another port "
            "with --port or FIVESOC_PORT"
        ) from error
    return sock


async def _serve(settings: Settings, sock: socket.socket) -> None:
    import uvicorn

    from fivesoc.app import create_app, settled

    config = uvicorn.Config(settled(create_app(settings)), lifespan="on", **_UVICORN)
    server = uvicorn.Server(config)

    async def announce() -> None:
        while not server.started:
            if server.should_exit:
                return
            await asyncio.sleep(0.05)
        print(
            f"fivesoc: serving GraphQL at http://{settings.host}:{settings.port}/graphql",
            flush=True,
        )

    announcing = asyncio.create_task(announce())
    try:
        await server.serve(sockets=[sock])
    finally:
        announcing.cancel()


# uvicorn leaves logging to fivesoc (`fivesoc.logs`), which logs each request itself.
_UVICORN: dict[str, Any] = {"log_config": None, "access_log": False, "server_header": False}


def _serve_processes(settings: Settings, sock: socket.socket, workers: int) -> None:
    """`workers` server processes on one listening socket, under uvicorn's supervisor, which
    starts a new one when one dies. Each builds its app from the environment
    (`fivesoc.app.from_environment`), which this process fills in first with what it
    decided: the database's URL and the signing key."""
    from uvicorn import Config
    from uvicorn.supervisors import Multiprocess

    assert settings.database_url is not None
    assert settings.secret_key is not None
    os.environ["DATABASE_URL"] = settings.database_url
    os.environ["FIVESOC_SECRET_KEY"] = settings.secret_key
    config = Config(
        "fivesoc.app:from_environment",
        factory=True,
        workers=workers,
        lifespan="on",
        log_level=settings.log_level,
        **_UVICORN,
    )
    print(
        f"fivesoc: serving GraphQL at http://{settings.host}:{settings.port}/graphql "
        f"with {workers} processes",
        flush=True,
    )
    Multiprocess(config, sockets=[sock]).run()


METRICS_FOLDER_PREFIX = "fivesoc-metrics-"


@contextlib.contextmanager
def _metrics_folder() -> Iterator[Path]:
    """A folder of its own for the metrics of this server's processes (`fivesoc.metrics`),
    named to them by `PROMETHEUS_MULTIPROC_DIR` and removed when the server stops. The
    folders of servers that ended without removing theirs (killed) go first."""
    _remove_abandoned_metrics_folders(Path(tempfile.gettempdir()))
    prefix = f"{METRICS_FOLDER_PREFIX}{os.getpid()}-"
    with tempfile.TemporaryDirectory(prefix=prefix) as folder:
        previous = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = folder
        try:
            yield Path(folder)
        finally:
            if previous is None:
                del os.environ["PROMETHEUS_MULTIPROC_DIR"]
            else:
                os.environ["PROMETHEUS_MULTIPROC_DIR"] = previous


def _remove_abandoned_metrics_folders(parent: Path) -> None:
    """Remove the metrics folders in `parent` whose server (the pid in the name) has ended."""
    for folder in parent.glob(f"{METRICS_FOLDER_PREFIX}*-*"):
        pid = folder.name.removeprefix(METRICS_FOLDER_PREFIX).split("-", 1)[0]
        if not pid.isdigit() or folder.stat().st_uid != os.getuid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except PermissionError:
            pass  # alive, another user's


def _loop_factory() -> Callable[[], asyncio.AbstractEventLoop] | None:
    """uvloop's event loop where it is installed (uvicorn's standard extra ships it)."""
    try:
        import uvloop
    except ImportError:
        return None
    return uvloop.new_event_loop


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


# The local signing key, kept in the data folder.
SECRET_KEY_FILE = "secret_key"  # noqa: S105 - a file name, not a secret


def _with_secret_key(settings: Settings, *, create: bool) -> Settings:
    """The settings with a signing key: `FIVESOC_SECRET_KEY`, else the local one kept in the
    data folder (created, readable by its owner alone, when `create`)."""
    if settings.secret_key is not None:
        return settings
    path = settings.data_dir / SECRET_KEY_FILE
    if not path.exists():
        if not create:
            raise SettingsError(
                "no signing key: set FIVESOC_SECRET_KEY, or run `fivesoc serve` once to create "
                f"a local one in {path}"
            )
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as key_file:
            key_file.write(secrets.token_urlsafe(32))
        print(f"fivesoc: created a local signing key in {path}", flush=True)
    return dataclasses.replace(settings, secret_key=path.read_text().strip())


def cmd_serve(settings: Settings, args: argparse.Namespace) -> int:
    if args.port is not None and not 1 <= args.port <= 65535:
        raise SettingsError(f"--port must be between 1 and 65535, got {args.port}")
    workers = settings.workers if args.workers is None else args.workers
    if not 1 <= workers <= 64:
        raise SettingsError(f"--workers must be between 1 and 64, got {workers}")
    settings = dataclasses.replace(
        settings, host=args.host or settings.host, port=args.port or settings.port
    )
    sock = _listen(settings.host, settings.port)
    local_key = settings.secret_key is None
    settings = _with_secret_key(settings, create=True)
    if local_key:
        print(
            "fivesoc: writes need a token; `fivesoc token --subject me --role admin` prints an "
            "admin token signed with the local key",
            flush=True,
        )
    with sock, database(settings) as url, _metrics_folder() as metrics_dir:
        asyncio.run(_prepare_for_serving(url, seed=not args.no_seed))
        settings = dataclasses.replace(settings.with_database_url(url), metrics_dir=metrics_dir)
        if workers > 1:
            _serve_processes(settings, sock, workers)
            return 0
        with asyncio.Runner(loop_factory=_loop_factory()) as runner:
            runner.run(_serve(settings, sock))
    return 0


def _with_database(action: Callable[[str], Coroutine[Any, Any, None]]) -> Callable[..., int]:
    def command(settings: Settings, args: argparse.Namespace) -> int:
        with database(settings) as url:
            asyncio.run(action(url))
        return 0

    return command


def cmd_worker(settings: Settings, args: argparse.Namespace) -> int:
    from fivesoc.worker import run_worker

    with database(settings) as url:
        asyncio.run(run_worker(url, settings, args.name, args.metrics_port))
    return 0


def cmd_seed(settings: Settings, args: argparse.Namespace) -> int:
    if not args.demo:
        raise SettingsError("say which data to load: `fivesoc db seed --demo`")
    return _with_database(_seed_demo)(settings, args)


def cmd_reset(settings: Settings, args: argparse.Namespace) -> int:
    if not args.yes:
        raise SettingsError("`fivesoc db reset` deletes every row; confirm with --yes")
    return _with_database(_reset)(settings, args)


def cmd_export_schema(settings: Settings, args: argparse.Namespace) -> int:
    from fivesoc.schema import build_schema

    sdl = build_schema().as_str() + "\n"
    if args.output == "-":
        sys.stdout.write(sdl)
    else:
        Path(args.output).write_text(sdl, encoding="utf-8")
        print(f"wrote {args.output}")
    return 0


def cmd_token(settings: Settings, args: argparse.Namespace) -> int:
    settings = _with_secret_key(settings, create=False)
    assert settings.secret_key is not None
    regions = [_region_key(value) for value in args.region]
    if args.role == "caseworker" and not regions:
        raise SettingsError("a caseworker token needs at least one --region")
    tokens = auth.Tokens(settings.secret_key, lifetime_s=settings.token_lifetime_s)
    print(tokens.issue(args.subject, args.role, regions, lifetime_s=args.lifetime))
    return 0


async def _revoke(url: str, token_id: str | None, expires_at: dt.datetime | None,
                  subject: str | None) -> None:  # fmt: skip
    conn = await connect.connect(url)
    try:
        if token_id is not None and expires_at is not None:
            await revocations.revoke_token(conn, token_id, expires_at)
            print(f"revoked the token {token_id}")
        if subject is not None:
            moment = await revocations.revoke_subject(conn, subject)
            print(f"revoked every token of {subject} issued up to {moment.isoformat()}")
    finally:
        await conn.close()


def cmd_revoke(settings: Settings, args: argparse.Namespace) -> int:
    token_id = expires_at = None
    if args.token:
        key = _with_secret_key(settings, create=False)
        try:
            viewer = auth.Tokens(key.secret_key, key.previous_secret_keys).verify(args.token)
        except auth.InvalidToken as error:
            raise SettingsError(f"--token: {error}") from error
        token_id, expires_at = viewer.token_id, viewer.expires_at
    if token_id is None and args.subject is None:
        raise SettingsError("name what to revoke: --token TOKEN, --subject SUBJECT, or both")
    with database(settings) as url:
        asyncio.run(_revoke(url, token_id, expires_at, args.subject))
    return 0


def _region_key(value: str) -> int:
    """A region's row id from a number or a global id (`Region:<id>`, base64)."""
    if value.isdigit():
        return int(value)
    try:
        type_name, _, key = base64.b64decode(value, validate=True).decode().partition(":")
    except (ValueError, UnicodeError):
        type_name, key = "", ""
    if type_name != "Region" or not key.isdigit():
        raise SettingsError(f"--region must be a region id or global id, got {value!r}")
    return int(key)


async def _export_network(url: str, params: dict[str, str], settings: Settings) -> bytes:
    """The export, of the analysis a worker stored where workers compute them
    (`FIVESOC_ANALYSES=jobs`): its job queued or joined, and waited for (up to
    `FIVESOC_ANALYSIS_WAIT_S`), as a server does."""
    from fivesoc import jobs
    from fivesoc.db.listener import EventListener
    from fivesoc.schema.errors import AnalysisFailed, AnalysisPending, UserInputError
    from fivesoc.schema.network.export import export_network, parse_export
    from fivesoc.schema.network.service import NetworkCache

    pool = await connect.create_pool(url, min_size=1, max_size=2)
    queue = listener = None
    try:
        request, fmt = await parse_export(pool, params)
        if settings.analyses == "jobs":
            queue = jobs.queue_app(url)
            await queue.open_async()
            listener = EventListener(url)
            await listener.start()
        cache = NetworkCache(
            pool,
            max_actors=settings.max_network_actors,
            queue=queue,
            wait_s=settings.analysis_wait_s,
            signals=None if listener is None else listener.jobs,
        )
        if queue is not None:
            served = await cache.serve(request, result=False)
            if served.job_id is not None:
                print(
                    f"waiting up to {settings.analysis_wait_s:g} s for a worker "
                    f"(`fivesoc worker`) to analyse this network: job {served.job_id}",
                    file=sys.stderr,
                )
        exported = await export_network(cache, request, fmt)
    except (UserInputError, AnalysisPending, AnalysisFailed) as error:
        raise SettingsError(error.message) from error
    finally:
        if listener is not None:
            await listener.stop()
        if queue is not None:
            await queue.close_async()
        await pool.close()
    return exported.content


def cmd_network_export(settings: Settings, args: argparse.Namespace) -> int:
    params = {
        "format": args.format,
        "region": args.region or "",
        "community": args.community or "",
        "radius": str(args.radius),
        "asOf": args.as_of or "",
        "start": args.start or "",
        "end": args.end or "",
        "kinds": ",".join(args.kind or []),
    }
    output = args.output or f"network.{args.format}"
    with database(settings) as url:
        content = asyncio.run(_export_network(url, params, settings))
    if output == "-":
        sys.stdout.buffer.write(content)
    else:
        Path(output).write_bytes(content)
        print(f"wrote {output} ({len(content)} bytes)")
    return 0


async def _import(url: str, args: argparse.Namespace, stream: Any, viewer: auth.Viewer) -> Any:
    from tqdm import tqdm

    from fivesoc.sheets.importing import import_file

    conn = await connect.connect(url)
    try:
        with tqdm(unit=" rows", unit_scale=True, desc=args.kind, disable=args.quiet) as bar:
            return await import_file(
                conn,
                stream,
                args.file,
                args.kind,
                viewer,
                dry_run=args.dry_run,
                on_row=lambda: bar.update(1),
            )
    finally:
        await conn.close()


def cmd_import(settings: Settings, args: argparse.Namespace) -> int:
    from fivesoc.sheets.layout import KINDS

    if args.kind is None:
        raise SettingsError(f"name what the file holds: --kind, one of {', '.join(KINDS)}")
    if args.file == "template":
        from fivesoc.sheets.templates import template

        output = args.output or f"{args.kind}.{args.lang}.xlsx"
        Path(output).write_bytes(template(args.kind, args.lang))
        print(f"wrote {output}")
        return 0
    if not Path(args.file).is_file():
        raise SettingsError(f"{args.file}: no such file")
    # The operator of the database imports as an admin, or as the caller a token names.
    viewer = auth.Viewer(subject="fivesoc import", role="admin")
    if args.token:
        key = _with_secret_key(settings, create=False).secret_key
        try:
            viewer = auth.viewer_from_token(key, args.token)
        except auth.InvalidToken as error:
            raise SettingsError(f"--token: {error}") from error
    with database(settings) as url, Path(args.file).open("rb") as stream:
        report = asyncio.run(_import(url, args, stream, viewer))
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        for line in report.lines():
            print(line)
    return 0 if report.ok else 2


async def _export_sheet(url: str, args: argparse.Namespace, out: Any) -> None:
    from fivesoc.db.names import regions_named
    from fivesoc.sheets import exporting, filters
    from fivesoc.sheets.layout import SHEETS

    admin = auth.Viewer(subject="fivesoc export", role="admin")
    conn = await connect.connect(url)
    try:
        region = None
        if args.region is not None:
            if args.region.isdigit():
                region = int(args.region)
            else:
                found = await regions_named(conn, args.region)
                if len(found) != 1:
                    places = "; ".join("/".join(named.place) for named in found)
                    raise SettingsError(
                        f"--region {args.region!r} names {len(found)} regions"
                        + (f": {places}" if places else "")
                    )
                region = found[0].key
        async with conn.transaction():
            if args.format == "hsds":
                from fivesoc.sheets import hsds

                out.write(await hsds.package(conn, region))
                return
            sheet = SHEETS[args.kind]
            pairs = dict(given.partition("=")[::2] for given in args.filter or [])
            try:
                narrowed = filters.given(sheet, pairs)
            except filters.BadFilter as bad:
                raise SettingsError(f"--filter: {bad.message}") from bad
            if args.format == "csv":
                async for chunk in exporting.csv_chunks(
                    conn, sheet, admin, region, args.lang, narrowed
                ):
                    out.write(chunk)
            else:
                content = await exporting.xlsx_bytes(
                    conn, sheet, admin, region, args.lang, narrowed
                )
                out.write(content)
    finally:
        await conn.close()


def cmd_export(settings: Settings, args: argparse.Namespace) -> int:
    if args.format == "hsds":
        output = args.output or "hsds.zip"
    elif args.kind is None:
        raise SettingsError("name the list to export: --kind (or --format hsds)")
    else:
        output = args.output or f"{args.kind}.{args.format}"
    with database(settings) as url:
        if output == "-":
            asyncio.run(_export_sheet(url, args, sys.stdout.buffer))
        else:
            with Path(output).open("wb") as out:
                asyncio.run(_export_sheet(url, args, out))
            print(f"wrote {output}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fivesoc",
        description=(
            "GraphQL API for five-society linkage (五社联动) networks. Uses DATABASE_URL, or an "
            "embedded PostgreSQL server in FIVESOC_DATA_DIR (default .fivesoc) when it is unset."
        ),
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = commands.add_parser(
        "serve",
        help="migrate, load the demo data into an empty database, and serve /graphql",
        description="Migrate the database, load the demo data if it is empty, and serve HTTP.",
    )
    serve.add_argument("--host", help="address to listen on (default FIVESOC_HOST or 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port to listen on (default FIVESOC_PORT or 8000)")
    serve.add_argument("--no-seed", action="store_true", help="never load the demo data")
    serve.add_argument(
        "--workers",
        type=int,
        help="server processes sharing the port (default FIVESOC_WORKERS or 1)",
    )
    serve.set_defaults(handler=cmd_serve)

    worker = commands.add_parser(
        "worker",
        help="run the network analyses queued as jobs (with FIVESOC_ANALYSES=jobs)",
        description=(
            "Run the network analyses that servers with FIVESOC_ANALYSES=jobs queue, storing "
            "their results in the database; any number of workers, on any host."
        ),
    )
    worker.add_argument("--name", help="the worker's name in the queue (default host-pid)")
    worker.add_argument(
        "--metrics-port",
        type=int,
        help="answer GET /metrics on this port (on FIVESOC_HOST); none by default",
    )
    worker.set_defaults(handler=cmd_worker)

    db = commands.add_parser("db", help="manage the database", description="Manage the database.")
    db_commands = db.add_subparsers(dest="db_command", required=True, metavar="COMMAND")
    db_migrate = db_commands.add_parser(
        "migrate",
        help="apply the migrations not yet applied",
        description="Apply the migrations not yet applied; safe to run twice or at once.",
    )
    db_migrate.set_defaults(handler=_with_database(_migrate))
    db_seed = db_commands.add_parser(
        "seed",
        help="load a dataset",
        description="Load a dataset into a migrated database; loading it twice changes nothing.",
    )
    db_seed.add_argument(
        "--demo",
        action="store_true",
        help="the report's four places (Anhui, Luohe, Deqing, Weining)",
    )
    db_seed.set_defaults(handler=cmd_seed)
    db_generate = db_commands.add_parser(
        "generate",
        help="write a synthetic network at county, city or province scale",
        description=(
            "Write a synthetic but realistic network through COPY: a county is about 10k "
            "actors and 45k links, a city 100k and 450k, a province 1M and 4.5M. The same "
            "scale and seed give the same network, and generating it twice changes nothing."
        ),
    )
    db_generate.add_argument("--scale", required=True, help=", ".join(synthetic.SCALES))
    db_generate.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    db_generate.set_defaults(handler=cmd_generate)
    db_reset = db_commands.add_parser(
        "reset",
        help="drop every table and migrate again",
        description="Drop every table of the database and apply the migrations again.",
    )
    db_reset.add_argument("--yes", action="store_true", help="confirm that every row may go")
    db_reset.set_defaults(handler=cmd_reset)

    events_parser = commands.add_parser(
        "events", help="follow the change log", description="Follow the change log."
    )
    events_commands = events_parser.add_subparsers(
        dest="events_command", required=True, metavar="COMMAND"
    )
    tail = events_commands.add_parser(
        "tail",
        help="print committed events as JSON lines, then new ones as they commit",
        description=(
            "Print the change log as JSON lines, one event a line with the cursor to resume "
            "after it, and keep printing new events as they commit (Ctrl-C stops)."
        ),
    )
    tail.add_argument("--after", help="resume after this cursor")
    tail.add_argument(
        "--no-follow",
        dest="follow",
        action="store_false",
        help="stop at the head of the log instead of waiting for new events",
    )
    tail.add_argument(
        "--type", action="append", help="only events of this type (repeat for several)"
    )
    tail.add_argument(
        "--token",
        help=(
            "read as the holder of this bearer token; events about personal records are "
            "printed only to those who may read the record"
        ),
    )
    tail.set_defaults(handler=cmd_tail)

    token = commands.add_parser(
        "token",
        help="issue a signed bearer token for a role and regions",
        description=(
            "Print a bearer token signed with FIVESOC_SECRET_KEY. A caseworker token lets its "
            "holder read personal data of the given regions and every region below them."
        ),
    )
    token.add_argument("--subject", required=True, help="who the token is for")
    token.add_argument(
        "--lifetime",
        type=int,
        default=None,
        help="seconds the token lasts (default: FIVESOC_TOKEN_LIFETIME_S, one hour)",
    )
    token.add_argument("--role", required=True, choices=[r for r in auth.ROLES if r != "anonymous"])
    token.add_argument(
        "--region",
        action="append",
        default=[],
        help="a region id or global id the token covers (repeat for several)",
    )
    token.set_defaults(handler=cmd_token)

    revoke = commands.add_parser(
        "revoke",
        help="revoke a bearer token, or every token of a subject",
        description=(
            "Revoke a token, or every token of a subject issued up to now. Every server "
            "process refuses them within FIVESOC_REVOCATION_REFRESH_S seconds, and ends the "
            "subscriptions opened with them."
        ),
    )
    revoke.add_argument("--token", help="the token to revoke")
    revoke.add_argument("--subject", help="revoke every token of this subject issued up to now")
    revoke.set_defaults(handler=cmd_revoke)

    network = commands.add_parser(
        "network",
        help="the collaboration network",
        description="Work with the collaboration network.",
    )
    network_commands = network.add_subparsers(
        dest="network_command", required=True, metavar="COMMAND"
    )
    network_export = network_commands.add_parser(
        "export",
        help="write a scoped network as GraphML, GEXF or node-link JSON",
        description=(
            "Write the network of a scope and window as GraphML, GEXF (Gephi) or node-link "
            "JSON (d3, Cytoscape); the same network as the GraphQL `network` field, each "
            "actor with its global id, name, society, kind and metrics. A name that several "
            "regions or communities share is refused with the list of them and their ids."
        ),
    )
    network_export.add_argument("--format", choices=["graphml", "gexf", "json"], default="gexf")
    network_export.add_argument(
        "--region", help="a region's exact name or global id: its subtree (e.g. 德清县)"
    )
    network_export.add_argument(
        "--community",
        help="a community's exact name or global id: its neighbourhood (e.g. 干丰社区)",
    )
    network_export.add_argument(
        "--radius", type=int, default=2, help="links from the community (default 2)"
    )
    network_export.add_argument("--as-of", help="links in force on this date (YYYY-MM-DD)")
    network_export.add_argument("--start", help="first day of a period (YYYY-MM-DD)")
    network_export.add_argument("--end", help="last day of a period (YYYY-MM-DD)")
    network_export.add_argument(
        "--kind",
        action="append",
        choices=list(LINK_KINDS),
        help="a link kind to include (repeat for several; default all)",
    )
    network_export.add_argument(
        "--output", "-o", help="file to write, or - for stdout (default network.<format>)"
    )
    network_export.set_defaults(handler=cmd_network_export)

    from fivesoc.sheets.layout import KINDS, SHEETS

    sheet_import = commands.add_parser(
        "import",
        help="import a register (.xlsx or .csv), all or nothing; or write a template",
        description=(
            "Import a register from an XLSX or CSV file (UTF-8 or GB18030): every row is "
            "checked by the rules of the mutations and every bad cell reported (sheet, row, "
            "column, value, what is wrong, in English and Chinese); the rows are written in "
            "one transaction only when all are good. Importing the same file again changes "
            "nothing. `fivesoc import template --kind K` writes the XLSX template instead. "
            "Exit status 2 when the file has problems."
        ),
    )
    sheet_import.add_argument("file", help="the file to import, or `template`")
    sheet_import.add_argument("--kind", choices=list(KINDS), help="what the file holds")
    sheet_import.add_argument(
        "--dry-run", action="store_true", help="check and report; write nothing"
    )
    sheet_import.add_argument("--json", action="store_true", help="print the report as JSON")
    sheet_import.add_argument(
        "--token", help="import as the caller this token names, by its grants (default: admin)"
    )
    sheet_import.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    sheet_import.add_argument(
        "--lang", choices=["zh", "en"], default="zh", help="template headers' language"
    )
    sheet_import.add_argument("--output", "-o", help="template file to write")
    sheet_import.set_defaults(handler=cmd_import)

    sheet_export = commands.add_parser(
        "export",
        help="export a list as CSV or XLSX, or the directory as an HSDS 3.0 data package",
        description=(
            "Write the rows of a list (not archived) as CSV (UTF-8 with BOM) or XLSX, each "
            "reference as the name of what it names, with each row's version; or, with "
            "--format hsds, the organizations, services, locations and service areas as an "
            "HSDS 3.0 data package (CSV files and datapackage.json in a ZIP file)."
        ),
    )
    sheet_export.add_argument("--kind", choices=list(SHEETS), help="the list (not for hsds)")
    sheet_export.add_argument("--format", choices=["csv", "xlsx", "hsds"], default="csv")
    sheet_export.add_argument("--region", help="only rows in this region's subtree (name or id)")
    sheet_export.add_argument("--lang", choices=["zh", "en"], default="en", help="headers")
    sheet_export.add_argument(
        "--filter",
        action="append",
        metavar="NAME=VALUE",
        help="a filter of the list's root field (kind=village, founded.start=2020-01-01)",
    )
    sheet_export.add_argument(
        "--output", "-o", help="file to write, or - for stdout (default <kind>.<format>)"
    )
    sheet_export.set_defaults(handler=cmd_export)

    export = commands.add_parser(
        "export-schema",
        help="write the GraphQL schema (SDL)",
        description="Write the GraphQL schema in SDL; the repository keeps it as schema.graphql.",
    )
    export.add_argument(
        "--output", "-o", default="schema.graphql", help="file to write, or - for stdout"
    )
    export.set_defaults(handler=cmd_export_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # A service manager ends a command with SIGTERM; by default that ends the process on the
    # spot (uvicorn, for one, raises it again after its graceful shutdown), and an embedded
    # server would be left running. Raised as SystemExit, it unwinds through `database`.
    previous = signal.signal(signal.SIGTERM, _exit_on_sigterm)
    try:
        return _run(args)
    finally:
        signal.signal(signal.SIGTERM, previous)


def _run(args: argparse.Namespace) -> int:
    try:
        settings = Settings.from_env()
        logs.configure(settings.log_level, settings.log_format)
        result: int = args.handler(settings, args)
    except (SettingsError, DatabaseError) as error:
        print(f"fivesoc: error: {error}", file=sys.stderr)
        return 1
    except asyncpg.UndefinedTableError:
        print(
            "fivesoc: error: the database has no fivesoc tables yet: run `fivesoc db migrate`",
            file=sys.stderr,
        )
        return 1
    except asyncpg.PostgresError as error:
        print(f"fivesoc: error: the database refused: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return result


if __name__ == "__main__":
    sys.exit(main())
