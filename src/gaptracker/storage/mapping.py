"""Table rows <-> domain models; only domain models leave the storage package.

Rows come in as SQLAlchemy `Row`s (attribute access by column name) and go out as the
values of one insert."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from pydantic import ValidationError
from sqlalchemy import Row

from gaptracker.domain.errors import StorageError
from gaptracker.domain.mentor import MentorRating, SharedBundle
from gaptracker.domain.models import (
    ApplicabilityMark,
    Checkin,
    Goal,
    PackChoice,
    PlanEvent,
    PlanKind,
    Rating,
    Status,
    TargetChange,
)
from gaptracker.domain.text import one_line

Values = dict[str, Any]
"""One row to insert: a value for each column, by column name."""

Model = TypeVar("Model")


def _read_from(table: str) -> Callable[[Callable[[Row[Any]], Model]], Callable[[Row[Any]], Model]]:
    """A row that is not as gaptracker writes it (edited by hand; on a server, written by
    another login with psql) is one line naming its table and id, not a crash."""

    def decorate(build: Callable[[Row[Any]], Model]) -> Callable[[Row[Any]], Model]:
        @wraps(build)
        def read(row: Row[Any]) -> Model:
            try:
                return build(row)
            except ValidationError as exc:
                problem = exc.errors()[0]
                field = ".".join(str(part) for part in problem.get("loc", ())) or "row"
                raise StorageError(
                    f"{table} row {getattr(row, 'id', '?')} is not as gaptracker writes it"
                    f" ({field}: {one_line(str(problem.get('msg', '')))[:120]})"
                ) from None

        return read

    return decorate


def rating_from_row(row: Row[Any]) -> Rating:
    """Rows were validated on the way in (and the table has CHECK constraints), so they are
    rebuilt without validating again: years of history load several times faster."""
    return Rating.model_construct(
        skill_id=row.skill_id,
        level=row.level,
        note=row.note,
        evidence=row.evidence,
        effective_date=row.effective_date,
        created_at=row.created_at,
        catalog_version=row.catalog_version,
        id=row.id,
        checkin_id=row.checkin_id,
        pack_id=row.pack_id,
        rubric_digest=row.rubric_digest,
    )


def rating_to_row(rating: Rating) -> Values:
    return rating.model_dump(exclude={"id"} if rating.id is None else set())


@_read_from("target_changes")
def target_from_row(row: Row[Any]) -> TargetChange:
    return TargetChange.model_validate(row, from_attributes=True)


def target_to_row(change: TargetChange) -> Values:
    return change.model_dump()


@_read_from("applicability_marks")
def mark_from_row(row: Row[Any]) -> ApplicabilityMark:
    return ApplicabilityMark.model_validate(row, from_attributes=True)


def mark_to_row(mark: ApplicabilityMark) -> Values:
    return mark.model_dump()


@_read_from("checkins")
def checkin_from_row(row: Row[Any]) -> Checkin:
    return Checkin.model_validate(row, from_attributes=True)


def checkin_to_row(checkin: Checkin) -> Values:
    return checkin.model_dump(exclude={"id"} if checkin.id is None else set())


@_read_from("goals")
def goal_from_row(row: Row[Any]) -> Goal:
    return Goal.model_validate(row, from_attributes=True)


def goal_to_row(goal: Goal) -> Values:
    return goal.model_dump()


def plan_event_from_row(row: Row[Any]) -> PlanEvent:
    """Validated on the way in, like ratings: rebuilt without validating again."""
    return PlanEvent.model_construct(
        kind=PlanKind(row.kind),
        item_id=row.item_id,
        status=Status(row.status),
        text=row.text,
        confidence=row.confidence,
        title=row.title,
        description=row.description,
        skill_ids=tuple(s for s in row.skill_ids.split(",") if s),
        created_at=row.created_at,
        pack_id=row.pack_id,
    )


def plan_event_to_row(event: PlanEvent) -> Values:
    return {
        **event.model_dump(exclude={"skill_ids", "kind", "status"}),
        "kind": event.kind.value,
        "status": event.status.value,
        "skill_ids": ",".join(event.skill_ids),
    }


@_read_from("pack_choices")
def pack_choice_from_row(row: Row[Any]) -> PackChoice:
    return PackChoice.model_validate(row, from_attributes=True)


def pack_choice_to_row(choice: PackChoice) -> Values:
    return choice.model_dump()


@_read_from("review_bundles")
def bundle_from_row(row: Row[Any]) -> SharedBundle:
    return SharedBundle(
        id=row.id,
        content_hash=row.content_hash,
        role_id=row.role_id,
        skill_ids=tuple(s for s in row.skill_ids.split(",") if s),
        created_at=row.created_at,
        pack_id=row.pack_id,
    )


def bundle_to_row(bundle: SharedBundle) -> Values:
    return {**bundle.model_dump(exclude={"skill_ids"}), "skill_ids": ",".join(bundle.skill_ids)}


@_read_from("mentor_ratings")
def mentor_rating_from_row(row: Row[Any]) -> MentorRating:
    return MentorRating.model_validate(row, from_attributes=True)


def mentor_rating_to_row(rating: MentorRating) -> Values:
    return rating.model_dump(exclude={"id"} if rating.id is None else set())
