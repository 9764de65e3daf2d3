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
    goals_progress,
    latest_checkin,
    moves_between,
    moves_since,
    project_readiness,
    stale_skills,
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


@dataclass(frozen=True)
class _Everything:
    ratings: list[Rating]
    marks: list[ApplicabilityMark]
    checkins: list[Checkin]
    goals: list[Goal]
    plan_events: dict[tuple[PlanKind, str], PlanEvent]
    target: Role | None


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
        window_start = week_end(today) - dt.timedelta(weeks=DASHBOARD_WEEKS)
        with self._uow() as uow:
            target = self._target(uow)
            current = latest_ratings(uow.ratings.latest())
            recent = self._recent(uow, window_start)
            last = uow.checkins.latest()
            before = self._before(uow, last)
            goals = uow.goals.list()
            first = earliest_ratings(uow.ratings.earliest()) if goals else {}
            marks = uow.marks.list()
            plan_events = latest_events(uow.plan.list())
            rating_count = uow.ratings.count()
            last_rating_on = uow.ratings.last_effective_date()
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
        return Overview(
            next_steps=steps,
            current_phase=phase,
            target=target,
            analysis=analysis,
            fits=role_fit(self.catalog, current, marks),
            current=current,
            not_applicable=skipped,
            marks=tuple(marks),
            stale_days=self.stale_days,
            rating_count=rating_count,
            last_rating_on=last_rating_on,
            today=today,
            last_checkin=last,
            moves=moves_between(before, current) if last else (),
            stale=stale_skills(current, today, self.stale_days),
            must_weeks={
                m: weekly_levels(recent, m, today, DASHBOARD_WEEKS)
                for m in self.catalog.must_skill_ids
            },
            goals=goals_progress(goals, first, current, today),
            trend=tuple(trend),
            projection=project_readiness(trend, today) if target is not None else None,
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
        """The gap report of a role (default: the target), with trend, moves and goals."""
        with collection_paused():
            return self._report(self._role_or_target(role_id))

    def _report(self, role: Role) -> GapReport:
        from gaptracker.domain.report import ReportProgress, build_report  # for exports only

        data = self._read_all()
        ratings, marks, checkins, goals = data.ratings, data.marks, data.checkins, data.goals
        plan_events = data.plan_events
        active = active_not_applicable(marks, role.id)
        today = self.clock.today()
        current = latest_ratings(ratings)
        trend = weekly_readiness(self.catalog, role.id, ratings, active, today, TREND_WEEKS)
        last = latest_checkin(checkins)
        analysis = analyse_role(self.catalog, role.id, current, active)
        study = study_items(self.catalog, role.id, plan_events)
        projects = project_items(self.catalog, plan_events)
        progress = ReportProgress(
            checkin=last,
            moves=moves_since(ratings, last) if last else (),
            goals=goals_progress(goals, earliest_ratings(ratings), current, today),
            projection=project_readiness(trend, today),
            phases=phase_progress(self.catalog, analysis, plan_events),
            study=study,
            projects=projects,
            next_steps=next_steps(self.catalog, analysis, study, projects),
        )
        return build_report(
            self.catalog,
            analysis,
            role_fit(self.catalog, current, marks),
            ratings,
            data.target.id if data.target else None,
            today,
            trend,
            progress,
        )

    def _read_all(self) -> _Everything:
        """Everything the user entered, in one transaction (one consistent snapshot)."""
        with self._uow() as uow:
            ratings = sorted(uow.ratings.list(), key=lambda r: r.order_key)
            marks = uow.marks.list()
            target = self._target(uow)
            checkins = uow.checkins.list()
            goals = uow.goals.list()
            plan_events = latest_events(uow.plan.list())
        return _Everything(
            ratings=ratings,
            marks=list(marks),
            checkins=list(checkins),
            goals=list(goals),
            plan_events=plan_events,
            target=target,
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
