"""Snapshots of assess with a mentor's levels beside the user's, at 80x24 in both themes
(the seeded tour of test_snapshots, then a mentor's review of it)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gaptracker.catalog import load_catalog
from gaptracker.services.tracker import Tracker
from gaptracker.storage.schema import open_database
from gaptracker.tui.app import GapTrackerApp
from tests.fakes import FixedClock
from tests.tui import tour
from tests.tui.mentor_seed import review_by


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
def test_assess_with_a_mentor_review(
    snap_compare: Any, theme: str, db_path: Path, clock: FixedClock, tmp_path: Path
) -> None:
    tracker = Tracker(load_catalog(), open_database(db_path).uow_factory, clock)
    tour.seed(tracker, clock)
    review_by(tracker)
    app = GapTrackerApp(tracker, export_dir=tmp_path)
    app.theme = theme

    async def run_before(pilot: Any) -> None:
        await tour.STEPS["assess"](pilot.app, pilot)
        await tour.hold_still(pilot.app, pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
