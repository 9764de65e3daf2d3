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
    from gaptracker.config import Settings
    from gaptracker.domain.models import Catalog
    from gaptracker.domain.ports import UnitOfWorkFactory
    from gaptracker.domain.status import StatusSummary
    from gaptracker.services.tracker import Tracker

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2


def settings_for(args: argparse.Namespace) -> Settings:
    from gaptracker.config import Settings

    return Settings.load(db=getattr(args, "db", None))


def protected_files(args: argparse.Namespace) -> tuple[Path, ...]:
    """The database files that no output may replace (the files module adds the sidecars)."""
    return (settings_for(args).db,)


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
    from gaptracker.storage.schema import open_database

    settings = settings_for(args)
    if settings.db_in_own_folder:  # gaptracker's own folder: 0700 (one the user chose: as is)
        make_private(settings.db.parent)
    catalog = load_catalog(cache_dir=settings.cache_dir)
    database = open_database(settings.db)
    args.opened_database = database  # closed by main() when the command is done
    return catalog, database.uow_factory, settings


def out(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def out_json(data: object) -> None:
    """JSON with the exact text; characters that act on a terminal as \\uXXXX escapes."""
    from gaptracker.domain.text import json_safe

    out(json_safe(json.dumps(data, indent=2, ensure_ascii=False, default=str)))
