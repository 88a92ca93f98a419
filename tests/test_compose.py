"""The compose file's services, run as it says without Docker: its migration, then its two API
processes and its worker with their commands and environment, on the test database."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
import yaml

from tests import served
from tests.conftest import SECRET_KEY

API_SERVICES = ("api-1", "api-2")
# Compose's interpolation: ${NAME}, ${NAME:-default}, ${NAME:?error}.
VARIABLE = re.compile(r"\$\{(?P<name>\w+)(?:(?P<how>:[-?])(?P<word>[^}]*))?\}")


def interpolate(text: str, given: Mapping[str, str]) -> str:
    def value(match: re.Match[str]) -> str:
        name, how, word = match["name"], match["how"], match["word"]
        if given.get(name):
            return given[name]
        if how == ":?":
            raise AssertionError(f"compose needs {name}: {word}")
        return word or ""

    return VARIABLE.sub(value, text)


def compose(given: Mapping[str, str]) -> dict[str, Any]:
    """The compose file with the variables of `given` put in, as `docker compose` reads it."""
    root = Path(__file__).resolve().parent.parent
    loaded: dict[str, Any] = yaml.safe_load((root / "compose.yaml").read_text())

    def walk(node: Any) -> Any:
        if isinstance(node, str):
            return interpolate(node, given)
        if isinstance(node, dict):
            return {key: walk(value) for key, value in node.items()}
        if isinstance(node, list):
            return [walk(item) for item in node]
        return node

    services: dict[str, Any] = walk(loaded)
    return services


def as_here(command: list[str]) -> list[str]:
    """A command of the image, run by this Python: `fivesoc …` and `python …`."""
    if command[0] == "fivesoc":
        return [sys.executable, "-m", "fivesoc", *command[1:]]
    if command[0] == "python":
        return [sys.executable, *command[1:]]
    raise AssertionError(f"the image has no {command[0]}")


def environment(service: dict[str, Any], **overrides: str) -> dict[str, str]:
    """The service's environment as its container has it, with `overrides`; PATH too."""
    env = {name: str(value) for name, value in service["environment"].items()}
    return {"PATH": os.environ["PATH"], **env, **overrides}


def test_the_compose_file_wires_the_services_together() -> None:
    services = compose({"FIVESOC_SECRET_KEY": SECRET_KEY})["services"]
    assert set(services) == {"postgres", "migrate", *API_SERVICES, "worker"}
    assert services["migrate"]["depends_on"] == {"postgres": {"condition": "service_healthy"}}
    database = services["migrate"]["environment"]["DATABASE_URL"]
    assert database == "postgresql://fivesoc:fivesoc@postgres:5432/fivesoc"
    postgres = services["postgres"]["environment"]
    assert database == (
        f"postgresql://{postgres['POSTGRES_USER']}:{postgres['POSTGRES_PASSWORD']}"
        f"@postgres:5432/{postgres['POSTGRES_DB']}"
    )
    ports = set()
    for name in API_SERVICES:
        api = services[name]
        assert api["build"] == "."
        assert api["depends_on"] == {"migrate": {"condition": "service_completed_successfully"}}
        assert api["environment"]["DATABASE_URL"] == database
        assert api["environment"]["FIVESOC_SECRET_KEY"] == SECRET_KEY
        port = api["environment"]["FIVESOC_PORT"]
        assert api["ports"] == [f"{port}:{port}"]
        ports.add(port)
    assert ports == {"8001", "8002"}
    worker = services["worker"]
    assert worker["depends_on"] == {"migrate": {"condition": "service_completed_successfully"}}
    assert worker["environment"]["DATABASE_URL"] == database
    # The API processes serve what the worker computes.
    for name in (*API_SERVICES, "worker"):
        assert services[name]["environment"]["FIVESOC_ANALYSES"] == "jobs"


def test_without_a_signing_key_compose_refuses_to_start() -> None:
    with pytest.raises(AssertionError, match="compose needs FIVESOC_SECRET_KEY"):
        compose({})


def test_the_image_runs_the_package_as_an_unprivileged_user() -> None:
    dockerfile = (Path(__file__).resolve().parent.parent / "Dockerfile").read_text()
    stages = dockerfile.split("\nFROM ")
    assert len(stages) == 3  # the comments, the build stage, the image
    build, image = stages[1], stages[2]
    assert 'pip install ".${EXTRAS}"' in build
    assert "COPY --from=build /opt/fivesoc /opt/fivesoc" in image
    users = re.findall(r"^USER (\S+)$", image, re.MULTILINE)
    assert users == ["fivesoc"]
    assert image.index("USER fivesoc") > image.rindex("COPY ")
    assert 'CMD ["fivesoc", "serve", "--no-seed"]' in image


@pytest.fixture
def started(blank_url: str, tmp_path: Path) -> Iterator[list[tuple[str, Path]]]:
    """The migration run to its end on a new database, then both API processes started with
    their commands and environment: only the database's URL, the address they listen on
    (loopback, on free ports) and PATH differ from the compose file."""
    services = compose({"FIVESOC_SECRET_KEY": SECRET_KEY})["services"]
    migrate = services["migrate"]
    done = subprocess.run(
        as_here(migrate["command"]),
        env=environment(migrate, DATABASE_URL=blank_url),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    processes, addresses = [], []
    try:
        for name in API_SERVICES:
            port = served.free_port()
            env = environment(
                services[name],
                DATABASE_URL=blank_url,
                FIVESOC_HOST="127.0.0.1",
                FIVESOC_PORT=str(port),
            )
            # Its log lines go to stderr; stdout has the line saying where it serves.
            log = tmp_path / f"{name}.log"
            with log.open("w") as err, (tmp_path / f"{name}.out").open("w") as out:
                command = as_here(services[name]["command"])
                processes.append(subprocess.Popen(command, env=env, stdout=out, stderr=err))
            addresses.append((f"127.0.0.1:{port}", log, env))
        # The worker, its metrics on a free port instead of the compose file's.
        worker = services["worker"]
        command = as_here(worker["command"])
        metrics_port = str(served.free_port())
        command[command.index("--metrics-port") + 1] = metrics_port
        worker_env = environment(worker, DATABASE_URL=blank_url, FIVESOC_HOST="127.0.0.1")
        with (tmp_path / "worker.log").open("w") as err:
            processes.append(subprocess.Popen(command, env=worker_env, stderr=err))
        for (address, _, env), name in zip(addresses, API_SERVICES, strict=True):
            served.wait_until_healthy(int(address.rsplit(":", 1)[1]))
            # The compose file's own health check, run as Docker would.
            health = services[name]["healthcheck"]["test"]
            assert health[0] == "CMD"
            checked = subprocess.run(as_here(health[1:]), env=env, timeout=30, check=False)
            assert checked.returncode == 0
        health = worker["healthcheck"]["test"]
        check = [part.replace(":9101/", f":{metrics_port}/") for part in as_here(health[1:])]
        deadline = time.monotonic() + 30
        while subprocess.run(check, env=worker_env, timeout=30, check=False).returncode != 0:
            assert time.monotonic() < deadline, "the worker's health check did not pass"
            time.sleep(0.2)
        yield [(address, log) for address, log, _ in addresses]
    finally:
        for process in processes:
            served.stop(process)


async def test_a_network_asked_of_one_api_process_is_computed_by_the_worker_for_both(
    started: list[tuple[str, Path]], blank_url: str
) -> None:
    query = {"query": "{ network { stale summary { nodes } job { state } } }"}
    answers = []
    async with httpx.AsyncClient(timeout=60) as http:
        for address, _ in started:
            answers.append(
                (await http.post(f"http://{address}/graphql", json=query)).json()["data"]
            )
    # An empty database: a network of nothing, computed once by the worker, served by both.
    expected = {"network": {"stale": False, "summary": {"nodes": 0}, "job": {"state": "DONE"}}}
    assert answers == [expected, expected]
    conn = await asyncpg.connect(blank_url)
    try:
        assert await conn.fetchval("select count(*) from network_analysis") == 1
    finally:
        await conn.close()


def test_both_api_processes_of_the_compose_file_answer(
    started: list[tuple[str, Path]],
) -> None:
    query = {"query": "query Compose { communities { totalCount } }"}
    for address, log in started:
        with httpx.Client(base_url=f"http://{address}") as http:
            assert http.get("/healthz").json() == {"status": "ok", "database": "reachable"}
            answer = http.post("/graphql", json=query, headers={"x-request-id": address})
            assert answer.json()["data"] == {"communities": {"totalCount": 0}}
            assert "fivesoc_http_requests_total" in http.get("/metrics").text
        # The compose file asks for JSON logs: the request's line is there, with its id.
        lines = [json.loads(line) for line in log.read_text().splitlines() if line]
        assert any(
            line.get("request_id") == address and line.get("operation") == "Compose"
            for line in lines
        ), lines
