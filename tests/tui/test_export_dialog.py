"""Exporting and backing up from the TUI: the dialog, the file, the message saying where."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from textual.command import CommandList
from textual.widgets import Input

from gaptracker.catalog import load_catalog
from gaptracker.domain.backup import parse_backup
from gaptracker.services.tracker import Tracker
from gaptracker.storage.schema import open_database
from gaptracker.tui.app import GapTrackerApp
from gaptracker.tui.screens.save_dialog import SaveDialog
from tests.fakes import FixedClock
from tests.tui.conftest import MakeApp, record_notifications, settle
from tests.workers import workers_done


async def test_export_dialog_writes_the_chosen_format(
    make_app: MakeApp, seeded_tracker: Tracker, tmp_path: Path
) -> None:
    app = make_app()
    shown = record_notifications(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await workers_done(app)
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, SaveDialog)
        path_input = dialog.query_one("#path", Input)
        assert path_input.value.endswith(".md")
        await pilot.click("#format-json")
        await pilot.pause()
        assert path_input.value.endswith(".json")
        await pilot.click("#ok")
        await settle(app, pilot)
        assert not isinstance(app.screen, SaveDialog)  # closed once written
    written = Path(path_input.value)
    assert written.parent == tmp_path
    assert json.loads(written.read_text())["role"]["id"] == "inference-optimization-engineer"
    assert any(str(written) in m for m in shown)


def dialog_error(app: GapTrackerApp) -> str:
    """What the open dialog says went wrong (beside the path, which stays to be mended)."""
    assert isinstance(app.screen, SaveDialog)
    return str(app.screen.query_one("#dialog-error").render())


async def test_export_into_a_missing_folder_says_why(
    make_app: MakeApp, seeded_tracker: Tracker, tmp_path: Path
) -> None:
    app = make_app()
    shown = record_notifications(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await workers_done(app)
        await pilot.press("e")
        await pilot.pause()
        path_input = app.screen.query_one("#path", Input)
        typed = str(tmp_path / "missing" / "r.md")
        path_input.value = typed
        await pilot.press("enter")
        await settle(app, pilot)
        assert "does not exist" in dialog_error(app)
        assert path_input.value == typed  # still there to mend
    assert not any("does not exist" in m for m in shown)  # said in the dialog, not a toast
    assert not (tmp_path / "missing").exists()


async def test_backup_from_the_command_palette(
    make_app: MakeApp, seeded_tracker: Tracker, tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await workers_done(app)
        await pilot.press("ctrl+p", *"backup")
        await settle(app, pilot)  # the palette searches in a worker
        assert app.screen.query_one(CommandList).option_count
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SaveDialog)
        await pilot.press("enter")
        await settle(app, pilot)
    (backup,) = tmp_path.glob("gaptracker-backup-*.json")
    document = parse_backup(
        backup.read_text(), str(backup), seeded_tracker.catalog, seeded_tracker.clock.now()
    )
    assert len(document.ratings) == 3


async def test_a_path_with_an_unknown_users_home_is_refused_in_the_dialog(
    make_app: MakeApp, seeded_tracker: Tracker
) -> None:
    app = make_app()
    shown = record_notifications(app)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await workers_done(app)
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, SaveDialog)
        dialog.query_one("#path", Input).value = "~0/gap.md"
        await pilot.click("#ok")
        await pilot.pause()
        assert app.screen is dialog  # still open, with the path to correct
        assert "cannot expand ~0" in dialog_error(app)
        assert shown == []


@pytest.mark.parametrize("target", ["database", "fifo"])
async def test_export_onto_the_database_or_a_fifo_nothing_reads_says_why(
    db_path: Path, clock: FixedClock, seeded_tracker: Tracker, tmp_path: Path, target: str
) -> None:
    tracker = Tracker(load_catalog(), open_database(db_path).uow_factory, clock)
    app = GapTrackerApp(tracker, export_dir=tmp_path, protected=(db_path,))
    shown = record_notifications(app)
    path = db_path if target == "database" else tmp_path / "fifo"
    if target == "fifo":
        os.mkfifo(path)
    before = db_path.read_bytes()
    async with app.run_test(size=(100, 30)) as pilot:
        await workers_done(app)
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#path", Input).value = str(path)
        await pilot.press("enter")
        await settle(app, pilot)  # a FIFO nobody reads: an error, not a wait
        expected = "is the database" if target == "database" else "nothing reads"
        assert expected in dialog_error(app)
    assert not any("saved" in m for m in shown), shown
    assert db_path.read_bytes() == before
    if target == "fifo":
        assert stat.S_ISFIFO(path.stat().st_mode)
    assert len(tracker.ratings()) == 3
