"""Everything the TUI shows at once, computed from one read of the history."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from gaptracker.domain.gap import GapAnalysis, RoleFit
from gaptracker.domain.models import Checkin, Frozen, Rating, Role
from gaptracker.domain.plan import NextStep
from gaptracker.domain.progress import NUDGE_DAYS, GoalProgress, Move, Projection
from gaptracker.domain.trend import TrendPoint


class Overview(Frozen):
    """The user's standing: target, its gap, fit for every role, latest rating per skill."""

    target: Role | None
    analysis: GapAnalysis | None
    """Gap analysis of the target role (None before a target is chosen)."""
    fits: tuple[RoleFit, ...]
    current: dict[str, Rating]
    """Latest rating per skill id, any skill (also those outside the target role)."""
    not_applicable: frozenset[str] = frozenset()
    """Skills marked not applicable for the target role."""
    rating_count: int = 0
    last_rating_on: dt.date | None = None
    today: dt.date
    last_checkin: Checkin | None = None
    moves: tuple[Move, ...] = ()
    """What moved since the last check-in started (its own changes included)."""
    stale: frozenset[str] = frozenset()
    """Skills whose latest rating is older than the staleness limit."""
    must_weeks: dict[str, tuple[int | None, ...]] = Field(default_factory=dict)
    """Each Must skill's level at the end of each of the last 12 weeks (the overview's span)."""
    goals: tuple[GoalProgress, ...] = ()
    trend: tuple[TrendPoint, ...] = ()
    """Weekly readiness of the target role over the last 12 weeks (the history screen
    reads its year with Tracker.weekly())."""
    projection: Projection | None = None
    next_steps: tuple[NextStep, ...] = ()
    """The three gaps worth closing first, with what to do next."""
    current_phase: int | None = None

    @property
    def days_since_checkin(self) -> int | None:
        if self.last_checkin is None:
            return None
        return (self.today - self.last_checkin.started_at.date()).days

    @property
    def checkin_due(self) -> bool:
        """A gentle nudge: the last check-in (or, without one, the last rating) is old."""
        days = self.days_since_checkin
        if days is None:
            days = self.days_since_last_rating
        return days is not None and days > NUDGE_DAYS

    @property
    def days_since_last_rating(self) -> int | None:
        return (self.today - self.last_rating_on).days if self.last_rating_on else None

    @property
    def first_assessment(self) -> bool:
        """True until the user has rated any skill: the target is then hidden by default."""
        return self.rating_count == 0
