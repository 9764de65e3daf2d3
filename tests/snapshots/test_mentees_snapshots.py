"""Snapshots of a mentor's Mentees screen, a mentee's read-only dashboard and history at 80x24
(group mode over the fake directory: tests/group_fakes.py, the fixed clock)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gaptracker.catalog import load_catalog
from gaptracker.services.tracker import Tracker
from gaptracker.tui.app import GapTrackerApp
from tests.fakes import FixedClock
from tests.group_fakes import seeded_group
from tests.tui import tour
from tests.tui.conftest import settle

KEYS = {
    "mentees": ("m",),
    "mentee-read-only": ("m", "enter"),
    "mentee-history-read-only": ("m", "enter", "h"),
}


@pytest.mark.parametrize("place", list(KEYS))
def test_mentor_screen(snap_compare: Any, place: str, clock: FixedClock, tmp_path: Path) -> None:
    catalog = load_catalog()
    group = seeded_group(tmp_path / "group", catalog, clock)
    tracker = Tracker(catalog, group.databases["maria"].uow_factory, clock)
    app = GapTrackerApp(tracker, export_dir=tmp_path, directory=group.directory("maria"))
    app.theme = "textual-dark"

    async def run_before(pilot: Any) -> None:
        await settle(pilot.app, pilot)
        for key in KEYS[place]:
            await pilot.press(key)
            await settle(pilot.app, pilot)
        await tour.hold_still(pilot.app, pilot)

    try:
        assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
    finally:
        group.close()
