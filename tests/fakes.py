"""Test doubles: an in-memory unit of work and a clock that tests set."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from types import TracebackType
from typing import Self

from gaptracker.domain.days import local_day
from gaptracker.domain.gap import earliest_ratings, latest_ratings
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
from gaptracker.domain.plan import latest_events
from gaptracker.domain.progress import latest_checkin


class FixedClock:
    """A clock that stands still until a test moves it."""

    def __init__(self, now: dt.datetime) -> None:
        self.current = now

    def now(self) -> dt.datetime:
        return self.current

    def today(self) -> dt.date:
        return local_day(self.current)

    def advance(self, **delta: float) -> None:
        self.current += dt.timedelta(**delta)


class _Store:
    def __init__(self) -> None:
        self.ratings: list[Rating] = []
        self.targets: list[TargetChange] = []
        self.marks: list[ApplicabilityMark] = []
        self.checkins: list[Checkin] = []
        self.goals: list[Goal] = []
        self.plan: list[PlanEvent] = []
        self.packs: list[PackChoice] = []
        self.bundles: list[SharedBundle] = []
        self.mentor_ratings: list[MentorRating] = []


class _Ratings:
    def __init__(self, rows: list[Rating]) -> None:
        self.rows = rows

    def add(self, rating: Rating) -> Rating:
        next_id = max((r.id or 0 for r in self.rows), default=0) + 1
        saved = rating if rating.id is not None else rating.model_copy(update={"id": next_id})
        self.rows.append(saved)
        return saved

    def list(self, skill_id: str | None = None) -> Sequence[Rating]:
        return [r for r in self.rows if skill_id is None or r.skill_id == skill_id]

    def latest(
        self,
        *,
        effective_by: dt.date | None = None,
        entered_by: dt.datetime | None = None,
        outside_checkin: int | None = None,
        packs: Collection[str] | None = None,
    ) -> Sequence[Rating]:
        chosen = [
            r
            for r in self._in(packs)
            if (effective_by is None or r.effective_date <= effective_by)
            and (entered_by is None or r.created_at <= entered_by)
            and (outside_checkin is None or r.checkin_id != outside_checkin)
        ]
        # As SQL orders them (no day counts as today here): the date, then the id.
        return list(latest_ratings(chosen, dt.date.max).values())

    def earliest(self, packs: Collection[str] | None = None) -> Sequence[Rating]:
        return list(earliest_ratings(self._in(packs), dt.date.max).values())

    def since(self, day: dt.date, packs: Collection[str] | None = None) -> Sequence[Rating]:
        later = (r for r in self._in(packs) if r.effective_date > day)
        return sorted(later, key=lambda r: r.order_key)

    def _in(self, packs: Collection[str] | None) -> Sequence[Rating]:
        return [r for r in self.rows if packs is None or r.pack_id in packs]

    def in_checkin(self, checkin_id: int) -> Sequence[Rating]:
        return [r for r in self.rows if r.checkin_id == checkin_id]

    def count(self) -> int:
        return len(self.rows)

    def last_effective_date(self) -> dt.date | None:
        return max((r.effective_date for r in self.rows), default=None)

    def activity_days(self, since: dt.date | None = None) -> set[dt.date]:
        days = {r.effective_date for r in self.rows} | {local_day(r.created_at) for r in self.rows}
        return {d for d in days if since is None or d > since}


class _Targets:
    def __init__(self, rows: list[TargetChange]) -> None:
        self.rows = rows

    def add(self, change: TargetChange) -> None:
        self.rows.append(change)

    def list(self) -> Sequence[TargetChange]:
        return list(self.rows)


class _Marks:
    def __init__(self, rows: list[ApplicabilityMark]) -> None:
        self.rows = rows

    def add(self, mark: ApplicabilityMark) -> None:
        self.rows.append(mark)

    def list(self, role_id: str | None = None) -> Sequence[ApplicabilityMark]:
        return [m for m in self.rows if role_id is None or m.role_id == role_id]


class _Checkins:
    def __init__(self, rows: list[Checkin]) -> None:
        self.rows = rows

    def add(self, checkin: Checkin) -> Checkin:
        next_id = max((c.id or 0 for c in self.rows), default=0) + 1
        saved = checkin if checkin.id is not None else checkin.model_copy(update={"id": next_id})
        self.rows.append(saved)
        return saved

    def list(self) -> Sequence[Checkin]:
        return list(self.rows)

    def latest(self) -> Checkin | None:
        return latest_checkin(self.rows)

    def start_days(self, since: dt.date | None = None) -> set[dt.date]:
        days = {local_day(c.started_at) for c in self.rows}
        return {d for d in days if since is None or d > since}


class _Goals:
    def __init__(self, rows: list[Goal]) -> None:
        self.rows = rows

    def add(self, goal: Goal) -> None:
        self.rows.append(goal)

    def list(self) -> Sequence[Goal]:
        return list(self.rows)


class _Plan:
    def __init__(self, rows: list[PlanEvent]) -> None:
        self.rows = rows

    def add(self, event: PlanEvent) -> None:
        self.rows.append(event)

    def latest(self) -> Sequence[PlanEvent]:
        return list(latest_events(self.rows).values())

    def list(self) -> Sequence[PlanEvent]:
        return list(self.rows)


class _Packs:
    def __init__(self, rows: list[PackChoice]) -> None:
        self.rows = rows

    def add(self, choice: PackChoice) -> None:
        self.rows.append(choice)

    def list(self) -> Sequence[PackChoice]:
        return list(self.rows)

    def latest(self) -> PackChoice | None:
        return self.rows[-1] if self.rows else None


class _Bundles:
    def __init__(self, rows: list[SharedBundle]) -> None:
        self.rows = rows

    def add(self, bundle: SharedBundle) -> None:
        if self.get(bundle.id) is not None:
            raise ValueError(f"bundle {bundle.id} exists")  # the SQL primary key refuses it
        self.rows.append(bundle)

    def get(self, bundle_id: str) -> SharedBundle | None:
        return next((b for b in self.rows if b.id == bundle_id), None)

    def list(self) -> Sequence[SharedBundle]:
        return sorted(self.rows, key=lambda b: (b.created_at, b.id))


class _MentorRatings:
    def __init__(self, rows: list[MentorRating]) -> None:
        self.rows = rows

    def add(self, rating: MentorRating) -> MentorRating:
        next_id = max((r.id or 0 for r in self.rows), default=0) + 1
        saved = rating if rating.id is not None else rating.model_copy(update={"id": next_id})
        self.rows.append(saved)
        return saved

    def list(self, skill_id: str | None = None) -> Sequence[MentorRating]:
        return [r for r in self.rows if skill_id is None or r.skill_id == skill_id]

    def of_review(self, review_id: str) -> Sequence[MentorRating]:
        return [r for r in self.rows if r.review_id == review_id]


class FakeUnitOfWork:
    """Stages writes and applies them to the shared store only on commit; one opened
    for reading refuses to commit, as the SQL one does (so a service that writes through
    a reading unit fails its unit tests)."""

    def __init__(self, store: _Store, *, reading: bool = False) -> None:
        self._store = store
        self.reading = reading
        self.committed = False

    def __enter__(self) -> Self:
        self._staged = _Store()
        self._staged.ratings = list(self._store.ratings)
        self._staged.targets = list(self._store.targets)
        self._staged.marks = list(self._store.marks)
        self._staged.checkins = list(self._store.checkins)
        self._staged.goals = list(self._store.goals)
        self._staged.plan = list(self._store.plan)
        self._staged.packs = list(self._store.packs)
        self._staged.bundles = list(self._store.bundles)
        self._staged.mentor_ratings = list(self._store.mentor_ratings)
        self.ratings = _Ratings(self._staged.ratings)
        self.targets = _Targets(self._staged.targets)
        self.marks = _Marks(self._staged.marks)
        self.checkins = _Checkins(self._staged.checkins)
        self.goals = _Goals(self._staged.goals)
        self.plan = _Plan(self._staged.plan)
        self.packs = _Packs(self._staged.packs)
        self.bundles = _Bundles(self._staged.bundles)
        self.mentor_ratings = _MentorRatings(self._staged.mentor_ratings)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        pass

    shares_ids = False

    def erase_all(self) -> str:
        self._refuse_if_reading()
        self._staged.ratings.clear()
        self._staged.targets.clear()
        self._staged.marks.clear()
        self._staged.checkins.clear()
        self._staged.goals.clear()
        self._staged.plan.clear()
        self._staged.bundles.clear()
        self._staged.mentor_ratings.clear()
        self._staged.packs.clear()
        return "in-memory copy"

    def commit(self) -> None:
        self._refuse_if_reading()
        self._store.ratings[:] = self._staged.ratings
        self._store.targets[:] = self._staged.targets
        self._store.marks[:] = self._staged.marks
        self._store.checkins[:] = self._staged.checkins
        self._store.goals[:] = self._staged.goals
        self._store.plan[:] = self._staged.plan
        self._store.packs[:] = self._staged.packs
        self._store.bundles[:] = self._staged.bundles
        self._store.mentor_ratings[:] = self._staged.mentor_ratings
        self.committed = True

    def _refuse_if_reading(self) -> None:
        if self.reading:
            raise RuntimeError("a unit of work opened for reading cannot write")


class FakeUnitOfWorkFactory:
    def __init__(self) -> None:
        self.store = _Store()
        self.opened: list[bool] = []
        """`reading` of each unit of work opened, in order (what tests of the ports read)."""

    def __call__(self, *, reading: bool = False) -> FakeUnitOfWork:
        self.opened.append(reading)
        return FakeUnitOfWork(self.store, reading=reading)
