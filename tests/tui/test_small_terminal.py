"""At 80x24 every screen still reads: what it shows is whole, and what the user moves to
stays in view (each test fails on the layout before issue 16's fixes)."""

from __future__ import annotations

from pathlib import Path

from textual.geometry import Region

from gaptracker.catalog import load_catalog
from gaptracker.services.tracker import Tracker
from gaptracker.storage.schema import open_database
from gaptracker.tui.app import GapTrackerApp
from gaptracker.tui.widgets.gap_table import GapTable
from tests.fakes import FixedClock
from tests.tui import tour
from tests.tui.screenshot_cells import screen_lines

SIZE = (80, 24)


def seeded_app(
    db_path: Path, clock: FixedClock, tmp_path: Path, seed: bool = True
) -> GapTrackerApp:
    tracker = Tracker(load_catalog(), open_database(db_path).uow_factory, clock)
    if seed:
        tour.seed(tracker, clock)
    return GapTrackerApp(tracker, export_dir=tmp_path)


def text_in(app: GapTrackerApp, region: Region) -> str:
    lines = screen_lines(app.export_screenshot(), *app.size)
    return "\n".join(line[region.x : region.right] for line in lines[region.y : region.bottom])


async def test_moving_down_the_gaps_keeps_the_cursor_on_screen(
    db_path: Path, clock: FixedClock, tmp_path: Path
) -> None:
    app = seeded_app(db_path, clock, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await tour.dashboard(app, pilot)
        table = app.screen.query_one(GapTable)
        page = app.screen.query_one("#dashboard")
        for _ in range(table.row_count - 1):
            await pilot.press("down")
            await pilot.pause()
            cursor_line = table.region.y + 1 + table.cursor_row - table.scroll_offset.y
            assert page.region.y <= cursor_line < page.region.bottom, table.cursor_row
        assert table.cursor_row == table.row_count - 1


async def test_the_skill_being_rated_stays_named_above_its_levels(
    db_path: Path, clock: FixedClock, tmp_path: Path
) -> None:
    app = seeded_app(db_path, clock, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await tour.assess(app, pilot)  # level 3 chosen: the levels scroll to it
        rubric = app.screen.query_one("#rubric")
        shown = " ".join(text_in(app, rubric.region).split())
        assert "GPU and CUDA programming" in shown
        assert "[chosen]" in shown


async def test_help_says_what_each_key_does_in_full(
    db_path: Path, clock: FixedClock, tmp_path: Path
) -> None:
    app = seeded_app(db_path, clock, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await tour.help_screen(app, pilot)
        table = app.screen.query_one("#help-table")
        assert "…" not in text_in(app, table.region)


async def test_the_welcome_fits_without_scrolling(
    db_path: Path, clock: FixedClock, tmp_path: Path
) -> None:
    app = seeded_app(db_path, clock, tmp_path, seed=False)
    async with app.run_test(size=SIZE) as pilot:
        await tour.welcome(app, pilot)
        assert app.screen.max_scroll_y == 0
        assert "Choose a role" in text_in(app, Region(0, 0, *SIZE))
