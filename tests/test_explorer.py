"""The explorer page (`/explore/`): every file it loads is fivesoc's own, and in a real browser
(headless Chromium, nothing but 127.0.0.1 reachable) a planner draws a network by name, reads
an actor's metrics and a community's linkage, draws a path and moves through time.

The figures the page shows are those the API answers for the demo data (see
`tests/test_network_api.py`): 干丰社区's linkage index is 0.75, with volunteers and charity
resources each reached through one actor only; 浙江工商大学 reaches it in two links through
德清县民政局, and most strongly through 德清县百强社工机构1.

With `FIVESOC_SCREENSHOTS` set to a folder, the browser tests save what they see there
(`make screenshots` writes the ones the README shows, under `docs/`).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import networkx as nx
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from fivesoc.auth import issue_token
from tests import browser, served
from tests.conftest import GraphQLClient

SECRET = "e" * 32
COUNTY = "query($r: ID!) { network(scope: {region: $r}) { summary { nodes links } } }"
SCREENSHOTS = os.environ.get("FIVESOC_SCREENSHOTS")


def _screenshot(watched: browser.Watched, name: str) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        watched.page.screenshot(path=str(Path(SCREENSHOTS) / f"explore-{name}.png"))


async def test_the_page_loads_only_files_this_server_serves(client: GraphQLClient) -> None:
    page = await client.http.get("/explore/")
    assert page.status_code == 200
    assert "text/html" in page.headers["content-type"]
    loaded = re.findall(r'(?:src|href)="(/[^"]+)"', page.text)
    assert loaded == [
        "/explore/explore.css",
        "/explore/vendor/graphology.umd.min.js",
        "/explore/vendor/graphology-library.min.js",
        "/explore/vendor/sigma.min.js",
        "/explore/vendor/chart.umd.min.js",
        "/explore/explore.js",
    ]
    # The layout worker loads its own two, from here too.
    worker = await client.http.get("/explore/layout.js")
    imported = re.findall(r'"(/explore/[^"]+)"', worker.text)
    assert imported == ["/explore/vendor/graphology.umd.min.js", "/explore/vendor/graphology-library.min.js"]  # fmt: skip
    for path in [*loaded, "/explore/layout.js"]:
        response = await client.http.get(path)
        assert response.status_code == 200, path
        kind = "text/css" if path.endswith(".css") else "javascript"
        assert kind in response.headers["content-type"], path
    for library in ("sigma", "graphology", "graphology-library", "chart.js"):
        licence = await client.http.get(f"/explore/vendor/LICENSE.{library}")
        assert "MIT" in licence.text or "Permission is hereby granted" in licence.text, library
    # `/explore` leads to the page.
    moved = await client.http.get("/explore", follow_redirects=False)
    assert (moved.status_code, moved.headers["location"].endswith("/explore/")) == (307, True)


@pytest.fixture
def demo_server(demo_url: str, tmp_path: Path) -> Iterator[str]:
    with served.running(demo_url, tmp_path / "serve.log", SECRET) as address:
        yield f"http://{address}"


def _choose(watched: browser.Watched, name: str) -> None:
    """Type a name in the search box and take the first choice, as a planner would."""
    page = watched.page
    page.fill("#search", name)
    page.wait_for_selector("#choices li[data-index]", timeout=15_000)
    page.click("#choices li[data-index]")
    page.wait_for_selector("body[data-state=drawn]", timeout=60_000)


# Clicks on an actor before the test gives up, and how long each waits for its panel.
CLICKS = 3
CLICK_WAIT_MS = 10_000


def _click_actor(watched: browser.Watched, label: str) -> None:
    """Click the actor named `label` where the drawing shows it, once the frames asked for
    are drawn."""
    page = watched.page
    for attempt in range(CLICKS):
        page.evaluate(
            "new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"
        )
        where = page.evaluate(
            """(label) => {
                 const g = fivesocExplorer.graph();
                 const a = g.getNodeAttributes(g.findNode((_, n) => n.label === label));
                 return fivesocExplorer.renderer().graphToViewport({ x: a.x, y: a.y });
               }""",
            label,
        )
        box = page.locator("#graph").bounding_box()
        assert box is not None
        page.mouse.click(box["x"] + where["x"], box["y"] + where["y"])
        try:
            page.wait_for_function(
                "(label) => document.querySelector('[data-actor-name]')?.textContent === label",
                arg=label,
                timeout=CLICK_WAIT_MS,
            )
            return
        except PlaywrightTimeout:
            # On a loaded machine the frame clicked may not yet be the one measured: measure
            # where the actor is drawn again, and click there.
            if attempt == CLICKS - 1:
                raise


@browser.needs_chromium
def test_a_planner_explores_ganfeng(demo_server: str) -> None:
    analyst = issue_token(SECRET, subject="planner", role="analyst", region_ids=[])
    with browser.page() as watched:
        page = watched.page
        page.goto(f"{demo_server}/explore/")
        page.wait_for_selector("body[data-ready]")
        # The planner gives the page a token, then chooses 干丰社区 by name.
        page.click("#token-button")
        page.fill("#token", analyst)
        page.click("#token-save")
        _choose(watched, "干丰社区")
        # Its neighbourhood of two links: 17 actors, 27 links, as `network { summary }` says.
        assert page.evaluate("[document.body.dataset.actors, document.body.dataset.links]") == [
            "17",
            "27",
        ]
        page.wait_for_selector("body[data-layout=done]", timeout=60_000)
        # The community panel: index 0.75, nothing missing, two societies through one actor.
        page.wait_for_selector("#linkage-index")
        assert page.inner_text("#linkage-index") == "0.75"
        assert page.inner_text("#linkage-missing") == "无"
        assert page.inner_text("#linkage-single") == "社区志愿者、慈善资源"
        assert "德清县社区慈善基金(示例)" in page.inner_text("#tab-community")
        _screenshot(watched, "community")

        # Clicking 浙江工商大学 shows its metrics: 2 partners, links weighing 5 in all.
        _click_actor(watched, "浙江工商大学")
        metrics = page.inner_text("#actor-metrics")
        assert re.search(r"度\s+2\b", metrics), metrics
        assert re.search(r"强度\s+5\b", metrics), metrics
        assert "伙伴（政府、高校等）" in page.inner_text("#tab-actor")
        _screenshot(watched, "actor")

        # From it to 干丰社区: the shortest path through the bureau, the strongest through
        # the agency, both drawn.
        page.click("#path-from")
        _click_actor(watched, "干丰社区")
        page.click("#path-to")
        page.wait_for_selector("#shortest-path")
        assert page.inner_text("#shortest-path") == "浙江工商大学 → 德清县民政局 → 干丰社区"
        assert page.inner_text("#strongest-path") == "浙江工商大学 → 德清县百强社工机构1 → 干丰社区"
        drawn = page.evaluate(
            """() => fivesocExplorer.state.path.shortest.map(
                 (id) => fivesocExplorer.graph().getNodeAttribute(id, 'label'))"""
        )
        assert drawn == ["浙江工商大学", "德清县民政局", "干丰社区"]
        _screenshot(watched, "path")

        # Downloads: the ranking by degree (the bureau first, 11 partners), the view as a
        # PNG, the network as GEXF for Gephi.
        page.click("nav button[data-tab=downloads]")
        with page.expect_download() as csv:
            page.click("[data-download=csv]")
        rows = Path(csv.value.path()).read_text(encoding="utf-8-sig").splitlines()
        assert rows[0].startswith("rank,label,society,kind,globalId,degree")
        assert rows[1].startswith("1,德清县民政局,partner,organization,")
        assert len(rows) == 1 + 17
        with page.expect_download() as png:
            page.click("[data-download=png]")
        assert Path(png.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        with page.expect_download() as gexf:
            page.click("[data-download=gexf]")
        assert gexf.value.suggested_filename == "fivesoc-干丰社区.gexf"
        downloaded = nx.read_gexf(gexf.value.path())
        assert (downloaded.number_of_nodes(), downloaded.number_of_edges()) == (17, 27)

        # The slider, moved to the end of 2022: the network then had 7 actors and 10 links.
        page.wait_for_selector("#slider:not([disabled])", timeout=30_000)
        index = page.evaluate("fivesocExplorer.state.dates.indexOf('2022-12-31')")
        assert index >= 0
        page.evaluate(
            """(index) => { const s = document.querySelector('#slider');
                            s.value = index; s.dispatchEvent(new Event('change')); }""",
            index,
        )
        page.wait_for_selector("body[data-as-of='2022-12-31'][data-state=drawn]")
        page.wait_for_function("document.body.dataset.actors === '7'")
        assert page.evaluate("document.body.dataset.links") == "10"
        assert page.inner_text("#slider-date") == "2022-12-31"
        _screenshot(watched, "2022")

        # The plots, and the page in English.
        page.click("nav button[data-tab=plots]")
        page.wait_for_selector("body[data-plots]")
        page.click("#language")
        assert page.inner_text("h1") == "Five-society network explorer"
        assert page.inner_text("#slider-date") == "2022-12-31"
        _screenshot(watched, "plots")
    assert watched.refused == []
    assert watched.errors == []


@browser.needs_chromium
def test_an_anonymous_planner_is_told_what_is_refused(demo_server: str) -> None:
    with browser.page() as watched:
        page = watched.page
        page.goto(f"{demo_server}/explore/")
        page.wait_for_selector("body[data-ready]")
        _choose(watched, "德清县")
        # The whole time may be drawn by anyone; another date only with an analyst's token.
        assert page.evaluate("document.body.dataset.actors") == "17"
        page.wait_for_function("document.querySelector('#timeline-summary').textContent !== ''")
        summary = page.inner_text("#timeline-summary")
        assert summary.startswith("时间轴需要可计算新时间窗口的令牌"), summary
        assert page.is_disabled("#slider")
        # A token the server cannot verify is refused with a message saying so.
        page.click("#token-button")
        page.fill("#token", "not-a-token")
        page.click("#token-save")
        page.wait_for_selector("body[data-state=error]")
        assert page.inner_text("#status").startswith("令牌无效或已过期")
    assert watched.refused == []
    # The refusals are answers the page expected (a 401 shows in the console as a failed load).
    assert all("401" in error for error in watched.errors), watched.errors


@browser.needs_chromium
def test_a_generated_county_is_drawn(migrated_url: str, tmp_path: Path) -> None:
    env = {**os.environ, "DATABASE_URL": migrated_url}
    subprocess.run(
        [sys.executable, "-m", "fivesoc", "db", "generate", "--scale", "county"],
        env=env,
        check=True,
        capture_output=True,
    )
    with (
        served.running(migrated_url, tmp_path / "serve.log", SECRET) as address,
        browser.page() as watched,
    ):
        page = watched.page
        page.goto(f"http://{address}/explore/")
        page.wait_for_selector("body[data-ready]")
        _choose(watched, "合成县1-1")
        page.wait_for_selector("body[data-first-frame]", timeout=60_000)
        # Every actor and link of the county's network, as `network { summary }` counts them.
        drawn = page.evaluate("[fivesocExplorer.graph().order, fivesocExplorer.graph().size]")
        chosen = {"r": page.evaluate("fivesocExplorer.state.scope.id")}
        query = {"query": COUNTY, "variables": chosen}
        answer = httpx.post(f"http://{address}/graphql", json=query, timeout=60).json()
        summary = answer["data"]["network"]["summary"]
        assert drawn == [summary["nodes"], summary["links"]]
        assert summary["nodes"] > 9000
        _screenshot(watched, "county")
    assert watched.refused == []
    assert watched.errors == []
