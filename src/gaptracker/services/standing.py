"""The overview and the report, each built from one bounded read: the standing.

One transaction reads all that either shows: one rating per skill (now, first, and as it
stood when the last check-in started), the ratings of the weeks shown, and the small
tables, never the years before. So the dashboard and an export cost the same after ten
years of check-ins as after one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from gaptracker.domain.active_pack import BUILT_IN, ActivePack
from gaptracker.domain.gap import (
    active_not_applicable,
    analyse_role,
    latest_ratings,
    role_fit,
)
from gaptracker.domain.mentor import MentorRating
from gaptracker.domain.models import (
    ApplicabilityMark,
    Catalog,
    Checkin,
    Goal,
    PlanEvent,
    PlanKind,
    Rating,
    Role,
)
from gaptracker.domain.overview import Overview
from gaptracker.domain.plan import (
    NextStep,
    current_phase,
    latest_events,
    next_steps,
    phase_progress,
    project_items,
    study_items,
)
from gaptracker.domain.ports import UnitOfWork, UnitOfWorkFactory
from gaptracker.domain.progress import (
    Move,
    forecast_readiness,
    goals_progress,
    moves_between,
    stale_skills,
)
from gaptracker.domain.rubric import changed_rubrics
from gaptracker.domain.second_opinion import MentorReview, mentor_reviews
from gaptracker.domain.trend import TrendPoint, week_end, weekly_levels, weekly_readiness
from gaptracker.services.mentor import mentors_now
from gaptracker.services.status import current_target, first_ratings, newest_counted

if TYPE_CHECKING:
    from gaptracker.domain.report import GapReport

TREND_WEEKS = 52
"""How many weeks of readiness the report and the history screen show."""
DASHBOARD_WEEKS = 12
"""How many weeks the overview covers: the Must sparklines and the projection's pace."""


@dataclass(frozen=True)
class Standing:
    """One consistent read of what the overview and the report show."""

    target_role: Role | None
    current: dict[str, Rating]
    recent: list[Rating]
    """Each skill's rating as it stood when the weeks shown began, then every later one."""
    last_checkin: Checkin | None
    before: dict[str, Rating]
    """The ratings as they stood when the last check-in started."""
    goals: list[Goal]
    first: dict[str, Rating]
    """Each skill's first rating, which goals measure progress from: empty without goals."""
    marks: list[ApplicabilityMark]
    plan_events: dict[tuple[PlanKind, str], PlanEvent]
    rating_count: int
    last_rating_on: dt.date | None
    """The latest day a rating counts on (never after the day read)."""
    histories: dict[str, list[Rating]]
    """Every rating of each skill, oldest first: read for reports only (else empty)."""
    mentors: dict[str, dict[str, MentorRating]] = field(default_factory=dict)
    """Each mentor's latest review, by skill (services.mentor.mentors_now)."""

    @property
    def moves(self) -> tuple[Move, ...]:
        return moves_between(self.before, self.current) if self.last_checkin else ()


def read_standing(
    catalog: Catalog,
    uow_factory: UnitOfWorkFactory,
    today: dt.date,
    weeks: int,
    histories_of: frozenset[str] = frozenset(),
    pack: ActivePack = BUILT_IN,
) -> Standing:
    """The standing today, with the last `weeks` weeks of ratings (and the whole history
    of the skills in `histories_of`, which only a report shows)."""
    with uow_factory(reading=True) as uow:
        last = uow.checkins.latest()
        goals = list(uow.goals.list())
        newest = newest_counted(uow, today, pack)
        # The last rating that counts under the active pack, as `status` says it: one
        # of another pack, or of a skill the pack retired, is not the figures' last.
        last_day = max((r.effective_date for r in newest), default=None)
        return Standing(
            target_role=current_target(catalog, uow),
            current=latest_ratings(newest, today),
            recent=recent_ratings(uow, week_end(today) - dt.timedelta(weeks=weeks), pack),
            last_checkin=last,
            before=_ratings_before(uow, last, today, pack),
            goals=goals,
            first=first_ratings(uow, today, pack) if goals else {},
            marks=list(uow.marks.list()),
            plan_events=latest_events(uow.plan.latest()),
            rating_count=uow.ratings.count(),
            last_rating_on=min(last_day, today) if last_day else None,
            histories=_histories(uow, histories_of, today, pack),
            mentors=mentors_now(uow, pack),
        )


def recent_ratings(uow: UnitOfWork, day: dt.date, pack: ActivePack = BUILT_IN) -> list[Rating]:
    """Every skill's rating as it stood on `day`, then every rating effective after it,
    as `pack` reads them: exactly what any weekly figure after `day` needs."""
    packs = pack.lineage
    return pack.counted(
        [*uow.ratings.latest(effective_by=day, packs=packs), *uow.ratings.since(day, packs=packs)]
    )


def _ratings_before(
    uow: UnitOfWork, checkin: Checkin | None, today: dt.date, pack: ActivePack
) -> dict[str, Rating]:
    """The ratings as they stood when `checkin` started (what its moves compare with)."""
    if checkin is None:
        return {}
    packs = pack.lineage
    newest = uow.ratings.latest(
        effective_by=today, entered_by=checkin.started_at, outside_checkin=checkin.id, packs=packs
    )
    ahead = [
        r
        for r in uow.ratings.since(today, packs=packs)
        if r.created_at <= checkin.started_at and r.checkin_id != checkin.id
    ]
    return latest_ratings(pack.counted([*newest, *ahead]), today)


def _histories(
    uow: UnitOfWork, skill_ids: frozenset[str], today: dt.date, pack: ActivePack
) -> dict[str, list[Rating]]:
    """Every counted rating of each skill, as the pack reads it (the report's timelines)."""
    histories: dict[str, list[Rating]] = {}
    if not skill_ids:
        return histories
    counted = pack.counted(uow.ratings.list())
    for rating in sorted(counted, key=lambda r: r.counted_key(today)):
        if rating.skill_id in skill_ids:
            histories.setdefault(rating.skill_id, []).append(rating)
    return histories


def overview_of(catalog: Catalog, standing: Standing, today: dt.date, stale_days: int) -> Overview:
    """The TUI's whole picture, from a standing read with DASHBOARD_WEEKS of ratings."""
    target, current, recent = standing.target_role, standing.current, standing.recent
    marks, plan_events = standing.marks, standing.plan_events
    analysis, skipped = None, frozenset[str]()
    trend: tuple[TrendPoint, ...] = ()
    steps: tuple[NextStep, ...] = ()
    phase: int | None = None
    reviews: tuple[MentorReview, ...] = ()
    if target is not None:
        active = active_not_applicable(marks, target.id)
        reviews = mentor_reviews(catalog, target.id, current, standing.mentors, active, today)
        skipped = frozenset(active)
        analysis = analyse_role(catalog, target.id, current, active, today)
        trend = weekly_readiness(catalog, target.id, recent, active, today, DASHBOARD_WEEKS)
        study = study_items(catalog, target.id, plan_events)
        projects = project_items(catalog, plan_events)
        steps = next_steps(catalog, analysis, study, projects, limit=3)
        phase = current_phase(phase_progress(catalog, analysis, plan_events))
    # Built from validated records by domain functions: validating the aggregate again
    # would build its whole nested schema (about 15 ms of the first frame) for nothing.
    return Overview.model_construct(
        mentors=standing.mentors,
        mentor_reviews=reviews,
        next_steps=steps,
        current_phase=phase,
        target_role=target,
        analysis=analysis,
        fits=role_fit(catalog, current, marks),
        current=current,
        not_applicable=skipped,
        marks=tuple(marks),
        stale_days=stale_days,
        rating_count=standing.rating_count,
        last_rating_on=standing.last_rating_on,
        today=today,
        last_checkin=standing.last_checkin,
        moves=standing.moves,
        stale=stale_skills(current, today, stale_days),
        rubric_changed=changed_rubrics(catalog, current),
        must_weeks={
            m: weekly_levels(recent, m, today, DASHBOARD_WEEKS)
            for m in (catalog.must_skills(target.id) if target is not None else ())
        },
        goals=goals_progress(standing.goals, standing.first, current, today),
        trend=tuple(trend),
        forecast=(
            forecast_readiness(trend, today, analysis.readiness) if analysis is not None else None
        ),
    )


def report_of(
    catalog: Catalog, role: Role, standing: Standing, today: dt.date, pack: ActivePack = BUILT_IN
) -> GapReport:
    """The gap report of `role`, from a standing read with TREND_WEEKS of ratings."""
    from gaptracker.domain.report import ReportProgress, build_report  # for exports only

    active = active_not_applicable(standing.marks, role.id)
    current = standing.current
    trend = weekly_readiness(catalog, role.id, standing.recent, active, today, TREND_WEEKS)
    analysis = analyse_role(catalog, role.id, current, active, today)
    study = study_items(catalog, role.id, standing.plan_events)
    projects = project_items(catalog, standing.plan_events)
    progress = ReportProgress(
        checkin=standing.last_checkin,
        moves=standing.moves,
        goals=goals_progress(standing.goals, standing.first, current, today),
        forecast=forecast_readiness(trend, today, analysis.readiness),
        phases=phase_progress(catalog, analysis, standing.plan_events),
        study=study,
        projects=projects,
        next_steps=next_steps(catalog, analysis, study, projects),
    )
    return build_report(
        catalog,
        analysis,
        role_fit(catalog, current, standing.marks),
        standing.last_rating_on,
        standing.target_role.id if standing.target_role else None,
        today,
        trend,
        progress,
        standing.histories,
        pack.id,
        mentor_reviews(catalog, role.id, current, standing.mentors, active, today),
    )
