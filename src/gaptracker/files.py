"""Writing files the user asked for: atomically, with one clear error when it cannot."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from gaptracker.domain.errors import UserInputError
from gaptracker.domain.paths import expand_user


def write_atomically(path: Path, text: str) -> Path:
    """Write via a temp file in the same folder and rename, so no reader sees half a file."""
    path = expand_user(path)
    if path.is_dir():
        raise UserInputError(f"{path} is a folder; give a file name")
    if not path.parent.is_dir():
        raise UserInputError(f"folder {path.parent} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise UserInputError(f"cannot write to {path.parent}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise UserInputError(f"cannot write {path}: {exc.strerror}") from None
    return path
