"""Quitting right after Enter, or being ended by a signal, keeps the rating the screen
already showed as entered (the TUI in a real pseudo-terminal)."""

from __future__ import annotations

import os
import signal
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.safety.processes import integrity, run
from tests.safety.test_tui_kill import Terminal, ratings


def test_a_rating_entered_and_quit_in_one_burst_is_on_disk_after_exit(
    tmp_path: Path, rounds: Callable[[int, int], int]
) -> None:
    lost = []
    count = rounds(10, 50)
    for i in range(count):
        db = tmp_path / f"gt-{i}.sqlite"
        assert run(db, "target", "inference-optimization-engineer").returncode == 0
        term = Terminal(db)
        try:
            term.wait_for(b"Largest gaps", "the dashboard")
            term.send("a")
            term.wait_for(b"Tgt", "the assess screen")
            term.send("4\rq")  # one write: the three keys reach the app in one read
            status = term.wait_for_exit()
        except BaseException:
            term.kill()
            raise
        assert status == 0, bytes(term.output[-2000:])
        if ratings(db) != [("cpp-cuda-systems-profiling", 4)]:
            lost.append(i)
        assert integrity(db) == "ok"
    assert not lost, f"{len(lost)} of {count} ratings lost: runs {lost}"


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_rating_on_screen_when_the_app_is_ended_by_a_signal_is_kept(
    tmp_path: Path, number: signal.Signals
) -> None:
    """SIGTERM, or SIGHUP as when the terminal window is closed, while the commit waits
    for the disk (another process holds the write lock): the process ends as the signal
    says, but only once the commit is done."""
    db = tmp_path / "gt.sqlite"
    assert run(db, "target", "inference-optimization-engineer").returncode == 0
    other = sqlite3.connect(db, isolation_level=None)
    term = Terminal(db)
    try:
        term.wait_for(b"Largest gaps", "the dashboard")
        term.send("a")
        term.wait_for(b"Tgt", "the assess screen")
        other.execute("BEGIN IMMEDIATE")  # the app's commit has to wait for this
        term.send("4\r")
        # Saved and shown: the cursor moved on to the next skill.
        term.wait_for(b"Runs experiments ad hoc", "the next skill's rubric on screen")
        os.kill(term.pid, number)
        other.execute("ROLLBACK")
        status = term.wait_for_exit()
    except BaseException:
        term.kill()
        raise
    finally:
        other.close()
    assert status == -number
    assert ratings(db) == [("cpp-cuda-systems-profiling", 4)]
    assert integrity(db) == "ok"
