"""Self against mentor: which mentor ratings count, and how far the user's own levels are
from them.

Several mentors and several reviews over time are kept apart by the mentor's name: for
each mentor the latest review counts (the later `reviewed_on`, then the later import),
whole, so a second review that leaves a skill out says the mentor did not rate it this
time. The figures are exact (`Fraction`); a display rounds them, no float decides.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from fractions import Fraction
from typing import Annotated

from pydantic import Field, PlainSerializer

from gaptracker.domain.mentor import MentorRating
from gaptracker.domain.models import UNSAVED, Frozen
from gaptracker.domain.numbers import decimal_text, json_rounded, round_to


class Lean(StrEnum):
    """Which way the user's own levels lean against the mentor's."""

    OVER = "over"
    """The user rates themselves higher than the mentor does, on the whole."""
    UNDER = "under"
    EVEN = "even"


Difference = Annotated[Fraction, PlainSerializer(json_rounded, return_type=float, when_used="json")]
"""An exact mean difference in levels; JSON shows it to three decimals."""


class Calibration(Frozen):
    """How the user's own levels compare with one mentor's latest review."""

    mentor: str
    both_rated: int = Field(ge=0, description="Skills that both the user and the mentor rated")
    mean_absolute_difference: Difference | None = Field(
        description="Mean of |self - mentor| over those skills, in levels; null when none"
    )
    mean_difference: Difference | None = Field(
        description="Mean of self - mentor: above 0 the user rates higher than the mentor"
    )
    lean: Lean | None = Field(description="over, under or even; null when no skill both rated")

    @property
    def mean_absolute_text(self) -> str:
        """The mean absolute difference to two decimals (rounded only here)."""
        if self.mean_absolute_difference is None:
            return "n/a"
        return decimal_text(round_to(self.mean_absolute_difference, 2), 2)


def review_key(rating: MentorRating) -> tuple[object, ...]:
    """Which review of a mentor is later: its day, then its import (row id)."""
    return (rating.reviewed_on, rating.id if rating.id is not None else UNSAVED)


def latest_reviews(ratings: Iterable[MentorRating]) -> dict[str, dict[str, MentorRating]]:
    """Per mentor (by name, in name order), the skills of their latest review."""
    newest: dict[str, tuple[tuple[object, ...], str]] = {}
    rows = list(ratings)
    for rating in rows:
        key = review_key(rating)
        held = newest.get(rating.mentor)
        if held is None or key > held[0]:
            newest[rating.mentor] = (key, rating.review_id)
    return {
        mentor: {r.skill_id: r for r in rows if r.review_id == review_id and r.mentor == mentor}
        for mentor, (_, review_id) in sorted(newest.items())
    }


def calibrate(mentor: str, own: Mapping[str, int], theirs: Mapping[str, int]) -> Calibration:
    """The user's `own` levels against a mentor's (`theirs`), over the skills both rated."""
    both = sorted(own.keys() & theirs.keys())
    if not both:
        return Calibration(
            mentor=mentor,
            both_rated=0,
            mean_absolute_difference=None,
            mean_difference=None,
            lean=None,
        )
    differences = [own[s] - theirs[s] for s in both]
    total = sum(differences)
    lean = Lean.OVER if total > 0 else Lean.UNDER if total < 0 else Lean.EVEN
    return Calibration(
        mentor=mentor,
        both_rated=len(both),
        mean_absolute_difference=Fraction(sum(abs(d) for d in differences), len(both)),
        mean_difference=Fraction(total, len(both)),
        lean=lean,
    )
