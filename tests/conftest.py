"""Every test talks to a real PostgreSQL: `DATABASE_URL`'s server when set, else an embedded one.

Two template databases are built once per session, one migrated and one migrated with the demo
data; each test that needs a database gets a fresh clone (`CREATE DATABASE … TEMPLATE`), so no
test sees another's writes and order does not matter.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import httpx
import pytest

from fivesoc.app import create_app
from fivesoc.auth import Role, issue_token
from fivesoc.db import connect, datasets, migrate, revocations
from fivesoc.db.connect import ConnectionInit
from fivesoc.db.embedded import embedded_server
from fivesoc.settings import Settings
from fivesoc.tracing import Tracing

TEMPLATE_PREFIX = f"fivesoc_test_{os.getpid()}"


@pytest.fixture(scope="session")
def server_url() -> Iterator[str]:
    """A URL of the PostgreSQL server the suite uses (its maintenance database)."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        yield connect.with_database(url, "postgres")
        return
    # Outside pytest's own temporary folder: another pytest session starting meanwhile makes
    # that folder private again, and the server's own user could then no longer reach its data.
    root = Path(tempfile.mkdtemp(prefix="fivesoc-tests-"))
    try:
        with embedded_server(root / "pgdata") as embedded_url:
            yield embedded_url
    finally:
        shutil.rmtree(root, ignore_errors=True)


async def _build_template(server: str, name: str, *, demo: bool) -> None:
    admin = await connect.connect(server)
    try:
        await admin.execute(f'drop database if exists "{name}"')
        await admin.execute(f'create database "{name}"')
    finally:
        await admin.close()
    conn = await connect.connect(connect.with_database(server, name))
    try:
        await migrate.migrate(conn)
        if demo:
            await datasets.load_demo_once(conn)
    finally:
        await conn.close()


async def _drop_database(server: str, name: str) -> None:
    admin = await connect.connect(server)
    try:
        await admin.execute(f'drop database if exists "{name}" with (force)')
    finally:
        await admin.close()


@pytest.fixture(scope="session")
def empty_template(server_url: str) -> Iterator[str]:
    """A migrated database without rows, to clone."""
    name = f"{TEMPLATE_PREFIX}_empty"
    asyncio.run(_build_template(server_url, name, demo=False))
    yield name
    asyncio.run(_drop_database(server_url, name))


@pytest.fixture(scope="session")
def demo_template(server_url: str) -> Iterator[str]:
    """A migrated database with the demo data, to clone."""
    name = f"{TEMPLATE_PREFIX}_demo"
    asyncio.run(_build_template(server_url, name, demo=True))
    yield name
    asyncio.run(_drop_database(server_url, name))


class Clones:
    """Creates throwaway databases cloned from a template, and drops them after the test."""

    def __init__(self, server: str) -> None:
        self.server = server
        self.names: list[str] = []

    async def clone(self, template: str | None) -> str:
        name = f"fivesoc_t_{uuid.uuid4().hex[:16]}"
        admin = await connect.connect(self.server)
        try:
            source = f' template "{template}"' if template else ""
            await admin.execute(f'create database "{name}"{source}')
        finally:
            await admin.close()
        self.names.append(name)
        return connect.with_database(self.server, name)

    async def drop_all(self) -> None:
        admin = await connect.connect(self.server)
        try:
            for name in self.names:
                await admin.execute(f'drop database if exists "{name}" with (force)')
        finally:
            await admin.close()


@pytest.fixture
async def clones(server_url: str) -> AsyncIterator[Clones]:
    made = Clones(server_url)
    yield made
    await made.drop_all()


@pytest.fixture
async def blank_url(clones: Clones) -> str:
    """A new, empty database (not migrated)."""
    return await clones.clone(None)


@pytest.fixture
async def migrated_url(clones: Clones, empty_template: str) -> str:
    """A new database with every migration applied and no rows."""
    return await clones.clone(empty_template)


@pytest.fixture
async def demo_url(clones: Clones, demo_template: str) -> str:
    """A new database with every migration applied and the demo data loaded."""
    return await clones.clone(demo_template)


@pytest.fixture(scope="module")
def module_demo_url(server_url: str, demo_template: str) -> Iterator[str]:
    """A database with the demo data shared by the tests of one module, for a server they
    share (a server process costs seconds to start); they must not count on its rows alone."""
    made = Clones(server_url)
    url = asyncio.run(made.clone(demo_template))
    yield url
    asyncio.run(made.drop_all())


@pytest.fixture
async def demo_conn(demo_url: str) -> AsyncIterator[asyncpg.Connection]:
    conn = await connect.connect(demo_url)
    yield conn
    await conn.close()


class GraphQLClient:
    """Posts GraphQL documents to the app and returns the decoded JSON answer."""

    def __init__(self, http: httpx.AsyncClient, headers: dict[str, str] | None = None) -> None:
        self.http = http
        self.headers = headers or {}

    def as_viewer(self, headers: dict[str, str]) -> GraphQLClient:
        """The same client, sending these headers (e.g. a bearer token)."""
        return GraphQLClient(self.http, headers)

    async def execute(self, query: str, variables: dict[str, object] | None = None) -> dict:
        response = await self.http.post(
            "/graphql", json={"query": query, "variables": variables}, headers=self.headers
        )
        assert response.status_code == 200, response.text
        body: dict = response.json()
        return body

    async def data(self, query: str, variables: dict[str, object] | None = None) -> dict:
        """The `data` of a request that must succeed."""
        body = await self.execute(query, variables)
        assert "errors" not in body, body["errors"]
        data: dict = body["data"]
        return data


class StatementLog:
    """Records the SQL statements the app's pooled connections run for requests.

    Statements that are not a request's are left out: the pool's own reset, run when a
    connection goes back to the pool, and the periodic read of the revoked tokens, which may
    borrow the same connection at any moment.
    """

    NOT_OF_A_REQUEST = ("SELECT pg_advisory_unlock_all();", revocations.READ)

    def __init__(self) -> None:
        self.statements: list[str] = []

    def _record(self, record: asyncpg.connection.LoggedQuery) -> None:
        if not record.query.startswith(self.NOT_OF_A_REQUEST):
            self.statements.append(record.query)

    async def attach(self, conn: asyncpg.Connection) -> None:
        conn.add_query_logger(self._record)


@pytest.fixture
def statement_log() -> StatementLog:
    return StatementLog()


SECRET_KEY = "the-tests-signing-key-of-32-bytes-or-more"


@contextlib.asynccontextmanager
async def serve(
    settings: Settings,
    *,
    connection_init: ConnectionInit | None = None,
    tracing: Tracing | None = None,
) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client of the app for `settings`, its lifespan running."""
    app = create_app(settings, connection_init=connection_init, tracing=tracing)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://fivesoc.test") as http:
            yield http


@pytest.fixture
async def client(demo_url: str, statement_log: StatementLog) -> AsyncIterator[GraphQLClient]:
    """A GraphQL client of an app serving a fresh copy of the demo data (anonymous).

    Its app verifies every query operation: the compiled and the executed paths both answer,
    and any difference between them comes back as an error, which `data` refuses.
    """
    settings = Settings(secret_key=SECRET_KEY, reads="verify").with_database_url(demo_url)
    async with serve(settings, connection_init=statement_log.attach) as http:
        yield GraphQLClient(http)


def token(role: Role, region_ids: list[int], subject: str = "tester") -> dict[str, str]:
    """Headers of a request signed for `role` in `region_ids`."""
    return {"authorization": f"Bearer {issue_token(SECRET_KEY, subject, role, region_ids)}"}


@pytest.fixture
def repo_root() -> Path:
    return Path(__file__).resolve().parent.parent
