"""The SQL unit of work: one connection, one transaction, explicit commit."""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import Self

from sqlalchemy import Engine, delete, text
from sqlalchemy.exc import SQLAlchemyError

from gaptracker.domain.errors import StorageError
from gaptracker.storage import tables
from gaptracker.storage.copies import backup_copy
from gaptracker.storage.db import reading
from gaptracker.storage.problems import storage_error
from gaptracker.storage.repositories import (
    SqlApplicabilityRepository,
    SqlBundleRepository,
    SqlCheckinRepository,
    SqlGoalRepository,
    SqlMentorRatingRepository,
    SqlPackChoiceRepository,
    SqlPlanRepository,
    SqlRatingRepository,
    SqlTargetRepository,
)

WRITE_LOCK = text("SELECT 1 FROM members WHERE login = session_user FOR NO KEY UPDATE")
"""On PostgreSQL, the lock every unit that may write holds for its transaction: the
server's BEGIN IMMEDIATE. Under READ COMMITTED two read-modify-writes (the next own
project's number) would both read the same state and write the same id; behind this lock
they run one after the other, as on a SQLite file. It is the login's own row of
`members`: members of a group never wait for each other, and no one can take another's
(row-level security shows each login its own row to lock; an advisory lock's key anyone
could take). A mentor writing a mentee's review holds their own. Readers never take it."""
_ERASE_OWN_ROWS = text("SELECT gaptracker_erase_own_rows()")
"""Members may not DELETE (storage/migrations 0008 says why): the owner's function does."""
_VIEW = text("SELECT set_config('gaptracker.viewing', :login, true)")
"""For this transaction only, so a pooled connection never carries it into the next."""


class SqlUnitOfWork:
    """`with uow: ...; uow.commit()`; leaving without commit rolls back.

    SQLAlchemy errors (a locked or read-only file, a full disk, a damaged page) leave as
    StorageError worded by `problems.storage_error`, so the CLI and TUI can show one line
    instead of a traceback. With a `refusal` (a damaged file, a full disk, no file yet)
    reads work and every write is refused with it, before anything is committed.

    A unit `reading` only reads: its transaction begins deferred (no write lock, so it
    never waits for another process's write) and it cannot commit.
    """

    ratings: SqlRatingRepository
    targets: SqlTargetRepository
    marks: SqlApplicabilityRepository
    checkins: SqlCheckinRepository
    goals: SqlGoalRepository
    plan: SqlPlanRepository
    packs: SqlPackChoiceRepository
    bundles: SqlBundleRepository
    mentor_ratings: SqlMentorRatingRepository

    def __init__(
        self,
        engine: Engine,
        path: Path,
        refusal: StorageError | None = None,
        *,
        reading: bool = False,
        viewing: str | None = None,
    ) -> None:
        self._engine = engine
        self._path = path
        self._refusal = refusal
        self.reading = reading
        self.viewing = viewing
        """On a group database, the member whose rows this unit reads (and writes, where
        the database lets this login write them): None, this login's own."""

    def __enter__(self) -> Self:
        try:
            self._connection = self._engine.connect()
            if self.reading:
                reading(self._connection)
                if self._engine.dialect.name == "postgresql":  # one snapshot, as on a file
                    self._connection.execution_options(isolation_level="REPEATABLE READ")
            if self._engine.dialect.name == "postgresql":
                if self.viewing is not None:
                    self._connection.execute(_VIEW, {"login": self.viewing})
                if not self.reading:
                    self._connection.execute(WRITE_LOCK)
        except SQLAlchemyError as exc:
            raise self._error(exc) from exc
        self.ratings = SqlRatingRepository(self._connection)
        self.targets = SqlTargetRepository(self._connection)
        self.marks = SqlApplicabilityRepository(self._connection)
        self.checkins = SqlCheckinRepository(self._connection)
        self.goals = SqlGoalRepository(self._connection)
        self.plan = SqlPlanRepository(self._connection)
        self.packs = SqlPackChoiceRepository(self._connection)
        self.bundles = SqlBundleRepository(self._connection)
        self.mentor_ratings = SqlMentorRatingRepository(self._connection)
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
                raise self._error(failed) from failed
        finally:
            self._connection.close()
        if isinstance(exc, SQLAlchemyError):
            raise self._error(exc) from exc

    @property
    def shares_ids(self) -> bool:
        return self._engine.dialect.name == "postgresql"

    def erase_all(self) -> str:
        """Copy the file beside itself, then delete every row, in this one transaction.

        The copy is taken once this unit of work holds the write lock (BEGIN IMMEDIATE),
        by a reader that starts after it: it has everything committed before the lock,
        and nothing can be committed between the copy and the erase, so every rating
        another process confirmed is either in the copy or committed after this restore.
        """
        self._refuse_writes()
        self._refuse_if_reading()
        if self._engine.dialect.name != "sqlite":
            return self._erase_own_rows()
        try:
            if not self._connection.in_transaction():
                self._connection.begin()
            copy = backup_copy(self._path)
            for table in reversed(tables.USER_DATA_TABLES):  # ratings before check-ins
                self._connection.execute(delete(table))
        except SQLAlchemyError as exc:
            raise self._error(exc) from exc
        return str(copy)

    def _erase_own_rows(self) -> str:
        """On a server: this login's rows only (the function names them by login, so a
        superuser, whom no policy limits, erases only theirs too), under its write lock."""
        if self.viewing is not None:
            raise StorageError("a member's rows are erased by that member only")
        try:
            self._connection.execute(_ERASE_OWN_ROWS)
        except SQLAlchemyError as exc:
            raise self._error(exc) from exc
        return ""

    def commit(self) -> None:
        self._refuse_if_reading()
        self._refuse_writes()
        try:
            self._connection.commit()
        except SQLAlchemyError as exc:
            raise self._error(exc) from exc

    def _refuse_if_reading(self) -> None:
        if self.reading:  # a mistake in the code, not the user's: it must show in tests
            raise RuntimeError("a unit of work opened for reading cannot write")

    def _refuse_writes(self) -> None:
        if self._refusal is not None:
            raise type(self._refusal)(*self._refusal.args)

    def _error(self, exc: SQLAlchemyError) -> StorageError:
        refusal = str(self._refusal) if self._refusal is not None else None
        return storage_error(exc, self._path, refusal)


class SqlUnitOfWorkFactory:
    """Units of work on one engine; `refusal` (see SqlUnitOfWork) refuses every write."""

    def __init__(self, engine: Engine, path: Path, refusal: StorageError | None = None) -> None:
        self._engine = engine
        self.path = path
        self.refusal = refusal

        self.viewing: str | None = None

    def __call__(self, *, reading: bool = False) -> SqlUnitOfWork:
        return SqlUnitOfWork(
            self._engine, self.path, self.refusal, reading=reading, viewing=self.viewing
        )

    def viewing_member(self, login: str) -> SqlUnitOfWorkFactory:
        """Units of work on the same engine that read `login`'s rows (a group database's
        policies decide whether this login may: else they read nothing)."""
        other = SqlUnitOfWorkFactory(self._engine, self.path, self.refusal)
        other.viewing = login
        return other
