"""What the services need from storage, as Protocols; storage implements them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from types import TracebackType
from typing import Protocol, Self

from gaptracker.domain.group import Member
from gaptracker.domain.mentor import MentorRating, SharedBundle
from gaptracker.domain.models import (
    ApplicabilityMark,
    Checkin,
    Goal,
    PackChoice,
    PlanEvent,
    Rating,
    TargetChange,
)


class RatingRepository(Protocol):
    def add(self, rating: Rating) -> Rating:
        """Append a rating; a rating that carries an id (from a backup) keeps it."""
        ...

    def list(self, skill_id: str | None = None) -> Sequence[Rating]:
        """All ratings (of one skill, if given), in the order they were entered."""
        ...

    def latest(
        self,
        *,
        effective_by: dt.date | None = None,
        entered_by: dt.datetime | None = None,
        outside_checkin: int | None = None,
        packs: Collection[str] | None = None,
    ) -> Sequence[Rating]:
        """The newest rating of each skill (by effective date, then id; of the ratings made
        under one of `packs`, if given), without reading years of history: the current
        ones, or as the history stood on a day (`effective_by`), or before a check-in
        started (`entered_by` and `outside_checkin`, what "moved since the last check-in"
        compares with)."""
        ...

    def earliest(self, packs: Collection[str] | None = None) -> Sequence[Rating]:
        """The first rating of each skill, in the same order (a skill's pace starts there)."""
        ...

    def since(self, day: dt.date, packs: Collection[str] | None = None) -> Sequence[Rating]:
        """Ratings effective after `day` (made under one of `packs`, if given), oldest
        first (effective date, then id)."""
        ...

    def in_checkin(self, checkin_id: int) -> Sequence[Rating]: ...

    def count(self) -> int: ...

    def last_effective_date(self) -> dt.date | None: ...

    def activity_days(self, since: dt.date | None = None) -> set[dt.date]:
        """The user's days (`trend.local_day`) on which a rating was entered or took
        effect, after `since`: the dates alone, for the rhythm of weeks, without reading
        the ratings."""
        ...


class TargetRepository(Protocol):
    def add(self, change: TargetChange) -> None: ...

    def list(self) -> Sequence[TargetChange]:
        """Every target change, oldest first."""
        ...


class ApplicabilityRepository(Protocol):
    def add(self, mark: ApplicabilityMark) -> None: ...

    def list(self, role_id: str | None = None) -> Sequence[ApplicabilityMark]: ...


class CheckinRepository(Protocol):
    def add(self, checkin: Checkin) -> Checkin:
        """Record a check-in; returns it with its id (a given id, from a backup, is kept)."""
        ...

    def list(self) -> Sequence[Checkin]: ...

    def latest(self) -> Checkin | None:
        """The check-in started last."""
        ...

    def start_days(self, since: dt.date | None = None) -> set[dt.date]:
        """The user's days (`trend.local_day`) on which a check-in started, after `since`."""
        ...


class GoalRepository(Protocol):
    def add(self, goal: Goal) -> None: ...

    def list(self) -> Sequence[Goal]: ...


class PlanRepository(Protocol):
    def add(self, event: PlanEvent) -> None: ...

    def list(self) -> Sequence[PlanEvent]: ...

    def latest(self) -> Sequence[PlanEvent]:
        """The newest event of each plan item (by time, then id): its current state,
        without reading every change the item went through."""
        ...


class PackChoiceRepository(Protocol):
    def add(self, choice: PackChoice) -> None: ...

    def list(self) -> Sequence[PackChoice]:
        """Every choice, oldest first."""
        ...

    def latest(self) -> PackChoice | None:
        """The pack chosen last (None: never chosen, the built-in pack is active)."""
        ...


class BundleRepository(Protocol):
    """The review requests `share` wrote (append-only)."""

    def add(self, bundle: SharedBundle) -> None: ...

    def get(self, bundle_id: str) -> SharedBundle | None: ...

    def list(self) -> Sequence[SharedBundle]:
        """Every bundle, oldest first."""
        ...


class MentorRatingRepository(Protocol):
    """Mentors' levels from imported reviews (append-only)."""

    def add(self, rating: MentorRating) -> MentorRating:
        """Append one; returns it with its id (a given id, from a backup, is kept)."""
        ...

    def list(self, skill_id: str | None = None) -> Sequence[MentorRating]:
        """All of them (of one skill, if given), in the order they were imported."""
        ...

    def of_review(self, review_id: str) -> Sequence[MentorRating]:
        """The rows one review was imported as (none: not imported)."""
        ...


class GroupDirectory(Protocol):
    """Who is in a group database (storage.group), as this login may see it.

    The database decides what each login sees (row-level security); a directory only
    reads that back. On a SQLite file there is no group: `me()` is None and the lists
    are empty.
    """

    def me(self) -> str | None:
        """This connection's login (None: not a group database)."""
        ...

    def is_owner(self) -> bool:
        """Whether this login may manage the group (add members and mentors) and read
        every member's rows."""
        ...

    def members(self) -> Sequence[Member]:
        """The members this login may see, by login: the owner every one; anyone else
        themselves and their mentees."""
        ...

    def mentees(self) -> Sequence[Member]:
        """The members this login mentors, by login."""
        ...

    def viewing(self, login: str) -> UnitOfWorkFactory:
        """Units of work that read `login`'s rows only (they never widen what the
        database lets this login see), and write as `login` where the database allows
        it (a mentor: reviews only)."""
        ...


class UnitOfWork(Protocol):
    """One transaction: leaving the block without commit() rolls everything back."""

    @property
    def ratings(self) -> RatingRepository: ...

    @property
    def targets(self) -> TargetRepository: ...

    @property
    def marks(self) -> ApplicabilityRepository: ...

    @property
    def checkins(self) -> CheckinRepository: ...

    @property
    def goals(self) -> GoalRepository: ...

    @property
    def plan(self) -> PlanRepository: ...

    @property
    def packs(self) -> PackChoiceRepository: ...

    @property
    def bundles(self) -> BundleRepository: ...

    @property
    def mentor_ratings(self) -> MentorRatingRepository: ...

    @property
    def shares_ids(self) -> bool:
        """Whether rows take their ids from a sequence other people's rows draw on too (a
        group's server): a restore then lets every row take the next id, and no row
        may name its own."""
        ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def commit(self) -> None: ...

    def erase_all(self) -> str:
        """Copy everything beside the database, then delete every row (the pack choices
        too), in this transaction (only for `restore --replace`); returns where the copy
        is. On a server: no file, so no copy (''), and only this login's own rows."""
        ...


class PackInstaller(Protocol):
    """The packs a restore adds to the packs folder, already written and checked beside
    it: `install` puts them in place just before the rows are committed, `undo` takes
    them out again if that commit fails, so neither is left without the other."""

    def install(self) -> None: ...

    def undo(self) -> None: ...


class UnitOfWorkFactory(Protocol):
    def __call__(self, *, reading: bool = False) -> UnitOfWork:
        """A new unit of work. `reading=True`: it only reads, so it takes no write lock
        and never waits for a writer (a read sees the last commit); it may not commit."""
        ...


class Clock(Protocol):
    """The time source; tests pass a fixed one, so no real date reaches an assertion."""

    def now(self) -> dt.datetime:
        """The current time, timezone-aware."""
        ...

    def today(self) -> dt.date:
        """The user's local date."""
        ...


class SystemClock:
    """The real clock."""

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)

    def today(self) -> dt.date:
        return dt.date.today()
