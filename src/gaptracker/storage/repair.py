"""Putting a restored backup into a damaged database file.

`restore --replace` normally erases and reloads inside one transaction, but SQLite stops
a transaction at the first damaged page it meets, and erasing reads every page. So for a
damaged file the backup is loaded into a new database in memory (built by the real
migrations), and SQLite's backup API writes it over the damaged file page by page, as one
write transaction: other connections see the old file or the new one, never a mix. The
damaged file is first copied beside itself as it is, so nothing is lost even then.

Unlike the normal restore, the copy and the overwrite are two steps, not one transaction
(Python's backup API will not write into a connection that holds one): a write committed
in the instant between them would be in neither. Command-line writes are refused on a
damaged file before they start; only a terminal app already open could write then.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from gaptracker.domain.errors import StorageError
from gaptracker.domain.ports import UnitOfWorkFactory
from gaptracker.storage.copies import backup_copy
from gaptracker.storage.db import BUSY_TIMEOUT_MS, make_memory_engine, raw_connection
from gaptracker.storage.health import integrity_problem
from gaptracker.storage.problems import storage_error
from gaptracker.storage.unit_of_work import SqlUnitOfWorkFactory


def rebuild_in_place(path: Path, fill: Callable[[UnitOfWorkFactory], object]) -> Path:
    """Copy the damaged file at `path` beside itself, then replace its content with a new
    database that `fill` writes (through units of work); returns the copy."""
    from alembic import command

    from gaptracker.storage.schema import alembic_config

    copy = backup_copy(path)
    engine = make_memory_engine()
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "head")  # type: ignore[arg-type]
        fill(SqlUnitOfWorkFactory(engine, path))
        with (
            engine.connect() as connection,
            closing(sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)) as target,
        ):
            raw_connection(connection).backup(target)
    except (SQLAlchemyError, sqlite3.Error) as exc:
        raise storage_error(exc, path) from None
    finally:
        engine.dispose()
    problem = integrity_problem(path)
    if problem is not None:
        raise StorageError(f"{path} is still damaged after the restore: {problem}")
    return copy
