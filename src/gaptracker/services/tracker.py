"""The use cases: set the target, rate, mark not applicable, read the gap, status, report.

Every write opens its own unit of work and commits before returning, so a confirmed
action is on disk when the call returns. Reads open their own unit of work too, which
keeps the TUI's worker threads independent of each other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from gaptracker.domain.errors import UserInputError
from gaptracker.domain.gap import (
    GapAnalysis,
    RoleFit,
    active_not_applicable,
    analyse_role,
    latest_ratings,
    role_fit,
)
from gaptracker.domain.lookup import catalog_skill, find_role, find_skill, parse_level
from gaptracker.domain.models import (
    ApplicabilityMark,
    Catalog,
    Checkin,
    Goal,
    Rating,
    Role,
    TargetChange,
)
from gaptracker.domain.overview import Overview
from gaptracker.domain.plan import (
    NextStep,
    PlanEvent,
    PlanKind,
    current_phase,
    latest_events,
    next_steps,
    phase_progress,
    project_items,
    study_items,
)
from gaptracker.domain.ports import Clock, SystemClock, UnitOfWorkFactory
from gaptracker.domain.progress import (
    DEFAULT_STALE_DAYS,
    RESUME_DAYS,
    CheckinPlan,
    GoalProgress,
    checkin_walk,
    goal_progress,
    latest_checkin,
    latest_goals,
    moves_since,
    project_readiness,
    remaining_in,
    stale_skills,
)
from gaptracker.domain.report import GapReport, ReportProgress, StatusSummary, build_report
from gaptracker.domain.trend import TrendPoint, weekly_levels, weekly_readiness
from gaptracker.services.plan import PlanService

TREND_WEEKS = 52
"""How many weeks of readiness the report shows."""


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

    def target_role_id(self) -> str | None:
        """The current target role (the latest change), or None before the first choice."""
        with self._uow() as uow:
            changes = uow.targets.list()
        known = {r.id for r in self.catalog.roles}
        current = [c for c in changes if c.role_id in known]
        return current[-1].role_id if current else None

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
                known = {r.skill_id for r in uow.ratings.list()}
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
            current = latest_ratings(uow.ratings.list())
            marks = uow.marks.list()
        return role_fit(self.catalog, current, marks)

    def status(self) -> StatusSummary:
        """One line for a prompt: reads the current ratings only, not the whole history."""
        role_id = self.target_role_id()
        with self._uow() as uow:
            last = uow.ratings.last_effective_date()
        days = (self.clock.today() - last).days if last else None
        must_total = len(self.catalog.must_skill_ids)
        if role_id is None:
            return StatusSummary(
                role_id=None,
                role_name=None,
                readiness=None,
                must_met=0,
                must_total=must_total,
                ready=False,
                last_rating_on=last,
                days_since_last_rating=days,
            )
        analysis = self.gap(role_id)
        return StatusSummary(
            role_id=role_id,
            role_name=analysis.role_name,
            readiness=round(analysis.readiness, 1),
            must_met=analysis.must_met_count,
            must_total=len(analysis.must_rows),
            ready=analysis.ready,
            last_rating_on=last,
            days_since_last_rating=days,
        )

    def overview(self) -> Overview:
        """The TUI's whole picture, from one read of everything the user entered."""
        data = self._read_all()
        ratings, marks, checkins, goals = data.ratings, data.marks, data.checkins, data.goals
        plan_events, target = data.plan_events, data.target
        current = latest_ratings(ratings)
        today = self.clock.today()
        analysis, skipped = None, frozenset[str]()
        trend: tuple[TrendPoint, ...] = ()
        steps: tuple[NextStep, ...] = ()
        phase: int | None = None
        if target is not None:
            active = active_not_applicable(marks, target.id)
            skipped = frozenset(active)
            analysis = analyse_role(self.catalog, target.id, current, active)
            trend = weekly_readiness(self.catalog, target.id, ratings, active, today, TREND_WEEKS)
            study = study_items(self.catalog, target.id, plan_events)
            projects = project_items(self.catalog, plan_events)
            steps = next_steps(self.catalog, analysis, study, projects, limit=3)
            phase = current_phase(phase_progress(self.catalog, analysis, plan_events))
        last = latest_checkin(checkins)
        return Overview(
            next_steps=steps,
            current_phase=phase,
            target=target,
            analysis=analysis,
            fits=role_fit(self.catalog, current, marks),
            current=current,
            not_applicable=skipped,
            rating_count=len(ratings),
            last_rating_on=max((r.effective_date for r in ratings), default=None),
            today=today,
            last_checkin=last,
            moves=moves_since(ratings, last) if last else (),
            stale=stale_skills(current, today, self.stale_days),
            must_weeks={m: weekly_levels(ratings, m, today) for m in self.catalog.must_skill_ids},
            goals=self._goal_progress(goals, ratings, today),
            trend=tuple(trend),
            projection=project_readiness(trend, today) if target is not None else None,
        )

    def refreshed(self, previous: Overview) -> Overview:
        """The parts of an overview a rating or target change moves, read cheaply (current
        ratings by SQL, no history): shown at once, then replaced by a full overview()."""
        with self._uow() as uow:
            current = latest_ratings(uow.ratings.latest())
            last = uow.ratings.last_effective_date()
            marks = uow.marks.list()
            changes = uow.targets.list()
        known = {r.id for r in self.catalog.roles}
        targets = [c.role_id for c in changes if c.role_id in known]
        target = self.catalog.role(targets[-1]) if targets else None
        analysis, skipped = None, frozenset[str]()
        if target is not None:
            active = active_not_applicable(marks, target.id)
            skipped = frozenset(active)
            analysis = analyse_role(self.catalog, target.id, current, active)
        return previous.model_copy(
            update={
                "target": target,
                "analysis": analysis,
                "fits": role_fit(self.catalog, current, marks),
                "current": current,
                "not_applicable": skipped,
                "rating_count": max(previous.rating_count, len(current)),
                "last_rating_on": last,
            }
        )

    @staticmethod
    def _goal_progress(
        goals: Sequence[Goal], ratings: Sequence[Rating], today: dt.date
    ) -> tuple[GoalProgress, ...]:
        return tuple(
            goal_progress(goal, [r for r in ratings if r.skill_id == skill_id], today)
            for skill_id, goal in sorted(latest_goals(goals).items())
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
            ratings = uow.ratings.list()
        return self._goal_progress(goals, ratings, self.clock.today())

    def weekly(self, role_id: str | None = None) -> tuple[TrendPoint, ...]:
        """Readiness per week for a role (default: the target), from the first rating on."""
        role = self._role_or_target(role_id)
        with self._uow() as uow:
            ratings = uow.ratings.list()
            marks = uow.marks.list(role.id)
        active = active_not_applicable(marks, role.id)
        return weekly_readiness(self.catalog, role.id, ratings, active, self.clock.today())

    def checkin_plan(self) -> CheckinPlan:
        """The skills a check-in walks and which are still to do; resumes an unfinished one."""
        role = self._role_or_target(None)
        with self._uow() as uow:
            checkins = uow.checkins.list()
            ratings = uow.ratings.list()
        required = [r.skill_id for r in self.catalog.requirements_for(role.id)]
        walk = checkin_walk(self.catalog.must_skill_ids, required)
        last = latest_checkin(checkins)
        if last is not None and last.role_id == role.id:
            age = (self.clock.now() - last.started_at).days
            remaining = remaining_in(walk, last.id, ratings)
            if remaining and age < RESUME_DAYS:
                return CheckinPlan(
                    checkin_id=last.id, role_id=role.id, walk=walk, remaining=remaining
                )
        return CheckinPlan(checkin_id=None, role_id=role.id, walk=walk, remaining=walk)

    def checkin_record(
        self,
        plan: CheckinPlan,
        skill_id: str,
        level: int | None,
        note: str = "",
        evidence: str = "",
    ) -> CheckinPlan:
        """Keep (level None: the last rating again, dated today) or change one skill.

        The check-in itself is recorded with its first confirmed skill, so opening the
        screen and leaving at once leaves no trace.
        """
        today, now = self.clock.today(), self.clock.now()
        with self._uow() as uow:
            checkin_id = plan.checkin_id
            if checkin_id is None:
                checkin_id = uow.checkins.add(Checkin(role_id=plan.role_id, started_at=now)).id
            previous = latest_ratings(uow.ratings.list(skill_id)).get(skill_id)
            if level is None and previous is None:
                raise UserInputError("nothing to keep: this skill has no rating yet")
            rating = Rating(
                skill_id=skill_id,
                level=parse_level(level) if level is not None else previous.level,  # type: ignore[union-attr]
                note=note.strip() if level is not None else previous.note,  # type: ignore[union-attr]
                evidence=evidence.strip() if level is not None else previous.evidence,  # type: ignore[union-attr]
                effective_date=today,
                created_at=now,
                catalog_version=self.catalog.version,
                checkin_id=checkin_id,
            )
            uow.ratings.add(rating)
            uow.commit()
        remaining = tuple(s for s in plan.remaining if s != skill_id)
        return plan.model_copy(update={"checkin_id": checkin_id, "remaining": remaining})

    def report(self, role_id: str | None = None) -> GapReport:
        """The gap report of a role (default: the target), with trend, moves and goals."""
        role = self._role_or_target(role_id)
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
            goals=self._goal_progress(goals, ratings, today),
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
            changes = uow.targets.list()
            checkins = uow.checkins.list()
            goals = uow.goals.list()
            plan_events = latest_events(uow.plan.list())
        known = {r.id for r in self.catalog.roles}
        targets = [c.role_id for c in changes if c.role_id in known]
        return _Everything(
            ratings=ratings,
            marks=list(marks),
            checkins=list(checkins),
            goals=list(goals),
            plan_events=plan_events,
            target=self.catalog.role(targets[-1]) if targets else None,
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
