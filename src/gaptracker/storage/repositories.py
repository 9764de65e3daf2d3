"""Repositories over one session; they add and read rows, and never update or delete."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from gaptracker.domain.models import ApplicabilityMark, Rating, TargetChange
from gaptracker.storage import mapping
from gaptracker.storage.orm import ApplicabilityMarkRow, RatingRow, TargetChangeRow


class SqlRatingRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, rating: Rating) -> Rating:
        row = mapping.rating_to_row(rating)
        self._session.add(row)
        self._session.flush()
        return mapping.rating_from_row(row)

    def list(self, skill_id: str | None = None) -> Sequence[Rating]:
        query = select(RatingRow).order_by(RatingRow.id)
        if skill_id is not None:
            query = query.where(RatingRow.skill_id == skill_id)
        return [mapping.rating_from_row(row) for row in self._session.scalars(query)]


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
