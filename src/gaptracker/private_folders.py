"""Whether a folder is the user's alone, and making the app's own folders so.

The database, its backups and the catalog cache are private (0600) from their first byte,
but a file is only as private as its folder: whoever can write into the folder can
replace the file, plant a symlink under a name gaptracker will write (`-wal`, `.lock`,
a backup), or swap the folder for another. And so can whoever can write into any folder
above it, or into the folder holding a symlink on the way. The rule is OpenSSH's
(StrictModes): every folder the path passes through, symlinks followed hop by hop, is
owned by the user or by root and not writable by group or others, except that a sticky
folder above (such as /tmp) is fine, since others cannot rename what is ours in it; the
folder itself must be the user's own.

What gaptracker does with that:
- its own folders (the platform's user-data and user-cache folders named after it)
  are tightened to 0700 when they belong to the user (`make_private`);
- any folder it keeps data in that fails the rule gets one warning on stderr per
  process (`warn_if_exposed`), and the catalog cache is neither read nor written there.

Windows has no such modes (the folders live under the user's profile, guarded by ACLs):
there every check passes. The module sits beside config.py and files.py, outside the
layers, because both the catalog (its cache) and storage (the database) use it; it needs
nothing but the standard library.
"""

from __future__ import annotations

import os
import stat
import sys
from functools import cache
from pathlib import Path

_GROUP_OR_OTHERS_WRITE = stat.S_IWGRP | stat.S_IWOTH
_MAX_SYMLINK_HOPS = 40  # as the Linux kernel's limit (ELOOP)


def make_private(folder: Path) -> None:
    """chmod 0700 an app-own folder that exists and is the user's (never another's)."""
    if not hasattr(os, "geteuid"):
        return
    try:
        info = os.stat(folder)
        if (
            stat.S_ISDIR(info.st_mode)
            and info.st_uid == os.geteuid()
            and stat.S_IMODE(info.st_mode) != 0o700
        ):
            os.chmod(folder, 0o700)
    except OSError:
        pass  # missing (created 0700 later) or not ours to change: the check will say


def exposure(folder: Path) -> str | None:
    """Why others could write into `folder` or replace it, or None when only the user can.

    A part of the path that does not exist yet is not judged (it will be created 0700).
    """
    if not hasattr(os, "geteuid"):
        return None
    me = os.geteuid()
    try:
        passed, reached = _walk(folder)
    except OSError as exc:
        return f"its path cannot be checked ({exc.strerror or exc})"
    for path, info in passed:
        mode = stat.S_IMODE(info.st_mode)
        if path == reached:
            if info.st_uid != me:
                return f"it belongs to uid {info.st_uid}, not to you"
            if mode & _GROUP_OR_OTHERS_WRITE:
                return f"others can write to it (mode {mode:04o})"
        elif info.st_uid not in (me, 0):
            return f"{path}, above it, belongs to uid {info.st_uid}"
        elif mode & _GROUP_OR_OTHERS_WRITE and not mode & stat.S_ISVTX:
            return f"others can write to {path}, above it (mode {mode:04o})"
    return None


def warn_if_exposed(folder: Path, what: str, consequence: str = "") -> bool:
    """True when `folder` is private; else False and one warning line on stderr (once per
    process for a folder and reason), e.g. "the database folder /x is not private: others
    can write to it (mode 0777)"."""
    reason = exposure(folder)
    if reason is None:
        return True
    _warn_once(f"gaptracker: warning: {what} {folder} is not private: {reason}{consequence}")
    return False


@cache
def _warn_once(message: str) -> None:
    sys.stderr.write(message + "\n")


def _walk(folder: Path) -> tuple[list[tuple[Path, os.stat_result]], Path | None]:
    """The folders the path of `folder` passes through (with their stat), resolving symlinks
    one hop at a time as the kernel does, so that the folder holding each link is checked
    too, not only where the links end; and the real folder it reaches, or None when a part
    of it does not exist yet."""
    absolute = Path(os.path.abspath(folder))
    pending = list(reversed(absolute.parts[1:]))
    current = Path(absolute.anchor)
    passed = [(current, os.stat(current))]
    hops = 0
    while pending:
        part = pending.pop()
        if part in ("", "."):
            continue
        if part == "..":
            current = current.parent  # `current` is always a real folder: its parent is too
            continue
        candidate = current / part
        try:
            info = os.lstat(candidate)
        except FileNotFoundError:
            return passed, None
        if stat.S_ISLNK(info.st_mode):
            hops += 1
            if hops > _MAX_SYMLINK_HOPS:
                raise OSError(f"more than {_MAX_SYMLINK_HOPS} symlinks on the way")
            target = Path(os.readlink(candidate))
            if target.is_absolute():
                current = Path(target.anchor)
                pending.extend(reversed(target.parts[1:]))
            else:
                pending.extend(reversed(target.parts))
            continue
        if not stat.S_ISDIR(info.st_mode):
            raise NotADirectoryError(f"{candidate} is not a folder")
        current = candidate
        passed.append((current, info))
    return passed, current
