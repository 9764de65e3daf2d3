"""A real `gaptracker serve` in a child process, on a free loopback port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(
    db_path: Path, extra_env: dict[str, str] | None = None, command: list[str] | None = None
) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """(server process, the URL it printed, token included); stopped on exit."""
    port = free_port()
    env = {**os.environ, "GAPTRACKER_DB": str(db_path), **(extra_env or {})}
    server = subprocess.Popen(
        command or [sys.executable, "-m", "gaptracker", "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert server.stdout is not None
        first = server.stdout.readline()  # printed once the port is bound
        url = first.rsplit(" ", 1)[-1].strip()
        assert "/?token=" in url, first + (server.stderr.read() if server.poll() else "")
        yield server, url
    finally:
        server.terminate()
        server.wait(timeout=30)
