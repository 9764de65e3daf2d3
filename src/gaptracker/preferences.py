"""The terminal app's preferences: its theme and a keymap, kept between runs.

A small JSON file in the platform's config folder (`~/.config/gaptracker/` on Linux), not
in the database: it is not the user's data and a backup need not carry it. A file that
is missing, unreadable or not of this shape gives the defaults (never an error: a
preference is not worth refusing to start over); a keymap names binding ids of the
command table (`gaptracker.assess`: `A`).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from gaptracker.config import APP_NAME

FILE_NAME = "preferences.json"
MAX_BYTES = 64 * 1024


class Preferences(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    theme: str | None = None
    """The Textual theme last chosen (command palette: theme)."""
    keymap: dict[str, str] = {}
    """Binding id -> keys, e.g. {"gaptracker.assess": "A"} (README lists the ids)."""


def preferences_path() -> Path:
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False) / FILE_NAME


def load_preferences(path: Path) -> Preferences:
    try:
        if not path.is_file() or path.stat().st_size > MAX_BYTES:
            return Preferences()
        return Preferences.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, ValidationError):
        return Preferences()


def save_preferences(path: Path, preferences: Preferences) -> None:
    """Atomically, readable by the user only; an error is the caller's to ignore."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".preferences.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(preferences.model_dump_json(indent=2) + "\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
