"""Snapshots of every main screen at 80x24 in both themes, and the two busiest at 160x50;
the skill pack picker and the diff before a switch at 80x24 in both themes.

Deterministic: a seeded database (`tests.tui.tour.seed`: twelve weekly check-ins, notes,
goals), the fixed clock, a fixed size and theme, and every text cursor's blink stopped
before the screenshot. Update with `make snapshots-update` only after reading the report
of what changed (and looking at the new pictures).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gaptracker.catalog import load_catalog
from gaptracker.services.tracker import Tracker
from gaptracker.storage.schema import open_database
from tests.fakes import FixedClock
from tests.tui import tour

MAIN_SCREENS = ("dashboard", "assess", "checkin", "history", "plan", "roles", "welcome", "help")
THEMES = ("textual-dark", "textual-light")
CASES = [
    *((place, theme, (80, 24)) for place in MAIN_SCREENS for theme in THEMES),
    ("dashboard", "textual-dark", (160, 50)),
    ("assess", "textual-dark", (160, 50)),
    *((place, theme, (80, 24)) for place in ("pack-picker", "pack-diff") for theme in THEMES),
]


@pytest.mark.parametrize(
    ("place", "theme", "size"),
    CASES,
    ids=[f"{place}-{theme.removeprefix('textual-')}-{w}x{h}" for place, theme, (w, h) in CASES],
)
def test_screen(
    snap_compare: Any,
    place: str,
    theme: str,
    size: tuple[int, int],
    db_path: Path,
    clock: FixedClock,
    tmp_path: Path,
) -> None:
    tracker = Tracker(load_catalog(), open_database(db_path).uow_factory, clock)
    if place not in tour.EMPTY_DATABASE:
        tour.seed(tracker, clock)
    app = tour.app_for(place, tracker, tmp_path)
    app.theme = theme

    async def run_before(pilot: Any) -> None:
        await tour.STEPS[place](pilot.app, pilot)
        await tour.hold_still(pilot.app, pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)
