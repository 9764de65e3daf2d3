"""Playwright on the system's Chromium (never a downloaded browser), and waits on what
the page shows: the app's first bytes, and the terminal's picture changing."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from gaptracker.chromium import DEBIAN_CHROMIUM, browser_flags

CHROMIUM = DEBIAN_CHROMIUM
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
WAIT_MS = 60_000  # generous: a loaded CI machine starts an app process slowly


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """The browser for a module's tests (Playwright's sync API holds an event loop while
    it runs: closed with the module, it is gone before the asyncio tests); skipped
    without /usr/bin/chromium, except under CI=true."""
    require_system_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=browser_flags())
        yield browser
        browser.close()


def require_system_chromium() -> Path:
    """/usr/bin/chromium, or the test is skipped (failed under CI=true)."""
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}, and CI=true needs it (.ci/run installs it)")
        pytest.skip(reason)
    return CHROMIUM


@pytest.fixture
def shots(request: pytest.FixtureRequest) -> Path:
    """This test's screenshot folder, kept after the run (git ignores test-artifacts/)."""
    folder = ARTIFACTS / request.node.name.replace("/", "_")
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    return folder


def opened_app(chromium: Any, url: str) -> Any:
    """A new 1200x800 page on `url`, once the app has drawn its first frame."""
    page = chromium.new_page(viewport={"width": 1200, "height": 800})
    page.goto(url)
    wait_for_first_frame(page)
    return page


def wait_for_first_frame(page: Any) -> None:
    """textual-serve's page marks its body once the app's first bytes arrived."""
    page.wait_for_selector("body.-first-byte", timeout=WAIT_MS)
    page.wait_for_selector(".textual-terminal canvas", timeout=WAIT_MS)


def terminal_picture(page: Any) -> bytes:
    return bytes(page.locator(".textual-terminal").screenshot())


def press_and_wait_for_change(page: Any, key: str) -> bytes:
    """Press `key`, then wait until the terminal's picture is another one (the app
    answered), so the next key goes to the screen the app now shows."""
    before = terminal_picture(page)
    page.keyboard.press(key)
    deadline = time.monotonic() + WAIT_MS / 1000
    while time.monotonic() < deadline:
        page.wait_for_function("() => new Promise(r => requestAnimationFrame(() => r(true)))")
        now = terminal_picture(page)
        if now != before:
            return now
    raise AssertionError(f"the app did not answer {key!r} within {WAIT_MS} ms")
