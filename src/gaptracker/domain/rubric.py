"""Rubric drift: a rating made against level descriptors that have changed since.

A rating keeps the digest of the rubric it was made against (`Rating.rubric_digest`):
sha256 over the skill's six level descriptors, 0 to 5. When the skill as the active pack
reads it now (after renames and merges, `domain.skill_changes`) has another digest, the
level the user chose meant something else then, so the rating is flagged
`RUBRIC_CHANGED`. A skill only renamed, with the same descriptors, keeps its digest and
is not flagged. A rating without a digest was made before digests were kept: nothing is
known about the rubric it was made against, so it is never flagged (guessing would flag
every old rating the day this shipped).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from functools import cache

from gaptracker.domain.models import Catalog, Rating, Skill

RUBRIC_CHANGED = "rubric changed since you rated: re-rate?"
"""What the dashboard, the check-in, the assess screen and the reports say."""
RUBRIC_MARK = "*"
"""Beside a current level in a table, with `RUBRIC_CHANGED` under it saying what it means."""
DIGEST_PATTERN = re.compile(r"[0-9a-f]{64}")
"""A rubric digest as it is stored: sha256, 64 lowercase hex digits."""


def rubric_digest(skill: Skill) -> str:
    """The digest of a skill's rubric: sha256 (hex) of its level descriptors in level
    order, encoded as a JSON array of strings (UTF-8, no whitespace, no escaping beyond
    JSON's), so no two lists of descriptors share an encoding. Only the descriptors
    count: a new name, description or id leaves it as it was."""
    return _digest(skill.levels)


@cache
def _digest(levels: tuple[str, ...]) -> str:
    encoded = json.dumps(list(levels), ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(encoded.encode("utf-8", "surrogatepass")).hexdigest()


def is_digest(value: str) -> bool:
    """Whether `value` is a digest as `rubric_digest` writes it."""
    return DIGEST_PATTERN.fullmatch(value) is not None


def rubric_changed(rating: Rating | None, skill: Skill) -> bool:
    """Whether `rating` (as the active pack reads it: its `skill_id` resolved) was made
    against another rubric than `skill` has now. No rating, or one without a digest (made
    before digests were kept), is never flagged."""
    if rating is None or rating.rubric_digest is None:
        return False
    return rating.rubric_digest != rubric_digest(skill)


def changed_rubrics(catalog: Catalog, current: Mapping[str, Rating]) -> frozenset[str]:
    """The skills whose current rating (`current`, as the pack reads it) was made against
    another rubric than the skill has now; skills the catalog does not hold are left out."""
    known = {skill.id: skill for skill in catalog.skills}
    return frozenset(
        skill_id
        for skill_id, rating in current.items()
        if skill_id in known and rubric_changed(rating, known[skill_id])
    )
