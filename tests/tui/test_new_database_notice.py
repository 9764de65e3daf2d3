"""The terminal app may create the database on a first start, and then says so."""

from __future__ import annotations

from pathlib import Path

from gaptracker.catalog import load_catalog
from gaptracker.services.tracker import Tracker
from gaptracker.storage.schema import open_database
from gaptracker.tui.app import GapTrackerApp
from tests.fakes import FixedClock
from tests.tui.conftest import record_notifications, settle


async def test_a_new_database_is_announced_once_the_app_is_up(
    db_path: Path, clock: FixedClock
) -> None:
    database = open_database(db_path)
    assert database.created
    notice = f"Created a new database at {db_path}"
    app = GapTrackerApp(Tracker(load_catalog(), database.uow_factory, clock), notice=notice)
    shown = record_notifications(app)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(app, pilot)
        assert shown == [notice]
    database.close()
