"""Run the command line in-process (fast) or as a real process (the installed script)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from gaptracker.cli import main


@dataclass
class Result:
    status: int
    out: str
    err: str


Run = Callable[..., Result]


def in_process(db: str | Path, capsys: pytest.CaptureFixture[str]) -> Run:
    """run("rate", "x", "2") -> Result, in this process, against `db`: a file's path or
    a server's URL."""

    def run(*args: str) -> Result:
        try:
            status = main(["--db", str(db), *args])
        except SystemExit as exc:  # argparse exits for usage errors and --help
            status = int(exc.code or 0)
        captured = capsys.readouterr()
        return Result(status, captured.out, captured.err)

    return run


@pytest.fixture
def gt(db_path: Path, capsys: pytest.CaptureFixture[str]) -> Run:
    """gt("rate", "x", "2") -> Result, against a temp database."""
    return in_process(db_path, capsys)


@pytest.fixture
def gt_process(db_path: Path) -> Run:
    """The real entry point in a child process, with the database from GAPTRACKER_DB."""

    def run(*args: str, env: dict[str, str] | None = None) -> Result:
        environment = {**os.environ, "GAPTRACKER_DB": str(db_path), **(env or {})}
        proc = subprocess.run(
            [sys.executable, "-m", "gaptracker", *args],
            capture_output=True,
            text=True,
            env=environment,
            timeout=60,
        )
        return Result(proc.returncode, proc.stdout, proc.stderr)

    return run


# Skill packs

PROBLEM_LINE = r"^(pack|guide|roles|skills|requirements|tips)\.toml(:[^:]*)?: "
"""`file:field: message`; a field may hold a key as the file spells it (with spaces)."""


@pytest.fixture
def packs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's packs folder, under a temp user-data folder (XDG_DATA_HOME)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))
    return tmp_path / "data-home" / "gaptracker" / "packs"


def refused(result: Result) -> str:
    assert result.status == 2, result
    assert "Traceback" not in result.err
    (line,) = result.err.splitlines()
    assert line.startswith("gaptracker: error: ")
    return line
