"""The terminal app starts only on a terminal, and says why it cannot start the way every
command says an error: one line, `gaptracker: error: ...`, on stderr."""

from __future__ import annotations

import os
import pty
import random
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from tests.safety.processes import env_for, run
from tests.safety.test_tui_kill import Terminal

ROLE = "inference-optimization-engineer"
NEEDS_A_TERMINAL = "gaptracker: error: the terminal app needs a terminal; see gaptracker --help\n"


def app_without_a_terminal(db: Path, args: list[str], stdin_is_a_terminal: bool) -> tuple[int, str]:
    """(exit status, stderr) of the app started with its output in a pipe."""
    keyboard, other_end = pty.openpty()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "gaptracker", *args],
            env=env_for(db),
            stdin=other_end if stdin_is_a_terminal else subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=120,  # on main the app never ends: the test fails here
        )
    finally:
        os.close(keyboard)
        os.close(other_end)
    assert proc.stdout == "", "escape codes were written into the pipe"
    return proc.returncode, proc.stderr


@pytest.mark.parametrize("args", [[], ["tui"], ["checkin"]])
@pytest.mark.parametrize("stdin_is_a_terminal", [False, True])
def test_the_app_refuses_to_start_without_a_terminal(
    tmp_path: Path, args: list[str], stdin_is_a_terminal: bool
) -> None:
    db = tmp_path / "gt.sqlite"
    assert run(db, "target", ROLE).returncode == 0
    before = sorted(p.name for p in tmp_path.iterdir())
    status, err = app_without_a_terminal(db, args, stdin_is_a_terminal)
    assert (status, err) == (2, NEEDS_A_TERMINAL)
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_without_a_terminal_no_database_is_made(tmp_path: Path) -> None:
    status, err = app_without_a_terminal(tmp_path / "gt.sqlite", [], stdin_is_a_terminal=False)
    assert (status, err) == (2, NEEDS_A_TERMINAL)
    assert list(tmp_path.iterdir()) == []


def damage_what_the_first_screen_reads(db: Path) -> None:
    """Many target changes (every start reads them all), one of their pages overwritten."""
    with closing(sqlite3.connect(db)) as conn, conn:
        for _ in range(10):
            conn.execute(
                "INSERT INTO target_changes (role_id, changed_at)"
                " SELECT role_id, changed_at FROM target_changes"
            )
    with closing(sqlite3.connect(db)) as conn:
        size = conn.execute("PRAGMA page_size").fetchone()[0]
        leaves = conn.execute(
            "SELECT pageno FROM dbstat WHERE name = 'target_changes' AND pagetype = 'leaf'"
            " ORDER BY pageno"
        ).fetchall()
    page = leaves[len(leaves) // 2][0]
    with db.open("r+b") as handle:
        handle.seek((page - 1) * size)
        handle.write(random.Random(page).randbytes(size))


def test_an_app_that_cannot_start_says_why_in_one_error_line(tmp_path: Path) -> None:
    db = tmp_path / "gt.sqlite"
    assert run(db, "target", ROLE).returncode == 0
    damage_what_the_first_screen_reads(db)
    term = Terminal(db)
    status = term.wait_for_exit()
    output = bytes(term.output).decode(errors="replace")
    assert status == 2, output
    assert f"gaptracker: error: {db} is damaged (" in output  # on main: no prefix, exit 1
