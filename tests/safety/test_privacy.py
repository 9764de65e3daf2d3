"""Files that hold a person's self-assessment are readable by that person only."""

from __future__ import annotations

import stat
from pathlib import Path

from tests.safety.processes import run


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_database_backup_and_exports_are_private(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    db = folder / "gt.sqlite"
    assert run(db, "target", "applied-ai-scientist").returncode == 0
    assert run(db, "rate", "llm-evaluation-deep-dive", "3", "--note", "private").returncode == 0
    backup = tmp_path / "backup.json"
    report = tmp_path / "report.html"
    assert run(db, "backup", str(backup)).returncode == 0
    assert run(db, "export", "--format", "html", "--output", str(report)).returncode == 0
    assert mode(folder) == 0o700
    for path in (db, backup, report, *folder.glob("gt.sqlite-*")):
        assert mode(path) == 0o600, path
