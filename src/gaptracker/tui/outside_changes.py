"""Whether another process (`gaptracker goal` in a shell while the app runs) changed the
database since the last look: two file stats, cheap enough for a timer."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

CHECK_SECONDS = 2.0
"""How often the app looks; a change is shown within this long."""

Stamp = tuple[tuple[int, int] | None, ...]


class DatabaseWatch:
    def __init__(self, databases: Sequence[Path]) -> None:
        self.files = [f for path in databases for f in (path, path.with_name(path.name + "-wal"))]
        self._stamp = self._now()

    def changed(self) -> bool:
        """True once for every change, by anyone: a read again after the app's own write
        is harmless, and telling the two apart would need the writer's help."""
        stamp = self._now()
        if stamp == self._stamp:
            return False
        self._stamp = stamp
        return True

    def _now(self) -> Stamp:
        stamps: list[tuple[int, int] | None] = []
        for name in self.files:
            try:
                info = os.stat(name)
                stamps.append((info.st_size, info.st_mtime_ns))
            except OSError:
                stamps.append(None)
        return tuple(stamps)
