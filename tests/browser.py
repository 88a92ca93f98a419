"""A headless Chromium from the system's packages, driven by Playwright, that may reach
nothing but 127.0.0.1: what the browser tests (and `bench/explorer.py`) open pages in.

Debian's `chromium` package provides it (`make chromium`); Playwright's own browser download
is not used. WebGL is drawn by SwiftShader, Chromium's software renderer, as on a machine
without a GPU.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page, Route

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--no-sandbox", "--use-angle=swiftshader", "--enable-unsafe-swiftshader"]

needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="needs Chromium: `make chromium` (Debian's chromium package)"
)


@dataclass
class Watched:
    """A page, with the requests it tried outside 127.0.0.1 (refused) and its console errors."""

    page: Page
    refused: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@contextlib.contextmanager
def page(width: int = 1400, height: int = 900) -> Iterator[Watched]:
    """A new page of a new headless Chromium, whose requests to any host but 127.0.0.1 are
    refused and recorded, as are its console errors and uncaught exceptions."""
    from playwright.sync_api import sync_playwright

    assert CHROMIUM is not None
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            opened = browser.new_page(viewport={"width": width, "height": height})
            watched = Watched(opened)

            def only_loopback(route: Route) -> None:
                if urlsplit(route.request.url).hostname == "127.0.0.1":
                    route.continue_()
                else:
                    watched.refused.append(route.request.url)
                    route.abort()

            opened.route("**/*", only_loopback)
            opened.on(
                "console",
                lambda message: (
                    watched.errors.append(message.text) if message.type == "error" else None
                ),
            )
            opened.on("pageerror", lambda error: watched.errors.append(str(error)))
            yield watched
        finally:
            browser.close()
