"""The terminal app and the command line writing to one file at once lose nothing."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.safety.processes import env_for, integrity, run
from tests.safety.test_concurrency import LOOP
from tests.safety.test_tui_kill import Terminal


def test_a_cli_loop_and_the_tui_write_together(tmp_path: Path) -> None:
    db = tmp_path / "gt.sqlite"
    assert run(db, "target", "inference-optimization-engineer").returncode == 0
    term = Terminal(db)
    try:
        term.wait_for(b"Largest gaps", "the dashboard")
        loop = subprocess.Popen(
            [sys.executable, "-c", LOOP, "cli", "30"],
            env=env_for(db),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        term.send("a")
        term.wait_for(b"Tgt", "the assess screen")
        term.send("4")
        term.send("\r")
        term.wait_for(b"Saved", "the TUI's confirmation")
        _, err = loop.communicate(timeout=300)
    finally:
        term.kill()
    assert loop.returncode == 0, err
    assert "locked" not in err.lower()
    assert b"Not saved" not in term.output and b"locked" not in term.output
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT skill_id, count(*) FROM ratings GROUP BY skill_id").fetchall()
    assert dict(rows) == {"experiment-rigor": 30, "cpp-cuda-systems-profiling": 1}
    assert integrity(db) == "ok"
