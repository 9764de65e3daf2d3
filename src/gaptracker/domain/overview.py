"""Everything the TUI shows at once, computed from one read of the history."""

from __future__ import annotations

import datetime as dt

from gaptracker.domain.gap import GapAnalysis, RoleFit
from gaptracker.domain.models import Frozen, Rating, Role


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

    @property
    def days_since_last_rating(self) -> int | None:
        return (self.today - self.last_rating_on).days if self.last_rating_on else None

    @property
    def first_assessment(self) -> bool:
        """True until the user has rated any skill: the target is then hidden by default."""
        return self.rating_count == 0
