"""The unit of work turns storage failures into one-line StorageErrors, and never hides
the error that ended a block behind one of its own."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import cast

import pytest
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from gaptracker.domain.errors import StorageError
from gaptracker.domain.models import TargetChange
from gaptracker.storage.db import make_empty_engine
from gaptracker.storage.schema import Database
from gaptracker.storage.unit_of_work import SqlUnitOfWork
from tests.conftest import NOW


class _FailingRollback:
    closed = False

    def rollback(self) -> None:
        raise OperationalError("ROLLBACK", {}, Exception("disk I/O error"))

    def close(self) -> None:
        self.closed = True


class _Engine:
    def __init__(self) -> None:
        self.connection = _FailingRollback()
        self.dialect = make_empty_engine().dialect  # a SQLite engine's, as the real one

    def connect(self) -> _FailingRollback:
        return self.connection


def test_a_failing_rollback_after_a_clean_block_is_a_storage_error() -> None:
    engine = _Engine()
    failed = pytest.raises(StorageError, match="database error: disk I/O error")
    with failed, SqlUnitOfWork(cast(Engine, engine), Path("gt.sqlite")):
        pass
    assert engine.connection.closed


def test_a_failing_rollback_leaves_the_error_that_ended_the_block() -> None:
    engine = _Engine()
    with (
        pytest.raises(KeyError, match="the real problem"),
        SqlUnitOfWork(cast(Engine, engine), Path("gt.sqlite")),
    ):
        raise KeyError("the real problem")
    assert engine.connection.closed


@pytest.mark.sqlite_only  # SQLite's own settings and locks
def test_a_reading_unit_reads_while_another_connection_holds_the_write_lock(
    database: Database,
) -> None:
    with database.uow_factory() as uow:
        uow.targets.add(TargetChange(role_id="applied-ai-scientist", changed_at=NOW))
        uow.commit()
    with closing(sqlite3.connect(database.path, isolation_level=None)) as writer:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("DELETE FROM target_changes")  # uncommitted
        with database.uow_factory(reading=True) as uow:  # on main: waits 15 s, then fails
            assert len(uow.targets.list()) == 1  # the last commit, not the open write
        writer.execute("ROLLBACK")


def test_a_reading_unit_cannot_commit(database: Database) -> None:
    with database.uow_factory(reading=True) as uow, pytest.raises(RuntimeError, match="reading"):
        uow.commit()
