"""The use cases: set the target, rate, mark not applicable, read the gap, status, report.

Every write opens its own unit of work and commits before returning, so a confirmed
action is on disk when the call returns. Reads open their own unit of work too, which
keeps the TUI's worker threads independent of each other, and open it for reading, so
they never wait for another process's write.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from gaptracker.domain.active_pack import BUILT_IN, ActivePack
from gaptracker.domain.errors import UserInputError
from gaptracker.domain.gap import (
    GapAnalysis,
    RoleFit,
    active_not_applicable,
    analyse_role,
    role_fit,
)
from gaptracker.domain.lookup import (
    catalog_skill,
    check_due_day,
    check_past_day,
    find_role,
    find_skill,
    parse_level,
)
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
from gaptracker.domain.ports import Clock, SystemClock, UnitOfWorkFactory
from gaptracker.domain.progress import (
    DEFAULT_STALE_DAYS,
    GoalProgress,
    Rhythm,
    activity_weeks,
    goals_progress,
    heatmap,
    streak,
)
from gaptracker.domain.rubric import rubric_digest
from gaptracker.domain.status import StatusSummary
from gaptracker.domain.text import check_text
from gaptracker.domain.trend import TrendPoint, week_end, weekly_readiness
from gaptracker.services.bulk import collection_paused
from gaptracker.services.checkin import CheckinService
from gaptracker.services.plan import PlanService
from gaptracker.services.standing import (
    DASHBOARD_WEEKS,
    TREND_WEEKS,
    overview_of,
    read_standing,
    recent_ratings,
    report_of,
)
from gaptracker.services.status import (
    current_ratings,
    current_target,
    first_ratings,
    read_status,
)

if TYPE_CHECKING:
    from gaptracker.domain.report import GapReport

HEATMAP_WEEKS = 52
"""The history screen's strip of active weeks."""


class Tracker:
    """The application service: what the CLI and the TUI both call."""

    def __init__(
        self,
        catalog: Catalog,
        uow_factory: UnitOfWorkFactory,
        clock: Clock | None = None,
        stale_days: int = DEFAULT_STALE_DAYS,
        pack: ActivePack = BUILT_IN,
    ) -> None:
        self.catalog = catalog
        self.pack = pack
        """The active pack: which ratings count for readiness, and how they read now."""
        self.uow_factory = uow_factory
        self._uow = uow_factory
        self.clock: Clock = clock or SystemClock()
        self.stale_days = stale_days
        self.plan = PlanService(catalog, uow_factory, self.clock, pack)
        """The plan's use cases (learning path, study, projects, practice)."""
        self.checkin = CheckinService(catalog, uow_factory, self.clock, self._role_or_target, pack)
        """The weekly check-in's use cases (what to walk, keep or change a skill)."""

    def target_role_id(self) -> str | None:
        """The current target role (the latest change), or None before the first choice."""
        with self._uow(reading=True) as uow:
            target = current_target(self.catalog, uow)
        return target.id if target else None

    def set_target(self, role_id: str) -> Role:
        role = find_role(self.catalog, role_id)
        with self._uow() as uow:
            uow.targets.add(
                TargetChange(role_id=role.id, changed_at=self.clock.now(), pack_id=self.pack.id)
            )
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
        """Append a rating; effective_date backfills a past assessment (from
        EARLIEST_DATE, never the future)."""
        return self.record(self.new_rating(skill_id, level, note, evidence, effective_date))

    def new_rating(
        self,
        skill_id: str,
        level: int | str,
        note: str = "",
        evidence: str = "",
        effective_date: dt.date | None = None,
    ) -> Rating:
        """A checked rating, not yet saved: the TUI shows it while record() commits it.

        The note and evidence are kept exactly as given (README: "stored exactly")."""
        skill = catalog_skill(self.catalog, skill_id)
        value = parse_level(level)
        today = self.clock.today()
        day = check_past_day(effective_date or today, today)
        rating = Rating(
            skill_id=skill.id,
            level=value,
            note=check_text(note, "note"),
            evidence=check_text(evidence, "evidence"),
            effective_date=day,
            created_at=self.clock.now(),
            catalog_version=self.catalog.version,
            pack_id=self.pack.id,
            rubric_digest=rubric_digest(skill),
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
        """Take a skill out of a role's readiness (or put it back with undo: only a skill
        that is marked now, so an undo never writes a row that changes nothing)."""
        role = self._role_or_target(role_id)
        skill = catalog_skill(self.catalog, skill_id)
        required = {r.skill_id for r in self.catalog.requirements_for(role.id)}
        if skill.id not in required:
            raise UserInputError(f"{role.name} does not require {skill.id!r}")
        if skill.id in self.catalog.must_skills(role.id) and not undo:
            raise UserInputError(f"{skill.id!r} is a Must skill for {role.name}")
        if not undo and not reason.strip():
            raise UserInputError("a reason is needed to mark a skill not applicable")
        mark = ApplicabilityMark(
            role_id=role.id,
            skill_id=skill.id,
            not_applicable=not undo,
            reason=check_text(reason, "reason"),
            created_at=self.clock.now(),
            pack_id=self.pack.id,
        )
        with self._uow() as uow:
            if undo and skill.id not in active_not_applicable(uow.marks.list(role.id), role.id):
                raise UserInputError(f"{skill.id} is not marked not applicable for {role.name}")
            uow.marks.add(mark)
            uow.commit()
        return mark

    def ratings(self, skill_id: str | None = None) -> list[Rating]:
        """Rating history, oldest first by effective date as stored, then entry order
        (retired skills included)."""
        with self._uow(reading=True) as uow:
            if skill_id is not None:
                known = {r.skill_id for r in uow.ratings.latest()}
                find_skill(self.catalog, skill_id, known)
            ratings = uow.ratings.list(skill_id)
        return sorted(ratings, key=lambda r: r.order_key)

    def current(self) -> dict[str, Rating]:
        """Each skill's current rating (its latest: `domain.gap.latest_ratings`)."""
        with self._uow(reading=True) as uow:
            return current_ratings(uow, self.clock.today(), self.pack)

    def gap(self, role_id: str | None = None) -> GapAnalysis:
        role = self._role_or_target(role_id)
        today = self.clock.today()
        with self._uow(reading=True) as uow:
            current = current_ratings(uow, today, self.pack)
            marks = uow.marks.list(role.id)
        active = active_not_applicable(marks, role.id)
        return analyse_role(self.catalog, role.id, current, active, today)

    def role_fit(self) -> tuple[RoleFit, ...]:
        with self._uow(reading=True) as uow:
            current = current_ratings(uow, self.clock.today(), self.pack)
            marks = uow.marks.list()
        return role_fit(self.catalog, current, marks)

    def status(self) -> StatusSummary:
        """One line for a prompt: one transaction that reads the current ratings only."""
        return read_status(self.catalog, self._uow, self.clock, self.pack)

    def overview(self) -> Overview:
        """The TUI's whole picture, from one transaction whose reads stay bounded as the
        history grows (services.standing)."""
        today = self.clock.today()
        standing = read_standing(self.catalog, self._uow, today, DASHBOARD_WEEKS, pack=self.pack)
        return overview_of(self.catalog, standing, today, self.stale_days)

    def active_weeks(self, weeks: int | None = None) -> set[dt.date]:
        """Week-ending dates of the weeks with a rating entered or effective, or a
        check-in started: in the last `weeks` weeks, or all. It reads dates, not ratings,
        so the history screen costs the same after ten years as after one."""
        since = None
        if weeks is not None:
            since = week_end(self.clock.today()) - dt.timedelta(weeks=weeks)
        with self._uow(reading=True) as uow:
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
        with self._uow(reading=True) as uow:
            return list(uow.checkins.list())

    def set_goal(self, skill_id: str, level: int | str, due: dt.date) -> Goal:
        skill = catalog_skill(self.catalog, skill_id)
        value = parse_level(level)
        if value < 1:
            raise UserInputError("a goal level must be from 1 to 5")
        check_due_day(due, self.clock.today())
        goal = Goal(
            skill_id=skill.id,
            level=value,
            due=due,
            created_at=self.clock.now(),
            pack_id=self.pack.id,
        )
        with self._uow() as uow:
            uow.goals.add(goal)
            uow.commit()
        return goal

    def goals(self) -> tuple[GoalProgress, ...]:
        today = self.clock.today()
        with self._uow(reading=True) as uow:
            goals = uow.goals.list()
            first = first_ratings(uow, today, self.pack)
            current = current_ratings(uow, today, self.pack)
        return goals_progress(goals, first, current, today)

    def weekly(
        self, role_id: str | None = None, weeks: int | None = None
    ) -> tuple[TrendPoint, ...]:
        """Readiness per week for a role (default: the target): from the first rating on,
        or the last `weeks` weeks, reading only what those weeks need."""
        role = self._role_or_target(role_id)
        today = self.clock.today()
        with collection_paused(), self._uow(reading=True) as uow:
            if weeks is None:
                ratings = self.pack.counted(uow.ratings.list())
            else:
                start = week_end(today) - dt.timedelta(weeks=weeks)
                ratings = recent_ratings(uow, start, self.pack)
            marks = uow.marks.list(role.id)
            active = active_not_applicable(marks, role.id)
            return weekly_readiness(self.catalog, role.id, ratings, active, today, weeks)

    def report(self, role_id: str | None = None) -> GapReport:
        """The gap report of a role (default: the target), with its year of weekly
        readiness, moves, goals and every rating of the role's skills (the report's
        timelines): the rest is read as boundedly as the overview."""
        role = self._role_or_target(role_id)
        today = self.clock.today()
        skills = frozenset(r.skill_id for r in self.catalog.requirements_for(role.id))
        standing = read_standing(self.catalog, self._uow, today, TREND_WEEKS, skills, self.pack)
        return report_of(self.catalog, role, standing, today, self.pack)

    def _role_or_target(self, role_id: str | None) -> Role:
        if role_id is not None:
            return find_role(self.catalog, role_id)
        target = self.target_role_id()
        if target is None:
            raise UserInputError(
                "no target role yet: run 'gaptracker target ROLE' or pass --role ROLE"
            )
        return self.catalog.role(target)
