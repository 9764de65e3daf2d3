"""A full disk: reads still work, writes say the disk is full (not "disk I/O error", which
reads as a damaged file), exit 2, and nothing changes or is left behind.

The disk is a small tmpfs filled with a file, so mounting needs root: the test skips
otherwise, except under CI (CI=true), where a skip would hide it and it fails instead.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from tests.safety.processes import run

ROLE = "inference-optimization-engineer"


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI runs this test as root with a tmpfs: {reason}")
    pytest.skip(reason)


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    """A folder on its own 1 MB file system."""
    if os.geteuid() != 0:
        _unavailable("mounting a small tmpfs needs root")
    folder = tmp_path / "disk"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        _unavailable(f"cannot mount a tmpfs: {mounted.stderr.strip()}")  # fails under CI
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


def fill(folder: Path, leave: int = 0) -> None:
    """Fill the file system holding `folder`, leaving about `leave` bytes free."""
    info = os.statvfs(folder)
    room = info.f_bavail * info.f_frsize - leave
    fd = os.open(folder / "filler", os.O_CREAT | os.O_WRONLY, 0o600)
    try:
        while room > 0 or not leave:
            room -= os.write(fd, b"\0" * min(4096, room if leave else 4096))
    except OSError:  # full
        pass
    finally:
        os.close(fd)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.name != "filler"}


def one_line_full(result: subprocess.CompletedProcess[str], db: Path) -> None:
    assert result.returncode == 2, result.stderr
    assert result.stderr == (
        f"gaptracker: error: the disk holding {db} is full: nothing was changed;"
        " free some space and try again\n"
    )


def test_reads_work_and_writes_say_the_disk_is_full(disk: Path) -> None:
    db = disk / "gt.sqlite"
    assert run(db, "target", ROLE).returncode == 0
    assert run(db, "rate", "gpu-cuda-programming", "3", "--note", "tiled matmul").returncode == 0
    fill(disk)
    before = snapshot(disk)
    reads = {
        ("status",): "readiness",
        ("gap",): "gpu-cuda-programming",
        ("history",): "tiled matmul",
        ("roles",): "inference-optimization-engineer",
        ("export", "--format", "md"): "# Gap report",
        ("check",): "ok",
    }
    for args, shown in reads.items():
        result = run(db, *args)
        assert result.returncode == 0, (args, result.stderr)
        assert shown in result.stdout and result.stderr == "", args
    for write in (("rate", "gpu-cuda-programming", "4"), ("target", "applied-ai-scientist")):
        one_line_full(run(db, *write), db)
    assert snapshot(disk) == before  # no -wal, no -shm, the same bytes


def test_a_first_start_on_a_full_disk_leaves_nothing(disk: Path) -> None:
    db = disk / "gt.sqlite"
    fill(disk)
    one_line_full(run(db, "target", ROLE), db)
    assert snapshot(disk) == {}  # on main: a 0-byte database and its .lock


def test_a_disk_that_fills_during_the_first_start_leaves_nothing(disk: Path) -> None:
    db = disk / "gt.sqlite"
    fill(disk, leave=68 * 1024)  # room to begin, not to finish (the schema needs more)
    one_line_full(run(db, "target", ROLE), db)
    assert snapshot(disk) == {}
    (disk / "filler").unlink()
    assert run(db, "target", ROLE).returncode == 0  # once there is room, it starts afresh


def test_with_another_gaptracker_open_a_write_on_a_full_disk_says_so(disk: Path) -> None:
    """Another process has the file open (its -wal and -shm exist): reads go the normal
    way, and a write fails only when SQLite runs out of room, with the same line."""
    db = disk / "gt.sqlite"
    assert run(db, "target", ROLE).returncode == 0
    with closing(sqlite3.connect(db)) as other:
        other.execute("SELECT count(*) FROM ratings").fetchall()  # holds -wal and -shm
        fill(disk)
        assert run(db, "status").returncode == 0
        big = "x" * 10_000  # the longest a note or evidence may be: pages of -wal
        one_line_full(
            run(db, "rate", "gpu-cuda-programming", "4", "--note", big, "--evidence", big), db
        )
        assert other.execute("SELECT count(*) FROM ratings").fetchall() == [(0,)]


def leave_free(folder: Path, free: int) -> None:
    """Make the file system holding `folder` have exactly `free` bytes left (fallocate)."""
    filler = folder / "filler"
    filler.unlink(missing_ok=True)
    info = os.statvfs(folder)
    room = info.f_bfree * info.f_frsize - free
    fd = os.open(filler, os.O_CREAT | os.O_WRONLY, 0o600)
    try:
        os.posix_fallocate(fd, 0, room)
    finally:
        os.close(fd)


def test_a_first_start_says_created_only_when_it_succeeded(disk: Path) -> None:
    """From a disk too full to begin to one with room to spare, in 16 KB steps: either
    the command succeeds and says it created the file, or it fails with the full-disk
    line and leaves nothing (once, about 100 KB free gave both lines, exit 2, and an
    empty database with its -wal, -shm and .lock). The edge moves as the schema grows
    (about 300 KB since group mode's tables and indexes), hence the wide range."""
    db = disk / "new.db"
    outcomes = set()
    for free in range(64 * 1024, 768 * 1024, 16 * 1024):
        for made in disk.iterdir():
            made.unlink()
        leave_free(disk, free)
        result = run(db, "target", ROLE)
        if result.returncode == 0:
            assert result.stderr == f"Created a new database at {db}\n", free
            assert run(db, "status").stdout.startswith("Inference Optimization Engineer")
            outcomes.add("created")
        else:
            one_line_full(result, db)
            assert snapshot(disk) == {}, (free, sorted(snapshot(disk)))
            outcomes.add("refused")
    assert outcomes == {"created", "refused"}  # both sides of the edge were tried
