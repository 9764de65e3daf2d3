"""Open the user's database: check it, back it up, migrate it, or refuse it untouched.

The file is inspected first through a read-only connection that creates nothing beside
it, because opening it with the app's engine switches it to WAL and makes `-wal` and
`-shm` files: a file we refuse (not SQLite, made by a newer version, not ours) must keep
its bytes and its folder. A first start that fails (a full disk) removes what it made.
Alembic is imported only when a migration has to run, so a normal start stays fast.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from gaptracker.domain.errors import DamagedDatabaseError, StorageError
from gaptracker.domain.paths import expand_user
from gaptracker.private_folders import warn_if_exposed
from gaptracker.storage.copies import SQLITE_MAGIC, backup_copy, remove_leftover_copies
from gaptracker.storage.db import (
    connect_read_only,
    make_empty_engine,
    make_engine,
    make_read_only_engine,
    raw_connection,
)
from gaptracker.storage.first_start import existing, files_of, remove_if_unused
from gaptracker.storage.health import quick_problem
from gaptracker.storage.location import JOURNAL_SUFFIXES, check_location, make_folders, sibling
from gaptracker.storage.migrations.revisions import HEAD, KNOWN_REVISIONS
from gaptracker.storage.problems import (
    damaged_message,
    disk_is_full,
    full_disk_message,
    storage_error,
)
from gaptracker.storage.unit_of_work import SqlUnitOfWorkFactory

__all__ = [
    "Database",
    "alembic_config",
    "backup_copy",
    "migration_lock",
    "open_database",
    "refuse_if_not_ours",
]

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


@dataclass(frozen=True)
class Database:
    """An open, current database: what the composition root wires into the services."""

    path: Path
    engine: Engine
    uow_factory: SqlUnitOfWorkFactory
    backup_path: Path | None = None
    """The copy made before a migration on this start, if one ran."""
    created: bool = False
    """This start made the file (a write's first use of a new path)."""
    exists: bool = True
    """False: no file at `path` yet; this is an empty in-memory stand-in that refuses writes."""
    present_before: frozenset[Path] = frozenset()
    """Of the files beside a database this start made, those that were there already."""
    url: str | None = None
    """A server's database (storage.server): `path` is then only its name in messages,
    and nothing of the file's (copies, lock file, removal) applies."""

    @property
    def refusal(self) -> StorageError | None:
        """Why every write is refused (damaged, full disk, no file yet), or None."""
        return self.uow_factory.refusal

    def close(self) -> None:
        self.engine.dispose()

    def discard_if_unused(self) -> bool:
        """After a command that failed: close, and if this start made the file and it
        holds none of the user's rows, remove it and what was made beside it (True)."""
        self.close()
        return self.created and remove_if_unused(self.path, self.present_before)


def open_database(
    path: Path, *, create: bool = True, make_parents: bool = True, check: bool = False
) -> Database:
    """Open and migrate the database at `path`; StorageError if it is unusable.

    create: make the file when it does not exist; else a missing file reads as an empty
        database and nothing is made (`status` in a shell prompt creates no file).
    make_parents: make missing folders above it (only for the default location: a typo
        in an explicit path must not become folders and a new database).
    check: run `PRAGMA quick_check` (it runs anyway after an unclean shutdown, when a
        `-wal` file was left); a damaged file opens for reading, with writes refused.
    """
    path = expand_user(path)
    exists = check_location(path, may_make_folders=make_parents)
    warn_if_exposed(path.parent, "the database folder")  # private_folders.py says why
    present_before = frozenset[Path]()
    if not exists:
        if not create:
            return _empty_stand_in(path)
        if make_parents:
            make_folders(path)
        if disk_is_full(path.parent):
            raise StorageError(full_disk_message(path))  # before a byte is made
        present_before = existing(files_of(path))
    remove_leftover_copies(path)
    left_wal = sibling(path, "-wal").exists()
    if path.exists() and not sibling(path, "-shm").exists() and disk_is_full(path.parent):
        return _read_only_on_full_disk(path)  # opening for writing would make a -shm
    backup, created = _migrate_if_needed(path)
    engine = make_engine(path)
    refusal = None
    if check or left_wal:
        refusal = _damage(engine, path)
    return Database(
        path,
        engine,
        SqlUnitOfWorkFactory(engine, path, refusal),
        backup,
        created,
        present_before=present_before,
    )


def _empty_stand_in(path: Path) -> Database:
    refusal = StorageError(f"there is no database at {path} yet")
    engine = make_empty_engine()
    return Database(path, engine, SqlUnitOfWorkFactory(engine, path, refusal), exists=False)


def _read_only_on_full_disk(path: Path) -> Database:
    _ensure_current(path, _inspect(path))
    engine = make_read_only_engine(path)
    refusal = StorageError(full_disk_message(path))
    return Database(path, engine, SqlUnitOfWorkFactory(engine, path, refusal))


def _ensure_current(path: Path, inspected: tuple[str | None, bool]) -> None:
    revision, foreign = inspected
    refuse_if_not_ours(path, revision, foreign)
    if revision != HEAD:  # reading it needs a migration, and a migration needs space
        raise StorageError(full_disk_message(path))


def _damage(engine: Engine, path: Path) -> DamagedDatabaseError | None:
    try:
        with engine.connect() as connection:
            problem = quick_problem(raw_connection(connection))
    except SQLAlchemyError as exc:
        engine.dispose()
        raise storage_error(exc, path) from None
    return DamagedDatabaseError(damaged_message(path, problem)) if problem else None


def _migrate_if_needed(path: Path) -> tuple[Path | None, bool]:
    """(the copy made before migrating, whether this call made the file)."""
    inspected = _inspect(path) if path.exists() else (None, False)
    refuse_if_not_ours(path, *inspected)  # before any lock file is made
    if inspected[0] == HEAD:
        return None, False
    # One process migrates at a time; the others wait, then find the file current.
    with migration_lock(path) as lock:
        made = _make_file(path)
        revision, foreign = _inspect(path)
        refuse_if_not_ours(path, revision, foreign)
        if revision == HEAD:
            return None, made
        try:
            backup = backup_copy(path) if revision is not None else None
            _upgrade(path)
        except BaseException:
            if made:  # nobody else opens a file that is not current without this lock
                _remove_first_start(path)
                lock.remove_when_released()
            raise
        return backup, made


def _make_file(path: Path) -> bool:
    try:
        # Private from the first byte: the file holds a person's self-assessment.
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        return False
    except OSError as exc:
        raise storage_error(exc, path) from None
    return True


def _remove_first_start(path: Path) -> None:
    for made in (*(sibling(path, s) for s in JOURNAL_SUFFIXES), path):
        made.unlink(missing_ok=True)


def refuse_if_not_ours(path: Path | str, revision: str | None, foreign: bool) -> None:
    """StorageError for a database holding other tables, or made by a newer gaptracker."""
    if foreign:
        raise StorageError(f"{path} is not a gaptracker database (it has other tables)")
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise StorageError(
            f"{path} was made by a newer gaptracker (schema {revision}); "
            "upgrade gaptracker to open it"
        )


LOCK_WAIT_SECONDS = 60.0


class _MigrationLock:
    def __init__(self, lock_path: Path, made: bool) -> None:
        self.path = lock_path
        self.made = made
        self.remove = False

    def remove_when_released(self) -> None:
        """Remove the lock file on release if this process made it (a failed first start
        leaves nothing beside the database); waiters see it gone and take a new one."""
        self.remove = self.made


@contextmanager
def migration_lock(path: Path) -> Iterator[_MigrationLock]:
    """An exclusive lock on `<db>.lock` beside the database, held while migrating.

    SQLite's own locks cannot serialise two first starts on a brand-new file (switching
    it to WAL and creating the schema race), so the migration takes an OS lock first. The
    lock dies with its process, so a killed start never blocks the next one. A lock taken
    on a lock file that was removed meanwhile does not count: it is taken again.
    """
    lock_path = sibling(path, ".lock")
    try:
        import fcntl
    except ImportError:  # Windows: no flock; the transactional migration still holds
        yield _MigrationLock(lock_path, made=False)
        return
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    while True:
        fd, made = _open_lock_file(path, lock_path)
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise StorageError(
                            f"{path} is being upgraded by another gaptracker; try again"
                        ) from None
                    time.sleep(0.05)  # another process is migrating: wait, bounded
            if not _still_named(fd, lock_path):
                continue  # its maker removed it after a failed first start
            lock = _MigrationLock(lock_path, made)
            try:
                yield lock
            finally:
                if lock.remove:
                    lock_path.unlink(missing_ok=True)
            return
        finally:
            os.close(fd)


def _open_lock_file(path: Path, lock_path: Path) -> tuple[int, bool]:
    """(descriptor, whether this call made the file)."""
    while True:
        try:
            try:
                return os.open(lock_path, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o600), True
            except FileExistsError:
                return os.open(lock_path, os.O_RDWR), False
        except FileNotFoundError:
            if not lock_path.parent.is_dir():
                raise StorageError(f"folder {lock_path.parent} does not exist") from None
            # removed between the two opens: make it again
        except OSError as exc:
            if disk_is_full(path.parent):
                raise StorageError(full_disk_message(path)) from None
            raise StorageError(f"cannot lock {path} for migrating: {exc.strerror}") from None


def _still_named(fd: int, lock_path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(fd), os.stat(lock_path))
    except FileNotFoundError:
        return False


def _inspect(path: Path) -> tuple[str | None, bool]:
    """(alembic revision or None, whether the file holds tables that are not ours), read-only."""
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_MAGIC))
    if not header:
        return None, False
    if header != SQLITE_MAGIC:
        raise StorageError(f"{path} is not a SQLite database")
    try:
        try:
            return _revision(connect_read_only(path))
        except sqlite3.DatabaseError:  # an unlocked read may have met a writer: ask again
            return _revision(connect_read_only(path))
    except sqlite3.DatabaseError as exc:
        raise storage_error(exc, path) from None


def _revision(connection: sqlite3.Connection) -> tuple[str | None, bool]:
    with closing(connection) as conn:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        if "alembic_version" not in tables:
            return None, bool(tables)
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return (row[0] if row else None), False


def alembic_config(connection: object | None = None) -> object:
    """An Alembic Config pointing at the shipped migrations (no alembic.ini needed)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def _upgrade(path: Path) -> None:
    from alembic import command

    engine = make_engine(path)
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "head")  # type: ignore[arg-type]
    except SQLAlchemyError as exc:
        # Another process may have migrated the same fresh file at the same moment.
        if _inspect(path)[0] != HEAD:
            error = storage_error(exc, path)
            if str(error).startswith("database error: "):
                error = StorageError(f"cannot migrate {path}: {getattr(exc, 'orig', exc)}")
            raise error from None
    finally:
        engine.dispose()
