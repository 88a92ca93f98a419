"""Logs as JSON lines, each line of a request carrying its id, which the response carries too."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import httpx
import pytest

from fivesoc import current_request, logs
from tests import served
from tests.conftest import SECRET_KEY


def test_a_served_request_is_logged_as_one_json_line_with_its_id(
    demo_url: str, tmp_path: Path
) -> None:
    log = tmp_path / "serve.log"
    query = {"query": "query Logged { communities(first: 2) { totalCount } }"}
    unnamed = {"query": "{ regions(first: 1) { totalCount } }"}
    with (
        served.running(
            demo_url, log, SECRET_KEY, FIVESOC_LOG_FORMAT="json", FIVESOC_LOG_LEVEL="info"
        ) as address,  # fmt: skip
        httpx.Client(base_url=f"http://{address}") as http,
    ):
        given = http.post("/graphql", json=query, headers={"x-request-id": "front-end.42"})
        refused = http.post("/graphql", json=query, headers={"x-request-id": "not one\tid"})
        made = http.post("/graphql", json=unnamed)
    assert given.headers["x-request-id"] == "front-end.42"
    # An id that is not visible ASCII (here a tab) is replaced by one of fivesoc's own.
    generated = refused.headers["x-request-id"]
    assert len(generated) == 32
    assert int(generated, 16) >= 0
    assert made.headers["x-request-id"] not in ("front-end.42", generated)

    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    assert all({"time", "level", "logger", "message"} <= line.keys() for line in lines)
    access = {line["request_id"]: line for line in lines if line["logger"] == "fivesoc.access"}
    first = access["front-end.42"]
    assert first["message"] == "POST /graphql 200"
    assert first["level"] == "info"
    assert (first["method"], first["path"], first["status"]) == ("POST", "/graphql", 200)
    assert (first["operation"], first["operation_type"], first["outcome"]) == (
        "Logged", "query", "ok",
    )  # fmt: skip
    assert first["duration_ms"] > 0
    assert access[generated]["operation"] == "Logged"
    # An unnamed operation has no name to log; its type and outcome are there.
    third = access[made.headers["x-request-id"]]
    assert "operation" not in third
    assert (third["operation_type"], third["outcome"]) == ("query", "ok")


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_every_line_written_while_a_request_is_served_carries_its_id(
    fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        logs.configure("info", fmt)
        logger = logging.getLogger("fivesoc.test")
        with current_request.serving(current_request.Served("req-7", operation="Page")):
            logger.info("inside", extra={"rows": 3})
        logger.warning("outside")
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
    inside, outside = capsys.readouterr().err.splitlines()
    if fmt == "json":
        line = json.loads(inside)
        assert (line["message"], line["request_id"], line["operation"], line["rows"]) == (
            "inside", "req-7", "Page", 3,
        )  # fmt: skip
        assert "request_id" not in json.loads(outside)
    else:
        assert " INFO [req-7] fivesoc.test: inside" in inside
        assert outside.endswith(" WARNING fivesoc.test: outside")


@pytest.mark.parametrize(
    ("given", "kept"),
    [("abc", True), ("a" * 128, True), ("a" * 129, False), ("", False), ("a b", False),
     ("4bf92f35-77b3-4da6-a3ce-929d0e0e4736", True), ("日志", False)],
)  # fmt: skip
def test_a_request_id_is_kept_only_when_it_is_valid(given: str, kept: bool) -> None:
    assert (current_request.request_id_from(given) == given) is kept
