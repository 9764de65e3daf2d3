"""The backup document: everything the user entered, as one versioned JSON document.

Parsing is all or nothing: a file that is not exactly this shape is refused with one line
before anything is written.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Literal

from pydantic import ValidationError

from gaptracker.domain.errors import UserInputError
from gaptracker.domain.models import (
    ApplicabilityMark,
    Checkin,
    Frozen,
    Goal,
    PlanEvent,
    Rating,
    TargetChange,
)

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
        )

    def to_json(self) -> str:
        return self.model_dump_json(indent=2) + "\n"


def parse_backup(text: str, source: str) -> BackupDocument:
    """Validate a backup file's text; UserInputError (one line) if it is not a backup."""
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserInputError(
            f"{source} is not a gaptracker backup: invalid JSON ({exc.msg}, line {exc.lineno})"
        ) from None
    if not isinstance(raw, dict) or raw.get("format") != BACKUP_FORMAT:
        raise UserInputError(f"{source} is not a gaptracker backup (no 'format' marker)")
    if raw.get("schema_version") != 1:
        raise UserInputError(
            f"{source} is a backup of schema {raw.get('schema_version')!r}, which this"
            " version of gaptracker cannot read"
        )
    try:
        document = BackupDocument.model_validate(raw)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(p) for p in error["loc"])
        raise UserInputError(f"{source} is not a valid backup: {where}: {error['msg']}") from None
    ids = [r.id for r in document.ratings]
    if None in ids or len(set(ids)) != len(ids):
        raise UserInputError(f"{source} is not a valid backup: ratings need unique ids")
    checkin_ids = [c.id for c in document.checkins]
    if None in checkin_ids or len(set(checkin_ids)) != len(checkin_ids):
        raise UserInputError(f"{source} is not a valid backup: check-ins need unique ids")
    known = {c.id for c in document.checkins}
    dangling = {r.checkin_id for r in document.ratings if r.checkin_id is not None} - known
    if dangling:
        raise UserInputError(
            f"{source} is not a valid backup: ratings point to unknown check-ins {sorted(dangling)}"
        )
    return document
