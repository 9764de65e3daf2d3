"""A database the user may read but not write: one clear line, exit 2, bytes unchanged.

As root, file modes do not stop writes, so the file is made immutable (chattr +i) for
the test; as anyone else, it is made read-only with chmod.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.safety.processes import run


@contextmanager
def unwritable(path: Path) -> Iterator[None]:
    if os.geteuid() != 0:
        path.chmod(0o444)
        try:
            yield
        finally:
            path.chmod(0o600)
        return
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", str(path)], capture_output=True).returncode:
        pytest.skip("running as root, and this filesystem cannot make a file immutable")
    try:
        yield
    finally:
        subprocess.run([chattr, "-i", str(path)], check=True)


def test_a_read_only_database_refuses_writes_with_one_line(tmp_path: Path) -> None:
    db = tmp_path / "gt.sqlite"
    assert run(db, "target", "applied-ai-scientist").returncode == 0
    assert run(db, "rate", "llm-evaluation-deep-dive", "2").returncode == 0
    before = db.read_bytes()
    with unwritable(db):
        result = run(db, "rate", "llm-evaluation-deep-dive", "4")
        after = db.read_bytes()
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("gaptracker: error: "), result.stderr
    assert "Traceback" not in result.stderr
    assert after == before
