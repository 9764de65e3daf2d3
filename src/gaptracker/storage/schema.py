"""Open the user's database: check it, back it up, migrate it, or refuse it untouched.

The file is inspected first through a read-only stdlib connection, because opening it with
the app's engine switches it to WAL, which already writes to it: a file we refuse (not
SQLite, made by a newer version, not ours) must keep its bytes. Alembic is imported only
when a migration has to run, so a normal start at the head revision stays fast.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from gaptracker.domain.errors import StorageError
from gaptracker.domain.paths import expand_user
from gaptracker.private_folders import warn_if_exposed
from gaptracker.storage.db import make_engine
from gaptracker.storage.migrations.revisions import HEAD, KNOWN_REVISIONS
from gaptracker.storage.unit_of_work import SqlUnitOfWorkFactory

SQLITE_MAGIC = b"SQLite format 3\x00"
MIGRATIONS_DIR = Path(__file__).parent / "migrations"


@dataclass(frozen=True)
class Database:
    """An open, current database: what the composition root wires into the services."""

    path: Path
    engine: Engine
    uow_factory: SqlUnitOfWorkFactory
    backup_path: Path | None = None
    """The copy made before a migration on this start, if one ran."""

    def close(self) -> None:
        self.engine.dispose()


def open_database(path: Path) -> Database:
    """Open (creating if needed) and migrate the database at path; StorageError if unusable."""
    path = expand_user(path)
    _prepare_location(path)
    revision, foreign = _inspect(path)
    _refuse_if_not_ours(path, revision, foreign)  # before any lock file is made
    backup = None
    if revision != HEAD:
        # One process migrates at a time; the others wait, then find the file current.
        with migration_lock(path):
            revision, foreign = _inspect(path)
            _refuse_if_not_ours(path, revision, foreign)
            if revision != HEAD:
                if revision is not None:
                    backup = backup_copy(path)
                _upgrade(path)
    engine = make_engine(path)
    return Database(path, engine, SqlUnitOfWorkFactory(engine), backup)


def _refuse_if_not_ours(path: Path, revision: str | None, foreign: bool) -> None:
    if foreign:
        raise StorageError(f"{path} is not a gaptracker database (it has other tables)")
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise StorageError(
            f"{path} was made by a newer gaptracker (schema {revision}); "
            "upgrade gaptracker to open it"
        )


LOCK_WAIT_SECONDS = 60.0


@contextmanager
def migration_lock(path: Path) -> Iterator[None]:
    """An exclusive lock on `<db>.lock` beside the database, held while migrating.

    SQLite's own locks cannot serialise two first starts on a brand-new file (switching
    it to WAL and creating the schema race), so the migration takes an OS lock first. The
    lock dies with its process, so a killed start never blocks the next one.
    """
    try:
        import fcntl
    except ImportError:  # Windows: no flock; the transactional migration still holds
        yield
        return
    lock_path = path.with_name(f"{path.name}.lock")
    try:
        fd = os.open(lock_path, os.O_CREAT | os.O_RDWR, 0o600)
    except OSError as exc:
        raise StorageError(f"cannot lock {path} for migrating: {exc.strerror}") from None
    try:
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise StorageError(
                        f"{path} is being upgraded by another gaptracker; try again"
                    ) from None
                time.sleep(0.05)  # another process is migrating: wait for it, bounded
        yield
    finally:
        os.close(fd)


def _prepare_location(path: Path) -> None:
    if path.is_dir():
        raise StorageError(f"{path} is a folder, not a database file")
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        warn_if_exposed(path.parent, "the database folder")  # private_folders.py says why
        if not path.exists():
            # Private from the first byte: the file holds a person's self-assessment.
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    except OSError as exc:
        raise StorageError(f"cannot create database {path}: {exc.strerror}") from None
    if not os.access(path, os.R_OK):
        raise StorageError(f"cannot read database {path}: permission denied")


def _inspect(path: Path) -> tuple[str | None, bool]:
    """(alembic revision or None, whether the file holds tables that are not ours), read-only."""
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_MAGIC))
    if not header:
        return None, False
    if header != SQLITE_MAGIC:
        raise StorageError(f"{path} is not a SQLite database")
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
            if "alembic_version" not in tables:
                return None, bool(tables)
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            return (row[0] if row else None), False
    except sqlite3.DatabaseError as exc:
        raise StorageError(f"{path} cannot be read as a database: {exc}") from None


def backup_copy(path: Path, now: dt.datetime | None = None) -> Path:
    """Copy the database beside itself (consistent even mid-WAL) before changing it.

    The copy is made under a hidden temporary name and only then given its
    `<db>.backup-<stamp>` name, so a process killed while copying leaves no file that
    looks like a backup; and the name is always a new one, so two copies in one second
    (two `restore --replace` in a script) never overwrite the first, the older data.
    """
    stamp = (now or dt.datetime.now()).strftime("%Y%m%dT%H%M%S")
    tmp = None
    try:
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        os.close(fd)  # mkstemp makes it 0600: private from the first byte
        tmp = Path(name)
        with (
            closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as source,
            closing(sqlite3.connect(tmp)) as dest,
        ):
            source.backup(dest)
        return _publish(tmp, path.with_name(f"{path.name}.backup-{stamp}"))
    except (OSError, sqlite3.Error) as exc:
        raise StorageError(f"cannot back up {path} before changing it: {exc}") from None
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)


def _publish(finished: Path, first: Path) -> Path:
    """Give `finished` the name `first` (or `first-2`, ...), never one that already exists."""
    candidate, number = first, 1
    while True:
        try:
            os.link(finished, candidate)  # atomic, and fails rather than overwrite
            return candidate
        except FileExistsError:
            pass
        except OSError:  # no hard links on this filesystem: claim the name, then move in
            try:
                os.close(os.open(candidate, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
                os.replace(finished, candidate)
                return candidate
            except FileExistsError:
                pass
        number += 1
        candidate = first.with_name(f"{first.name}-{number}")


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
            raise StorageError(f"cannot migrate {path}: {getattr(exc, 'orig', exc)}") from None
    finally:
        engine.dispose()
