"""SIGKILL at random moments: the file stays sound and every confirmed rating is kept.

The moments are drawn from 0 to twice a normal run of the same command, timed in the same
test (a few runs first, then one every few rounds, as the machine's load changes): on any
machine about half the runs are killed, from import to commit, and half finish, so both
paths are exercised. (A fixed 0-1.2 s failed on a loaded machine where every start took
longer: 25 killed, none confirmed.)
"""

from __future__ import annotations

import random
import signal
import statistics
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from tests.safety.processes import integrity, notes, run, start

ROLE = "inference-optimization-engineer"
SPAN = 2.0
"""Kill moments go up to this many times a normal run: about one in two is killed, and
still one in three finishes when the load grows by a third during the test."""
RETIME_EVERY = 5
"""Every so many rounds one run is left to finish and timed, so the window follows the load."""


class NormalRun:
    """How long the command takes when left alone, from the latest few timed runs."""

    def __init__(self) -> None:
        self._seconds: list[float] = []

    def time(self, proc: subprocess.Popen[str]) -> int:
        """Let the process finish and remember how long it took; its exit status."""
        started = time.monotonic()
        proc.communicate(timeout=600)
        self._seconds.append(time.monotonic() - started)
        return proc.returncode

    def kill_moment(self, rng: random.Random) -> float:
        return rng.uniform(0.0, SPAN * statistics.median(self._seconds[-5:]))


def kill_after(proc: subprocess.Popen[str], delay: float) -> bool:
    """Let the process run for `delay` seconds, then SIGKILL it; True if it was killed."""
    try:
        proc.wait(timeout=delay)
        return False
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        return True
    finally:
        proc.communicate(timeout=60)


def test_killed_rate_commands_leave_a_sound_file_with_every_confirmed_rating(
    tmp_path: Path, rounds: Callable[[int, int], int]
) -> None:
    db = tmp_path / "gt.sqlite"
    assert run(db, "target", ROLE).returncode == 0
    rng = random.Random(20261125)
    normal = NormalRun()

    def rate(note: str, level: int) -> subprocess.Popen[str]:
        return start(db, "rate", "gpu-cuda-programming", str(level), "--note", note)

    timed: list[str] = []
    for i in range(3):  # a few normal runs first
        timed.append(f"timed-first-{i}")
        assert normal.time(rate(timed[-1], i)) == 0
    confirmed, killed = [], 0
    for i in range(rounds(25, 200)):
        if i and i % RETIME_EVERY == 0:
            timed.append(f"timed-{i}")
            assert normal.time(rate(timed[-1], i % 6)) == 0
        note = f"kill-{i}"
        proc = rate(note, i % 6)
        # Start-up takes most of a command's time; kill anywhere from import to commit.
        if kill_after(proc, normal.kill_moment(rng)):
            killed += 1
        elif proc.returncode == 0:
            confirmed.append(note)
        else:
            raise AssertionError(f"rate failed without being killed: {proc.returncode}")
    assert integrity(db) == "ok"
    kept = notes(db)
    assert set(confirmed) | set(timed) <= set(kept)
    assert killed and confirmed, (killed, len(confirmed))  # both paths were exercised
    final = run(db, "status")
    assert final.returncode == 0 and "Traceback" not in final.stderr


def test_a_kill_during_the_first_migration_never_locks_the_user_out(
    tmp_path: Path, rounds: Callable[[int, int], int]
) -> None:
    rng = random.Random(7)
    normal = NormalRun()
    for i in range(3):  # first starts left alone: each migrates a new file
        assert normal.time(start(tmp_path / f"timed-first-{i}.sqlite", "target", ROLE)) == 0
    killed = finished = 0
    for i in range(rounds(8, 40)):
        if i and i % RETIME_EVERY == 0:
            assert normal.time(start(tmp_path / f"timed-{i}.sqlite", "target", ROLE)) == 0
        db = tmp_path / f"fresh-{i}.sqlite"
        # A write: reads on a missing file create nothing, so only a write migrates one.
        if kill_after(start(db, "target", ROLE), normal.kill_moment(rng)):
            killed += 1
        else:
            finished += 1
        after = run(db, "status")
        assert after.returncode == 0, after.stderr
        assert integrity(db) == "ok"
    assert killed, (killed, finished)
