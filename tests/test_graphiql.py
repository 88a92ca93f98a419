"""GraphiQL is served entirely by fivesoc: its page loads nothing from elsewhere, and in a
headless Chromium that may reach nothing but 127.0.0.1 it runs a query."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

import pytest

from tests import browser, served
from tests.conftest import GraphQLClient


async def test_the_page_loads_only_files_this_server_serves(client: GraphQLClient) -> None:
    page = await client.http.get("/graphql", headers={"accept": "text/html"})
    assert page.status_code == 200
    loaded = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert loaded == [
        "/graphiql/graphiql.min.css",
        "/graphiql/react.production.min.js",
        "/graphiql/react-dom.production.min.js",
        "/graphiql/graphiql.min.js",
        "/graphiql/page.js",
    ]
    for path in loaded:
        response = await client.http.get(path)
        assert response.status_code == 200, path
        kind = "text/css" if path.endswith(".css") else "javascript"
        assert kind in response.headers["content-type"], path
    licences = await client.http.get("/graphiql/LICENSE.graphiql")
    assert "MIT License" in licences.text


@pytest.fixture
def server(demo_url: str) -> Iterator[str]:
    port = served.free_port()
    env = {**os.environ, "DATABASE_URL": demo_url, "FIVESOC_SECRET_KEY": "k" * 32,
           "FIVESOC_LOG_LEVEL": "warning"}  # fmt: skip
    process = served.start(env, port)
    try:
        served.wait_until_healthy(port)
        yield f"http://127.0.0.1:{port}"
    finally:
        served.stop(process)


@browser.needs_chromium
def test_graphiql_runs_a_query_with_nothing_but_this_server_reachable(server: str) -> None:
    with browser.page() as watched:
        page = watched.page
        page.goto(f"{server}/graphql")
        page.wait_for_selector(".graphiql-query-editor .CodeMirror", timeout=30_000)
        page.evaluate(
            "document.querySelector('.graphiql-query-editor .CodeMirror')"
            ".CodeMirror.setValue('{ communities { totalCount } }')"
        )
        page.click(".graphiql-execute-button")
        page.wait_for_function(
            "document.querySelector('.graphiql-response')"
            " && document.querySelector('.graphiql-response').innerText.includes('totalCount')",
            timeout=30_000,
        )
        answer = page.inner_text(".graphiql-response")
    assert '"totalCount": 5' in answer
    assert watched.refused == []
