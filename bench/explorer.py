"""The explorer page on a generated county, measured in the browser: from choosing the county
to the first drawn frame (the analysis cached), and the frame rate while the planner pans.

    python bench/explorer.py --database-url postgresql://…/bench_county

The database is migrated if it is empty and given the synthetic county of `--seed`; a
`fivesoc serve` is started on it, and a headless Chromium (Debian's, `make chromium`) opens
`/explore/` and chooses the county by name, `--rounds` times, each in a fresh page. Before the
first round the county's network is exported once, so every round meets a cached analysis and
a kept file, as a planner does after the first.

Time to first frame is split by the page's own marks: the export's answer (`fetched`, its
floor: the bytes on a loopback socket), parsing the JSON, building the graph with its first
layout, and sigma's first draw. The frame rate is sigma's frames drawn during a 3-second drag
of the drawing, beside the browser's own frame rate (requestAnimationFrame with nothing to
draw) in the same page: its ceiling. WebGL is drawn here by SwiftShader, Chromium's software
renderer (these machines have no GPU): a planner's machine draws faster.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fivesoc.db import connect, migrate, synthetic
from tests import browser, served

MARKS = ("fetched", "parsed", "built", "first-frame")
REGION = "合成县1-1"

# The browser's own frame rate in the page, and then sigma's while the drawing is dragged.
IDLE_FRAMES = """() => new Promise((done) => {
  let frames = 0; const start = performance.now();
  const tick = () => { frames += 1;
    if (performance.now() - start < 2000) requestAnimationFrame(tick);
    else done(frames / ((performance.now() - start) / 1000)); };
  requestAnimationFrame(tick);
})"""


async def prepare(url: str, seed: int) -> None:
    conn = await connect.connect(url)
    try:
        await migrate.migrate(conn)
        await synthetic.generate(conn, "county", seed)
        await conn.execute("ANALYZE")
    finally:
        await conn.close()


def one_round(address: str) -> dict[str, float]:
    with browser.page() as watched:
        page = watched.page
        page.goto(f"http://{address}/explore/")
        page.wait_for_selector("body[data-ready]")
        started = time.perf_counter()
        page.fill("#search", REGION)
        page.wait_for_selector("#choices li[data-index]")
        page.click("#choices li[data-index]")
        page.wait_for_selector("body[data-first-frame]", timeout=120_000)
        wall = time.perf_counter() - started
        marks = page.evaluate(
            "Object.fromEntries(performance.getEntriesByType('mark')"
            ".map((m) => [m.name.replace('fivesoc:', ''), m.startTime]))"
        )
        page.wait_for_selector("body[data-layout=done]", timeout=300_000)
        idle_fps = page.evaluate(IDLE_FRAMES)
        box = page.locator("#graph").bounding_box()
        assert box is not None
        cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        before = page.evaluate("fivesocExplorer.state.frames")
        page.mouse.move(cx, cy)
        page.mouse.down()
        drag_started = time.perf_counter()
        step = 0
        while time.perf_counter() - drag_started < 3.0:
            step += 1
            page.mouse.move(cx + 150 * ((step % 40) / 40 - 0.5), cy + 60 * ((step % 17) / 17 - 0.5))
        page.mouse.up()
        dragged = time.perf_counter() - drag_started
        frames = page.evaluate("fivesocExplorer.state.frames") - before
        assert watched.errors == [], watched.errors
        assert watched.refused == [], watched.refused
        chosen = marks["chosen"]
        result = {name: marks[name] - chosen for name in MARKS}
        result.update(wall_ms=wall * 1000, pan_fps=frames / dragged, idle_fps=idle_fps)
        result["actors"] = page.evaluate("fivesocExplorer.graph().order")
        result["links"] = page.evaluate("fivesocExplorer.graph().size")
        return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--seed", type=int, default=1, help="the generated county's seed")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    if not args.database_url:
        parser.error("give --database-url (or DATABASE_URL) of a database for the county")
    if browser.CHROMIUM is None:
        parser.error("needs Chromium: make chromium")
    asyncio.run(prepare(args.database_url, args.seed))
    log = Path(tempfile.mkdtemp(prefix="fivesoc-bench-")) / "serve.log"
    with served.running(args.database_url, log, "b" * 32) as address:
        # Once, so that every round meets the cached analysis and the kept file.
        params = {"region": REGION, "format": "json"}
        with contextlib.suppress(httpx.HTTPError):
            httpx.get(f"http://{address}/network/export", params=params, timeout=300)
        rounds = [one_round(address) for _ in range(args.rounds)]
    print(f"county: {rounds[0]['actors']:,} actors, {rounds[0]['links']:,} links; "
          f"{args.rounds} rounds, medians (min–max)")  # fmt: skip
    rows = [
        ("export answered (floor)", "fetched", "ms"),
        ("JSON parsed", "parsed", "ms"),
        ("graph built, first layout", "built", "ms"),
        ("first frame drawn", "first-frame", "ms"),
        ("first frame, wall clock", "wall_ms", "ms"),
        ("frames/s while panning", "pan_fps", "fps"),
        ("browser's frames/s, idle", "idle_fps", "fps"),
    ]
    for label, key, unit in rows:
        values = [r[key] for r in rounds]
        print(
            f"  {label:<28} {statistics.median(values):8.1f} {unit}"
            f"  ({min(values):.1f}–{max(values):.1f})"
        )
    first = statistics.median(r["first-frame"] for r in rounds)
    floor = statistics.median(r["fetched"] for r in rounds)
    pan = statistics.median(r["pan_fps"] for r in rounds)
    idle = statistics.median(r["idle_fps"] for r in rounds)
    print(f"  first frame / export answered: {first / floor:.1f}×; panning at "
          f"{pan / idle:.2f}× the browser's idle frame rate")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
