"""Nothing is left beside the database that was not there before: half-made copies are
cleaned up by the next start (only when no process is making them), and refused or
failed opens leave no side files."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import threading
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
import os, signal, sys
from pathlib import Path
from gaptracker.storage import copies

STEP_PAGES = 64
kill_after = int(sys.argv[2])  # steps of STEP_PAGES pages; -1: after the whole copy


def die():
    os.kill(os.getpid(), signal.SIGKILL)


class KilledPartWay:
    # The source connection, copying in steps and killed (kill -9) after a chosen one:
    # the moment is a page count, never a time a slow machine could miss.

    def __init__(self, conn):
        self.conn = conn
        self.steps = 0

    def backup(self, dest):
        def progress(status, remaining, total):
            self.steps += 1
            if self.steps > kill_after >= 0:
                die()
        self.conn.backup(dest, pages=STEP_PAGES, progress=progress)

    def close(self):
        self.conn.close()


real_connect = copies.connect_read_only
copies.connect_read_only = lambda path: KilledPartWay(real_connect(path))
if kill_after < 0:
    copies._publish = lambda *args: die()  # finished, not yet under its name
copies.backup_copy(Path(sys.argv[1]))
"""


def a_large_database(db: Path, megabytes: int) -> None:
    """A file whose copy takes many steps, so kills land at many points inside it."""
    open_database(db).close()
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute("CREATE TABLE bulk (data BLOB)")  # room, not meaning: any page will do
        conn.executemany(
            "INSERT INTO bulk VALUES (?)",
            ((random.randbytes(1000),) for _ in range(megabytes * 1000)),
        )


def killed_copy(db: Path, kill_after: int) -> int:
    """A process copying `db` (as a migration does), killed after `kill_after` steps."""
    done = subprocess.run([sys.executable, "-c", COPIER, str(db), str(kill_after)], check=False)
    return done.returncode


def test_a_copy_killed_at_any_moment_leaves_nothing_after_the_next_start(
    db_path: Path, rounds: Callable[[int, int], int]
) -> None:
    """Killed part-way, a copy has some of its pages and perhaps not yet its header
    (zeros): the next start removes it all the same. The kill points are page counts
    spread over the whole copy (and one after it, before its rename), so every run tries
    the same moments whatever the machine's speed."""
    a_large_database(db_path, 4)
    pages = db_path.stat().st_size // 4096
    steps = -(-pages // 64)
    rng = random.Random(20261201)
    kill_points = [0, steps - 1, -1, *rng.sample(range(1, steps - 1), rounds(8, 40))]
    left = headerless = 0
    for kill_after in kill_points:
        assert killed_copy(db_path, kill_after) == -signal.SIGKILL
        partial = list(db_path.parent.glob(".gt.sqlite.*.tmp"))
        left += len(partial)
        headerless += sum(not p.read_bytes()[:16].startswith(SQLITE_MAGIC) for p in partial)
        open_database(db_path, create=False).close()  # the next start
        assert list(db_path.parent.glob(".gt.sqlite.*")) == []
        assert list(db_path.parent.glob("gt.sqlite.backup-*")) == []  # none finished
    assert left == len(kill_points), left  # every kill left a partial copy behind
    assert headerless, headerless  # and some had no header yet
