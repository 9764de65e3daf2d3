"""The SQL unit of work: one session, one transaction, explicit commit."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy import delete
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from gaptracker.domain.errors import StorageError
from gaptracker.storage.orm import (
    ApplicabilityMarkRow,
    CheckinRow,
    GoalRow,
    PlanEventRow,
    RatingRow,
    TargetChangeRow,
)
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

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._session_factory = session_factory

    def __enter__(self) -> Self:
        self._session = self._session_factory()
        self.ratings = SqlRatingRepository(self._session)
        self.targets = SqlTargetRepository(self._session)
        self.marks = SqlApplicabilityRepository(self._session)
        self.checkins = SqlCheckinRepository(self._session)
        self.goals = SqlGoalRepository(self._session)
        self.plan = SqlPlanRepository(self._session)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            self._session.rollback()
        finally:
            self._session.close()
        if isinstance(exc, SQLAlchemyError):
            raise StorageError(_one_line(exc)) from exc

    def erase_all(self) -> None:
        # Ratings before check-ins: they point to them.
        for table in (
            RatingRow,
            CheckinRow,
            GoalRow,
            PlanEventRow,
            TargetChangeRow,
            ApplicabilityMarkRow,
        ):
            self._session.execute(delete(table))

    def commit(self) -> None:
        try:
            self._session.commit()
        except SQLAlchemyError as exc:
            raise StorageError(_one_line(exc)) from exc


def _one_line(exc: SQLAlchemyError) -> str:
    original = getattr(exc, "orig", None) or exc
    return f"database error: {original}"


class SqlUnitOfWorkFactory:
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._session_factory = session_factory

    def __call__(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self._session_factory)
