"""What every command shares: settings, the wired-up service, output helpers.

This is where storage is wired into the services (the composition root); imports are
deferred so that each command loads only what it needs.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from gaptracker.config import Settings
    from gaptracker.domain.models import Catalog
    from gaptracker.domain.ports import UnitOfWork, UnitOfWorkFactory
    from gaptracker.domain.status import StatusSummary
    from gaptracker.services.tracker import Tracker
    from gaptracker.storage.schema import Database

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2


def settings_for(args: argparse.Namespace) -> Settings:
    from gaptracker.config import Settings

    return Settings.load(db=getattr(args, "db", None))


def protected_files(args: argparse.Namespace) -> tuple[Path, ...]:
    """The database files that no output may replace (the files module adds the sidecars)."""
    return (settings_for(args).db,)


READ_ONLY_COMMANDS = frozenset(
    {"roles", "skills", "gap", "status", "history", "goals", "plan", "export", "backup", "checkin"}
)
"""Commands that only read: on a database that does not exist yet they show the empty
state and create nothing (`status` in a shell prompt must not make a file). `checkin`
needs a target role, which a database that does not exist cannot have."""


def tracker_for(args: argparse.Namespace) -> Tracker:
    """Wire the real storage into the service (the one place that does)."""
    from gaptracker.services.tracker import Tracker

    catalog, uow_factory, settings = _open(args)
    return Tracker(catalog, uow_factory, stale_days=settings.stale_days)


def status_for(args: argparse.Namespace) -> StatusSummary:
    """The status line's data, without loading the Tracker and all it brings."""
    from gaptracker.domain.ports import SystemClock
    from gaptracker.services.status import read_status

    catalog, uow_factory, _ = _open(args)
    return read_status(catalog, uow_factory, SystemClock())


def _open(args: argparse.Namespace) -> tuple[Catalog, UnitOfWorkFactory, Settings]:
    from gaptracker.catalog import load_catalog
    from gaptracker.private_folders import make_private

    settings = settings_for(args)
    if settings.db_is_default:  # gaptracker's own folder: 0700 (one the user chose: as is)
        make_private(settings.db.parent)
    catalog = load_catalog(cache_dir=settings.cache_dir)
    command = args.command or "tui"
    if command in READ_ONLY_COMMANDS:
        return catalog, open_for(args, settings, writes=False).uow_factory, settings
    if command == "tui":  # opened now: a database it cannot use stops it before it starts
        return catalog, open_for(args, settings, writes=True).uow_factory, settings
    # A write opens the database at its first use, so input refused before anything is
    # stored (an unknown skill, a bad level) never makes a new database.
    return catalog, _OpenedOnFirstUse(lambda: open_for(args, settings, writes=True)), settings


def open_for(args: argparse.Namespace, settings: Settings, *, writes: bool) -> Database:
    """Open the database for a command; a write may create it, and says so once."""
    from gaptracker.storage.schema import open_database

    database = open_database(
        settings.db, create=writes, make_parents=settings.db_is_default, check=writes
    )
    args.opened_database = database  # closed by main() when the command is done
    if database.created and args.command not in (None, "tui"):
        sys.stderr.write(f"{created_notice(database)}\n")
    return database


def launch_tui(
    args: argparse.Namespace, tracker: Tracker, start: str = "dashboard", notice: str | None = None
) -> int:
    """The terminal app, with the preferences kept from the last run (theme, keymap)."""
    from gaptracker.config import default_export_dir
    from gaptracker.preferences import load_preferences, preferences_path
    from gaptracker.tui.app import run_app

    path = preferences_path()
    return run_app(
        tracker,
        start=start,
        protected=protected_files(args),
        notice=notice,
        preferences=load_preferences(path),
        preferences_file=path,
        export_dir=default_export_dir(),
    )


def created_notice(database: Database) -> str:
    return f"Created a new database at {database.path}"


class _OpenedOnFirstUse:
    """A unit-of-work factory that opens the database when the first unit is asked for."""

    def __init__(self, opener: Callable[[], Database]) -> None:
        self._opener = opener
        self._database: Database | None = None

    @property
    def database(self) -> Database:
        if self._database is None:
            self._database = self._opener()
        return self._database

    def __call__(self) -> UnitOfWork:
        return self.database.uow_factory()


def out(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def out_json(data: object) -> None:
    """JSON with the exact text; characters that act on a terminal as \\uXXXX escapes."""
    from gaptracker.domain.text import json_safe

    out(json_safe(json.dumps(data, indent=2, ensure_ascii=False, default=str)))
