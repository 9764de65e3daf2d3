"""Repositories over one session; they add and read rows, and never update or delete."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gaptracker.domain.models import ApplicabilityMark, Checkin, Goal, Rating, TargetChange
from gaptracker.domain.plan import PlanEvent
from gaptracker.storage import mapping
from gaptracker.storage.orm import (
    ApplicabilityMarkRow,
    CheckinRow,
    GoalRow,
    PlanEventRow,
    RatingRow,
    TargetChangeRow,
)


class SqlRatingRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, rating: Rating) -> Rating:
        row = mapping.rating_to_row(rating)
        self._session.add(row)
        self._session.flush()
        return mapping.rating_from_row(row)

    def list(self, skill_id: str | None = None) -> Sequence[Rating]:
        # Plain rows, not ORM objects: no identity map to fill for a read-only history.
        query = select(*RatingRow.__table__.columns).order_by(RatingRow.id)
        if skill_id is not None:
            query = query.where(RatingRow.skill_id == skill_id)
        return [mapping.rating_from_row(row) for row in self._session.execute(query)]

    def latest(self) -> Sequence[Rating]:
        rank = (
            func.row_number()
            .over(
                partition_by=RatingRow.skill_id,
                order_by=(
                    RatingRow.effective_date.desc(),
                    RatingRow.created_at.desc(),
                    RatingRow.id.desc(),
                ),
            )
            .label("rank")
        )
        ranked = select(RatingRow.id, rank).subquery()
        query = (
            select(RatingRow)
            .join(ranked, ranked.c.id == RatingRow.id)
            .where(ranked.c.rank == 1)
            .order_by(RatingRow.id)
        )
        return [mapping.rating_from_row(row) for row in self._session.scalars(query)]

    def last_effective_date(self) -> dt.date | None:
        return self._session.scalar(select(func.max(RatingRow.effective_date)))


class SqlTargetRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, change: TargetChange) -> None:
        self._session.add(mapping.target_to_row(change))

    def list(self) -> Sequence[TargetChange]:
        rows = self._session.scalars(select(TargetChangeRow).order_by(TargetChangeRow.id))
        return [mapping.target_from_row(row) for row in rows]


class SqlApplicabilityRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, mark: ApplicabilityMark) -> None:
        self._session.add(mapping.mark_to_row(mark))

    def list(self, role_id: str | None = None) -> Sequence[ApplicabilityMark]:
        query = select(ApplicabilityMarkRow).order_by(ApplicabilityMarkRow.id)
        if role_id is not None:
            query = query.where(ApplicabilityMarkRow.role_id == role_id)
        return [mapping.mark_from_row(row) for row in self._session.scalars(query)]


class SqlCheckinRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, checkin: Checkin) -> Checkin:
        row = mapping.checkin_to_row(checkin)
        self._session.add(row)
        self._session.flush()
        return mapping.checkin_from_row(row)

    def list(self) -> Sequence[Checkin]:
        rows = self._session.scalars(select(CheckinRow).order_by(CheckinRow.id))
        return [mapping.checkin_from_row(row) for row in rows]


class SqlGoalRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, goal: Goal) -> None:
        self._session.add(mapping.goal_to_row(goal))

    def list(self) -> Sequence[Goal]:
        rows = self._session.scalars(select(GoalRow).order_by(GoalRow.id))
        return [mapping.goal_from_row(row) for row in rows]


class SqlPlanRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, event: PlanEvent) -> None:
        self._session.add(mapping.plan_event_to_row(event))

    def list(self) -> Sequence[PlanEvent]:
        rows = self._session.scalars(select(PlanEventRow).order_by(PlanEventRow.id))
        return [mapping.plan_event_from_row(row) for row in rows]
