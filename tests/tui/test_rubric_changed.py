"""The dashboard, the check-in and the assess screen say "rubric changed since you rated:
re-rate?" for a skill whose current rating was made against other level descriptors, and
stop saying it once the skill is rated again."""

from __future__ import annotations

from pathlib import Path

from gaptracker.domain.models import Catalog
from gaptracker.domain.rubric import RUBRIC_CHANGED
from gaptracker.services.tracker import Tracker
from gaptracker.storage.schema import open_database
from gaptracker.tui.app import GapTrackerApp
from gaptracker.tui.screens.assess import AssessScreen
from gaptracker.tui.screens.checkin import CheckinScreen
from gaptracker.tui.screens.dashboard import DashboardScreen
from gaptracker.tui.widgets.gap_table import GapTable
from gaptracker.tui.widgets.skill_table import SkillTable
from tests.fakes import FixedClock
from tests.tui.conftest import settle
from tests.tui.screen_text import drawn_lines

MUST = "cpp-cuda-systems-profiling"
TOPIC = "gpu-cuda-programming"
LARGEST = "distributed-compute-literacy"
"""The largest gap of the seeded user (a Must skill, unrated)."""


def reworded(catalog: Catalog, *skill_ids: str) -> Catalog:
    """The catalog with level 1 of each skill reworded (the pack edited since)."""
    skills = tuple(
        s.model_copy(update={"levels": (s.levels[0], s.levels[1] + " (new)", *s.levels[2:])})
        if s.id in skill_ids
        else s
        for s in catalog.skills
    )
    return catalog.model_copy(update={"skills": skills})


def app_on_reworded(db_path: Path, clock: FixedClock, seeded: Tracker) -> GapTrackerApp:
    catalog = reworded(seeded.catalog, MUST, TOPIC)
    return GapTrackerApp(Tracker(catalog, open_database(db_path).uow_factory, clock))


def screen_says(app: GapTrackerApp, selector: str) -> str:
    return " ".join(line.strip() for line in drawn_lines(app.screen.query_one(selector)))


async def test_the_dashboard_marks_the_skill_and_names_it_with_the_status_lines(
    db_path: Path, clock: FixedClock, seeded_tracker: Tracker
) -> None:
    seeded_tracker.rate(LARGEST, 0)  # rated, and still the largest gap: the table lists it
    catalog = reworded(seeded_tracker.catalog, MUST, TOPIC, LARGEST)
    app = GapTrackerApp(Tracker(catalog, open_database(db_path).uow_factory, clock))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, DashboardScreen)
        line = screen_says(app, "#rubric-changed")
        assert line.startswith(f"* {RUBRIC_CHANGED} ") and line.endswith(" and 1 more"), line
        assert seeded_tracker.catalog.skill(LARGEST).name in line  # largest gap first
        table = app.screen.query_one(GapTable)
        now = {row[0]: row[1] for row in map(table.cell_row, range(table.row_count))}
        assert now.pop(seeded_tracker.catalog.skill(LARGEST).name) == "0*"
        assert now and all("*" not in level for level in now.values())  # the other gaps


async def test_the_checkin_says_it_for_the_skill_asked_and_a_kept_level_clears_it(
    db_path: Path, clock: FixedClock, seeded_tracker: Tracker
) -> None:
    app = app_on_reworded(db_path, clock, seeded_tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("c")
        await settle(app, pilot)
        assert isinstance(app.screen, CheckinScreen) and app.screen.skill_id == MUST
        assert RUBRIC_CHANGED in screen_says(app, "#checkin-rubric #rubric-title")
        await pilot.press("space")  # keeps level 3, read against the new rubric
        await settle(app, pilot)
        assert app.screen.skill_id == "reproducibility-discipline"
        assert RUBRIC_CHANGED not in screen_says(app, "#checkin-rubric #rubric-title")
        await pilot.press("escape")
        await settle(app, pilot)
        line = screen_says(app, "#rubric-changed")
        assert seeded_tracker.catalog.skill(MUST).name not in line
        assert seeded_tracker.catalog.skill(TOPIC).name in line


async def test_the_assess_screen_says_it_and_a_new_rating_clears_it(
    db_path: Path, clock: FixedClock, seeded_tracker: Tracker
) -> None:
    app = app_on_reworded(db_path, clock, seeded_tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await app.action_rate_skill(TOPIC)
        await settle(app, pilot)
        assert isinstance(app.screen, AssessScreen) and app.screen.skill_id == TOPIC
        assert RUBRIC_CHANGED in screen_says(app, "#rubric #rubric-title")
        table = app.screen.query_one(SkillTable)
        assert table.cell(TOPIC, "now") == "2*"
        await pilot.press("3", "enter")
        await settle(app, pilot)
        assert table.cell(TOPIC, "now") == "3"
        await pilot.press("d")
        await settle(app, pilot)
        assert app.overview is not None and app.overview.rubric_changed == {MUST}
        line = screen_says(app, "#rubric-changed")
        assert seeded_tracker.catalog.skill(TOPIC).name not in line
