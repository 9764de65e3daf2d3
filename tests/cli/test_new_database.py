"""A database is created only where the user meant it, and they are told when it is.

Reads (a shell prompt's `status` above all) never create one; a write creates it once,
says so on stderr, and only in a folder that exists (unless it is the default location);
--db naming something that is not a regular file is refused at once.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.conftest import Result, Run

ROLE = "inference-optimization-engineer"


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize(
    ("args", "status", "shown"),
    [
        (("status",), 0, "no target role"),
        (("status", "--json"), 0, '"role_id": null'),
        (("roles",), 0, "No target role yet"),
        (("skills",), 0, "gpu-cuda-programming"),
        (("history",), 0, "No ratings yet"),
        (("history", "--json"), 0, "[]"),
        (("goals",), 0, "No goals yet"),
        (("gap",), 2, "no target role"),
        (("plan",), 2, "no target role"),
        (("export", "--format", "json"), 2, "no target role"),
        (("checkin",), 2, "no target role"),
        (("check",), 0, "ok (no database at"),
    ],
)
def test_reading_a_database_that_does_not_exist_creates_nothing(
    gt: Run, db_path: Path, args: tuple[str, ...], status: int, shown: str
) -> None:
    result = gt(*args)
    assert result.status == status, result.err
    assert shown in (result.out if status == 0 else result.err)
    assert listing(db_path.parent) == []


def test_a_backup_of_a_database_that_does_not_exist_is_empty_and_creates_none(
    gt: Run, db_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    result = gt("backup", str(out / "b.json"))
    assert result.status == 0 and "Backed up 0 ratings" in result.err
    assert listing(tmp_path) == ["out"] and listing(out) == ["b.json"]


def test_the_first_write_creates_the_database_and_says_so_once(gt: Run, db_path: Path) -> None:
    first = gt("target", ROLE)
    assert first.status == 0
    assert first.err == f"Created a new database at {db_path}\n"
    second = gt("rate", "gpu-cuda-programming", "2")
    assert second.status == 0 and second.err == ""


@pytest.mark.parametrize(
    "args",
    [
        ("rate", "gpu-cuda-programmin", "2"),
        ("rate", "gpu-cuda-programming", "7"),
        ("target", "ceo"),
        ("goal", "gpu-cuda-programming", "3", "--by", "2020-01-01"),
        ("restore", "missing-backup.json"),
    ],
)
def test_a_refused_write_creates_no_database(gt: Run, db_path: Path, args: tuple[str, ...]) -> None:
    result = gt(*args)
    assert result.status == 2
    assert len(result.err.splitlines()) == 1 and result.err.startswith("gaptracker: error: ")
    assert listing(db_path.parent) == []


def run(args: list[str], env: dict[str, str]) -> Result:
    proc = subprocess.run(
        [sys.executable, "-m", "gaptracker", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=60,  # a hang (reading a FIFO) fails the test instead of blocking the run
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


@pytest.mark.parametrize("how", ["option", "variable"])
@pytest.mark.parametrize("command", [["status"], ["target", ROLE]])
def test_a_typo_in_the_folder_creates_no_folder(
    tmp_path: Path, how: str, command: list[str]
) -> None:
    typo = tmp_path / "Documnets" / "gt.sqlite"
    args, env = (["--db", str(typo)], {}) if how == "option" else ([], {"GAPTRACKER_DB": str(typo)})
    result = run([*args, *command], env)
    assert result.status == 2
    assert result.err == (
        f"gaptracker: error: folder {typo.parent} does not exist: check the path given with"
        " --db or GAPTRACKER_DB (gaptracker makes folders only for its default location)\n"
    )
    assert listing(tmp_path) == []


@pytest.mark.parametrize("command", [["status"], ["rate", "gpu-cuda-programming", "2"]])
def test_a_fifo_as_the_database_is_refused_at_once(tmp_path: Path, command: list[str]) -> None:
    fifo = tmp_path / "gt.sqlite"
    os.mkfifo(fifo)
    result = run(["--db", str(fifo), *command], {})
    assert result.status == 2
    assert result.err == f"gaptracker: error: {fifo} is a named pipe (FIFO), not a database file\n"
    assert listing(tmp_path) == ["gt.sqlite"]


def test_the_default_location_is_created_private_on_first_write(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "GAPTRACKER_DB"}
    env["XDG_DATA_HOME"] = str(tmp_path / "share")
    proc = subprocess.run(
        [sys.executable, "-m", "gaptracker", "target", ROLE],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    db = tmp_path / "share" / "gaptracker" / "gaptracker.sqlite"
    assert proc.returncode == 0 and proc.stderr == f"Created a new database at {db}\n"
    assert (db.parent.stat().st_mode & 0o777) == 0o700


def test_the_terminal_app_is_told_when_it_created_the_database(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gaptracker.cli.common
    import gaptracker.tui.app
    from gaptracker.cli import main

    notices: list[str | None] = []

    def run_app(
        _tracker: object, start: str = "dashboard", notice: str | None = None, **_: object
    ) -> int:
        notices.append(notice)
        return 0

    monkeypatch.setattr(gaptracker.tui.app, "run_app", run_app)
    monkeypatch.setattr(gaptracker.cli.common, "require_terminal", lambda: None)  # no tty here
    assert main(["--db", str(db_path), "tui"]) == 0
    assert main(["--db", str(db_path), "tui"]) == 0
    assert notices == [f"Created a new database at {db_path}", None]
