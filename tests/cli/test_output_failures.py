"""Output that cannot be written is one clear error line and exit status 1: a full disk
under `> file` (seen only when the buffer is flushed) and a closed standard output
(`>&-`) alike; never "unexpected error" and never a file written through the closed
descriptor."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from tests.safety.processes import env_for, run

ROLE = "inference-optimization-engineer"
READS = [
    ("history",),
    ("history", "--json"),
    ("status",),
    ("status", "--json"),
    ("gap",),
    ("roles",),
    ("plan",),
    ("export", "--format", "md"),
    ("export", "--format", "csv"),
]
FULL = "gaptracker: error: cannot write the output: no space left on device\n"
CLOSED = "gaptracker: error: cannot write the output: standard output is closed\n"


def with_stdout(db: Path, stdout: object, *args: str) -> subprocess.CompletedProcess[str]:
    """gaptracker ARGS with standard output as given (a file, or None: closed)."""
    return subprocess.run(
        [sys.executable, "-m", "gaptracker", *args],
        env=env_for(db),
        stdout=subprocess.DEVNULL if stdout is None else stdout,  # type: ignore[arg-type]
        stderr=subprocess.PIPE,
        preexec_fn=(lambda: os.close(1)) if stdout is None else None,
        text=True,
        timeout=120,
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    db = tmp_path / "gt.sqlite"
    assert run(db, "target", ROLE).returncode == 0
    note = "wrote a tiled matmul " * 200  # more than one buffer of output
    assert run(db, "rate", "gpu-cuda-programming", "2", "--note", note).returncode == 0
    return db


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", READS, ids=" ".join)
def test_a_full_disk_under_the_output_is_one_line_and_exit_1(db: Path, args: tuple[str]) -> None:
    with open("/dev/full", "w") as full:
        result = with_stdout(db, full, *args)
    assert (result.returncode, result.stderr) == (1, FULL)


@pytest.mark.parametrize("args", READS, ids=" ".join)
def test_a_closed_standard_output_is_one_line_and_exit_1(db: Path, args: tuple[str]) -> None:
    before = db.read_bytes()
    result = with_stdout(db, None, *args)
    assert (result.returncode, result.stderr) == (1, CLOSED)
    assert db.read_bytes() == before


def test_a_write_with_its_output_closed_keeps_what_it_stored(db: Path) -> None:
    result = with_stdout(db, None, "rate", "model-serving", "3", "--note", "kept")
    assert (result.returncode, result.stderr) == (1, CLOSED)  # saved, but not said
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute(
            "SELECT note FROM ratings WHERE skill_id = 'model-serving'"
        ).fetchall() == [("kept",)]
