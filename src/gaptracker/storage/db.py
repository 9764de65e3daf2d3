"""Engines and connections for one SQLite file (no module-level engine).

Three ways in: the app's engine (WAL, full fsync, BEGIN IMMEDIATE for writes, a deferred
BEGIN for reads), a read-only engine for
a file that may be read but not written (a full disk), and an empty in-memory database
with the schema, for reading a database that does not exist yet without creating it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.pool import StaticPool

from gaptracker.storage.location import sibling

BUSY_TIMEOUT_MS = 15_000
"""How long a writer waits for another process's lock before giving up."""


def make_engine(path: Path) -> Engine:
    """An engine with WAL, foreign keys, a busy timeout and full fsync on commit.

    Every transaction that may write starts with BEGIN IMMEDIATE: it takes the write lock
    up front, so a second process waits (up to the busy timeout) instead of failing with
    "database is locked" when its read snapshot goes stale, and migrations (DDL included)
    are atomic and serialised, so a process killed mid-migration leaves the file as it
    was. A connection marked `reading` (see `reading`) begins a deferred transaction: in
    WAL mode a reader takes no lock, so `status` or the dashboard never wait for a writer.
    """
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    _configure(engine, "BEGIN IMMEDIATE", "PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL")
    return engine


def make_read_only_engine(path: Path) -> Engine:
    """An engine that reads `path` and creates nothing beside it (see connect_read_only);
    any write through it fails with SQLITE_READONLY."""
    engine = create_engine("sqlite://", creator=lambda: connect_read_only(path))
    _configure(engine, "BEGIN")
    return engine


def make_memory_engine() -> Engine:
    """An in-memory database without tables. One connection, shared: each new in-memory
    connection would be a new, empty database."""
    engine = create_engine(
        "sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False}
    )
    _configure(engine, "BEGIN IMMEDIATE")
    return engine


def make_empty_engine() -> Engine:
    """An in-memory database with the app's tables and no rows: what reading a database
    that does not exist yet shows."""
    from gaptracker.storage.tables import metadata

    engine = make_memory_engine()
    with engine.begin() as connection:
        metadata.create_all(connection)
    return engine


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection that leaves no file beside `path`.

    A read-only open of a WAL database still makes `-wal` and `-shm` files when they are
    missing (and fails on a full disk, where the 32 KB `-shm` cannot be made). Without a
    `-wal` file the database file holds every committed transaction, so it is opened as
    immutable: no locks, no side files. With one, it is opened read-only the normal way,
    which reads what the `-wal` holds, through the side files that are already there.

    An immutable read takes no lock, so a process that starts writing meanwhile could
    hand it a torn page: a caller that finds an error or damage asks again before
    believing it (a writer has its `-wal` by then, so the second read takes locks).
    """
    uri = path.resolve().as_uri()
    mode = "mode=ro" if sibling(path, "-wal").exists() else "immutable=1"
    return sqlite3.connect(f"{uri}?{mode}", uri=True, check_same_thread=False)


READING = "gaptracker_reading"
"""The execution option that marks a connection as one that only reads."""


def reading(connection: Connection) -> Connection:
    """Mark `connection` (before its first statement) as one that only reads: its
    transactions begin deferred, taking no write lock."""
    return connection.execution_options(**{READING: True})


def raw_connection(connection: Connection) -> sqlite3.Connection:
    """The sqlite3 connection under a SQLAlchemy one (for the backup API)."""
    driver = connection.connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    return driver


def _configure(engine: Engine, begin: str, *pragmas: str) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # the "begin" hook below issues BEGIN
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        for pragma in pragmas:
            # synchronous=FULL: a commit that returned survives a power cut, not only a
            # killed process.
            cursor.execute(pragma)
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        reads_only = connection.get_execution_options().get(READING, False)
        connection.exec_driver_sql("BEGIN" if reads_only else begin)
