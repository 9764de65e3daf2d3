"""What every command shares: settings, the wired-up service, output helpers.

This is where storage is wired into the services (the composition root); imports are
deferred so that each command loads only what it needs.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from gaptracker.config import Settings
    from gaptracker.domain.models import Catalog, PackChoice
    from gaptracker.domain.ports import UnitOfWork, UnitOfWorkFactory
    from gaptracker.domain.status import StatusSummary
    from gaptracker.services.tracker import Tracker
    from gaptracker.storage.schema import Database

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2


def settings_for(args: argparse.Namespace) -> Settings:
    from gaptracker.config import Settings

    return Settings.load(db=getattr(args, "db", None))


def protected_files(args: argparse.Namespace) -> tuple[Path, ...]:
    """The database files that no output may replace (the files module adds the sidecars);
    none for a database on a server."""
    settings = settings_for(args)
    return () if settings.db_url else (settings.db,)


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
    return Tracker(catalog, uow_factory, stale_days=settings.stale_days, pack=args.active_pack)


def status_for(args: argparse.Namespace) -> StatusSummary:
    """The status line's data, without loading the Tracker and all it brings."""
    from gaptracker.domain.ports import SystemClock
    from gaptracker.services.status import read_status

    catalog, uow_factory, _ = _open(args)
    return read_status(catalog, uow_factory, SystemClock(), args.active_pack)


def _open(args: argparse.Namespace) -> tuple[Catalog, UnitOfWorkFactory, Settings]:
    from gaptracker.private_folders import make_private

    settings = settings_for(args)
    if settings.db_is_default:  # gaptracker's own folder: 0700 (one the user chose: as is)
        make_private(settings.db.parent)
    catalog = active_catalog_for(args, settings)
    command = args.command or "tui"
    if command in READ_ONLY_COMMANDS:
        return catalog, open_for(args, settings, writes=False).uow_factory, settings
    if command == "tui":  # opened now: a database it cannot use stops it before it starts
        database = open_for(args, settings, writes=True)
        if database.url is not None and not database.exists and database.refusal is not None:
            raise database.refusal  # no group on the server yet: nothing it could save
        return catalog, database.uow_factory, settings
    # A write opens the database at its first use, so input refused before anything is
    # stored (an unknown skill, a bad level) never makes a new database.
    return catalog, _OpenedOnFirstUse(lambda: open_for(args, settings, writes=True)), settings


def active_catalog_for(args: argparse.Namespace, settings: Settings) -> Catalog:
    """The active pack's catalog (`args.active_pack` says which pack it is); a chosen
    pack that cannot be read is said in one line, and the built-in pack read instead."""
    from gaptracker.catalog.active import active_catalog
    from gaptracker.config import default_packs_dir

    choice = chosen_pack_for(settings)
    active = active_catalog(
        choice.pack_id if choice else None, default_packs_dir(), settings.cache_dir
    )
    if active.warning is not None:
        say(f"gaptracker: warning: {active.warning}")
    args.active_pack = active.pack
    return active.catalog


def chosen_pack_for(settings: Settings) -> PackChoice | None:
    """The pack the user chose last, read before the database is opened (in the file, or
    on the server)."""
    if settings.db_url:
        from gaptracker.storage.server import chosen_pack_on_server

        return chosen_pack_on_server(settings.db_url)
    from gaptracker.storage.pack_choice import chosen_pack

    return chosen_pack(expand_db(settings.db))


def expand_db(path: Path) -> Path:
    from gaptracker.domain.paths import expand_user

    return expand_user(path)


def open_for(args: argparse.Namespace, settings: Settings, *, writes: bool) -> Database:
    """Open the database for a command; a write may create it, and says so once."""
    if settings.db_url:
        from gaptracker.storage.server import open_server_database

        database = open_server_database(settings.db_url)
        args.opened_database = database
        return database
    from gaptracker.storage.schema import open_database

    database = open_database(
        settings.db, create=writes, make_parents=settings.db_is_default, check=writes
    )
    # main() closes it when the command is done, and says that it was created only if
    # the command succeeded (if it failed, a new file holding nothing is removed).
    args.opened_database = database
    return database


def launch_tui(
    args: argparse.Namespace, tracker: Tracker, start: str = "dashboard", notice: str | None = None
) -> int:
    """The terminal app, with the preferences kept from the last run (theme, keymap),
    and the skill packs to switch between."""
    from gaptracker.cli.pack_chooser import FolderPackChooser
    from gaptracker.config import default_export_dir, default_packs_dir
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
        pack_chooser=FolderPackChooser(default_packs_dir(), tracker),
        **_group_of(args),
    )


def _group_of(args: argparse.Namespace) -> dict[str, Any]:
    """On a group's server, the group (a mentor gets the Mentees screen) and how to read a
    mentee's chosen pack; on a file, nothing (the app has no group)."""
    settings = settings_for(args)
    database: Database | None = getattr(args, "opened_database", None)
    if not settings.db_url or database is None:
        return {}
    from gaptracker.cli.group_members_command import pack_reader
    from gaptracker.storage.group import directory_for

    return {"directory": directory_for(database), "mentee_packs": pack_reader(settings)}


def created_notice(database: Database) -> str:
    return f"Created a new database at {database.path}"


def close_database(args: argparse.Namespace, succeeded: bool) -> None:
    """The end of a command: close its database. One this command created is announced
    if the command succeeded, and removed (with what was made beside it) if it failed
    before anything of the user's was stored in it."""
    database: Database | None = getattr(args, "opened_database", None)
    if database is None:
        return
    if not succeeded:
        database.discard_if_unused()
        return
    database.close()
    if database.created and args.command not in (None, "tui"):  # the app says it itself
        say(created_notice(database))


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

    def __call__(self, *, reading: bool = False) -> UnitOfWork:
        return self.database.uow_factory(reading=reading)


def require_terminal() -> None:
    """The terminal app draws on a terminal and reads keys from one: run in a pipe (or
    under `timeout` in a script) it would write escape codes into the pipe and never end.
    UserInputError unless stdin and stdout are both terminals."""
    from gaptracker.domain.errors import UserInputError

    if not (_is_terminal(sys.stdin) and _is_terminal(sys.stdout)):
        raise UserInputError("the terminal app needs a terminal; see gaptracker --help")


def served_in_browser() -> bool:
    """Started by `gaptracker serve` (textual-serve names Textual's web driver)."""
    return os.environ.get("TEXTUAL_DRIVER", "").endswith(":WebDriver")


def _is_terminal(stream: object) -> bool:
    try:
        return bool(stream is not None and stream.isatty())  # type: ignore[attr-defined]
    except (OSError, ValueError):  # closed
        return False


class OutputFailed(Exception):
    """The command's output could not be written (a full disk, a closed standard output):
    a failure of its own, not bad input, and not a crash (exit status 1)."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"cannot write the output: {reason}")


def out(text: str) -> None:
    """Write to standard output; OutputFailed if it cannot be written."""
    stream = sys.stdout
    if stream is None:  # started with it closed (`>&-`)
        raise OutputFailed("standard output is closed")
    try:
        stream.write(text if text.endswith("\n") else text + "\n")
    except BrokenPipeError:
        raise  # the reader went away (`| head`): main() says nothing
    except OSError as exc:
        raise output_failure(exc) from None


def flush_output() -> None:
    """Flush standard output before the command counts as done: a full disk shows only
    when the buffer is written, and must be said (and give exit status 1), not lost."""
    if sys.stdout is None:
        return
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise output_failure(exc) from None


def output_failure(exc: OSError) -> OutputFailed:
    """OutputFailed worded from the system's reason ("no space left on device"). What
    could not be written is dropped, so the exit does not try to write it again."""
    _discard_unwritten_output()
    reason = exc.strerror or str(exc)
    return OutputFailed(reason[:1].lower() + reason[1:])


def _discard_unwritten_output() -> None:
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, sys.stdout.fileno())
        finally:
            os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def say(line: str) -> None:
    """A line for the user on stderr (a notice, not the command's output); nowhere to
    say it (stderr closed) is not an error."""
    try:
        if sys.stderr is not None:
            sys.stderr.write(f"{line}\n")
    except OSError:
        pass


def out_json(data: object) -> None:
    """JSON with the exact text; characters that act on a terminal as \\uXXXX escapes."""
    from gaptracker.domain.text import json_safe

    out(json_safe(json.dumps(data, indent=2, ensure_ascii=False, default=str)))
