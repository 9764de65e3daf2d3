"""Reads never wait for a writer: in WAL mode a reader needs no lock, so while another
process holds the write lock (a long `restore`, a TUI committing), `status` in a shell
prompt, the reports, a backup and the terminal app's first screen all work; a write
waits for the lock and then succeeds.

No timing is asserted: a read that waited for the lock would wait 15 s and then fail
with "database is locked", and the lock is released only after every read has exited.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.safety.processes import run
from tests.safety.test_tui_kill import Terminal

ROLE = "inference-optimization-engineer"
HOLDER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("holding", flush=True)
sys.stdin.readline()
conn.execute("COMMIT")
"""
WRITER = """
import sys
from pathlib import Path
from gaptracker.catalog import load_catalog
from gaptracker.services.tracker import Tracker
from gaptracker.storage.schema import open_database

database = open_database(Path(sys.argv[1]))
tracker = Tracker(load_catalog(), database.uow_factory)
print("writing", flush=True)
tracker.rate("model-serving", 3, note="waited its turn")  # waits for the lock
print("saved", flush=True)
"""
READS = [
    ("status",),
    ("status", "--json"),
    ("gap",),
    ("gap", "--json"),
    ("export", "--format", "json"),
    ("export", "--format", "md"),
    ("history",),
    ("history", "--weekly"),
    ("goals",),
    ("plan",),
    ("roles",),
]


@pytest.fixture
def write_lock(tmp_path: Path) -> Iterator[tuple[Path, subprocess.Popen[str]]]:
    """A database with a rating, and another process holding its write lock."""
    db = tmp_path / "gt.sqlite"
    assert run(db, "target", ROLE).returncode == 0
    assert run(db, "rate", "gpu-cuda-programming", "2", "--note", "tiled").returncode == 0
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline() == "holding\n"
    yield db, holder
    holder.kill()
    holder.wait()


def release(holder: subprocess.Popen[str]) -> None:
    holder.communicate("\n", timeout=60)
    assert holder.returncode == 0


def test_reads_work_while_another_process_holds_the_write_lock(
    write_lock: tuple[Path, subprocess.Popen[str]], tmp_path: Path
) -> None:
    db, holder = write_lock
    for args in READS:
        result = run(db, *args)
        assert result.returncode == 0, (args, result.stderr)
        assert "locked" not in result.stderr, args
    backup = run(db, "backup", str(tmp_path / "b.json"))
    assert backup.returncode == 0 and "Backed up 1 rating," in backup.stderr, backup.stderr
    # A write asked for while the lock is held waits for it, then succeeds.
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db)], stdout=subprocess.PIPE, text=True
    )
    assert writer.stdout is not None and writer.stdout.readline() == "writing\n"
    assert run(db, "status").returncode == 0  # still readable meanwhile
    release(holder)
    out, _ = writer.communicate(timeout=120)
    assert writer.returncode == 0 and out == "saved\n"
    assert "waited its turn" in run(db, "history").stdout


def test_the_terminal_app_opens_while_another_process_holds_the_write_lock(
    write_lock: tuple[Path, subprocess.Popen[str]],
) -> None:
    db, holder = write_lock
    term = Terminal(db)
    try:
        term.wait_for(b"Largest gaps", "the dashboard")
    finally:
        term.kill()
        release(holder)
