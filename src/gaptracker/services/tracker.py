"""The use cases: set the target, rate, mark not applicable, read the gap, status, report.

Every write opens its own unit of work and commits before returning, so a confirmed
action is on disk when the call returns. Reads open their own unit of work too, which
keeps the TUI's worker threads independent of each other.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from gaptracker.domain.errors import UserInputError
from gaptracker.domain.gap import (
    GapAnalysis,
    RoleFit,
    active_not_applicable,
    analyse_role,
    earliest_ratings,
    latest_ratings,
    role_fit,
)
from gaptracker.domain.lookup import catalog_skill, find_role, find_skill, parse_level
from gaptracker.domain.models import (
    ApplicabilityMark,
    Catalog,
    Checkin,
    Goal,
    PlanEvent,
    PlanKind,
    Rating,
    Role,
    TargetChange,
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
from gaptracker.domain.ports import Clock, SystemClock, UnitOfWork, UnitOfWorkFactory
from gaptracker.domain.progress import (
    DEFAULT_STALE_DAYS,
    GoalProgress,
    Move,
    Rhythm,
    activity_weeks,
    goals_progress,
    heatmap,
    moves_between,
    project_readiness,
    stale_skills,
    streak,
)
from gaptracker.domain.status import StatusSummary
from gaptracker.domain.trend import TrendPoint, week_end, weekly_levels, weekly_readiness
from gaptracker.services.bulk import collection_paused
from gaptracker.services.checkin import CheckinService
from gaptracker.services.plan import PlanService
from gaptracker.services.status import current_target, read_status

if TYPE_CHECKING:
    from gaptracker.domain.report import GapReport

TREND_WEEKS = 52
"""How many weeks of readiness the report and the history screen show."""
DASHBOARD_WEEKS = 12
"""How many weeks the overview covers: the Must sparklines and the projection's pace."""
HEATMAP_WEEKS = 52
"""The history screen's strip of active weeks."""


@dataclass(frozen=True)
class _Standing:
    """One consistent read of what the overview and the report show, bounded whatever the
    history's length: one rating per skill (now, first, before the last check-in), the
    ratings of the weeks shown, and the small tables."""

    target: Role | None
    current: dict[str, Rating]
    recent: list[Rating]
    """Each skill's rating as it stood when the weeks shown began, then every later one."""
    last_checkin: Checkin | None
    before: dict[str, Rating]
    """The ratings as they stood when the last check-in started."""
    goals: list[Goal]
    first: dict[str, Rating]
    marks: list[ApplicabilityMark]
    plan_events: dict[tuple[PlanKind, str], PlanEvent]
    rating_count: int
    last_rating_on: dt.date | None

    @property
    def moves(self) -> tuple[Move, ...]:
        return moves_between(self.before, self.current) if self.last_checkin else ()


class Tracker:
    """The application service: what the CLI and the TUI both call."""

    def __init__(
        self,
        catalog: Catalog,
        uow_factory: UnitOfWorkFactory,
        clock: Clock | None = None,
        stale_days: int = DEFAULT_STALE_DAYS,
    ) -> None:
        self.catalog = catalog
        self.uow_factory = uow_factory
        self._uow = uow_factory
        self.clock: Clock = clock or SystemClock()
        self.stale_days = stale_days
        self.plan = PlanService(catalog, uow_factory, self.clock)
        """The plan's use cases (learning path, study, projects, practice)."""
        self.checkin = CheckinService(catalog, uow_factory, self.clock, self._role_or_target)
        """The weekly check-in's use cases (what to walk, keep or change a skill)."""

    def target_role_id(self) -> str | None:
        """The current target role (the latest change), or None before the first choice."""
        with self._uow() as uow:
            target = self._target(uow)
        return target.id if target else None

    def _target(self, uow: UnitOfWork) -> Role | None:
        return current_target(self.catalog, uow)

    def set_target(self, role_id: str) -> Role:
        role = find_role(self.catalog, role_id)
        with self._uow() as uow:
            uow.targets.add(TargetChange(role_id=role.id, changed_at=self.clock.now()))
            uow.commit()
        return role

    def rate(
        self,
        skill_id: str,
        level: int | str,
        note: str = "",
        evidence: str = "",
        effective_date: dt.date | None = None,
    ) -> Rating:
        """Append a rating; effective_date backfills a past assessment (never the future)."""
        return self.record(self.new_rating(skill_id, level, note, evidence, effective_date))

    def new_rating(
        self,
        skill_id: str,
        level: int | str,
        note: str = "",
        evidence: str = "",
        effective_date: dt.date | None = None,
    ) -> Rating:
        """A checked rating, not yet saved: the TUI shows it while record() commits it."""
        skill = catalog_skill(self.catalog, skill_id)
        value = parse_level(level)
        today = self.clock.today()
        day = effective_date or today
        if day > today:
            raise UserInputError(f"date {day.isoformat()} is in the future")
        rating = Rating(
            skill_id=skill.id,
            level=value,
            note=note.strip(),
            evidence=evidence.strip(),
            effective_date=day,
            created_at=self.clock.now(),
            catalog_version=self.catalog.version,
        )
        return rating

    def record(self, rating: Rating) -> Rating:
        """Commit a rating from new_rating(); returns it with its id."""
        with self._uow() as uow:
            saved = uow.ratings.add(rating)
            uow.commit()
        return saved

    def mark_not_applicable(
        self, skill_id: str, reason: str, role_id: str | None = None, undo: bool = False
    ) -> ApplicabilityMark:
        """Take a skill out of a role's readiness (or put it back with undo)."""
        role = self._role_or_target(role_id)
        skill = catalog_skill(self.catalog, skill_id)
        required = {r.skill_id for r in self.catalog.requirements_for(role.id)}
        if skill.id not in required:
            raise UserInputError(f"{role.name} does not require {skill.id!r}")
        if skill.id in self.catalog.must_skill_ids and not undo:
            raise UserInputError(f"{skill.id!r} is a Must skill for every role")
        if not undo and not reason.strip():
            raise UserInputError("a reason is needed to mark a skill not applicable")
        mark = ApplicabilityMark(
            role_id=role.id,
            skill_id=skill.id,
            not_applicable=not undo,
            reason=reason.strip(),
            created_at=self.clock.now(),
        )
        with self._uow() as uow:
            uow.marks.add(mark)
            uow.commit()
        return mark

    def ratings(self, skill_id: str | None = None) -> list[Rating]:
        """Rating history, oldest first by effective date (retired skills included)."""
        with self._uow() as uow:
            if skill_id is not None:
                known = {r.skill_id for r in uow.ratings.latest()}
                find_skill(self.catalog, skill_id, known)
            ratings = uow.ratings.list(skill_id)
        return sorted(ratings, key=lambda r: r.order_key)

    def gap(self, role_id: str | None = None) -> GapAnalysis:
        role = self._role_or_target(role_id)
        with self._uow() as uow:
            current = latest_ratings(uow.ratings.latest())
            marks = uow.marks.list(role.id)
        return analyse_role(self.catalog, role.id, current, active_not_applicable(marks, role.id))

    def role_fit(self) -> tuple[RoleFit, ...]:
        with self._uow() as uow:
            current = latest_ratings(uow.ratings.latest())
            marks = uow.marks.list()
        return role_fit(self.catalog, current, marks)

    def status(self) -> StatusSummary:
        """One line for a prompt: one transaction that reads the current ratings only."""
        return read_status(self.catalog, self._uow, self.clock)

    def overview(self) -> Overview:
        """The TUI's whole picture, from one transaction whose reads stay bounded as the
        history grows: the current ratings, the last year of weeks, one rating per skill
        for the moves and goals, and counts, never the years before."""
        today = self.clock.today()
        data = self._standing(today, DASHBOARD_WEEKS)
        target, current, recent, marks = data.target, data.current, data.recent, data.marks
        plan_events = data.plan_events
        analysis, skipped = None, frozenset[str]()
        trend: tuple[TrendPoint, ...] = ()
        steps: tuple[NextStep, ...] = ()
        phase: int | None = None
        if target is not None:
            active = active_not_applicable(marks, target.id)
            skipped = frozenset(active)
            analysis = analyse_role(self.catalog, target.id, current, active)
            trend = weekly_readiness(
                self.catalog, target.id, recent, active, today, DASHBOARD_WEEKS
            )
            study = study_items(self.catalog, target.id, plan_events)
            projects = project_items(self.catalog, plan_events)
            steps = next_steps(self.catalog, analysis, study, projects, limit=3)
            phase = current_phase(phase_progress(self.catalog, analysis, plan_events))
        # Built from validated records by domain functions: validating the aggregate again
        # would build its whole nested schema (about 15 ms of the first frame) for nothing.
        return Overview.model_construct(
            next_steps=steps,
            current_phase=phase,
            target=target,
            analysis=analysis,
            fits=role_fit(self.catalog, current, marks),
            current=current,
            not_applicable=skipped,
            marks=tuple(marks),
            stale_days=self.stale_days,
            rating_count=data.rating_count,
            last_rating_on=data.last_rating_on,
            today=today,
            last_checkin=data.last_checkin,
            moves=data.moves,
            stale=stale_skills(current, today, self.stale_days),
            must_weeks={
                m: weekly_levels(recent, m, today, DASHBOARD_WEEKS)
                for m in self.catalog.must_skill_ids
            },
            goals=goals_progress(data.goals, data.first, current, today),
            trend=tuple(trend),
            projection=project_readiness(trend, today) if target is not None else None,
        )

    def _standing(self, today: dt.date, weeks: int) -> _Standing:
        with self._uow() as uow:
            last = uow.checkins.latest()
            goals = list(uow.goals.list())
            return _Standing(
                target=self._target(uow),
                current=latest_ratings(uow.ratings.latest()),
                recent=self._recent(uow, week_end(today) - dt.timedelta(weeks=weeks)),
                last_checkin=last,
                before=self._before(uow, last),
                goals=goals,
                first=earliest_ratings(uow.ratings.earliest()) if goals else {},
                marks=list(uow.marks.list()),
                plan_events=latest_events(uow.plan.latest()),
                rating_count=uow.ratings.count(),
                last_rating_on=uow.ratings.last_effective_date(),
            )

    @staticmethod
    def _recent(uow: UnitOfWork, day: dt.date) -> list[Rating]:
        """Every skill's rating as it stood on `day`, then every rating effective after it:
        exactly what any weekly figure after `day` needs."""
        return [*uow.ratings.latest(effective_by=day), *uow.ratings.since(day)]

    @staticmethod
    def _before(uow: UnitOfWork, checkin: Checkin | None) -> dict[str, Rating]:
        """The ratings as they stood when `checkin` started (what its moves compare with)."""
        if checkin is None:
            return {}
        return latest_ratings(
            uow.ratings.latest(entered_by=checkin.started_at, outside_checkin=checkin.id)
        )

    def active_weeks(self, weeks: int | None = None) -> set[dt.date]:
        """Week-ending dates of the weeks with a rating entered or effective, or a
        check-in started: in the last `weeks` weeks, or all. It reads dates, not ratings,
        so the history screen costs the same after ten years as after one."""
        since = None
        if weeks is not None:
            since = week_end(self.clock.today()) - dt.timedelta(weeks=weeks)
        with self._uow() as uow:
            days = uow.ratings.activity_days(since) | uow.checkins.start_days(since)
        return activity_weeks(days)

    def rhythm(self, weeks: int = HEATMAP_WEEKS) -> Rhythm:
        """The last `weeks` weeks of activity and the streak of active weeks up to now."""
        today = self.clock.today()
        active = self.active_weeks(weeks + 1)
        count = streak(active, today)
        if count >= weeks:  # the streak may go on before the window: count it whole
            count = streak(self.active_weeks(), today)
        return Rhythm(cells=heatmap(active, today, weeks), streak=count)

    def checkins(self) -> list[Checkin]:
        with self._uow() as uow:
            return list(uow.checkins.list())

    def set_goal(self, skill_id: str, level: int | str, due: dt.date) -> Goal:
        skill = catalog_skill(self.catalog, skill_id)
        value = parse_level(level)
        if value < 1:
            raise UserInputError("a goal level must be from 1 to 5")
        if due < self.clock.today():
            raise UserInputError(f"due date {due.isoformat()} is in the past")
        goal = Goal(skill_id=skill.id, level=value, due=due, created_at=self.clock.now())
        with self._uow() as uow:
            uow.goals.add(goal)
            uow.commit()
        return goal

    def goals(self) -> tuple[GoalProgress, ...]:
        with self._uow() as uow:
            goals = uow.goals.list()
            first = earliest_ratings(uow.ratings.earliest())
            current = latest_ratings(uow.ratings.latest())
        return goals_progress(goals, first, current, self.clock.today())

    def weekly(
        self, role_id: str | None = None, weeks: int | None = None
    ) -> tuple[TrendPoint, ...]:
        """Readiness per week for a role (default: the target): from the first rating on,
        or the last `weeks` weeks, reading only what those weeks need."""
        role = self._role_or_target(role_id)
        today = self.clock.today()
        with collection_paused(), self._uow() as uow:
            if weeks is None:
                ratings = list(uow.ratings.list())
            else:
                ratings = self._recent(uow, week_end(today) - dt.timedelta(weeks=weeks))
            marks = uow.marks.list(role.id)
            active = active_not_applicable(marks, role.id)
            return weekly_readiness(self.catalog, role.id, ratings, active, today, weeks)

    def report(self, role_id: str | None = None) -> GapReport:
        """The gap report of a role (default: the target), with its year of weekly
        readiness, moves and goals: read as boundedly as the overview, so an export costs
        the same after ten years as after one."""
        from gaptracker.domain.report import ReportProgress, build_report  # for exports only

        role = self._role_or_target(role_id)
        today = self.clock.today()
        data = self._standing(today, TREND_WEEKS)
        active = active_not_applicable(data.marks, role.id)
        current = data.current
        trend = weekly_readiness(self.catalog, role.id, data.recent, active, today, TREND_WEEKS)
        analysis = analyse_role(self.catalog, role.id, current, active)
        study = study_items(self.catalog, role.id, data.plan_events)
        projects = project_items(self.catalog, data.plan_events)
        progress = ReportProgress(
            checkin=data.last_checkin,
            moves=data.moves,
            goals=goals_progress(data.goals, data.first, current, today),
            projection=project_readiness(trend, today),
            phases=phase_progress(self.catalog, analysis, data.plan_events),
            study=study,
            projects=projects,
            next_steps=next_steps(self.catalog, analysis, study, projects),
        )
        return build_report(
            self.catalog,
            analysis,
            role_fit(self.catalog, current, data.marks),
            data.last_rating_on,
            data.target.id if data.target else None,
            today,
            trend,
            progress,
        )

    def _role_or_target(self, role_id: str | None) -> Role:
        if role_id is not None:
            return find_role(self.catalog, role_id)
        target = self.target_role_id()
        if target is None:
            raise UserInputError(
                "no target role yet: run 'gaptracker target ROLE' or pass --role ROLE"
            )
        return self.catalog.role(target)
