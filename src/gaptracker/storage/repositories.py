"""Repositories over one session; they add and read rows, and never update or delete."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Date, Row, SQLColumnExpression, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session, aliased
from sqlalchemy.sql import Subquery

from gaptracker.domain.models import (
    ApplicabilityMark,
    Checkin,
    Goal,
    PlanEvent,
    Rating,
    TargetChange,
)
from gaptracker.storage import mapping
from gaptracker.storage.orm import (
    ApplicabilityMarkRow,
    CheckinRow,
    GoalRow,
    PlanEventRow,
    RatingRow,
    TargetChangeRow,
)

Grouped = TypeVar("Grouped", RatingRow, PlanEventRow)


def _one_per_group(
    session: Session,
    table: type[Grouped],
    groups: Subquery,
    group: Callable[[type[Grouped]], tuple[InstrumentedAttribute[Any], ...]],
    order: Callable[[type[Grouped]], tuple[InstrumentedAttribute[Any], ...]],
    newest: bool,
    matching: Callable[[type[Grouped]], Sequence[ColumnElement[bool]]],
) -> Sequence[Row[Any]]:
    """The first row of each of `groups` in `order` (the last with `newest`), as plain
    rows in id order: a correlated `LIMIT 1` per group on its index, so the read does not
    grow with the rows a group has piled up."""
    pick = aliased(table)
    chosen = (
        select(pick.id)
        .where(*(mine == theirs for mine, theirs in zip(group(pick), groups.c, strict=True)))
        .where(*matching(pick))
        .order_by(*(column.desc() if newest else column.asc() for column in order(pick)))
        .limit(1)
        .scalar_subquery()
    )
    query = (
        select(*table.__table__.columns)
        .where(table.id.in_(select(chosen).select_from(groups)))
        .order_by(table.id)
    )
    return session.execute(query).all()


def _rated_skills() -> Subquery:
    """Each rated skill id once, by seeking the (skill, date) index from one skill to the
    next (a loose index scan), where DISTINCT reads every entry of the index: 28 seeks
    instead of 14,560 entries after ten years of weekly check-ins."""
    rated = select(func.min(RatingRow.skill_id).label("skill_id")).cte("rated", recursive=True)
    following = select(
        select(func.min(RatingRow.skill_id))
        .where(RatingRow.skill_id > rated.c.skill_id)
        .scalar_subquery()
    ).where(rated.c.skill_id.is_not(None))
    rated = rated.union_all(following)
    return select(rated.c.skill_id).where(rated.c.skill_id.is_not(None)).subquery()


def _day(column: SQLColumnExpression[dt.datetime]) -> ColumnElement[dt.date]:
    """The UTC day of a stored time (stored as naive UTC, so SQLite's date() is that day)."""
    return func.date(column, type_=Date)


def _start_after(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)


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

    def latest(
        self,
        *,
        effective_by: dt.date | None = None,
        entered_by: dt.datetime | None = None,
        outside_checkin: int | None = None,
    ) -> Sequence[Rating]:
        def matching(rating: type[RatingRow]) -> Sequence[ColumnElement[bool]]:
            conditions = []
            if effective_by is not None:
                conditions.append(rating.effective_date <= effective_by)
            if entered_by is not None:
                conditions.append(rating.created_at <= entered_by)
            if outside_checkin is not None:
                conditions.append(
                    or_(rating.checkin_id.is_(None), rating.checkin_id != outside_checkin)
                )
            return conditions

        return self._one_per_skill(newest=True, matching=matching)

    def earliest(self) -> Sequence[Rating]:
        return self._one_per_skill(newest=False, matching=lambda rating: [])

    def _one_per_skill(
        self,
        newest: bool,
        matching: Callable[[type[RatingRow]], Sequence[ColumnElement[bool]]],
    ) -> Sequence[Rating]:
        """One rating per skill, picked by a correlated `LIMIT 1` on the (skill, date) index:
        about a millisecond on 10 years of weekly check-ins, where ranking every row
        with a window function took 27."""
        rows = _one_per_group(
            self._session,
            RatingRow,
            groups=_rated_skills(),
            group=lambda row: (row.skill_id,),
            order=lambda row: (row.effective_date, row.created_at, row.id),
            newest=newest,
            matching=matching,
        )
        return [mapping.rating_from_row(row) for row in rows]

    def since(self, day: dt.date) -> Sequence[Rating]:
        # Ordered by date (the index's order), not by id: ordering by id made SQLite scan
        # the whole table instead of the date range.
        query = (
            select(*RatingRow.__table__.columns)
            .where(RatingRow.effective_date > day)
            .order_by(RatingRow.effective_date, RatingRow.created_at, RatingRow.id)
        )
        return [mapping.rating_from_row(row) for row in self._session.execute(query)]

    def in_checkin(self, checkin_id: int) -> Sequence[Rating]:
        query = (
            select(*RatingRow.__table__.columns)
            .where(RatingRow.checkin_id == checkin_id)
            .order_by(RatingRow.id)
        )
        return [mapping.rating_from_row(row) for row in self._session.execute(query)]

    def count(self) -> int:
        return self._session.scalar(select(func.count()).select_from(RatingRow)) or 0

    def last_effective_date(self) -> dt.date | None:
        return self._session.scalar(select(func.max(RatingRow.effective_date)))

    def activity_days(self, since: dt.date | None = None) -> set[dt.date]:
        effective = select(RatingRow.effective_date).distinct()
        entered = select(_day(RatingRow.created_at)).distinct()
        if since is not None:
            effective = effective.where(RatingRow.effective_date > since)
            entered = entered.where(RatingRow.created_at >= _start_after(since))
        return {*self._session.scalars(effective), *self._session.scalars(entered)}


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

    def latest(self) -> Checkin | None:
        query = select(CheckinRow).order_by(CheckinRow.started_at.desc(), CheckinRow.id.desc())
        row = self._session.scalars(query.limit(1)).first()
        return mapping.checkin_from_row(row) if row is not None else None

    def start_days(self, since: dt.date | None = None) -> set[dt.date]:
        query = select(_day(CheckinRow.started_at)).distinct()
        if since is not None:
            query = query.where(CheckinRow.started_at >= _start_after(since))
        return set(self._session.scalars(query))


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
        query = select(*PlanEventRow.__table__.columns).order_by(PlanEventRow.id)
        return [mapping.plan_event_from_row(row) for row in self._session.execute(query)]

    def latest(self) -> Sequence[PlanEvent]:
        rows = _one_per_group(
            self._session,
            PlanEventRow,
            groups=select(PlanEventRow.kind, PlanEventRow.item_id).distinct().subquery(),
            group=lambda row: (row.kind, row.item_id),
            order=lambda row: (row.created_at, row.id),
            newest=True,
            matching=lambda row: [],
        )
        return [mapping.plan_event_from_row(row) for row in rows]
