"""The backup document: everything the user entered, as one versioned JSON document.

Parsing is all or nothing: a file that is not exactly this shape, or whose rows break a
rule the commands keep (`backup_rules`), is refused with one line before anything is
written. Version 2 carries the user's packs and pack choices; version 1 (before packs)
is still read, as rows of the built-in pack.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Annotated, Literal

from pydantic import StringConstraints, ValidationError
from pydantic_core import from_json

from gaptracker.domain.backup_rules import KnownPack, first_problem, pack_list_problems
from gaptracker.domain.errors import UserInputError
from gaptracker.domain.mentor import MentorRating, SharedBundle
from gaptracker.domain.models import (
    BUILT_IN_PACK_ID,
    ApplicabilityMark,
    Catalog,
    Checkin,
    Frozen,
    Goal,
    PackChoice,
    PlanEvent,
    Rating,
    TargetChange,
)
from gaptracker.domain.packs import PackId, PackVersion
from gaptracker.domain.text import json_safe

BACKUP_FORMAT: Literal["gaptracker-backup"] = "gaptracker-backup"
SCHEMA_VERSION: Literal[2] = 2
"""What `backup` writes; `restore` reads this and version 1."""


class BackupPack(Frozen):
    """A user pack that a row or a pack choice of the backup names: its id, version and
    content hash (catalog.packs.content_hash) and every file's text, so a restore on a
    machine without it can install it. Which files, how large, and whether they match
    the hash and check as a pack is the catalog's to say (catalog.backup_packs)."""

    id: PackId
    version: PackVersion
    content_hash: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    files: dict[str, str]


UserRow = (
    Rating
    | TargetChange
    | ApplicabilityMark
    | Checkin
    | Goal
    | PlanEvent
    | SharedBundle
    | MentorRating
)
"""A row the user made; each names the pack it was made under (`pack_id`)."""


class _Rows(Frozen):
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

    def rows(self) -> dict[str, tuple[UserRow, ...]]:
        """Every list of user rows, by field name."""
        return {
            "ratings": self.ratings,
            "target_changes": self.target_changes,
            "applicability_marks": self.applicability_marks,
            "checkins": self.checkins,
            "goals": self.goals,
            "plan_events": self.plan_events,
            "review_bundles": self.review_bundles,
            "mentor_ratings": self.mentor_ratings,
        }


class BackupDocumentV1(_Rows):
    """Version 1, from before packs: every row is the built-in pack's, no pack choices.
    Check-ins, goals and plan events came later within version 1, so they default to
    empty: an older backup still restores."""

    format: Literal["gaptracker-backup"] = BACKUP_FORMAT
    schema_version: Literal[1] = 1


class BackupDocument(_Rows):
    """Version 2: version 1's rows (each naming the pack it was made under), the history
    of `pack use`, and every user pack those name (`BackupPack`)."""

    format: Literal["gaptracker-backup"] = BACKUP_FORMAT
    schema_version: Literal[2] = SCHEMA_VERSION
    pack_choices: tuple[PackChoice, ...] = ()
    packs: tuple[BackupPack, ...] = ()

    def data(self) -> dict[str, object]:
        """The user's data without the backup's own metadata, for comparing two backups."""
        return self.model_dump(mode="json", exclude={"created_at", "app_version"})

    @property
    def is_empty(self) -> bool:
        return not (any(self.rows().values()) or self.pack_choices)

    def pack_ids(self) -> set[str]:
        """Every pack a row or a pack choice names, the built-in one included."""
        named = {row.pack_id for rows in self.rows().values() for row in rows}
        return named | {choice.pack_id for choice in self.pack_choices}

    def to_json(self) -> str:
        """The document; control and bidi characters in the user's text are written as
        `\\uXXXX` (domain.text.json_safe), so `cat` of a backup cannot drive a terminal."""
        return json_safe(self.model_dump_json(indent=2)) + "\n"


def read_backup(text: str, source: str) -> BackupDocument:
    """A backup file's text as a version 2 document (a version 1 one read as its rows,
    all of the built-in pack, and no choices); UserInputError (one line) if it is not
    exactly one of those shapes. What the rows mean is `check_backup`'s."""
    try:
        # pydantic's parser: bounded nesting (a JSON of 100,000 '[' is refused, not a
        # RecursionError) and no lone surrogates in strings.
        raw = from_json(text)
    except ValueError as exc:
        raise UserInputError(f"{source} is not a gaptracker backup: invalid JSON ({exc})") from None
    if not isinstance(raw, dict) or raw.get("format") != BACKUP_FORMAT:
        raise UserInputError(f"{source} is not a gaptracker backup (no 'format' marker)")
    version = raw.get("schema_version")
    if type(version) is not int or version not in (1, SCHEMA_VERSION):
        raise UserInputError(
            f"{source} is a backup of schema {version!r}, which this version of gaptracker"
            " cannot read"
        )
    model: type[_Rows] = BackupDocument if version == SCHEMA_VERSION else BackupDocumentV1
    try:
        # Strict: a level is a number, not "3"; a flag is true or false, not 1.
        document = model.model_validate_json(text, strict=True)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = _location(error["loc"])
        raise UserInputError(f"{source} is not a valid backup: {where}: {error['msg']}") from None
    if isinstance(document, BackupDocument):
        # Which packs it carries is settled before any of them is looked at (staged).
        problem = next(pack_list_problems(document), None)
        if problem is not None:
            raise UserInputError(f"{source} is not a valid backup: {problem}")
        return document
    for name, rows in document.rows().items():
        for i, row in enumerate(rows):
            if row.pack_id != BUILT_IN_PACK_ID:
                raise UserInputError(
                    f"{source} is not a valid backup: {name}[{i}].pack_id: a version 1"
                    f" backup holds only the built-in pack {BUILT_IN_PACK_ID!r}"
                )
    fields = {name: getattr(document, name) for name in _Rows.model_fields}
    return BackupDocument(**fields)


def check_backup(
    document: BackupDocument, source: str, packs: Mapping[str, KnownPack], now: dt.datetime
) -> None:
    """UserInputError naming the first row that breaks a rule (`backup_rules`) as of
    `now`; `packs`: each pack the backup names, as it will read once restored."""
    problem = first_problem(document, packs, now) or _mentor_problem(document)
    if problem is not None:
        raise UserInputError(f"{source} is not a valid backup: {problem}")


def parse_backup(text: str, source: str, catalog: Catalog, now: dt.datetime) -> BackupDocument:
    """`read_backup` and `check_backup` of a backup whose rows are all of the built-in
    pack, whose catalog is `catalog` (a row of another pack is refused as unknown)."""
    document = read_backup(text, source)
    check_backup(document, source, {BUILT_IN_PACK_ID: KnownPack(catalog)}, now)
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
