"""Paths the user typed: `~` and `~name` expanded, or one clear error, never a crash."""

from __future__ import annotations

from pathlib import Path

from gaptracker.domain.errors import UserInputError


def expand_user(path: Path) -> Path:
    """`path` with a leading `~` or `~name` expanded; UserInputError when there is no
    such home folder (Path.expanduser raises RuntimeError, e.g. for `~0`)."""
    try:
        return path.expanduser()
    except RuntimeError:
        raise UserInputError(f"cannot expand {path.parts[0]} in {path}: no such user") from None
