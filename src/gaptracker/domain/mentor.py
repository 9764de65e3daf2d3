"""A mentor's second opinion, exchanged as two files: the review request and the review.

`gaptracker share` writes a `ReviewRequest` (the bundle): who asks, for which role, each
skill with its six rubric descriptors, and only what the user chose to show (their
levels and the role's targets unless `--hide-targets`, their notes unless `--no-notes`).
The mentor's `gaptracker review` reads it without any database and writes a `Review`:
the bundle's id and content hash, the mentor's name and day, and per skill a level 0-5
and a note. `gaptracker import-review` stores the review beside the user's own ratings.

Nothing from disk is trusted: both files are parsed strictly (a level is a number, not
"3"; unknown fields are refused), sizes are bounded, names are one printable line and
free text is checked as every note is (domain.text). The hashes are integrity checks,
not signatures: `bundle_hash` ties a review to the exact bundle this database wrote, so a
review of another person's bundle, or of a bundle edited after `share`, is refused; the
review's own `digest` catches a review file edited by hand after `review` wrote it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Annotated, Literal, Self

from pydantic import AfterValidator, ConfigDict, Field, StringConstraints, model_validator

from gaptracker.domain.models import MAX_LEVEL, MIN_LEVEL, Frozen, Slug
from gaptracker.domain.text import MAX_TEXT_LENGTH, storable_text

REQUEST_FORMAT: Literal["gaptracker-review-request"] = "gaptracker-review-request"
REVIEW_FORMAT: Literal["gaptracker-review"] = "gaptracker-review"
MAX_SKILLS = 500
"""More skills than any pack has (the built-in one: 28): a bigger bundle is refused."""
MAX_NAME_LENGTH = 80
MAX_RUBRIC_LENGTH = 2_000
"""A descriptor or description is one or two sentences; a longer one is not a rubric."""
MAX_FILE_BYTES = 8 * 2**20
"""The largest bundle or review read: 500 skills with full notes fit in well under it."""

PACK_VERSION = r"^[0-9A-Za-z][0-9A-Za-z.+_-]{0,39}$"
"""A pack's version, as `domain.packs.VERSION_PATTERN` says (written out: importing that
module would load the skill-change models on every start of the app)."""
Id = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")]
"""A random 128-bit id, as 32 lowercase hex digits."""
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
ReviewLevel = Annotated[int, Field(ge=MIN_LEVEL, le=MAX_LEVEL)]


def _display_name(text: str) -> str:
    """A person's name as shown: one line of printable characters, not blank."""
    if not text.strip():
        raise ValueError("a name cannot be blank")
    if not text.isprintable():
        raise ValueError("a name must be one line of printable characters")
    return text


def _rubric_text(text: str) -> str:
    """A skill's name, description or descriptor: printable, so a hostile bundle cannot
    drive the mentor's terminal through the rubric it shows."""
    if not text.strip():
        raise ValueError("rubric text cannot be blank")
    if not text.isprintable():
        raise ValueError("rubric text must be printable (no control or bidi characters)")
    return text


Name = Annotated[str, StringConstraints(max_length=MAX_NAME_LENGTH), AfterValidator(_display_name)]
"""Who asks or who reviews: a display name, not an account."""
RubricText = Annotated[
    str, StringConstraints(max_length=MAX_RUBRIC_LENGTH), AfterValidator(_rubric_text)
]
NoteText = Annotated[
    str, StringConstraints(max_length=MAX_TEXT_LENGTH), AfterValidator(storable_text)
]
"""Free text: kept exactly (escaped only when shown, domain.text), at most a note's length."""


class Strict(Frozen):
    """Frozen, unknown fields refused, and no coercion: what a file says is what it means."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True, defer_build=True)


class SharedSkill(Strict):
    """One skill of a review request: its rubric, and what the user chose to show."""

    id: Slug = Field(max_length=100)
    name: RubricText
    description: RubricText
    levels: tuple[RubricText, RubricText, RubricText, RubricText, RubricText, RubricText]
    """What a person at level 0..5 of this skill can show: the mentor rates against it."""
    target: int | None = Field(default=None, ge=1, le=MAX_LEVEL)
    """The role's target; None when the targets are hidden."""
    level: ReviewLevel | None = None
    """The user's own current level; None when hidden, or never rated."""
    note: NoteText | None = None
    """The note of that rating; None when notes are not shared."""


class ReviewRequest(Strict):
    """The bundle `gaptracker share` writes (version 1)."""

    format: Literal["gaptracker-review-request"] = REQUEST_FORMAT
    schema_version: Literal[1] = 1
    id: Id
    created_at: dt.datetime
    who: Name
    role_id: Slug = Field(max_length=100)
    role_name: RubricText
    pack_id: Slug = Field(max_length=40)
    pack_version: str = Field(pattern=PACK_VERSION)
    targets_hidden: bool
    """A blind review: neither the role's targets nor the user's levels are in it."""
    notes_shared: bool
    skills: tuple[SharedSkill, ...] = Field(min_length=1, max_length=MAX_SKILLS)

    @model_validator(mode="after")
    def _carries_only_what_was_shared(self) -> Self:
        ids = [s.id for s in self.skills]
        if len(set(ids)) != len(ids):
            raise ValueError("a skill appears twice")
        for skill in self.skills:
            if self.targets_hidden and (skill.target is not None or skill.level is not None):
                raise ValueError(f"{skill.id}: targets are hidden, yet a level is given")
            if not self.notes_shared and skill.note is not None:
                raise ValueError(f"{skill.id}: notes are not shared, yet a note is given")
            if skill.level is None and skill.note is not None:
                raise ValueError(f"{skill.id}: a note without the level it belongs to")
        return self

    @property
    def content_hash(self) -> str:
        """The SHA-256 of the bundle's canonical JSON: what a review names it by."""
        return canonical_hash(self.model_dump(mode="json"))

    def skill(self, skill_id: str) -> SharedSkill | None:
        return next((s for s in self.skills if s.id == skill_id), None)

    def to_json(self) -> str:
        return to_file_json(self.model_dump(mode="json"))


class MentorLevel(Strict):
    """The mentor's level and note on one skill."""

    skill_id: Slug = Field(max_length=100)
    level: ReviewLevel
    note: NoteText = ""


class Review(Strict):
    """The file `gaptracker review` writes (version 1)."""

    format: Literal["gaptracker-review"] = REVIEW_FORMAT
    schema_version: Literal[1] = 1
    id: Id
    bundle_id: Id
    bundle_hash: Sha256
    """`ReviewRequest.content_hash` of the bundle as the mentor read it."""
    mentor: Name
    reviewed_on: dt.date
    created_at: dt.datetime
    levels: tuple[MentorLevel, ...] = Field(min_length=1, max_length=MAX_SKILLS)
    digest: Sha256
    """The SHA-256 of everything above (`review_digest`): a hand-edited file fails it."""

    @model_validator(mode="after")
    def _one_level_per_skill(self) -> Self:
        ids = [m.skill_id for m in self.levels]
        if len(set(ids)) != len(ids):
            raise ValueError("a skill is rated twice")
        return self

    @property
    def digest_matches(self) -> bool:
        return review_digest(self.model_dump(mode="json", exclude={"digest"})) == self.digest

    def to_json(self) -> str:
        return to_file_json(self.model_dump(mode="json"))


def canonical_hash(data: object) -> str:
    """SHA-256 of `data` as canonical JSON (sorted keys, no spaces, ASCII escapes), so the
    same content hashes the same however the file was indented."""
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def review_digest(body: dict[str, object]) -> str:
    """The digest of a review's fields other than `digest` itself."""
    return canonical_hash({k: v for k, v in body.items() if k != "digest"})


def to_file_json(data: object) -> str:
    """Indented JSON in ASCII: every non-ASCII character as `\\uXXXX`, so `cat` of a file
    cannot drive a terminal and the bytes hash the same on every machine."""
    return json.dumps(data, indent=2, ensure_ascii=True) + "\n"


class SharedBundle(Frozen):
    """What this database keeps of a bundle it wrote: enough to know a review of it."""

    id: Id
    content_hash: Sha256
    role_id: Slug
    skill_ids: tuple[Slug, ...]
    created_at: dt.datetime
    pack_id: Slug


class MentorRating(Frozen):
    """One level a mentor gave, as imported; append-only like the user's own ratings."""

    review_id: Id
    bundle_id: Id
    mentor: Name
    reviewed_on: dt.date
    skill_id: Slug
    level: ReviewLevel
    note: NoteText = ""
    imported_at: dt.datetime
    pack_id: Slug
    id: int | None = None
