"""Run gaptracker as a real process, and read the database the way a checker would."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path


def env_for(db: Path) -> dict[str, str]:
    return {**os.environ, "GAPTRACKER_DB": str(db)}


def start(db: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "gaptracker", *args],
        env=env_for(db),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def run(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gaptracker", *args],
        env=env_for(db),
        capture_output=True,
        text=True,
        timeout=120,
    )


def integrity(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])


def notes(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [row[0] for row in conn.execute("SELECT note FROM ratings ORDER BY id")]
