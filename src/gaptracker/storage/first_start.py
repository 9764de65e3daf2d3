"""A command that made a new database and then failed takes the new files away again.

A first `gaptracker target ROLE` on a nearly full disk can create the file and its
schema and then fail to store the target: the user is told the disk is full, and must
not find an empty database (with its `-wal`, `-shm` and `.lock`) that they never got.
Only what this run made is removed, and only while the file holds none of the user's
rows and no other process has it open: the check and the removal happen under SQLite's
exclusive lock, which any other open connection to the file prevents. (A process that
opened the file just before the removal cannot write into the removed file: SQLite sees
that the file it holds has no name any more and refuses its writes.)
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from contextlib import closing, suppress
from pathlib import Path

from gaptracker.storage.location import JOURNAL_SUFFIXES, sibling
from gaptracker.storage.tables import metadata


def files_of(path: Path) -> tuple[Path, ...]:
    """The database and every file gaptracker or SQLite makes beside it while it is open."""
    return (path, *(sibling(path, s) for s in JOURNAL_SUFFIXES), sibling(path, ".lock"))


def existing(paths: Iterable[Path]) -> frozenset[Path]:
    return frozenset(p for p in paths if p.exists() or p.is_symlink())


def remove_if_unused(path: Path, present_before: frozenset[Path]) -> bool:
    """Remove the database at `path` and the files beside it that were not there before
    (`present_before`), if it holds no user row and nothing else has it open; True if
    it was removed. Call it only once this process has closed its own connections."""
    try:
        uri = f"{path.resolve().as_uri()}?mode=rw"  # never makes a file that is gone
        with closing(sqlite3.connect(uri, uri=True, timeout=0, isolation_level=None)) as conn:
            conn.execute("PRAGMA locking_mode=EXCLUSIVE")
            conn.execute("BEGIN EXCLUSIVE")  # fails at once if another connection is open
            if _holds_rows(conn):
                return False
            conn.execute("COMMIT")  # the exclusive locking mode keeps the lock
            with suppress(sqlite3.Error):  # the -wal goes now, while the lock is held
                conn.execute("PRAGMA journal_mode=DELETE")
            for made in files_of(path):
                if made not in present_before:
                    made.unlink(missing_ok=True)
            return True
    except (sqlite3.Error, OSError):
        return False  # in use, or unreadable: keep it, as anything not known to be empty


def _holds_rows(conn: sqlite3.Connection) -> bool:
    names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    for table in metadata.sorted_tables:
        if table.name not in names:
            continue
        if conn.execute(f'SELECT EXISTS (SELECT 1 FROM "{table.name}")').fetchone()[0]:
            return True
    return False
