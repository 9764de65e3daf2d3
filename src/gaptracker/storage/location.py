"""Where the database file is, and what may lie beside it: checked before anything is opened.

A `--db` naming a FIFO would block the first read forever and a device would be written
to (with a `-journal` and a `.lock` made beside it), so anything but a regular file (or a
symbolic link to one) is refused before a single byte is read. A path whose folder does
not exist is most often a typo: only the default location may have its folders made.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from gaptracker.domain.errors import StorageError

JOURNAL_SUFFIXES = ("-wal", "-shm", "-journal")
"""The files SQLite keeps beside a database while it is open or after a crash."""

_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def sibling(path: Path, suffix: str) -> Path:
    """`path` with `suffix` appended to its name (`gt.sqlite-wal`, `gt.sqlite.lock`)."""
    return path.with_name(path.name + suffix)


def check_location(path: Path, *, may_make_folders: bool) -> bool:
    """Whether a database file exists at `path`; StorageError when the path cannot hold one.

    Nothing is created here: the caller decides whether a missing file is made.
    """
    try:
        info = path.stat()  # follows a symbolic link: a link to a regular file is fine
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise StorageError(f"cannot use {path} as the database: {exc.strerror}") from None
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise StorageError(f"{path} is a folder, not a database file")
        if not stat.S_ISREG(info.st_mode):
            kind = next((name for test, name in _KINDS if test(info.st_mode)), "not a file")
            raise StorageError(f"{path} is {kind}, not a database file")
        if not os.access(path, os.R_OK):
            raise StorageError(f"cannot read database {path}: permission denied")
        return True
    if path.is_symlink():
        raise StorageError(f"{path} is a symbolic link to nothing; point --db at a file")
    if not may_make_folders and not path.parent.is_dir():
        raise StorageError(
            f"folder {path.parent} does not exist: check the path given with --db or "
            "GAPTRACKER_DB (gaptracker makes folders only for its default location)"
        )
    return False


def make_folders(path: Path) -> None:
    """Make the folders above `path`, private (0700): the default location's first use."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(f"cannot create folder {path.parent}: {exc.strerror}") from None
