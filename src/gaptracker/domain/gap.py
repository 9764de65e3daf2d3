"""The gap engine: per-skill gaps, readiness, the gated "ready" verdict and role fit.

Readiness formula (also in README.md). For the role's applicable requirements r:

    readiness = 100 * sum(w_r * min(current_r, target_r) / target_r) / sum(w_r)

where w_r is the priority weight (must 3, should 2, could 1) and an unrated skill counts
as 0. Partial credit keeps the figure moving as a skill improves; capping at the target
means overshooting one skill cannot hide a gap in another. Must readiness is the same
fraction over the Must requirements alone. A skill marked not applicable leaves both
sides of the fraction. A role with no applicable requirement has readiness 100.

The verdict is gated: a role is "ready" when readiness is at least READY_THRESHOLD (80)
and every Must skill is at its target; a Must gap blocks it whatever the figure says.
Every figure is an exact Fraction (domain.numbers), so exactly 80 is ready.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from fractions import Fraction

from gaptracker.domain.models import (
    ApplicabilityMark,
    Catalog,
    Frozen,
    Priority,
    Rating,
    Requirement,
    Skill,
)
from gaptracker.domain.numbers import Percent
from gaptracker.domain.rubric import rubric_changed

READY_THRESHOLD = Fraction(80)
"""Readiness (percent) from which a role counts as ready, if no Must skill blocks it."""


class GapRow(Frozen):
    """One required skill of a role, with the user's standing on it."""

    skill_id: str
    skill_name: str
    category: str
    priority: Priority
    target: int
    current: int | None
    """Latest rated level, or None when the skill has never been rated."""
    rated_on: dt.date | None = None
    note: str = ""
    evidence: str = ""
    source_line: int
    rationale: str
    rubric_changed: bool = False
    """The current rating was made against other level descriptors than the skill has
    now (`domain.rubric`): worth a re-rate. Never for an unrated skill, nor for a rating
    made before digests were kept."""

    @property
    def level(self) -> int:
        """The level used in the arithmetic: unrated counts as 0."""
        return self.current if self.current is not None else 0

    @property
    def gap(self) -> int:
        return max(0, self.target - self.level)

    @property
    def weight(self) -> int:
        return self.priority.weight

    @property
    def weighted_gap(self) -> int:
        return self.gap * self.weight

    @property
    def met(self) -> bool:
        return self.gap == 0

    @property
    def credit(self) -> Fraction:
        """Share of this target that is met, 0-1."""
        return Fraction(min(self.level, self.target), self.target)


class NotApplicableRow(Frozen):
    """A required skill the user marked not applicable for the role, with the reason."""

    skill_id: str
    skill_name: str
    reason: str
    marked_at: dt.datetime


class GapAnalysis(Frozen):
    """The gap view of one role."""

    role_id: str
    role_name: str
    rows: tuple[GapRow, ...]
    """Applicable requirements, largest weighted gap first."""
    not_applicable: tuple[NotApplicableRow, ...] = ()
    readiness: Percent
    must_readiness: Percent

    @property
    def must_rows(self) -> tuple[GapRow, ...]:
        return tuple(r for r in self.rows if r.priority is Priority.MUST)

    @property
    def blocking_must(self) -> tuple[GapRow, ...]:
        """Must skills below target: each one alone keeps the role from being ready."""
        return tuple(r for r in self.must_rows if not r.met)

    @property
    def ready(self) -> bool:
        return self.readiness >= READY_THRESHOLD and not self.blocking_must

    @property
    def unrated_count(self) -> int:
        return sum(1 for r in self.rows if r.current is None)

    @property
    def must_met_count(self) -> int:
        return sum(1 for r in self.must_rows if r.met)


def latest_ratings(ratings: Iterable[Rating], today: dt.date) -> dict[str, Rating]:
    """The current rating per skill: the latest counted day, then the latest entry
    (`Rating.counted_key`: a date ahead of today counts as today)."""
    latest: dict[str, Rating] = {}
    for rating in ratings:
        held = latest.get(rating.skill_id)
        if held is None or rating.counted_key(today) >= held.counted_key(today):
            latest[rating.skill_id] = rating
    return latest


def earliest_ratings(ratings: Iterable[Rating], today: dt.date) -> dict[str, Rating]:
    """The first rating per skill, in the same order as latest_ratings()."""
    earliest: dict[str, Rating] = {}
    for rating in ratings:
        held = earliest.get(rating.skill_id)
        if held is None or rating.counted_key(today) < held.counted_key(today):
            earliest[rating.skill_id] = rating
    return earliest


def active_not_applicable(
    marks: Iterable[ApplicabilityMark], role_id: str
) -> dict[str, ApplicabilityMark]:
    """Skills currently marked not applicable for the role (an undo clears the mark)."""
    current: dict[str, ApplicabilityMark] = {}
    for mark in sorted(marks, key=lambda m: m.created_at):
        if mark.role_id == role_id:
            current[mark.skill_id] = mark
    return {skill_id: m for skill_id, m in current.items() if m.not_applicable}


def readiness_figures(
    catalog: Catalog,
    role_id: str,
    current: Mapping[str, Rating],
    not_applicable: Mapping[str, ApplicabilityMark] | None = None,
) -> tuple[Fraction, Fraction]:
    """(readiness, Must readiness) by the formula above, exactly, without building the
    rows: the one place the formula is computed (analyse_role uses it too), cheap enough
    for a weekly series."""
    marks = not_applicable or {}
    parts: list[tuple[int, Fraction, bool]] = []
    for req in catalog.requirements_for(role_id):
        if req.skill_id in marks:
            continue
        rating = current.get(req.skill_id)
        level = rating.level if rating is not None else 0
        credit = Fraction(min(level, req.target), req.target)
        parts.append((req.priority.weight, credit, req.priority is Priority.MUST))
    return _percent(parts), _percent(p for p in parts if p[2])


def _percent(parts: Iterable[tuple[int, Fraction, bool]]) -> Fraction:
    parts = list(parts)
    total = sum(weight for weight, _, _ in parts)
    if total == 0:
        return Fraction(100)
    return 100 * sum((weight * credit for weight, credit, _ in parts), Fraction(0)) / total


def analyse_role(
    catalog: Catalog,
    role_id: str,
    current: Mapping[str, Rating],
    not_applicable: Mapping[str, ApplicabilityMark] | None = None,
    today: dt.date | None = None,
) -> GapAnalysis:
    """Gap analysis of one role from the current rating per skill and the role's N/A marks.

    `today`: each row's `rated_on` is the day its rating counts on (a date ahead of today
    shows as today, README's time rule); without it, the date as stored."""
    role = catalog.role(role_id)
    marks = not_applicable or {}
    rows: list[GapRow] = []
    skipped: list[NotApplicableRow] = []
    for req in catalog.requirements_for(role_id):
        skill = catalog.skill(req.skill_id)
        if req.skill_id in marks:
            mark = marks[req.skill_id]
            skipped.append(
                NotApplicableRow(
                    skill_id=skill.id,
                    skill_name=skill.name,
                    reason=mark.reason,
                    marked_at=mark.created_at,
                )
            )
            continue
        rows.append(_row(req, skill, current.get(req.skill_id), today))
    rows.sort(key=_row_order)
    readiness, must_readiness = readiness_figures(catalog, role_id, current, marks)
    return GapAnalysis(
        role_id=role.id,
        role_name=role.name,
        rows=tuple(rows),
        not_applicable=tuple(skipped),
        readiness=readiness,
        must_readiness=must_readiness,
    )


def _row(req: Requirement, skill: Skill, rating: Rating | None, today: dt.date | None) -> GapRow:
    rated_on = None
    if rating is not None:
        rated_on = rating.counted_day(today) if today else rating.effective_date
    return GapRow(
        skill_id=req.skill_id,
        skill_name=skill.name,
        category=skill.category.value,
        priority=req.priority,
        target=req.target,
        current=rating.level if rating else None,
        rated_on=rated_on,
        note=rating.note if rating else "",
        evidence=rating.evidence if rating else "",
        source_line=req.source_line,
        rationale=req.rationale,
        rubric_changed=rubric_changed(rating, skill),
    )


def _row_order(row: GapRow) -> tuple[int, int, int, str]:
    """Largest weighted gap first; ties: higher priority, then larger gap, then by id."""
    return (-row.weighted_gap, -row.weight, -row.gap, row.skill_id)


class RoleFit(Frozen):
    """Readiness for one role, for ranking the roles a user is closest to."""

    role_id: str
    role_name: str
    readiness: Percent
    must_readiness: Percent
    ready: bool


def role_fit(
    catalog: Catalog,
    current: Mapping[str, Rating],
    marks: Iterable[ApplicabilityMark] = (),
) -> tuple[RoleFit, ...]:
    """Readiness for every role, closest first (ties keep the guide's order)."""
    marks = list(marks)
    fits = []
    for role in catalog.roles:
        analysis = analyse_role(catalog, role.id, current, active_not_applicable(marks, role.id))
        fits.append(
            RoleFit(
                role_id=role.id,
                role_name=role.name,
                readiness=analysis.readiness,
                must_readiness=analysis.must_readiness,
                ready=analysis.ready,
            )
        )
    return tuple(sorted(fits, key=lambda f: (-f.readiness, -f.must_readiness)))
