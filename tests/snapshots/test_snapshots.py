"""Snapshots of the main screens on a seeded database, a fixed clock, fixed size and theme.

Update with `make snapshots-update` only after reading the report of what changed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from gaptracker.catalog import load_catalog
from gaptracker.services.tracker import Tracker
from gaptracker.storage.schema import open_database
from gaptracker.tui.app import GapTrackerApp
from gaptracker.tui.screens.assess import AssessScreen
from tests.fakes import FixedClock
from tests.workers import workers_done

SIZE = (110, 34)


@pytest.fixture
def history_app(db_path: Path, clock: FixedClock, tmp_path: Path) -> GapTrackerApp:
    """Twelve weeks of weekly check-ins with steady progress, and two goals."""
    tracker = Tracker(load_catalog(), open_database(db_path).uow_factory, clock)
    tracker.set_target("inference-optimization-engineer")
    skills = ("cpp-cuda-systems-profiling", "reproducibility-discipline", "inference-optimization")
    for week in range(12):
        walk = tracker.checkin.walk()
        for i, skill in enumerate(skills):
            level = min(5, (week + 2 * i) // 3)
            walk = tracker.checkin.record(walk, skill, level, note=f"week {week + 1}")
        clock.advance(days=7)
    tracker.set_goal("distributed-compute-literacy", 3, clock.today() + dt.timedelta(days=60))
    tracker.set_goal("cpp-cuda-systems-profiling", 4, clock.today() + dt.timedelta(days=30))
    app = GapTrackerApp(tracker, export_dir=tmp_path)
    app.theme = "textual-dark"
    return app


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
    await workers_done(pilot.app)
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


def test_dashboard_with_twelve_weeks_of_trends(
    snap_compare: Any, history_app: GapTrackerApp
) -> None:
    assert snap_compare(history_app, terminal_size=SIZE, run_before=_settled)


def test_history_screen(snap_compare: Any, history_app: GapTrackerApp) -> None:
    async def run_before(pilot: Any) -> None:
        await _settled(pilot)
        await pilot.press("h")
        await _settled(pilot)

    assert snap_compare(history_app, terminal_size=(110, 44), run_before=run_before)


def test_plan_screen(snap_compare: Any, history_app: GapTrackerApp) -> None:
    async def run_before(pilot: Any) -> None:
        await _settled(pilot)
        await pilot.press("p")
        await _settled(pilot)

    assert snap_compare(history_app, terminal_size=(110, 50), run_before=run_before)
