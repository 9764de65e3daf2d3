"""The engine for one SQLite file (no module-level engine)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event

BUSY_TIMEOUT_MS = 15_000
"""How long a writer waits for another process's lock before giving up."""


def make_engine(path: Path) -> Engine:
    """An engine with WAL, foreign keys, a busy timeout and full fsync on commit.

    Every transaction starts with BEGIN IMMEDIATE: it takes the write lock up front, so a
    second process waits (up to the busy timeout) instead of failing with "database is
    locked" when its read snapshot goes stale, and migrations (DDL included) are atomic
    and serialised, so a process killed mid-migration leaves the file as it was.
    """
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # the "begin" hook below issues BEGIN
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode=WAL")
        # FULL: a commit that returned survives a power cut, not only a killed process.
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine
