"""`share` writes its bundle inside the transaction that records it, which holds the
database's write lock: a FIFO with no reader must be refused at once, not waited on
(every other write would wait too, and fail after 15 s with "database is locked"), and
a FIFO that has a reader still gets the bundle."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from tests.cli.conftest import Run, refused

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


def bundles(db_path: Path) -> int:
    with sqlite3.connect(db_path) as conn:
        return int(conn.execute("SELECT count(*) FROM review_bundles").fetchone()[0])


@pytest.fixture
def fifo(gt: Run, tmp_path: Path) -> Path:
    assert gt("target", "inference-optimization-engineer").status == 0
    path = tmp_path / "bundle.fifo"
    os.mkfifo(path)
    return path


def test_share_to_a_fifo_nobody_reads_is_refused_and_records_nothing(
    gt_process: Run, fifo: Path, db_path: Path
) -> None:
    line = refused(gt_process("share", "--as", "Ada", "--output", str(fifo)))
    assert "nothing reads" in line and str(fifo) in line
    assert bundles(db_path) == 0


def test_share_to_a_fifo_with_a_reader_writes_the_bundle(
    gt: Run, fifo: Path, db_path: Path
) -> None:
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        result = gt("share", "--as", "Ada", "--output", str(fifo))
        data = b""
        while chunk := os.read(reader, 1 << 16):
            data += chunk
    finally:
        os.close(reader)
    assert result.status == 0, result
    assert json.loads(data)["format"] == "gaptracker-review-request"
    assert bundles(db_path) == 1
