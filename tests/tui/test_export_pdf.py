"""PDF from the terminal app's export dialog: printed by Chromium (a stand-in here, named
by GAPTRACKER_CHROMIUM), written to disk, or in a browser tab delivered as a binary
download; without Chromium the dialog says how to get one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input

from gaptracker import chromium
from gaptracker.services.tracker import Tracker
from gaptracker.tui.app import GapTrackerApp
from gaptracker.tui.screens.save_dialog import SaveDialog
from tests.pdf_files import fake_chromium
from tests.tui.conftest import MakeApp, settle
from tests.workers import workers_done


async def export_pdf(app: GapTrackerApp, pilot: Any) -> Input:
    await workers_done(app)
    await pilot.press("e")
    await pilot.pause()
    assert isinstance(app.screen, SaveDialog)
    await pilot.click("#format-pdf")
    await pilot.pause()
    path_input = app.screen.query_one("#path", Input)
    assert path_input.value.endswith(".pdf")
    await pilot.click("#ok")
    await settle(app, pilot)
    return path_input


async def test_the_dialog_writes_a_pdf(
    make_app: MakeApp,
    seeded_tracker: Tracker,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    program, log = fake_chromium(tmp_path / "fake")
    monkeypatch.setenv("GAPTRACKER_CHROMIUM", str(program))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        path_input = await export_pdf(app, pilot)
        assert not isinstance(app.screen, SaveDialog)  # closed once written
    written = Path(path_input.value)
    assert written.parent == tmp_path and written.read_bytes().startswith(b"%PDF-")
    assert log.exists()


async def test_without_chromium_the_dialog_says_how_to_get_one(
    make_app: MakeApp,
    seeded_tracker: Tracker,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(chromium, "DEBIAN_CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.delenv("GAPTRACKER_CHROMIUM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await export_pdf(app, pilot)
        assert isinstance(app.screen, SaveDialog)  # still open, the reason beside the path
        said = str(app.screen.query_one("#dialog-error").render())
        assert "apt install chromium" in said
    assert not list(tmp_path.glob("*.pdf"))


async def test_in_a_browser_the_pdf_is_a_binary_download(
    make_app: MakeApp,
    seeded_tracker: Tracker,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    program, _ = fake_chromium(tmp_path / "fake")
    monkeypatch.setenv("GAPTRACKER_CHROMIUM", str(program))
    got: list[tuple[str, bytes]] = []

    def deliver_binary(self: GapTrackerApp, file: Any, *, save_filename: str, **_: Any) -> str:
        got.append((save_filename, file.read()))
        return "key"

    monkeypatch.setattr(GapTrackerApp, "is_web", property(lambda self: True))
    monkeypatch.setattr(GapTrackerApp, "deliver_binary", deliver_binary)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        path_input = await export_pdf(app, pilot)
    ((name, data),) = got
    assert name == path_input.value and name.endswith(".pdf")
    assert data.startswith(b"%PDF-")
    assert not list(tmp_path.glob("*.pdf"))
