"""Run gaptracker as a real process, and read the database the way a checker would."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
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


@contextlib.contextmanager
def fifo_reader(path: Path) -> Iterator[list[bytes]]:
    """Reads a FIFO in a thread (its open waits for a writer). If no writer came, the
    test opens that same FIFO for writing, so the thread ends even if the FIFO's name
    now points elsewhere (O_PATH keeps hold of the node itself, where there is one)."""
    received: list[bytes] = []
    held = os.open(path, os.O_PATH) if hasattr(os, "O_PATH") else None

    def read() -> None:
        with open(path, "rb") as handle:
            received.append(handle.read())

    thread = threading.Thread(target=read)
    thread.start()
    try:
        yield received
    finally:
        if not received:
            node = path if held is None else Path(f"/proc/self/fd/{held}")
            with contextlib.suppress(OSError):
                os.close(os.open(node, os.O_WRONLY | os.O_NONBLOCK))
        thread.join()
        if held is not None:
            os.close(held)


def call_in_process(db: Path, argv: list[str], cwd: Path | None = None) -> tuple[int, str]:
    """`gaptracker --db DB ARGV...` in this process, from `cwd` (default: the database's
    folder, so a random `backup NAME` or `--output NAME` writes there, not into the tree):
    (exit status, what it wrote on stderr)."""
    import contextlib
    import io

    from gaptracker.cli import main

    err = io.StringIO()
    with (
        contextlib.chdir(cwd or db.parent),
        contextlib.redirect_stderr(err),
        contextlib.redirect_stdout(io.StringIO()),
    ):
        try:
            status = main(["--db", str(db), *argv])
        except SystemExit as exc:
            status = int(exc.code or 0)
    return status, err.getvalue()
