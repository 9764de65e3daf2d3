"""`gaptracker serve` in a real Chromium (Playwright): open the printed URL, choose a
role, rate a skill; the result is read back with `gaptracker status --json` on the same
database. Screenshots are kept in test-artifacts/browser/."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.web.browser import (
    WAIT_MS,
    opened_app,
    press_and_wait_for_change,
    terminal_picture,
    wait_for_first_frame,
)
from tests.web.served import serving

pytestmark = pytest.mark.browser


def status(db_path: Path) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-m", "gaptracker", "--db", str(db_path), "status", "--json"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "GAPTRACKER_DB": str(db_path)},
    )
    return dict(json.loads(out.stdout))


def wait_for_status(db_path: Path, key: str) -> dict[str, Any]:
    """The app commits in its own thread: poll the database until `key` is set."""
    deadline = time.monotonic() + WAIT_MS / 1000
    while time.monotonic() < deadline:
        now = status(db_path)
        if now.get(key) is not None:
            return now
    raise AssertionError(f"{key} never appeared in gaptracker status --json")


def test_the_printed_url_opens_the_app_and_drops_the_token(
    chromium: Any, db_path: Path, shots: Path
) -> None:
    with serving(db_path) as (_server, url):
        page = opened_app(chromium, url)
        assert "token=" not in page.url  # redirected: the secret left the address bar
        assert page.evaluate("document.cookie") == ""  # HttpOnly: no script can read it
        page.screenshot(path=str(shots / "first-frame.png"))
        page.close()


def test_choose_a_role_and_rate_a_skill_in_the_browser(
    chromium: Any, db_path: Path, shots: Path
) -> None:
    with serving(db_path) as (_server, url):
        page = opened_app(chromium, url)
        page.locator(".textual-terminal").click()  # the keys go to the terminal
        (shots / "1-welcome.png").write_bytes(terminal_picture(page))
        (shots / "2-roles.png").write_bytes(press_and_wait_for_change(page, "Enter"))
        (shots / "3-assess.png").write_bytes(press_and_wait_for_change(page, "Enter"))
        chosen = wait_for_status(db_path, "role_id")
        assert chosen["role_id"] == "inference-optimization-engineer"  # the first role
        assert chosen["last_rating_on"] is None
        press_and_wait_for_change(page, "2")
        (shots / "4-rated.png").write_bytes(press_and_wait_for_change(page, "Enter"))
        rated = wait_for_status(db_path, "last_rating_on")
        assert rated["role_id"] == "inference-optimization-engineer"
        assert rated["readiness"] > 0
        history = subprocess.run(
            [sys.executable, "-m", "gaptracker", "--db", str(db_path), "history", "--json"],
            capture_output=True,
            text=True,
            check=True,
        )
        (rating,) = json.loads(history.stdout)
        assert (rating["skill_id"], rating["level"]) == ("cpp-cuda-systems-profiling", 2)
        page.close()


def test_a_browser_without_the_token_gets_no_page(chromium: Any, db_path: Path) -> None:
    with serving(db_path) as (_server, url):
        without = url.split("?", 1)[0]
        context = chromium.new_context()  # no cookie from another test's visit
        page = context.new_page()
        response = page.goto(without)
        assert response is not None and response.status == 403
        assert page.locator(".textual-terminal").count() == 0
        context.close()


def test_an_export_in_the_browser_arrives_as_a_download(
    chromium: Any, db_path: Path, shots: Path
) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "gaptracker",
            "--db",
            str(db_path),
            "target",
            "ai-research-scientist",
        ],
        capture_output=True,
        check=True,
    )
    with serving(db_path) as (_server, url):
        context = chromium.new_context(accept_downloads=True)
        page = context.new_page()
        page.goto(url)
        wait_for_first_frame(page)
        page.locator(".textual-terminal").click()
        (shots / "1-dashboard.png").write_bytes(terminal_picture(page))
        (shots / "2-export-dialog.png").write_bytes(press_and_wait_for_change(page, "e"))
        with page.expect_download(timeout=WAIT_MS) as arrival:
            page.keyboard.press("Enter")
        download = arrival.value
        assert download.suggested_filename.endswith(".md")
        saved = shots / download.suggested_filename
        download.save_as(saved)
        assert "AI Research Scientist" in saved.read_text(encoding="utf-8")
        context.close()
