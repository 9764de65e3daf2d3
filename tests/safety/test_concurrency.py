"""Two processes writing to one file at once: no 'database is locked', nothing lost."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from tests.safety.processes import env_for, integrity, notes, run

LOOP = """
import sys
from gaptracker.cli import main
who, count = sys.argv[1], int(sys.argv[2])
failed = 0
for i in range(count):
    status = main(["rate", "experiment-rigor", str(i % 6), "--note", f"{who}-{i}"])
    failed += status != 0
sys.exit(1 if failed else 0)
"""


def start_loop(db: Path, who: str, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", LOOP, who, str(count)],
        env=env_for(db),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_writers_lose_nothing_and_never_see_a_lock(
    tmp_path: Path, rounds: Callable[[int, int], int]
) -> None:
    db = tmp_path / "gt.sqlite"
    assert run(db, "target", "ai-research-scientist").returncode == 0
    count = rounds(50, 300)
    loops = [start_loop(db, who, count) for who in ("a", "b")]
    results = [loop.communicate(timeout=600) for loop in loops]
    for loop, (_, err) in zip(loops, results, strict=True):
        assert loop.returncode == 0, err
        assert "locked" not in err.lower() and "Traceback" not in err
    kept = notes(db)
    assert len(kept) == 2 * count
    assert set(kept) == {f"{who}-{i}" for who in "ab" for i in range(count)}
    assert integrity(db) == "ok"


def test_two_first_starts_on_one_new_file_both_succeed(
    tmp_path: Path, rounds: Callable[[int, int], int]
) -> None:
    for i in range(rounds(4, 20)):
        db = tmp_path / f"new-{i}.sqlite"
        procs = [
            subprocess.Popen(
                [sys.executable, "-m", "gaptracker", "target", "applied-ai-scientist"],
                env=env_for(db),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        for proc in procs:
            _, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, err
        assert integrity(db) == "ok"
        assert notes(db) == []  # the schema is there (a read would not have made it)
