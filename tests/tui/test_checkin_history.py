"""The check-in flow (stopped half way, then resumed) and the history screen."""

from __future__ import annotations

from textual.widgets import Static

from gaptracker.services.tracker import Tracker
from gaptracker.tui.app import GapTrackerApp
from gaptracker.tui.screens.checkin import CheckinScreen
from gaptracker.tui.screens.dashboard import DashboardScreen
from gaptracker.tui.screens.history import HistoryScreen, RatedSkills, Timeline
from gaptracker.tui.widgets.readiness_chart import ReadinessChart
from tests.fakes import FixedClock
from tests.tui.conftest import MakeApp, settle
from tests.workers import workers_done


def progress_text(app: GapTrackerApp) -> str:
    return str(app.screen.query_one("#checkin-progress", Static).render())


async def test_checkin_stopped_half_way_then_resumed(
    make_app: MakeApp, seeded_tracker: Tracker, clock: FixedClock
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("c")
        await settle(app, pilot)
        assert isinstance(app.screen, CheckinScreen)
        assert app.screen.skill_id == "cpp-cuda-systems-profiling"
        await pilot.press("space")  # keep level 3
        await settle(app, pilot)
        await pilot.press("5", *"shipped a profiler", "enter")  # change
        await settle(app, pilot)
        assert app.screen.skill_id == "distributed-compute-literacy"
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, DashboardScreen)
    kept = app.tracker.ratings("cpp-cuda-systems-profiling")
    changed = app.tracker.ratings("reproducibility-discipline")
    assert [r.level for r in kept] == [3, 3] and kept[-1].checkin_id is not None
    assert (changed[-1].level, changed[-1].note) == (5, "shipped a profiler")
    assert len(app.tracker.checkins()) == 1

    clock.advance(days=2)
    again = make_app()
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(again, pilot)
        await pilot.press("c")
        await settle(again, pilot)
        assert isinstance(again.screen, CheckinScreen)
        assert "(resumed)" in progress_text(again)
        assert again.screen.skill_id == "distributed-compute-literacy"
        await pilot.press("2", "enter")
        await settle(again, pilot)
    assert len(again.tracker.checkins()) == 1
    (latest,) = again.tracker.ratings("distributed-compute-literacy")
    assert latest.checkin_id == kept[-1].checkin_id


async def test_the_dashboard_shows_what_moved(make_app: MakeApp, seeded_tracker: Tracker) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("c")
        await settle(app, pilot)
        await pilot.press("4", "enter")
        await settle(app, pilot)
        await pilot.press("escape")
        await settle(app, pilot)
        line = str(app.screen.query_one("#progress-line", Static).render())
        assert "Last check-in today: 1 up" in line


async def test_history_screen_shows_trend_rhythm_and_timeline(
    make_app: MakeApp, seeded_tracker: Tracker
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("h")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        assert list(screen.query_one(ReadinessChart).values) == [
            p.readiness
            for p in app.overview.trend  # type: ignore[union-attr]
        ]
        rhythm = str(screen.query_one("#rhythm", Static).render())
        assert "Streak: 1 week in a row" in rhythm
        skills = screen.query_one(RatedSkills)
        assert skills.row_count == 3
        assert screen.focused is skills  # the keys move it at once
        await pilot.press("j")
        await workers_done(app)  # the timeline reads that skill in a worker
        await pilot.pause()
        timeline = screen.query_one(Timeline)
        assert timeline.row_count == 1
        title = str(screen.query_one("#timeline-title", Static).render())
        assert title == "Timeline: GPU and CUDA programming (newest first)"
        assert timeline.cell_row(0)[2] == "wrote a tiled matmul"
