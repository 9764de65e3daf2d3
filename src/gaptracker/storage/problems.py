"""One clear line for what SQLite and the file system report.

"disk I/O error" reads as a broken disk or a corrupt file; on a full disk it is neither,
so a failure is checked against the free space before it is worded. A damaged file gets
the way back in the same line, wherever the damage is met.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from gaptracker.domain.errors import DamagedDatabaseError, StorageError

FULL_DISK_BYTES = 64 * 1024
"""Below this much free space a disk counts as full: SQLite needs 32 KB for the `-shm`
file of a WAL database, and a transaction a few pages of `-wal` more."""

_SQLITE_READONLY, _SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_NOTADB = 8, 10, 11, 13, 26
_NO_SPACE = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


def free_bytes(folder: Path) -> int | None:
    """Bytes this process may still write in `folder`'s file system (None: unknown)."""
    try:
        info = os.statvfs(folder)
    except (AttributeError, OSError):  # no statvfs on Windows
        return None
    blocks = info.f_bfree if hasattr(os, "geteuid") and os.geteuid() == 0 else info.f_bavail
    return blocks * info.f_frsize


def disk_is_full(folder: Path) -> bool:
    free = free_bytes(folder)
    return free is not None and free < FULL_DISK_BYTES


def full_disk_message(path: Path) -> str:
    return f"the disk holding {path} is full: nothing was changed; free some space and try again"


def damaged_message(path: Path, detail: str) -> str:
    """The line for a damaged database, with the way back."""
    first = detail.strip().splitlines()[0] if detail.strip() else "damaged"
    if len(first) > 80:
        first = first[:77] + "..."
    return (
        f"{path} is damaged ({first}); gaptracker will not write to it. To get back, "
        f"restore your newest backup: gaptracker restore --replace BACKUP.json, "
        f"or use a copy beside it ({path.name}.backup-*)"
    )


def is_damage(exc: BaseException) -> bool:
    return _primary_code(exc) in (_SQLITE_CORRUPT, _SQLITE_NOTADB)


def is_read_only(exc: BaseException) -> bool:
    return _primary_code(exc) == _SQLITE_READONLY


def is_full_disk(exc: BaseException, path: Path) -> bool:
    """Whether `exc` (sqlite3, SQLAlchemy or OSError) comes from a lack of space."""
    original = _original(exc)
    if isinstance(original, OSError) and original.errno in _NO_SPACE:
        return True
    code = _primary_code(original)
    if code == _SQLITE_FULL:
        return True
    return code == _SQLITE_IOERR and disk_is_full(path.parent)


def storage_error(exc: BaseException, path: Path, refusal: str | None = None) -> StorageError:
    """The StorageError to show for `exc` met while using the database at `path`;
    `refusal` is the line for a write refused by a read-only connection."""
    original = _original(exc)
    if is_damage(original):
        return DamagedDatabaseError(damaged_message(path, str(original)))
    if is_full_disk(original, path):
        return StorageError(full_disk_message(path))
    if refusal is not None and is_read_only(original):
        return StorageError(refusal)
    if isinstance(original, OSError):
        return StorageError(f"cannot use {path}: {original.strerror or original}")
    lines = str(original).strip().splitlines()  # a server's message runs on (HINT, DETAIL)
    return StorageError(f"database error: {lines[0] if lines else type(original).__name__}")


def _original(exc: BaseException) -> BaseException:
    """The driver's error under a SQLAlchemy one."""
    return getattr(exc, "orig", None) or exc


def _primary_code(exc: BaseException) -> int | None:
    code = getattr(_original(exc), "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None
