"""A pack's files may be anything: each hostile one is a problem naming it, never a
traceback, never a hang (a FIFO is not opened for a writer), never read past 5 MB."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from gaptracker.catalog.loader import MAX_FILE_BYTES
from gaptracker.catalog.packs import PACK_FILES, built_in_folder, check_pack
from tests.guards import fails_if_it_blocks


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    folder = tmp_path / "pack"
    shutil.copytree(built_in_folder(), folder)
    return folder


def _make(path: Path, kind: str) -> str:
    """Replace `path` with something hostile; the fragment its problem line must hold."""
    path.unlink()
    if kind == "fifo":
        os.mkfifo(path)
        return "is not a regular file"
    if kind == "symlink loop":
        path.symlink_to(path)
        return "too many levels of symbolic links"
    if kind == "folder":
        path.mkdir()
        return "is a folder, not a file"
    if kind == "huge":
        with path.open("wb") as handle:
            handle.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk
        return "is larger than 5 MB; not read"
    if kind == "deep":
        path.write_bytes(b"a = " + b"[" * 100_000)
        return "nested too deeply"
    if kind == "not utf-8":
        path.write_bytes(b'title = "caf\xe9"\n')
        return "is not UTF-8 text (byte 0xe9 at offset 12)"
    if kind == "not toml":
        path.write_bytes(b"[[[")
        return "is not valid TOML"
    raise AssertionError(kind)


KINDS = ["fifo", "symlink loop", "folder", "huge", "deep", "not utf-8", "not toml"]


@pytest.mark.parametrize("name", PACK_FILES)
@pytest.mark.parametrize("kind", KINDS)
def test_a_hostile_file_is_one_problem_naming_it(pack: Path, name: str, kind: str) -> None:
    expected = _make(pack / name, kind)
    with fails_if_it_blocks():
        check = check_pack(pack)
    lines = [p.line() for p in check.errors if p.file == name]
    assert len(lines) == 1, [p.line() for p in check.errors]
    assert lines[0].startswith(f"{name}: ") and expected in lines[0]
    assert str(pack) not in lines[0]  # the line names the file, not where it was read
    # Nothing else is blamed on it: what refers to it is checked against what is there.
    assert all(p.file == name or p.file == "pack.toml" for p in check.errors), [
        p.line() for p in check.errors
    ]


@pytest.mark.parametrize("kind", ["missing", "file", "fifo", "symlink loop"])
def test_a_pack_that_is_not_a_folder(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "pack"
    if kind == "file":
        path.write_text("x")
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "symlink loop":
        path.symlink_to(path)
    with fails_if_it_blocks():
        check = check_pack(path)
    (problem,) = check.problems
    assert "pack" in problem.line() and "\n" not in problem.line()
