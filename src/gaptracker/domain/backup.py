"""The backup document: everything the user entered, as one versioned JSON document.

Parsing is all or nothing: a file that is not exactly this shape, or whose rows break a
rule the commands keep (`backup_rules`), is refused with one line before anything is
written.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import ValidationError
from pydantic_core import from_json

from gaptracker.domain.backup_rules import first_problem
from gaptracker.domain.errors import UserInputError
from gaptracker.domain.mentor import MentorRating, SharedBundle
from gaptracker.domain.models import (
    ApplicabilityMark,
    Catalog,
    Checkin,
    Frozen,
    Goal,
    PlanEvent,
    Rating,
    TargetChange,
)
from gaptracker.domain.text import json_safe

BACKUP_FORMAT: Literal["gaptracker-backup"] = "gaptracker-backup"


class BackupDocument(Frozen):
    """Version 1: ratings and check-ins (with their ids), target changes, not-applicable
    marks, goals and plan events. Check-ins, goals and plan events came later within
    version 1, so they default to empty: an older backup still restores."""

    format: Literal["gaptracker-backup"] = BACKUP_FORMAT
    schema_version: Literal[1] = 1
    app_version: str
    created_at: dt.datetime
    """When the backup was made; the only field that differs between two backups of the
    same data."""
    ratings: tuple[Rating, ...]
    target_changes: tuple[TargetChange, ...]
    applicability_marks: tuple[ApplicabilityMark, ...]
    checkins: tuple[Checkin, ...] = ()
    goals: tuple[Goal, ...] = ()
    plan_events: tuple[PlanEvent, ...] = ()
    review_bundles: tuple[SharedBundle, ...] = ()
    """The review requests `share` wrote (so a review of one still imports after a
    restore); came later, so an older backup without them still restores."""
    mentor_ratings: tuple[MentorRating, ...] = ()
    """Mentors' levels from imported reviews, in import order."""

    def data(self) -> dict[str, object]:
        """The user's data without the backup's own metadata, for comparing two backups."""
        return self.model_dump(mode="json", exclude={"created_at", "app_version"})

    @property
    def is_empty(self) -> bool:
        return not (
            self.ratings
            or self.target_changes
            or self.applicability_marks
            or self.checkins
            or self.goals
            or self.plan_events
            or self.review_bundles
            or self.mentor_ratings
        )

    def to_json(self) -> str:
        """The document; control and bidi characters in the user's text are written as
        `\\uXXXX` (domain.text.json_safe), so `cat` of a backup cannot drive a terminal."""
        return json_safe(self.model_dump_json(indent=2)) + "\n"


def parse_backup(text: str, source: str, catalog: Catalog, now: dt.datetime) -> BackupDocument:
    """Validate a backup file's text, shape and meaning (`backup_rules`) as of `now`;
    UserInputError (one line, naming the first bad row) if it is not a backup to restore."""
    try:
        # pydantic's parser: bounded nesting (a JSON of 100,000 '[' is refused, not a
        # RecursionError) and no lone surrogates in strings.
        raw = from_json(text)
    except ValueError as exc:
        raise UserInputError(f"{source} is not a gaptracker backup: invalid JSON ({exc})") from None
    if not isinstance(raw, dict) or raw.get("format") != BACKUP_FORMAT:
        raise UserInputError(f"{source} is not a gaptracker backup (no 'format' marker)")
    version = raw.get("schema_version")
    if type(version) is not int or version != 1:
        raise UserInputError(
            f"{source} is a backup of schema {version!r}, which this version of gaptracker"
            " cannot read"
        )
    try:
        # Strict: a level is a number, not "3"; a flag is true or false, not 1.
        document = BackupDocument.model_validate_json(text, strict=True)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = _location(error["loc"])
        raise UserInputError(f"{source} is not a valid backup: {where}: {error['msg']}") from None
    problem = first_problem(document, catalog, now) or _mentor_problem(document)
    if problem is not None:
        raise UserInputError(f"{source} is not a valid backup: {problem}")
    return document


def _mentor_problem(document: BackupDocument) -> str | None:
    """A bundle twice, or a mentor's level of a bundle the backup does not hold."""
    bundles = [b.id for b in document.review_bundles]
    if len(set(bundles)) != len(bundles):
        return "review_bundles: a bundle appears twice"
    for index, rating in enumerate(document.mentor_ratings):
        if rating.bundle_id not in bundles:
            return f"mentor_ratings[{index}].bundle_id: no such bundle in the backup"
    return None


def _location(loc: tuple[int | str, ...]) -> str:
    """`ratings[12].level` from pydantic's ('ratings', 12, 'level')."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
