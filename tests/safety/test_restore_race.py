"""`restore --replace` while other processes rate, some restores SIGKILLed: every rating
a `rate` confirmed (exit 0) is in the final database or in one of the copies kept beside
it, and the file stays sound.

Kill moments are fractions of a normal restore measured in this test, so the test kills
restores mid-run on a fast machine and on a loaded one alike.
"""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from tests.safety.processes import env_for, integrity, run, start

ROLE = "inference-optimization-engineer"
WRITER_SKILLS = ("gpu-cuda-programming", "model-serving", "reproducibility-discipline")


def notes_in(path: Path) -> set[str]:
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
        return {row[0] for row in conn.execute("SELECT note FROM ratings")}


def timed_restore(db: Path, backup: Path) -> float:
    began = time.monotonic()
    result = run(db, "restore", "--replace", str(backup))
    assert result.returncode == 0, result.stderr
    return time.monotonic() - began


def killed_after(proc: subprocess.Popen[str], delay: float) -> bool:
    """SIGKILL `proc` after `delay` seconds unless it is done by then; True if killed."""
    try:
        proc.wait(timeout=delay)
        killed = False
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        killed = True
    proc.communicate(timeout=120)
    return killed


WRITER = """
import contextlib, io, sys
from pathlib import Path
from gaptracker.cli import main

db, skill, stop = sys.argv[1], sys.argv[2], Path(sys.argv[3])
count = 0
while not stop.exists():
    count += 1
    note = f"{skill}-{count}"
    with contextlib.redirect_stdout(io.StringIO()):
        status = main(["--db", db, "rate", skill, str(count % 6), "--note", note])
    print(("confirmed " if status == 0 else f"failed {status} ") + note, flush=True)
"""
"""A writer process: `gaptracker rate` again and again (each call a whole command, opening
and closing the database), printing which ratings it confirmed, until the stop file is
made. In one process, so ratings commit every few milliseconds, as from a busy script."""


class Writers:
    """Writer processes, one per skill, running while the block runs."""

    def __init__(self, db: Path) -> None:
        self.db = db
        self.stop = db.parent / "stop-writing"
        self.confirmed: list[str] = []
        self.failures: list[str] = []

    def __enter__(self) -> Writers:
        self._procs = [
            subprocess.Popen(
                [sys.executable, "-c", WRITER, str(self.db), skill, str(self.stop)],
                env=env_for(self.db),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for skill in WRITER_SKILLS
        ]
        return self

    def __exit__(self, *_: object) -> None:
        self.stop.touch()
        for proc in self._procs:
            out, err = proc.communicate(timeout=120)
            for line in out.splitlines():
                kind, _, note = line.rpartition(" ")
                if kind == "confirmed":
                    self.confirmed.append(note)
                else:
                    self.failures.append(line)
            if proc.returncode != 0 or err:
                self.failures.append(err)


def test_every_confirmed_rating_survives_concurrent_and_killed_restores(
    tmp_path: Path, rounds: Callable[[int, int], int]
) -> None:
    db = tmp_path / "gt.sqlite"
    backup = tmp_path / "backup.json"
    assert run(db, "target", ROLE).returncode == 0
    assert run(db, "rate", "gpu-cuda-programming", "1", "--note", "in the backup").returncode == 0
    assert run(db, "backup", str(backup)).returncode == 0
    normal = max(timed_restore(db, backup) for _ in range(2))
    rng = random.Random(15)
    killed = completed = 0
    with Writers(db) as writers:
        for round_number in range(rounds(10, 60)):
            proc = start(db, "restore", "--replace", str(backup))
            if round_number % 2 == 0:
                completed += proc.wait(timeout=120) == 0
                proc.communicate(timeout=120)
            else:  # late in the run, where the copy and the transaction are
                killed += killed_after(proc, normal * rng.uniform(0.5, 1.1))
    assert not writers.failures, writers.failures[:3]
    assert run(db, "status").returncode == 0  # a start also removes half-made copies
    kept = notes_in(db).union(*(notes_in(copy) for copy in db.parent.glob("gt.sqlite.backup-*")))
    lost = set(writers.confirmed) - kept
    assert not lost, f"{len(lost)} of {len(writers.confirmed)} confirmed ratings lost"
    assert integrity(db) == "ok"
    assert killed and completed, (killed, completed)  # both paths were exercised
    assert writers.confirmed  # the writers did rate while restores ran
    assert not list(db.parent.glob(".gt.sqlite.*")), "a half-made copy was left behind"
