"""File names at the edge (255 bytes and one more), and writes that fail half way: one
line, exit 2, the old file intact and no temp file left."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from tests.cli.conftest import Run

ROLE = "inference-optimization-engineer"
LONGEST = 255  # NAME_MAX on Linux, macOS and the BSDs


def seed(gt: Run) -> None:
    assert gt("target", ROLE).status == 0
    assert gt("rate", "gpu-cuda-programming", "2").status == 0


@pytest.mark.parametrize("letter", ["x", "é"])  # one byte and two bytes a character
def test_the_longest_name_works(gt: Run, tmp_path: Path, letter: str) -> None:
    seed(gt)
    name = letter * (LONGEST // len(letter.encode()))
    for args in (("export", "--output"), ("backup",)):
        (tmp_path / name).unlink(missing_ok=True)
        result = gt(*args, str(tmp_path / name))
        assert result.status == 0, result.err
        assert (tmp_path / name).stat().st_size > 0
    assert gt("--db", str(tmp_path / "other.sqlite"), "restore", str(tmp_path / name)).status == 0
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize(
    "args",
    [("export", "--output"), ("backup",), ("restore",), ("restore", "--replace")],
)
def test_a_name_one_byte_too_long_is_one_line(gt: Run, tmp_path: Path, args: tuple[str]) -> None:
    seed(gt)
    path = tmp_path / ("x" * (LONGEST + 1))
    argv = (*args, str(path)) if args[0] != "restore" else (args[0], str(path), *args[1:])
    result = gt(*argv)
    assert result.status == 2
    verb = "read" if args[0] == "restore" else "write"
    assert result.err == f"gaptracker: error: cannot {verb} {path}: File name too long\n"


def test_a_failed_rename_keeps_the_old_file(
    gt: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(gt)
    report = tmp_path / "report.md"
    report.write_text("last week's report\n")

    def failing_replace(*_: object) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(os, "replace", failing_replace)
    result = gt("export", "--output", str(report))
    assert result.status == 2
    assert result.err == f"gaptracker: error: cannot write {report}: Input/output error\n"
    assert report.read_text() == "last week's report\n"
    assert not list(tmp_path.glob(".*.tmp"))


def test_an_interrupt_while_writing_leaves_no_temp_file(
    gt: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(gt)

    def interrupted(_: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    assert gt("backup", str(tmp_path / "b.json")).status == 130
    assert list(tmp_path.glob("*b.json*")) == []
