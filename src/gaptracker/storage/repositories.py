"""Repositories over one connection; they add and read rows, and never update or delete."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Date,
    FromClause,
    Row,
    SQLColumnExpression,
    Table,
    func,
    insert,
    or_,
    select,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql import Subquery
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

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
from gaptracker.storage import mapping
from gaptracker.storage.tables import (
    applicability_marks,
    checkins,
    goals,
    mentor_ratings,
    pack_choices,
    plan_events,
    ratings,
    review_bundles,
    target_changes,
)

ColumnPicker = Callable[[FromClause], tuple[ColumnElement[Any], ...]]
"""Picks columns of a table, or of an alias of it."""
ConditionPicker = Callable[[FromClause], Sequence[ColumnElement[bool]]]
"""Conditions on a table, or on an alias of it."""


def _one_per_group(
    connection: Connection,
    table: Table,
    groups: Subquery,
    group: ColumnPicker,
    order: ColumnPicker,
    newest: bool,
    matching: ConditionPicker,
) -> Sequence[Row[Any]]:
    """The first row of each of `groups` in `order` (the last with `newest`), as plain
    rows in id order: a correlated `LIMIT 1` per group on its index, so the read does not
    grow with the rows a group has piled up."""
    pick = table.alias()
    chosen = (
        select(pick.c.id)
        .where(*(mine == theirs for mine, theirs in zip(group(pick), groups.c, strict=True)))
        .where(*matching(pick))
        .order_by(*(column.desc() if newest else column.asc() for column in order(pick)))
        .limit(1)
        .scalar_subquery()
    )
    query = (
        select(table).where(table.c.id.in_(select(chosen).select_from(groups))).order_by(table.c.id)
    )
    return connection.execute(query).all()


def _add(connection: Connection, table: Table, values: mapping.Values) -> int:
    """Insert one row; its new id. Every value must have its column: Core would drop the
    others without a word, and a field of the user's record with them."""
    unknown = values.keys() - table.c.keys()
    if unknown:
        raise ValueError(f"{table.name} has no column for {sorted(unknown)}")
    key = connection.execute(insert(table), values).inserted_primary_key
    if key is None:
        raise RuntimeError(f"{table.name}: the insert gave no id")
    if values.get("id") is not None and connection.dialect.name == "postgresql":
        _move_id_sequence_past(connection, table)
    return int(key[0])


def _move_id_sequence_past(connection: Connection, table: Table) -> None:
    """A row inserted with its own id (a restore) leaves PostgreSQL's id sequence where
    it was, and the next new row would get a taken id: move the sequence past the largest."""
    largest = select(func.max(table.c.id)).scalar_subquery()
    connection.execute(select(func.setval(func.pg_get_serial_sequence(table.name, "id"), largest)))


def _rated_skills() -> Subquery:
    """Each rated skill id once, by seeking the (skill, date) index from one skill to the
    next (a loose index scan), where DISTINCT reads every entry of the index: 28 seeks
    instead of 14,560 entries after ten years of weekly check-ins."""
    skill_id = ratings.c.skill_id
    rated = select(func.min(skill_id).label("skill_id")).cte("rated", recursive=True)
    following = select(
        select(func.min(skill_id)).where(skill_id > rated.c.skill_id).scalar_subquery()
    ).where(rated.c.skill_id.is_not(None))
    rated = rated.union_all(following)
    return select(rated.c.skill_id).where(rated.c.skill_id.is_not(None)).subquery()


def _day(column: SQLColumnExpression[dt.datetime]) -> ColumnElement[dt.date]:
    """The user's day of a stored time (`domain.trend.local_day` in SQL): times are stored
    as naive UTC, and SQLite's 'localtime' shifts them by the same local zone Python uses
    (on PostgreSQL, the session's time zone, set to that zone: storage.server)."""
    return _LocalDay(column)


class _LocalDay(FunctionElement[dt.date]):
    type = Date()
    inherit_cache = True


@compiles(_LocalDay, "sqlite")
def _local_day_sqlite(element: _LocalDay, compiler: SQLCompiler, **kw: Any) -> str:
    return f"date({compiler.process(element.clauses, **kw)}, 'localtime')"


@compiles(_LocalDay, "postgresql")
def _local_day_postgresql(element: _LocalDay, compiler: SQLCompiler, **kw: Any) -> str:
    # A naive UTC time read as UTC is a timestamptz; its date is the session zone's day.
    return f"CAST(({compiler.process(element.clauses, **kw)}) AT TIME ZONE 'UTC' AS DATE)"


def _in_packs(table: FromClause, packs: Collection[str] | None) -> list[ColumnElement[bool]]:
    """Rows made under one of `packs` (every row when None)."""
    return [] if packs is None else [table.c.pack_id.in_(sorted(packs))]


class SqlRatingRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def add(self, rating: Rating) -> Rating:
        new_id = _add(self._connection, ratings, mapping.rating_to_row(rating))
        return rating.model_copy(update={"id": new_id})

    def list(self, skill_id: str | None = None) -> Sequence[Rating]:
        query = select(ratings).order_by(ratings.c.id)
        if skill_id is not None:
            query = query.where(ratings.c.skill_id == skill_id)
        return [mapping.rating_from_row(row) for row in self._connection.execute(query)]

    def latest(
        self,
        *,
        effective_by: dt.date | None = None,
        entered_by: dt.datetime | None = None,
        outside_checkin: int | None = None,
        packs: Collection[str] | None = None,
    ) -> Sequence[Rating]:
        def matching(rating: FromClause) -> Sequence[ColumnElement[bool]]:
            conditions = _in_packs(rating, packs)
            if effective_by is not None:
                conditions.append(rating.c.effective_date <= effective_by)
            if entered_by is not None:
                conditions.append(rating.c.created_at <= entered_by)
            if outside_checkin is not None:
                checkin = rating.c.checkin_id
                conditions.append(or_(checkin.is_(None), checkin != outside_checkin))
            return conditions

        return self._one_per_skill(newest=True, matching=matching)

    def earliest(self, packs: Collection[str] | None = None) -> Sequence[Rating]:
        return self._one_per_skill(newest=False, matching=lambda rating: _in_packs(rating, packs))

    def _one_per_skill(
        self,
        newest: bool,
        matching: ConditionPicker,
    ) -> Sequence[Rating]:
        """One rating per skill, picked by a correlated `LIMIT 1` on the (skill, date) index:
        about a millisecond on 10 years of weekly check-ins, where ranking every row
        with a window function took 27."""
        rows = _one_per_group(
            self._connection,
            ratings,
            groups=_rated_skills(),
            group=lambda rating: (rating.c.skill_id,),
            # The domain's order (`Rating.order_key`): the date, then entry order, which
            # is also the (skill, date) index's own order, since SQLite appends the id.
            order=lambda rating: (rating.c.effective_date, rating.c.id),
            newest=newest,
            matching=matching,
        )
        return [mapping.rating_from_row(row) for row in rows]

    def since(self, day: dt.date, packs: Collection[str] | None = None) -> Sequence[Rating]:
        # Ordered by date (the index's order), not by id: ordering by id made SQLite scan
        # the whole table instead of the date range.
        query = (
            select(ratings)
            .where(ratings.c.effective_date > day, *_in_packs(ratings, packs))
            .order_by(ratings.c.effective_date, ratings.c.id)
        )
        return [mapping.rating_from_row(row) for row in self._connection.execute(query)]

    def in_checkin(self, checkin_id: int) -> Sequence[Rating]:
        query = select(ratings).where(ratings.c.checkin_id == checkin_id).order_by(ratings.c.id)
        return [mapping.rating_from_row(row) for row in self._connection.execute(query)]

    def count(self) -> int:
        return self._connection.scalar(select(func.count()).select_from(ratings)) or 0

    def last_effective_date(self) -> dt.date | None:
        day: dt.date | None = self._connection.scalar(select(func.max(ratings.c.effective_date)))
        return day

    def activity_days(self, since: dt.date | None = None) -> set[dt.date]:
        effective = select(ratings.c.effective_date).distinct()
        entered_on = _day(ratings.c.created_at)
        entered = select(entered_on).distinct()
        if since is not None:
            # By day, not from a local midnight: where clocks spring forward at midnight
            # that moment does not exist (the time columns have no index to lose).
            effective = effective.where(ratings.c.effective_date > since)
            entered = entered.where(entered_on > since)
        scalars = self._connection.scalars
        return {*scalars(effective), *scalars(entered)}


class SqlTargetRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def add(self, change: TargetChange) -> None:
        _add(self._connection, target_changes, mapping.target_to_row(change))

    def list(self) -> Sequence[TargetChange]:
        rows = self._connection.execute(select(target_changes).order_by(target_changes.c.id))
        return [mapping.target_from_row(row) for row in rows]


class SqlApplicabilityRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def add(self, mark: ApplicabilityMark) -> None:
        _add(self._connection, applicability_marks, mapping.mark_to_row(mark))

    def list(self, role_id: str | None = None) -> Sequence[ApplicabilityMark]:
        query = select(applicability_marks).order_by(applicability_marks.c.id)
        if role_id is not None:
            query = query.where(applicability_marks.c.role_id == role_id)
        return [mapping.mark_from_row(row) for row in self._connection.execute(query)]


class SqlCheckinRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def add(self, checkin: Checkin) -> Checkin:
        new_id = _add(self._connection, checkins, mapping.checkin_to_row(checkin))
        return checkin.model_copy(update={"id": new_id})

    def list(self) -> Sequence[Checkin]:
        rows = self._connection.execute(select(checkins).order_by(checkins.c.id))
        return [mapping.checkin_from_row(row) for row in rows]

    def latest(self) -> Checkin | None:
        query = select(checkins).order_by(checkins.c.started_at.desc(), checkins.c.id.desc())
        row = self._connection.execute(query.limit(1)).first()
        return mapping.checkin_from_row(row) if row is not None else None

    def start_days(self, since: dt.date | None = None) -> set[dt.date]:
        started_on = _day(checkins.c.started_at)
        query = select(started_on).distinct()
        if since is not None:
            query = query.where(started_on > since)
        return set(self._connection.scalars(query))


class SqlGoalRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def add(self, goal: Goal) -> None:
        _add(self._connection, goals, mapping.goal_to_row(goal))

    def list(self) -> Sequence[Goal]:
        rows = self._connection.execute(select(goals).order_by(goals.c.id))
        return [mapping.goal_from_row(row) for row in rows]


class SqlPlanRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def add(self, event: PlanEvent) -> None:
        _add(self._connection, plan_events, mapping.plan_event_to_row(event))

    def list(self) -> Sequence[PlanEvent]:
        query = select(plan_events).order_by(plan_events.c.id)
        return [mapping.plan_event_from_row(row) for row in self._connection.execute(query)]

    def latest(self) -> Sequence[PlanEvent]:
        rows = _one_per_group(
            self._connection,
            plan_events,
            groups=select(plan_events.c.kind, plan_events.c.item_id).distinct().subquery(),
            group=lambda event: (event.c.kind, event.c.item_id),
            order=lambda event: (event.c.created_at, event.c.id),
            newest=True,
            matching=lambda event: [],
        )
        return [mapping.plan_event_from_row(row) for row in rows]


class SqlPackChoiceRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def add(self, choice: PackChoice) -> None:
        _add(self._connection, pack_choices, mapping.pack_choice_to_row(choice))

    def list(self) -> Sequence[PackChoice]:
        rows = self._connection.execute(select(pack_choices).order_by(pack_choices.c.id))
        return [mapping.pack_choice_from_row(row) for row in rows]

    def latest(self) -> PackChoice | None:
        query = select(pack_choices).order_by(pack_choices.c.id.desc()).limit(1)
        row = self._connection.execute(query).first()
        return mapping.pack_choice_from_row(row) if row is not None else None


class SqlBundleRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def add(self, bundle: SharedBundle) -> None:
        self._connection.execute(insert(review_bundles), mapping.bundle_to_row(bundle))

    def get(self, bundle_id: str) -> SharedBundle | None:
        query = select(review_bundles).where(review_bundles.c.id == bundle_id)
        row = self._connection.execute(query).first()
        return mapping.bundle_from_row(row) if row is not None else None

    def list(self) -> Sequence[SharedBundle]:
        query = select(review_bundles).order_by(review_bundles.c.created_at, review_bundles.c.id)
        return [mapping.bundle_from_row(row) for row in self._connection.execute(query)]


class SqlMentorRatingRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def add(self, rating: MentorRating) -> MentorRating:
        new_id = _add(self._connection, mentor_ratings, mapping.mentor_rating_to_row(rating))
        return rating.model_copy(update={"id": new_id})

    def list(self, skill_id: str | None = None) -> Sequence[MentorRating]:
        query = select(mentor_ratings).order_by(mentor_ratings.c.id)
        if skill_id is not None:
            query = query.where(mentor_ratings.c.skill_id == skill_id)
        return [mapping.mentor_rating_from_row(row) for row in self._connection.execute(query)]

    def of_review(self, review_id: str) -> Sequence[MentorRating]:
        query = select(mentor_ratings).where(mentor_ratings.c.review_id == review_id)
        rows = self._connection.execute(query.order_by(mentor_ratings.c.id))
        return [mapping.mentor_rating_from_row(row) for row in rows]
