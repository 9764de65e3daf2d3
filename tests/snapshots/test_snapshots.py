"""Snapshots of the main screens on a seeded database, a fixed clock, fixed size and theme.

Update with `make snapshots-update` only after reading the report of what changed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gaptracker.catalog import load_catalog
from gaptracker.services.tracker import Tracker
from gaptracker.storage.schema import open_database
from gaptracker.tui.app import GapTrackerApp
from gaptracker.tui.screens.assess import AssessScreen
from tests.fakes import FixedClock

SIZE = (110, 34)


@pytest.fixture
def app(db_path: Path, clock: FixedClock, tmp_path: Path) -> GapTrackerApp:
    tracker = Tracker(load_catalog(), open_database(db_path).uow_factory, clock)
    tracker.set_target("inference-optimization-engineer")
    tracker.rate("cpp-cuda-systems-profiling", 3, note="profiled a CUDA kernel with nsys")
    tracker.rate("reproducibility-discipline", 4, evidence="https://example.org/ablations")
    tracker.rate("gpu-cuda-programming", 2, note="wrote a tiled matmul")
    tracker.rate("model-serving", 2)
    clock.advance(days=3)
    app = GapTrackerApp(tracker, export_dir=tmp_path)
    app.theme = "textual-dark"
    return app


async def _settled(pilot: Any) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_dashboard(snap_compare: Any, app: GapTrackerApp) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=_settled)


def test_assess_with_a_skill_selected(snap_compare: Any, app: GapTrackerApp) -> None:
    async def run_before(pilot: Any) -> None:
        await _settled(pilot)
        await pilot.press("a")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, AssessScreen)
        screen.select_skill("gpu-cuda-programming")
        await pilot.press("3")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_role_picker(snap_compare: Any, app: GapTrackerApp) -> None:
    async def run_before(pilot: Any) -> None:
        await _settled(pilot)
        await pilot.press("r")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_dashboard_small_terminal_light_theme(snap_compare: Any, app: GapTrackerApp) -> None:
    app.theme = "textual-light"
    assert snap_compare(app, terminal_size=(80, 24), run_before=_settled)
