"""The plan's use cases: read the whole plan, change a study item, a project, practice.

Every change is a new PlanEvent committed at once; nothing is edited in place. What the
user typed (notes, links, titles, descriptions) is kept exactly as given.
"""

from __future__ import annotations

from gaptracker.domain.active_pack import BUILT_IN, ActivePack
from gaptracker.domain.backup_ids import OWN_PROJECT, own_project_number
from gaptracker.domain.errors import UserInputError
from gaptracker.domain.gap import active_not_applicable, analyse_role
from gaptracker.domain.lookup import catalog_skill, find_role, parse_level
from gaptracker.domain.models import Catalog, Frozen, PlanEvent, PlanKind, Rating, Status
from gaptracker.domain.plan import (
    NextStep,
    PhaseProgress,
    PracticeItem,
    ProjectItem,
    StudyItem,
    current_phase,
    evidence_text,
    latest_events,
    next_steps,
    phase_progress,
    practice_items,
    project_items,
    study_items,
)
from gaptracker.domain.ports import Clock, UnitOfWorkFactory
from gaptracker.domain.text import check_text
from gaptracker.services.status import current_ratings


class PlanView(Frozen):
    role_id: str
    phases: tuple[PhaseProgress, ...]
    current_phase: int | None
    study: tuple[StudyItem, ...]
    projects: tuple[ProjectItem, ...]
    practice: tuple[PracticeItem, ...]
    next_steps: tuple[NextStep, ...]


class PlanService:
    def __init__(
        self,
        catalog: Catalog,
        uow_factory: UnitOfWorkFactory,
        clock: Clock,
        pack: ActivePack = BUILT_IN,
    ) -> None:
        self.catalog = catalog
        self.pack = pack
        self._uow = uow_factory
        self.clock = clock

    def view(self, role_id: str) -> PlanView:
        role = find_role(self.catalog, role_id)
        today = self.clock.today()
        with self._uow(reading=True) as uow:
            events = latest_events(uow.plan.latest())
            current = current_ratings(uow, today)
            marks = uow.marks.list(role.id)
        active = active_not_applicable(marks, role.id)
        analysis = analyse_role(self.catalog, role.id, current, active, today)
        phases = phase_progress(self.catalog, analysis, events)
        study = study_items(self.catalog, role.id, events)
        projects = project_items(self.catalog, events)
        return PlanView(
            role_id=role.id,
            phases=phases,
            current_phase=current_phase(phases),
            study=study,
            projects=projects,
            practice=practice_items(self.catalog, events),
            next_steps=next_steps(self.catalog, analysis, study, projects),
        )

    def _add(self, event: PlanEvent) -> PlanEvent:
        event = event.model_copy(update={"pack_id": self.pack.id})
        with self._uow() as uow:
            uow.plan.add(event)
            uow.commit()
        return event

    def set_foundation_done(self, done: bool) -> PlanEvent:
        """Phase 1 is the user's own word: 'complete Part 1 of the Learning Path first'."""
        status = Status.DONE if done else Status.TODO
        return self._add(
            PlanEvent(kind=PlanKind.PHASE, item_id="1", status=status, created_at=self.clock.now())
        )

    def set_study(self, note: str, status: Status, text: str) -> PlanEvent:
        skill = catalog_skill(self.catalog, note)
        return self._add(
            PlanEvent(
                kind=PlanKind.STUDY,
                item_id=skill.id,
                status=status,
                text=check_text(text, "note or link"),
                created_at=self.clock.now(),
            )
        )

    def add_project(self, title: str, description: str, skill_ids: list[str], link: str) -> str:
        check_text(title, "title")
        check_text(description, "description")
        check_text(link, "link")
        if not title.strip():
            raise UserInputError("a project needs a title")
        skills = tuple(catalog_skill(self.catalog, s.strip()).id for s in skill_ids if s.strip())
        if not skills:
            raise UserInputError("name at least one skill the project demonstrates")
        with self._uow() as uow:
            numbers = (own_project_number(e.item_id) for e in uow.plan.list())
            number = 1 + max((n for n in numbers if n is not None), default=0)
            event = PlanEvent(
                kind=PlanKind.PROJECT,
                item_id=f"{OWN_PROJECT}{number}",
                title=title,
                description=description,
                skill_ids=skills,
                text=link,
                created_at=self.clock.now(),
                pack_id=self.pack.id,
            )
            uow.plan.add(event)
            uow.commit()
        return event.item_id

    def set_project(self, project_id: str, status: Status, link: str) -> PlanEvent:
        with self._uow(reading=True) as uow:
            events = latest_events(uow.plan.latest())
        project = next((p for p in project_items(self.catalog, events) if p.id == project_id), None)
        if project is None:
            raise UserInputError(f"unknown project {project_id!r}")
        previous = events.get((PlanKind.PROJECT, project_id))
        return self._add(
            PlanEvent(
                kind=PlanKind.PROJECT,
                item_id=project_id,
                status=status,
                text=check_text(link, "link"),
                title=previous.title if previous else "",
                description=previous.description if previous else "",
                skill_ids=previous.skill_ids if previous else (),
                created_at=self.clock.now(),
            )
        )

    def practise(self, item_id: str, confidence: int | str) -> PlanEvent:
        known = {p.id for p in practice_items(self.catalog, {})}
        if item_id not in known:
            raise UserInputError(f"unknown practice item {item_id!r}")
        return self._add(
            PlanEvent(
                kind=PlanKind.PRACTICE,
                item_id=item_id,
                status=Status.DONE,
                confidence=parse_level(confidence),
                created_at=self.clock.now(),
            )
        )

    def attach_project(self, project_id: str) -> list[Rating]:
        """A done project backs the ratings of the skills it demonstrates: each gets a new
        rating at its current level with the project as evidence (dated today).

        The level is copied, not chosen again against the rubric, so the new rating keeps
        the rubric digest of the one it copies: a rubric-changed flag stays until the user
        re-rates the skill (stamping today's digest would clear it unseen)."""
        with self._uow() as uow:
            events = latest_events(uow.plan.latest())
            project = next(
                (p for p in project_items(self.catalog, events) if p.id == project_id), None
            )
            if project is None:
                raise UserInputError(f"unknown project {project_id!r}")
            if project.status is not Status.DONE:
                raise UserInputError("only a done project can back a rating")
            current = current_ratings(uow, self.clock.today(), self.pack)
            made = []
            for skill_id in project.skill_ids:
                if skill_id not in current:
                    continue
                previous = current[skill_id]
                made.append(
                    uow.ratings.add(
                        previous.model_copy(
                            update={
                                "id": None,
                                "evidence": evidence_text(project),
                                "effective_date": self.clock.today(),
                                "created_at": self.clock.now(),
                                "catalog_version": self.catalog.version,
                                "checkin_id": None,
                                "pack_id": self.pack.id,
                            }
                        )
                    )
                )
            if not made:
                raise UserInputError("rate one of the project's skills first, then attach it")
            uow.commit()
        return made
