"""Safety copies of the database beside itself, and the clean-up of half-made ones.

A copy is made under a hidden temporary name (`.gt.sqlite.XXXXXXXX.tmp`) and only then
given its `gt.sqlite.backup-<stamp>` name, so a process killed while copying leaves no
file that looks like a backup. It does leave the hidden file: a partial copy of the
user's data. The process making a copy holds an exclusive `flock` on it until the copy
is named or removed, so the next start can tell a leftover (no one holds it: remove it)
from a copy another process is making right now (leave it alone).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
import stat
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from gaptracker.domain.errors import StorageError
from gaptracker.files import sync_folder
from gaptracker.storage.db import connect_read_only
from gaptracker.storage.location import JOURNAL_SUFFIXES, sibling
from gaptracker.storage.problems import full_disk_message, is_full_disk

SQLITE_MAGIC = b"SQLite format 3\x00"

try:
    import fcntl
except ImportError:  # Windows: no flock; leftovers are then kept rather than guessed at
    fcntl = None  # type: ignore[assignment]


def backup_copy(path: Path, now: dt.datetime | None = None) -> Path:
    """Copy the database beside itself (consistent even mid-WAL) before changing it.

    The copy is read through a new read-only connection, so it has everything committed
    before it started: called while the caller's own transaction holds the write lock
    (`restore --replace`), that is everything committed before the lock. (SQLite's backup
    API cannot read through a connection that holds a write transaction.) The name is
    always a new one, so two copies in one second never overwrite the first, the older data.
    """
    stamp = (now or dt.datetime.now()).strftime("%Y%m%dT%H%M%S")
    try:
        with _claimed_temp_file(path) as tmp:
            with closing(sqlite3.connect(tmp)) as dest, closing(connect_read_only(path)) as source:
                dest.execute("PRAGMA journal_mode=OFF")  # no -journal beside a copy
                source.backup(dest)
            copy = _publish(tmp, path.with_name(f"{path.name}.backup-{stamp}"))
            sync_folder(path.parent)  # the new name survives a power cut
            return copy
    except (OSError, sqlite3.Error) as exc:
        if is_full_disk(exc, path):
            raise StorageError(full_disk_message(path)) from None
        raise StorageError(f"cannot back up {path} before changing it: {exc}") from None


@contextmanager
def _claimed_temp_file(path: Path) -> Iterator[Path]:
    """A new hidden temp file beside `path`, flock-ed while the block runs, then removed."""
    while True:
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        if fcntl is None:
            break
        fcntl.flock(fd, fcntl.LOCK_EX)
        if os.fstat(fd).st_nlink:
            break
        os.close(fd)  # a start took it for a leftover in the instant before the lock
    tmp = Path(name)
    try:
        yield tmp  # mkstemp makes it 0600: private from the first byte
    finally:
        for leftover in (tmp, *(sibling(tmp, s) for s in JOURNAL_SUFFIXES)):
            leftover.unlink(missing_ok=True)
        os.close(fd)


def _publish(finished: Path, first: Path) -> Path:
    """Give `finished` the name `first` (or `first-2`, ...), never one that already exists."""
    candidate, number = first, 1
    while True:
        try:
            os.link(finished, candidate)  # atomic, and fails rather than overwrite
            return candidate
        except FileExistsError:
            pass
        except OSError:  # no hard links on this filesystem: claim the name, then move in
            try:
                os.close(os.open(candidate, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
                os.replace(finished, candidate)
                return candidate
            except FileExistsError:
                pass
        number += 1
        candidate = first.with_name(f"{first.name}-{number}")


def remove_leftover_copies(path: Path) -> list[Path]:
    """Remove the half-made copies of `path` that no process is making; returns them.

    Only ours: a hidden `.<name>.XXXXXXXX.tmp` (mkstemp's eight characters) that is a
    regular file of this user, with its journal files; and only when no process holds
    its lock. Whatever it holds: a copy killed part-way may not have its SQLite header
    yet (the backup writes the first page last), and it is still the user's data.
    """
    if fcntl is None:
        return []
    pattern = re.compile(rf"\.{re.escape(path.name)}\.[a-z0-9_]{{8}}\.tmp")
    try:
        names = [entry.name for entry in os.scandir(path.parent) if pattern.fullmatch(entry.name)]
    except OSError:
        return []
    removed = []
    for name in names:
        candidate = path.parent / name
        if _remove_if_abandoned(candidate):
            removed.append(candidate)
    return removed


def _remove_if_abandoned(candidate: Path) -> bool:
    try:
        fd = os.open(candidate, os.O_RDWR | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return False
    try:
        info = os.fstat(fd)
        if not (os.path.samestat(info, os.lstat(candidate)) and _is_ours(info)):
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False  # another process is making this copy now
        for leftover in (candidate, *(sibling(candidate, s) for s in JOURNAL_SUFFIXES)):
            leftover.unlink(missing_ok=True)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def _is_ours(info: os.stat_result) -> bool:
    return stat.S_ISREG(info.st_mode) and info.st_uid == os.geteuid()
