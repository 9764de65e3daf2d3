"""Which pack the user chose last, read before the database is opened.

The composition root needs the active pack's catalog before any command runs, and a
write command opens (and may create or migrate) the database only at its first write,
so input refused before that leaves the file untouched. This read takes no lock, makes no
file and migrates nothing: a file without the table (not created yet, or of an older
revision) has no choice in it, and so the built-in pack is active.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing
from pathlib import Path

from gaptracker.domain.models import PackChoice
from gaptracker.storage.db import connect_read_only


def chosen_pack(path: Path) -> PackChoice | None:
    """The latest `pack use` recorded in the file at `path`, or None."""
    try:
        if not path.is_file() or path.stat().st_size == 0:
            return None
        with closing(connect_read_only(path)) as conn:
            known = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'pack_choices'"
            ).fetchone()
            if known is None:
                return None
            row = conn.execute(
                "SELECT pack_id, version, chosen_at FROM pack_choices ORDER BY id DESC LIMIT 1"
            ).fetchone()
    except (OSError, sqlite3.Error):
        return None  # the command's own open says what is wrong with the file
    if row is None:
        return None
    chosen_at = dt.datetime.fromisoformat(row[2]).replace(tzinfo=dt.UTC)
    return PackChoice(pack_id=row[0], version=row[1], chosen_at=chosen_at)
