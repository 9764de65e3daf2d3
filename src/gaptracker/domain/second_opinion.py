"""Self and mentor side by side: per skill both levels and the difference, the
calibration summary, and readiness by the mentor's levels, for every report and view.

Readiness stays the user's own everywhere; the figure by a mentor's levels is computed
the same way (`gap.analyse_role`, the same targets, weights and not-applicable marks)
and always carries the mentor's name, so the two cannot be mistaken for each other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from pydantic import Field

from gaptracker.domain.calibration import Calibration, calibrate
from gaptracker.domain.gap import analyse_role
from gaptracker.domain.mentor import MentorRating
from gaptracker.domain.models import ApplicabilityMark, Catalog, Frozen, Rating
from gaptracker.domain.numbers import Percent


class MentorRow(Frozen):
    """One skill of a role: the user's level and the mentor's, and how far apart."""

    skill_id: str
    name: str
    target: int
    own: int | None = Field(description="The user's current level; null: never rated")
    mentor: int | None = Field(description="The mentor's level; null: not in the review")
    difference: int | None = Field(
        description="own - mentor (above 0: the user rates higher); null unless both rated"
    )
    mentor_note: str


class MentorReview(Frozen):
    """One mentor's latest review of a role, beside the user's own levels."""

    mentor: str
    reviewed_on: dt.date
    readiness_by_mentor: Percent = Field(
        description="Readiness by this mentor's levels (the user's own is `readiness`)"
    )
    must_readiness_by_mentor: Percent
    ready_by_mentor: bool
    calibration: Calibration
    rows: tuple[MentorRow, ...]


def as_ratings(levels: Mapping[str, MentorRating], catalog_version: str) -> dict[str, Rating]:
    """A mentor's levels as ratings, for the same readiness rules the user's go through."""
    return {
        skill_id: Rating(
            skill_id=skill_id,
            level=given.level,
            note=given.note,
            effective_date=given.reviewed_on,
            created_at=given.imported_at,
            catalog_version=catalog_version,
            pack_id=given.pack_id,
        )
        for skill_id, given in levels.items()
    }


def mentor_reviews(
    catalog: Catalog,
    role_id: str,
    current: Mapping[str, Rating],
    reviews: Mapping[str, Mapping[str, MentorRating]],
    not_applicable: Mapping[str, ApplicabilityMark],
    today: dt.date,
) -> tuple[MentorReview, ...]:
    """Each mentor's latest review (in name order) of the skills `role_id` requires."""
    skipped = not_applicable
    required = [r for r in catalog.requirements_for(role_id) if r.skill_id not in skipped]
    found = []
    for mentor, levels in reviews.items():
        theirs = {r.skill_id: levels[r.skill_id] for r in required if r.skill_id in levels}
        if not theirs:
            continue  # a review of another role's skills
        analysis = analyse_role(
            catalog, role_id, as_ratings(theirs, catalog.version), skipped, today
        )
        own = {s: current[s].level for s in (r.skill_id for r in required) if s in current}
        rows = tuple(_row(catalog, r.skill_id, r.target, own, theirs) for r in required)
        found.append(
            MentorReview(
                mentor=mentor,
                reviewed_on=max(m.reviewed_on for m in theirs.values()),
                readiness_by_mentor=analysis.readiness,
                must_readiness_by_mentor=analysis.must_readiness,
                ready_by_mentor=analysis.ready,
                calibration=calibrate(mentor, own, {s: m.level for s, m in theirs.items()}),
                rows=rows,
            )
        )
    return tuple(found)


def _row(
    catalog: Catalog,
    skill_id: str,
    target: int,
    own: Mapping[str, int],
    theirs: Mapping[str, MentorRating],
) -> MentorRow:
    mine = own.get(skill_id)
    given = theirs.get(skill_id)
    return MentorRow(
        skill_id=skill_id,
        name=catalog.skill(skill_id).name,
        target=target,
        own=mine,
        mentor=given.level if given else None,
        difference=mine - given.level if mine is not None and given is not None else None,
        mentor_note=given.note if given else "",
    )
