"""The gap report and status line as data: one model that every renderer and `--json` uses.

`GapReport` is the documented JSON export (versioned by SCHEMA_VERSION); its field
docstrings become the descriptions in `gaptracker export --schema`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Literal

from pydantic import Field

from gaptracker.domain.days import local_day
from gaptracker.domain.gap import GapAnalysis, RoleFit
from gaptracker.domain.models import (
    BUILT_IN_PACK_ID,
    Catalog,
    Checkin,
    Frozen,
    Priority,
    Rating,
)
from gaptracker.domain.numbers import Percent
from gaptracker.domain.plan import NextStep, PhaseProgress, ProjectItem, StudyItem
from gaptracker.domain.progress import Forecast, ForecastStatus, GoalProgress, Move
from gaptracker.domain.second_opinion import MentorReview
from gaptracker.domain.trend import TrendPoint

SCHEMA_VERSION: Literal[2] = 2
"""2: readiness figures are rounded down (exactly 80 is ready); `forecast` tells reached,
on pace, beyond the horizon, not rising and too little history apart, and
`readiness_80_on` is a date only when on pace; each gap row carries its `history`.
Still 2 since: each gap row's `rubric_changed` (false when absent), an added field that
leaves every earlier one as it was."""


class ReportRole(Frozen):
    id: str
    name: str
    layer: int
    best_fit: str
    differentiates: str
    high_leverage_notes: tuple[str, ...]


class ReportRating(Frozen):
    """One rating in a skill's history, as entered."""

    effective_date: dt.date
    level: int
    note: str
    evidence: str


class ReportGapRow(Frozen):
    skill_id: str
    name: str
    category: str
    priority: Priority
    target: int = Field(ge=0, le=5)
    current: int | None = Field(description="Latest level, or null when never rated")
    gap: int = Field(ge=0, description="max(0, target - current); unrated counts as 0")
    weight: int = Field(description="Priority weight: must 3, should 2, could 1")
    weighted_gap: int
    met: bool
    rated_on: dt.date | None
    note: str
    evidence: str
    source_line: int = Field(description="Line of the career guide this requirement comes from")
    rationale: str
    history: tuple[ReportRating, ...] = Field(
        default=(),
        description="Every rating of this skill, oldest first (by the day it counts on,"
        " then entry order)",
    )
    rubric_changed: bool = Field(
        default=False,
        description="The current rating was made against other level descriptors than the"
        " skill has now: rubric changed since you rated, re-rate? Never set for an unrated"
        " skill, nor for a rating made before rubric digests were kept",
    )


class ReportNotApplicable(Frozen):
    skill_id: str
    name: str
    reason: str


class ReportRoleFit(Frozen):
    role_id: str
    name: str
    readiness: Percent
    must_readiness: Percent
    ready: bool


class ReportMove(Frozen):
    skill_id: str
    name: str
    before: int | None = Field(description="Level before the last check-in; null: unrated")
    after: int
    kind: Literal["up", "down", "new"]


class ReportGoal(Frozen):
    skill_id: str
    name: str
    level: int
    due: dt.date
    current: int
    status: Literal["done", "on track", "at risk", "overdue"]


class GapReport(Frozen):
    """A gap report for one role, as exported by `gaptracker export --format json`."""

    schema_version: Literal[2] = SCHEMA_VERSION
    generated_on: dt.date = Field(
        description="The day the report was made: the only thing that changes between two"
        " exports of the same data"
    )
    catalog_version: str
    pack: str = Field(
        default=BUILT_IN_PACK_ID,
        description="The skill pack the figures are about (its id; catalog_version is its"
        " version): readiness is never compared across packs",
    )
    role: ReportRole
    is_target: bool = Field(description="Whether this role is the user's current target")
    readiness: Percent = Field(
        description="Weighted share of targets met, 0-100, rounded down to one decimal"
    )
    must_readiness: Percent = Field(description="The same over Must skills only")
    ready: bool = Field(
        description="Readiness (exact, not the rounded figure) >= 80 and every Must skill"
        " at its target"
    )
    blocking_must: tuple[str, ...] = Field(description="Must skills below target")
    must_skills: tuple[ReportGapRow, ...]
    gaps: tuple[ReportGapRow, ...] = Field(
        description="Every applicable requirement, largest weighted gap first"
    )
    not_applicable: tuple[ReportNotApplicable, ...]
    unrated_count: int
    last_rating_on: dt.date | None
    role_fit: tuple[ReportRoleFit, ...] = Field(
        description="Readiness for every role, closest first"
    )
    trend: tuple[TrendPoint, ...] = Field(
        description="Weekly readiness for this role (up to 52 weeks), as the rating history"
        " stood at the end of each week"
    )
    last_checkin_on: dt.date | None = Field(default=None, description="Day of the last check-in")
    moves: tuple[ReportMove, ...] = Field(
        default=(), description="Skills whose level changed since the last check-in started"
    )
    goals: tuple[ReportGoal, ...] = ()
    phases: tuple[PhaseProgress, ...] = Field(
        default=(), description="The learning path's four phases and the progress in each"
    )
    study: tuple[StudyItem, ...] = Field(
        default=(), description="The role's high-leverage topics to study"
    )
    projects: tuple[ProjectItem, ...] = Field(default=(), description="Portfolio projects")
    next_steps: tuple[NextStep, ...] = Field(
        default=(), description="Gaps worth closing first: weighted gap times leverage"
    )
    forecast: Forecast = Field(
        default=Forecast(status=ForecastStatus.TOO_LITTLE_HISTORY),
        description="When readiness reaches 80% at the recent pace. status: 'reached' (at"
        " 80% already; `ready` also needs every Must skill at its target), 'on_pace' (date is"
        " set, within horizon_years), 'beyond_horizon' (rising, but not within"
        " horizon_years), 'not_rising' (flat or falling), 'too_little_history' (the weekly"
        " readiness spans under two weeks)",
    )
    readiness_80_on: dt.date | None = Field(
        default=None,
        description="The forecast's date: set only when forecast.status is 'on_pace'",
    )
    mentor_reviews: tuple[MentorReview, ...] = Field(
        default=(),
        description="Each mentor's latest review beside the user's own levels, with the"
        " calibration and readiness by the mentor's levels (`readiness` stays the user's)",
    )


def build_report(
    catalog: Catalog,
    analysis: GapAnalysis,
    fits: Sequence[RoleFit],
    last_rating_on: dt.date | None,
    target_role_id: str | None,
    generated_on: dt.date,
    trend: Sequence[TrendPoint] = (),
    progress: ReportProgress | None = None,
    histories: Mapping[str, Sequence[Rating]] | None = None,
    pack_id: str = BUILT_IN_PACK_ID,
    reviews: Sequence[MentorReview] = (),
) -> GapReport:
    """The report of one role; `histories` holds each skill's ratings, oldest first."""
    role = catalog.role(analysis.role_id)
    history = histories or {}
    rows = tuple(
        ReportGapRow(
            skill_id=r.skill_id,
            name=r.skill_name,
            category=r.category,
            priority=r.priority,
            target=r.target,
            current=r.current,
            gap=r.gap,
            weight=r.weight,
            weighted_gap=r.weighted_gap,
            met=r.met,
            rated_on=r.rated_on,
            note=r.note,
            evidence=r.evidence,
            source_line=r.source_line,
            rationale=r.rationale,
            rubric_changed=r.rubric_changed,
            history=tuple(
                ReportRating(
                    effective_date=h.effective_date, level=h.level, note=h.note, evidence=h.evidence
                )
                for h in history.get(r.skill_id, ())
            ),
        )
        for r in analysis.rows
    )
    must_ids = catalog.must_skills(role.id)
    extra = progress or ReportProgress()

    def name(skill_id: str) -> str:
        try:
            return catalog.skill(skill_id).name
        except KeyError:
            return skill_id  # a retired skill keeps its id as its name

    return GapReport(
        generated_on=generated_on,
        trend=tuple(trend),
        # A check-in started up to a day "ahead" (a restored moment, a clock set back)
        # shows as today, as every date ahead of today does.
        last_checkin_on=(
            min(local_day(extra.checkin.started_at), generated_on) if extra.checkin else None
        ),
        moves=tuple(
            ReportMove(
                skill_id=m.skill_id,
                name=name(m.skill_id),
                before=m.before,
                after=m.after,
                kind=m.kind,
            )
            for m in extra.moves
        ),
        goals=tuple(
            ReportGoal(
                skill_id=g.goal.skill_id,
                name=name(g.goal.skill_id),
                level=g.goal.level,
                due=g.goal.due,
                current=g.current,
                status=g.status.value,
            )
            for g in extra.goals
        ),
        forecast=extra.forecast,
        readiness_80_on=extra.forecast.date,
        mentor_reviews=tuple(reviews),
        phases=extra.phases,
        study=extra.study,
        projects=extra.projects,
        next_steps=extra.next_steps,
        catalog_version=catalog.version,
        pack=pack_id,
        role=ReportRole(
            id=role.id,
            name=role.name,
            layer=role.layer,
            best_fit=role.best_fit,
            differentiates=role.differentiates,
            high_leverage_notes=role.high_leverage_notes,
        ),
        is_target=target_role_id == role.id,
        readiness=analysis.readiness,
        must_readiness=analysis.must_readiness,
        ready=analysis.ready,
        blocking_must=tuple(r.skill_id for r in analysis.blocking_must),
        must_skills=tuple(
            sorted(
                (r for r in rows if r.skill_id in must_ids),
                key=lambda r: must_ids.index(r.skill_id),
            )
        ),
        gaps=rows,
        not_applicable=tuple(
            ReportNotApplicable(skill_id=n.skill_id, name=n.skill_name, reason=n.reason)
            for n in analysis.not_applicable
        ),
        unrated_count=analysis.unrated_count,
        last_rating_on=last_rating_on,
        role_fit=tuple(
            ReportRoleFit(
                role_id=f.role_id,
                name=f.role_name,
                readiness=f.readiness,
                must_readiness=f.must_readiness,
                ready=f.ready,
            )
            for f in fits
        ),
    )


class ReportProgress(Frozen):
    """What the progress features add to a report (empty until the user has check-ins)."""

    checkin: Checkin | None = None
    moves: tuple[Move, ...] = ()
    goals: tuple[GoalProgress, ...] = ()
    forecast: Forecast = Forecast(status=ForecastStatus.TOO_LITTLE_HISTORY)
    phases: tuple[PhaseProgress, ...] = ()
    study: tuple[StudyItem, ...] = ()
    projects: tuple[ProjectItem, ...] = ()
    next_steps: tuple[NextStep, ...] = ()
