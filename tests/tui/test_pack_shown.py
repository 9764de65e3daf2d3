"""The app says which pack its figures are about when it is not the built-in one."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Header

from gaptracker.catalog import load_catalog
from gaptracker.domain.active_pack import ActivePack
from gaptracker.services.tracker import Tracker
from gaptracker.storage.schema import open_database
from gaptracker.tui.app import GapTrackerApp
from tests.fakes import FixedClock
from tests.tui.conftest import settle
from tests.tui.screen_text import drawn_lines


async def header_on_every_screen(app: GapTrackerApp) -> set[str]:
    lines = set()
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("d", "a", "h", "p", "r"):
            await pilot.press(key)
            await settle(app, pilot)
            header = app.screen.query_one(Header)
            parts = [line for part in header.walk_children() for line in drawn_lines(part)]
            lines.add(" ".join(p.strip() for p in parts if p.strip()))
    return lines


async def test_a_user_pack_is_named_in_the_header_of_every_screen(
    db_path: Path, clock: FixedClock, seeded_tracker: Tracker
) -> None:
    pack = ActivePack(id="mine", version="2026.12.0", lineage=frozenset({"mine"}))
    tracker = Tracker(load_catalog(), open_database(db_path).uow_factory, clock, pack=pack)
    (line,) = await header_on_every_screen(GapTrackerApp(tracker))
    assert line.endswith("gaptracker — pack mine@2026.12.0"), line


async def test_the_built_in_pack_adds_nothing_to_the_header(
    db_path: Path, clock: FixedClock, seeded_tracker: Tracker
) -> None:
    (line,) = await header_on_every_screen(GapTrackerApp(seeded_tracker))
    assert line.endswith("gaptracker"), line
