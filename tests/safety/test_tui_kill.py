"""A rating confirmed on screen survives the TUI being killed right after."""

from __future__ import annotations

import fcntl
import os
import pty
import signal
import sqlite3
import struct
import sys
import termios
import threading
from pathlib import Path

from tests.safety.processes import env_for, integrity, run

DEADLINE = 60.0


class Terminal:
    """The TUI in a real pseudo-terminal; output is drained so the app never blocks."""

    def __init__(self, db: Path, cols: int = 100, rows: int = 30) -> None:
        env = {**env_for(db), "TERM": "xterm-256color", "COLUMNS": str(cols), "LINES": str(rows)}
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: become gaptracker
            os.execvpe(sys.executable, [sys.executable, "-m", "gaptracker"], env)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.output = bytearray()
        self._changed = threading.Condition()
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()

    def _drain(self) -> None:
        while True:
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            with self._changed:
                self.output.extend(chunk)
                self._changed.notify_all()

    def wait_for(self, text: bytes, what: str) -> None:
        """Block until the app has painted `text` (woken by each chunk of output)."""
        with self._changed:
            found = self._changed.wait_for(lambda: text in self.output, timeout=DEADLINE)
        assert found, f"timed out waiting for {what}"

    def send(self, keys: str) -> None:
        os.write(self.fd, keys.encode())

    def wait_for_exit(self) -> int:
        """Block until the app has exited on its own; its exit status."""
        self._reader.join(timeout=DEADLINE)  # the output ends when the app has gone
        assert not self._reader.is_alive(), "timed out waiting for the app to exit"
        _, status = os.waitpid(self.pid, 0)
        os.close(self.fd)
        return os.waitstatus_to_exitcode(status)

    def kill(self) -> None:
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def ratings(db: Path) -> list[tuple[str, int]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT skill_id, level FROM ratings").fetchall()


def test_a_rating_confirmed_in_the_tui_survives_sigkill(tmp_path: Path) -> None:
    db = tmp_path / "gt.sqlite"
    assert run(db, "target", "inference-optimization-engineer").returncode == 0
    term = Terminal(db)
    try:
        term.wait_for(b"Largest gaps", "the dashboard")
        term.send("a")
        term.wait_for(b"Tgt", "the assess screen")
        term.send("3")
        term.send("\r")
        # The app says "Saved" only after the commit returned: kill right then.
        term.wait_for(b"Saved", "the confirmation on screen")
    finally:
        term.kill()
    assert ratings(db) == [("cpp-cuda-systems-profiling", 3)]
    assert integrity(db) == "ok"
    assert run(db, "status").returncode == 0
