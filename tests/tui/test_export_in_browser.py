"""Served in a browser (`gaptracker serve`), an export or a backup is the browser's
download (Textual's deliver_text), and nothing is written on the server's disk."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input

from gaptracker.services.tracker import Tracker
from gaptracker.tui.app import GapTrackerApp
from gaptracker.tui.screens.save_dialog import SaveDialog
from tests.tui.conftest import MakeApp, settle
from tests.workers import workers_done


@pytest.fixture
def delivered(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """(file name, text) of each delivery; the app believes it runs in a browser."""
    got: list[tuple[str, str]] = []

    def deliver_text(self: GapTrackerApp, file: Any, *, save_filename: str, **_: Any) -> str:
        got.append((save_filename, file.read()))
        return "key"

    monkeypatch.setattr(GapTrackerApp, "is_web", property(lambda self: True))
    monkeypatch.setattr(GapTrackerApp, "deliver_text", deliver_text)
    return got


@pytest.mark.parametrize(("action", "fmt"), [("export", "json"), ("backup", None)])
async def test_an_export_or_backup_in_the_browser_is_a_download(
    make_app: MakeApp,
    seeded_tracker: Tracker,
    tmp_path: Path,
    delivered: list[tuple[str, str]],
    action: str,
    fmt: str | None,
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await workers_done(app)
        await app.run_action(action)
        await pilot.pause()
        assert isinstance(app.screen, SaveDialog)
        path_input = app.screen.query_one("#path", Input)
        assert "/" not in path_input.value  # a file name, no server folder
        if fmt is not None:
            await pilot.click(f"#format-{fmt}")
            await pilot.pause()
        await pilot.click("#ok")
        await settle(app, pilot)
        assert not isinstance(app.screen, SaveDialog)
    ((name, text),) = delivered
    assert name == path_input.value and name.endswith(".json")
    document = json.loads(text)
    assert document  # the report or the backup, whole
    assert not list(tmp_path.rglob(name))  # not in the export folder, nor anywhere
    assert not (Path.cwd() / name).exists()
