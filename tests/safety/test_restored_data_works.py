"""Any backup that `restore` accepts gives a database every command can read: gap, status,
the weekly series, every export, and the terminal app's first screen.

The backups are valid histories at their most extreme (dates from 2000-01-01 up to a day
ahead of this machine's clock, ids up to the largest allowed, hostile text), written to a
file and restored through the entry point, as a user would.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from gaptracker.domain.backup import BackupDocument
from gaptracker.domain.ports import SystemClock
from gaptracker.services.tracker import Tracker
from gaptracker.storage.schema import open_database
from gaptracker.tui.app import GapTrackerApp
from tests.safety.processes import call_in_process
from tests.strategies import CATALOG, backups
from tests.workers import workers_done

NOW = dt.datetime.now(dt.UTC)
COMMANDS = [
    ("gap",),
    ("gap", "--json"),
    ("status",),
    ("status", "--json"),
    ("roles", "--json"),
    ("skills",),
    ("history",),
    ("goals",),
    ("export", "--format", "md"),
    ("export", "--format", "json"),
    ("export", "--format", "csv"),
]


def call(db: Path, *argv: str) -> tuple[int, str]:
    return call_in_process(db, list(argv))


async def first_screen(db: Path) -> str:
    database = open_database(db)
    try:
        app = GapTrackerApp(Tracker(CATALOG, database.uow_factory, SystemClock()))
        async with app.run_test(size=(80, 24)) as pilot:
            await workers_done(app)
            await pilot.pause()
            assert app.return_code is None
            return type(app.screen).__name__
    finally:
        database.close()


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=backups(now=NOW, max_ratings=40))
def test_every_command_works_on_any_restored_backup(document: BackupDocument) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db, path = Path(folder) / "gt.sqlite", Path(folder) / "backup.json"
        path.write_text(document.to_json(), encoding="utf-8")
        status, err = call(db, "restore", str(path))
        assert status == 0, err
        has_target = bool(document.target_changes)
        role = () if has_target else ("--role", "ai-infra-platform-engineer")
        for command in COMMANDS:
            needs_role = command[0] in ("gap", "export")
            status, err = call(db, *command, *(role if needs_role else ()))
            assert status == 0, (command, err)
        for extra in (
            ("history", "--weekly", *role),
            ("plan", *role),
            ("export", "--format", "html", "--output", str(Path(folder) / "r.html"), *role),
        ):
            status, err = call(db, *extra)
            assert status == 0, (extra, err)
        screen = asyncio.run(first_screen(db))
        assert screen in ("DashboardScreen", "WelcomeScreen")
