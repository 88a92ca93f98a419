"""GraphiQL is served entirely by fivesoc: its page loads nothing from elsewhere, and in a
headless Chromium that may reach nothing but 127.0.0.1 it runs a query."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from tests import served
from tests.conftest import GraphQLClient

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


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


@pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium (Debian: apt install chromium)")
def test_graphiql_runs_a_query_with_nothing_but_this_server_reachable(server: str) -> None:
    from playwright.sync_api import Route, sync_playwright

    refused: list[str] = []

    def only_this_server(route: Route) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.route("**/*", only_this_server)
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
        finally:
            browser.close()
    assert '"totalCount": 5' in answer
    assert refused == []
