"""SIGKILL at random moments: the file stays sound and every confirmed rating is kept."""

from __future__ import annotations

import random
import signal
import subprocess
from collections.abc import Callable
from pathlib import Path

from tests.safety.processes import integrity, notes, run, start

ROLE = "inference-optimization-engineer"


def kill_after(proc: subprocess.Popen[str], delay: float) -> bool:
    """Let the process run for `delay` seconds, then SIGKILL it; True if it was killed."""
    try:
        proc.wait(timeout=delay)
        return False
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        return True
    finally:
        proc.communicate(timeout=30)


def test_killed_rate_commands_leave_a_sound_file_with_every_confirmed_rating(
    tmp_path: Path, rounds: Callable[[int, int], int]
) -> None:
    db = tmp_path / "gt.sqlite"
    assert run(db, "target", ROLE).returncode == 0
    rng = random.Random(20261125)
    confirmed, killed = [], 0
    for i in range(rounds(25, 200)):
        note = f"kill-{i}"
        proc = start(db, "rate", "gpu-cuda-programming", str(i % 6), "--note", note)
        # Start-up takes most of a command's time; kill anywhere from import to commit.
        if kill_after(proc, rng.uniform(0.0, 1.2)):
            killed += 1
        elif proc.returncode == 0:
            confirmed.append(note)
        else:
            raise AssertionError(f"rate failed without being killed: {proc.returncode}")
    assert integrity(db) == "ok"
    kept = notes(db)
    assert set(confirmed) <= set(kept)
    assert killed and confirmed, (killed, len(confirmed))  # both paths were exercised
    final = run(db, "status")
    assert final.returncode == 0 and "Traceback" not in final.stderr


def test_a_kill_during_the_first_migration_never_locks_the_user_out(
    tmp_path: Path, rounds: Callable[[int, int], int]
) -> None:
    rng = random.Random(7)
    killed = 0
    for i in range(rounds(8, 40)):
        db = tmp_path / f"fresh-{i}.sqlite"
        killed += kill_after(start(db, "target", ROLE), rng.uniform(0.2, 1.0))
        after = run(db, "status")
        assert after.returncode == 0, after.stderr
        assert integrity(db) == "ok"
    assert killed
