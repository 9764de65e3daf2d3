"""Nothing is left beside the database that was not there before: half-made copies are
cleaned up by the next start (only when no process is making them), and refused or
failed opens leave no side files."""

from __future__ import annotations

import random
import signal
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path

import pytest

from gaptracker.domain.errors import StorageError
from gaptracker.storage import schema
from gaptracker.storage.copies import SQLITE_MAGIC
from gaptracker.storage.schema import migration_lock, open_database

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="flock is POSIX")


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


MAKER = """
import sys
from pathlib import Path
from gaptracker.storage.copies import _claimed_temp_file

with _claimed_temp_file(Path(sys.argv[1])) as tmp:
    tmp.write_bytes(b"SQLite format 3\\x00" + b"half a copy")
    print(tmp, flush=True)
    sys.stdin.read()  # copying... until the test kills this process
"""


@pytest.fixture
def copy_in_progress(db_path: Path) -> Iterator[tuple[subprocess.Popen[str], Path]]:
    """A process in the middle of copying the database (holding its temp file)."""
    maker = subprocess.Popen(
        [sys.executable, "-c", MAKER, str(db_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert maker.stdout is not None
    tmp = Path(maker.stdout.readline().strip())
    yield maker, tmp
    maker.kill()
    maker.communicate()


def test_a_copy_killed_half_way_is_removed_by_the_next_start_and_not_before(
    db_path: Path, copy_in_progress: tuple[subprocess.Popen[str], Path]
) -> None:
    open_database(db_path).close()
    maker, tmp = copy_in_progress
    open_database(db_path).close()
    assert tmp.exists(), "a copy another process is making was removed"
    maker.send_signal(signal.SIGKILL)
    maker.wait()
    assert tmp.exists()  # what the kill leaves: a hidden partial copy of the user's data
    open_database(db_path, create=False).close()
    assert listing(db_path.parent) == ["gt.sqlite", "gt.sqlite.lock"]


def test_only_our_half_made_copies_are_removed(db_path: Path) -> None:
    open_database(db_path).close()
    folder = db_path.parent
    ours = [
        folder / ".gt.sqlite.a1b2c3d4.tmp",
        folder / ".gt.sqlite.x_y_z_09.tmp",
        folder / ".gt.sqlite.noheadr0.tmp",
    ]
    ours[0].write_bytes(SQLITE_MAGIC + b"\x10\x00partial")
    ours[1].write_bytes(b"")  # killed before the first page
    ours[2].write_bytes(b"\0" * 4096 + b"pages 2.. of the user's data")  # page 1 comes last
    (folder / ".gt.sqlite.a1b2c3d4.tmp-journal").write_bytes(b"journal")
    kept = {
        ".gt.sqlite.json.abc12345.tmp": b"",  # an export to gt.sqlite.json, in progress
        ".other.sqlite.a1b2c3d4.tmp": SQLITE_MAGIC,
        ".gt.sqlite.toolongname.tmp": SQLITE_MAGIC,
    }
    for name, content in kept.items():
        (folder / name).write_bytes(content)
    (folder / ".gt.sqlite.l1nk0000.tmp").symlink_to(folder / "gt.sqlite")
    open_database(db_path).close()
    assert listing(folder) == sorted(
        ["gt.sqlite", "gt.sqlite.lock", ".gt.sqlite.l1nk0000.tmp", *kept]
    )


def test_a_refused_newer_schema_gets_no_side_files(db_path: Path) -> None:
    open_database(db_path).close()
    with closing(sqlite3.connect(db_path)) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")  # still WAL
    before, names = db_path.read_bytes(), listing(db_path.parent)
    for create in (True, False):
        with pytest.raises(StorageError, match="newer gaptracker"):
            open_database(db_path, create=create)
    assert db_path.read_bytes() == before
    assert listing(db_path.parent) == names  # on main: a -wal and a 32 KB -shm


def test_a_first_start_that_fails_leaves_nothing(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_upgrade = schema._upgrade

    def upgrade_then_fail(path: Path) -> None:
        real_upgrade(path)  # the file, its journals and the lock all exist by now
        raise StorageError("the disk holding it is full")

    monkeypatch.setattr(schema, "_upgrade", upgrade_then_fail)
    with pytest.raises(StorageError, match="full"):
        open_database(db_path)
    assert listing(db_path.parent) == []
    monkeypatch.setattr(schema, "_upgrade", real_upgrade)
    open_database(db_path).close()  # and the next start begins afresh


def test_a_failed_migration_of_an_existing_file_keeps_it(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_path.touch()  # the user's (empty) file: it was there before, so it stays
    monkeypatch.setattr(schema, "_upgrade", lambda _: (_ for _ in ()).throw(StorageError("x")))
    with pytest.raises(StorageError):
        open_database(db_path)
    assert listing(db_path.parent) == ["gt.sqlite", "gt.sqlite.lock"]


def test_a_waiter_whose_lock_file_was_removed_takes_a_new_one(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failed first start removes the lock file it made; a start that was waiting on it
    must not count a lock on the removed file (a third start would take the new one)."""
    lock_path = db_path.with_name("gt.sqlite.lock")
    waiting = threading.Event()
    real_open = schema._open_lock_file

    def open_and_tell(path: Path, lock: Path) -> tuple[int, bool]:
        opened = real_open(path, lock)
        if threading.current_thread().name == "waiter":
            waiting.set()
        return opened

    monkeypatch.setattr(schema, "_open_lock_file", open_and_tell)
    held_by_waiter: list[bool] = []

    def waiter() -> None:
        with migration_lock(db_path):
            held_by_waiter.append(lock_path.exists())

    with migration_lock(db_path) as first:
        thread = threading.Thread(target=waiter, name="waiter")
        thread.start()
        assert waiting.wait(timeout=60)
        first.made = True
        first.remove_when_released()
    thread.join(timeout=120)
    assert held_by_waiter == [True]


COPIER = """
import sys
from pathlib import Path
from gaptracker.storage.copies import backup_copy

print("copying", flush=True)
backup_copy(Path(sys.argv[1]))
"""


def a_large_database(db: Path, megabytes: int) -> None:
    """A file whose copy takes long enough for a kill to land part-way through it."""
    open_database(db).close()
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute("CREATE TABLE bulk (data BLOB)")  # room, not meaning: any page will do
        conn.executemany(
            "INSERT INTO bulk VALUES (?)",
            ((random.randbytes(1000),) for _ in range(megabytes * 1000)),
        )


def copy_run(db: Path) -> tuple[subprocess.Popen[str], float]:
    """A process copying `db` (as a migration does), from the moment its copy begins."""
    proc = subprocess.Popen(
        [sys.executable, "-c", COPIER, str(db)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline() == "copying\n"
    return proc, time.monotonic()


def test_a_copy_killed_at_any_moment_leaves_nothing_after_the_next_start(
    db_path: Path, rounds: Callable[[int, int], int]
) -> None:
    """Killed part-way, a copy has most of its pages and not yet its header (zeros):
    the next start removes it all the same. Kill moments span 0 to 1.5 times a normal
    copy timed here, so on any machine most kills land mid-copy."""
    a_large_database(db_path, 20)
    rng = random.Random(20261201)
    durations = []
    for _ in range(3):
        proc, began = copy_run(db_path)
        assert proc.wait(timeout=600) == 0
        durations.append(time.monotonic() - began)
    for copy in db_path.parent.glob("gt.sqlite.backup-*"):
        copy.unlink()
    normal = statistics.median(durations)
    left = headerless = 0
    for _ in range(rounds(12, 60)):
        proc, began = copy_run(db_path)
        try:
            proc.wait(timeout=rng.uniform(0.0, 1.5 * normal))
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        partial = list(db_path.parent.glob(".gt.sqlite.*.tmp"))
        left += len(partial)
        headerless += sum(not p.read_bytes()[:16].startswith(SQLITE_MAGIC) for p in partial)
        open_database(db_path, create=False).close()  # the next start
        assert list(db_path.parent.glob(".gt.sqlite.*")) == []
        for copy in db_path.parent.glob("gt.sqlite.backup-*"):
            copy.unlink()  # a copy that finished: kept, as every safety copy is
    assert left and headerless, (left, headerless)  # mid-copy kills were exercised
