"""The terminal app's preferences: its theme, a keymap and your name, kept between runs.

A small JSON file in the platform's config folder (`~/.config/gaptracker/preferences.json`
on Linux, `$XDG_CONFIG_HOME` if set), not in the database: it is not the user's data and a
backup need not carry it. The app writes only the theme (chosen in the command palette);
the keymap is the user's to write, binding ids of the command table to keys
(`{"keymap": {"gaptracker.assess": "A"}}`, README lists the ids).

A preference is not worth refusing to start over: a file that is missing, unreadable, too
large, not a regular file or not of this shape gives the defaults, entry by entry (a bad
keymap entry does not lose the theme), and never an error. The file is the user's, so the
app never overwrites one it could not read (a half-edited file stays as it was), keeps
what it does not know in it, writes through a symlink rather than replacing it, and
replaces nothing that is not a regular file.
"""

from __future__ import annotations

import json
import os
import stat
import tempfile
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from gaptracker.config import APP_NAME

FILE_NAME = "preferences.json"
MAX_BYTES = 64 * 1024
"""Larger than any keymap: a bigger file is not read (nor written over)."""


class Preferences(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    theme: str | None = None
    """The Textual theme last chosen (command palette: theme); unknown names are ignored."""
    keymap: dict[str, str] = {}
    """Binding id -> keys, e.g. {"gaptracker.assess": "A"} (comma-separated for several)."""
    name: str | None = None
    """Your display name (`{"name": "Ada"}`): who asks in `share`, who reviews in `review`
    (`--as NAME` says it for one command). One printable line of at most 80 characters."""


class UnreadablePreferences(OSError):
    """The file is there but is not a preferences file the app may write over."""


def preferences_path() -> Path:
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False) / FILE_NAME


def load_preferences(path: Path) -> Preferences:
    """The preferences in `path`, or the defaults for whatever is missing or not usable."""
    try:
        found, _ = _read_object(path)
    except OSError:
        return Preferences()
    theme = found.get("theme")
    keymap = found.get("keymap")
    name = found.get("name")
    usable_name = isinstance(name, str) and name.strip() and name.isprintable() and len(name) <= 80
    return Preferences(
        theme=theme if isinstance(theme, str) else None,
        name=name if usable_name else None,
        keymap={
            binding: keys
            for binding, keys in (keymap.items() if isinstance(keymap, dict) else ())
            if isinstance(binding, str) and isinstance(keys, str) and keys.strip()
        },
    )


def remember_theme(path: Path, theme: str) -> None:
    """Set the file's theme, keeping everything else in it; OSError when it cannot (a
    file the app could not read counts: the user's text is not replaced by the app's)."""
    found, mode = _read_object(path)
    target = Path(os.path.realpath(path))  # through a link (a dotfiles folder's), not over it
    found["theme"] = theme
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".preferences.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            if mode is not None:  # the user's file keeps its permissions (a new one: 0600)
                os.chmod(tmp, mode)
            handle.write(_json_bytes(found))
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _json_bytes(found: dict[str, Any]) -> bytes:
    """As the user would write it; a lone surrogate read from a `\\ud800` escape is
    written back as an escape (the whole file then in ASCII), as UTF-8 cannot hold it."""
    try:
        return (json.dumps(found, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    except UnicodeEncodeError:
        return (json.dumps(found, indent=2) + "\n").encode("ascii")


def _read_object(path: Path) -> tuple[dict[str, Any], int | None]:
    """The JSON object in the file and the file's permissions; ({}, None) when there is no
    file; UnreadablePreferences (an OSError) when there is something else there. Opened
    without blocking and checked once open, so a FIFO or a device swapped in meanwhile is
    refused, not waited on."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        if path.is_symlink():  # a dangling link: not the app's to replace
            raise UnreadablePreferences(f"{path} is a broken link") from None
        return {}, None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
            raise UnreadablePreferences(f"{path} is not a small regular file")
        data = handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise UnreadablePreferences(f"{path} is too large")
    try:
        found = json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError) as exc:  # not UTF-8, not JSON, nested too deep
        raise UnreadablePreferences(f"{path} is not JSON: {exc}") from None
    if not isinstance(found, dict):
        raise UnreadablePreferences(f"{path} does not hold a JSON object")
    return found, stat.S_IMODE(info.st_mode)
