"""Everything the TUI shows at once, computed from one read of the history."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from gaptracker.domain.days import days_between, local_day
from gaptracker.domain.gap import (
    GapAnalysis,
    RoleFit,
    active_not_applicable,
    analyse_role,
    latest_ratings,
    role_fit,
)
from gaptracker.domain.mentor import MentorRating
from gaptracker.domain.models import ApplicabilityMark, Catalog, Checkin, Frozen, Rating, Role
from gaptracker.domain.plan import NextStep
from gaptracker.domain.progress import (
    DEFAULT_STALE_DAYS,
    NUDGE_DAYS,
    Forecast,
    GoalProgress,
    Move,
    stale_skills,
)
from gaptracker.domain.rubric import changed_rubrics
from gaptracker.domain.second_opinion import MentorReview
from gaptracker.domain.trend import TrendPoint


class Overview(Frozen):
    """The user's standing: target, its gap, fit for every role, latest rating per skill."""

    target_role: Role | None
    analysis: GapAnalysis | None
    """Gap analysis of the target role (None before a target is chosen)."""
    fits: tuple[RoleFit, ...]
    current: dict[str, Rating]
    """Latest rating per skill id, any skill (also those outside the target role)."""
    not_applicable: frozenset[str] = frozenset()
    """Skills marked not applicable for the target role."""
    marks: tuple[ApplicabilityMark, ...] = ()
    """Every not-applicable mark and undo, any role (role fit needs them all)."""
    stale_days: int = DEFAULT_STALE_DAYS
    rating_count: int = 0
    last_rating_on: dt.date | None = None
    """The latest day a rating counts on (never after `today`)."""
    today: dt.date
    last_checkin: Checkin | None = None
    moves: tuple[Move, ...] = ()
    """What moved since the last check-in started (its own changes included)."""
    stale: frozenset[str] = frozenset()
    """Skills whose latest rating is older than the staleness limit."""
    rubric_changed: frozenset[str] = frozenset()
    """Skills whose current rating was made against other level descriptors than the
    skill has now (`domain.rubric`), any skill: the check-in and assess screens say so."""
    must_weeks: dict[str, tuple[int | None, ...]] = Field(default_factory=dict)
    """Each Must skill's level at the end of each of the last 12 weeks (the overview's span)."""
    goals: tuple[GoalProgress, ...] = ()
    trend: tuple[TrendPoint, ...] = ()
    """Weekly readiness of the target role over the last 12 weeks (the history screen
    reads its year with Tracker.weekly())."""
    forecast: Forecast | None = None
    """When readiness reaches 80% at the recent pace (None before a target is chosen)."""
    next_steps: tuple[NextStep, ...] = ()
    """The three gaps worth closing first, with what to do next."""
    current_phase: int | None = None
    mentors: dict[str, dict[str, MentorRating]] = Field(default_factory=dict)
    """Each mentor's latest review, by skill (`domain.calibration.latest_reviews`)."""
    mentor_reviews: tuple[MentorReview, ...] = ()
    """Those reviews beside the target role's own levels (none before a target)."""

    @property
    def days_since_checkin(self) -> int | None:
        if self.last_checkin is None:
            return None
        return days_between(local_day(self.last_checkin.started_at), self.today)

    @property
    def checkin_due(self) -> bool:
        """A gentle nudge: the last check-in (or, without one, the last rating) is old."""
        days = self.days_since_checkin
        if days is None:
            days = self.days_since_last_rating
        return days is not None and days > NUDGE_DAYS

    @property
    def days_since_last_rating(self) -> int | None:
        return days_between(self.last_rating_on, self.today) if self.last_rating_on else None

    @property
    def first_assessment(self) -> bool:
        """True until the user has rated any skill: the target is then hidden by default."""
        return self.rating_count == 0


def with_rating(overview: Overview, catalog: Catalog, rating: Rating) -> Overview:
    """The standing as it will be once `rating` is saved, from the overview in hand.

    The app shows this the moment a rating is confirmed, while the save commits in a
    worker; the overview reloaded after the commit then replaces it. It recomputes what a
    rating moves at once (the current levels, the gap, role fit, staleness, the counts);
    the weekly series, moves, goals and next steps follow with the reload.
    """
    current = latest_ratings([*overview.current.values(), rating], overview.today)
    analysis = overview.analysis
    if overview.target_role is not None:
        active = active_not_applicable(overview.marks, overview.target_role.id)
        analysis = analyse_role(catalog, overview.target_role.id, current, active, overview.today)
    last = overview.last_rating_on
    day = rating.counted_day(overview.today)
    return overview.model_copy(
        update={
            "current": current,
            "analysis": analysis,
            "fits": role_fit(catalog, current, overview.marks),
            "stale": stale_skills(current, overview.today, overview.stale_days),
            "rubric_changed": changed_rubrics(catalog, current),
            "rating_count": overview.rating_count + 1,
            "last_rating_on": max(last, day) if last else day,
        }
    )
