"""Files that hold a person's self-assessment are readable by that person only."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

from tests.safety.processes import run


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_database_backup_and_exports_are_private(tmp_path: Path) -> None:
    # Folders are made only for the default location (XDG_DATA_HOME/gaptracker here).
    env = {k: v for k, v in os.environ.items() if k != "GAPTRACKER_DB"}
    env["XDG_DATA_HOME"] = str(tmp_path)
    folder = tmp_path / "gaptracker"
    db = folder / "gaptracker.sqlite"
    first = [sys.executable, "-m", "gaptracker", "target", "applied-ai-scientist"]
    assert subprocess.run(first, env=env, capture_output=True, timeout=120).returncode == 0
    assert run(db, "rate", "llm-evaluation-deep-dive", "3", "--note", "private").returncode == 0
    backup = tmp_path / "backup.json"
    report = tmp_path / "report.html"
    assert run(db, "backup", str(backup)).returncode == 0
    assert run(db, "export", "--format", "html", "--output", str(report)).returncode == 0
    assert mode(folder) == 0o700
    for path in (db, backup, report, *folder.glob("gaptracker.sqlite-*")):
        assert mode(path) == 0o600, path
