"""Assess and the dashboard show a mentor's level and note beside the user's own."""

from __future__ import annotations

from gaptracker.services.tracker import Tracker
from gaptracker.tui.app import GapTrackerApp
from gaptracker.tui.screens.assess import AssessScreen
from gaptracker.tui.screens.history import RatedSkills, Timeline
from gaptracker.tui.widgets.second_opinion import SecondOpinion
from tests.tui.conftest import MakeApp, settle
from tests.tui.mentor_seed import review_by


def opinion(app: GapTrackerApp) -> str:
    widget = app.screen.query_one(SecondOpinion)
    return str(widget.render()) if widget.display else ""


async def test_assess_shows_the_mentor_beside_the_user_and_follows_the_cursor(
    seeded_tracker: Tracker, make_app: MakeApp
) -> None:
    review_by(seeded_tracker)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("a")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, AssessScreen)
        screen.select_skill("gpu-cuda-programming")
        await settle(app, pilot)
        assert opinion(app).startswith("Grace: 3 (you 2, -1) · the tiled matmul is solid")
        screen.select_skill("cpp-cuda-systems-profiling")
        await settle(app, pilot)
        assert opinion(app).startswith("Grace: 1 (you 3, +2)")
        screen.select_skill("distributed-compute-literacy")  # not in the review
        await settle(app, pilot)
        assert opinion(app) == ""


async def test_hiding_the_targets_hides_the_mentor_s_levels_too(
    seeded_tracker: Tracker, make_app: MakeApp
) -> None:
    review_by(seeded_tracker)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("a")
        await settle(app, pilot)
        assert isinstance(app.screen, AssessScreen)
        app.screen.select_skill("gpu-cuda-programming")
        await pilot.press("t")
        await settle(app, pilot)
        assert opinion(app) == ""
        await pilot.press("t")
        await settle(app, pilot)
        assert opinion(app).startswith("Grace: 3")


async def test_a_new_rating_moves_the_difference(
    seeded_tracker: Tracker, make_app: MakeApp
) -> None:
    review_by(seeded_tracker)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("a")
        await settle(app, pilot)
        assert isinstance(app.screen, AssessScreen)
        app.screen.select_skill("gpu-cuda-programming")
        await settle(app, pilot)
        await pilot.press("3", "enter")
        await settle(app, pilot)
        app.screen.select_skill("gpu-cuda-programming")
        await settle(app, pilot)
        assert opinion(app).startswith("Grace: 3 (you agree)")


async def test_the_dashboard_labels_each_mentor_s_readiness_and_lists_the_differences(
    seeded_tracker: Tracker, make_app: MakeApp
) -> None:
    review_by(seeded_tracker)
    seeded_tracker.clock.advance(days=1)  # type: ignore[attr-defined]
    review_by(seeded_tracker, "Linus", {"gpu-cuda-programming": (2, "")})
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(app, pilot)
        text = str(app.screen.query_one("#mentor-line").render())
    assert "By Grace's levels (review of" in text
    assert "By Linus's levels" in text
    assert (
        "3 skills both rated, mean difference 1.00 levels; you rate yourself higher than Grace"
        in text
    )
    assert "C++, CUDA, and systems profiling: you 3, Grace 1 (+2)" in text
    assert "1 skill both rated, mean difference 0.00 levels; you and Linus balance out" in text


async def test_without_a_review_nothing_changes_on_either_screen(
    seeded_tracker: Tracker, make_app: MakeApp
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert not app.screen.query_one("#mentor-line").display
        await pilot.press("a")
        await settle(app, pilot)
        assert opinion(app) == ""


async def test_the_history_shows_the_review_on_the_skill_s_timeline(
    seeded_tracker: Tracker, make_app: MakeApp
) -> None:
    seeded_tracker.clock.advance(days=1)  # type: ignore[attr-defined]
    review_by(seeded_tracker)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("h")
        await settle(app, pilot)
        skills = app.screen.query_one(RatedSkills)
        assert skills.select_key("gpu-cuda-programming")
        await settle(app, pilot)
        timeline = app.screen.query_one(Timeline)
        rows = [timeline.cell_row(i) for i in range(timeline.row_count)]
    assert [(level, note) for _, level, note, _ in rows] == [
        ("3 · Grace", "the tiled matmul is solid; try a fused kernel"),
        ("2", "wrote a tiled matmul"),
    ]


async def test_a_skill_only_the_mentor_rated_is_listed_with_its_review(
    seeded_tracker: Tracker, make_app: MakeApp
) -> None:
    seeded_tracker.clock.advance(days=1)  # type: ignore[attr-defined]
    review_by(seeded_tracker, reviewed={"model-serving": (2, "serve one model first")})
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("h")
        await settle(app, pilot)
        skills = app.screen.query_one(RatedSkills)
        assert skills.select_key("model-serving")  # the user never rated it
        await settle(app, pilot)
        timeline = app.screen.query_one(Timeline)
        rows = [timeline.cell_row(i) for i in range(timeline.row_count)]
    assert [(level, note) for _, level, note, _ in rows] == [("2 · Grace", "serve one model first")]
