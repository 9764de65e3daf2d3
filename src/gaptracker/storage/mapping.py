"""ORM rows <-> domain models; only domain models leave the storage package."""

from __future__ import annotations

from gaptracker.domain.models import ApplicabilityMark, Checkin, Goal, Rating, TargetChange
from gaptracker.storage.orm import (
    ApplicabilityMarkRow,
    CheckinRow,
    GoalRow,
    RatingRow,
    TargetChangeRow,
)


def rating_from_row(row: RatingRow) -> Rating:
    return Rating.model_validate(row, from_attributes=True)


def rating_to_row(rating: Rating) -> RatingRow:
    return RatingRow(**rating.model_dump(exclude={"id"} if rating.id is None else set()))


def target_from_row(row: TargetChangeRow) -> TargetChange:
    return TargetChange.model_validate(row, from_attributes=True)


def target_to_row(change: TargetChange) -> TargetChangeRow:
    return TargetChangeRow(**change.model_dump())


def mark_from_row(row: ApplicabilityMarkRow) -> ApplicabilityMark:
    return ApplicabilityMark.model_validate(row, from_attributes=True)


def mark_to_row(mark: ApplicabilityMark) -> ApplicabilityMarkRow:
    return ApplicabilityMarkRow(**mark.model_dump())


def checkin_from_row(row: CheckinRow) -> Checkin:
    return Checkin.model_validate(row, from_attributes=True)


def checkin_to_row(checkin: Checkin) -> CheckinRow:
    return CheckinRow(**checkin.model_dump(exclude={"id"} if checkin.id is None else set()))


def goal_from_row(row: GoalRow) -> Goal:
    return Goal.model_validate(row, from_attributes=True)


def goal_to_row(goal: Goal) -> GoalRow:
    return GoalRow(**goal.model_dump())
