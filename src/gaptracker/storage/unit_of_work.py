"""The SQL unit of work: one connection, one transaction, explicit commit."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy import Engine, delete
from sqlalchemy.exc import SQLAlchemyError

from gaptracker.domain.errors import StorageError
from gaptracker.storage import tables
from gaptracker.storage.repositories import (
    SqlApplicabilityRepository,
    SqlCheckinRepository,
    SqlGoalRepository,
    SqlPlanRepository,
    SqlRatingRepository,
    SqlTargetRepository,
)


class SqlUnitOfWork:
    """`with uow: ...; uow.commit()`; leaving without commit rolls back.

    SQLAlchemy errors (a locked or read-only file, a full disk) leave as StorageError, so
    the CLI and TUI can show one line instead of a traceback.
    """

    ratings: SqlRatingRepository
    targets: SqlTargetRepository
    marks: SqlApplicabilityRepository
    checkins: SqlCheckinRepository
    goals: SqlGoalRepository
    plan: SqlPlanRepository

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def __enter__(self) -> Self:
        try:
            self._connection = self._engine.connect()
        except SQLAlchemyError as exc:
            raise StorageError(_one_line(exc)) from exc
        self.ratings = SqlRatingRepository(self._connection)
        self.targets = SqlTargetRepository(self._connection)
        self.marks = SqlApplicabilityRepository(self._connection)
        self.checkins = SqlCheckinRepository(self._connection)
        self.goals = SqlGoalRepository(self._connection)
        self.plan = SqlPlanRepository(self._connection)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            self._connection.rollback()
        except SQLAlchemyError as failed:
            if exc is None:  # else the error that left the block is the one to report
                raise StorageError(_one_line(failed)) from failed
        finally:
            self._connection.close()
        if isinstance(exc, SQLAlchemyError):
            raise StorageError(_one_line(exc)) from exc

    def erase_all(self) -> None:
        for table in reversed(tables.metadata.sorted_tables):  # ratings before check-ins
            self._connection.execute(delete(table))

    def commit(self) -> None:
        try:
            self._connection.commit()
        except SQLAlchemyError as exc:
            raise StorageError(_one_line(exc)) from exc


def _one_line(exc: SQLAlchemyError) -> str:
    original = getattr(exc, "orig", None) or exc
    return f"database error: {original}"


class SqlUnitOfWorkFactory:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def __call__(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self._engine)
