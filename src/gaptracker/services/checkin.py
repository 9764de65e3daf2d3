"""The weekly check-in's use cases: which skills to walk, and keep or change one.

A check-in is recorded with its first confirmed skill and every answer is its own rating,
committed at once, so a check-in stopped half way keeps what was answered and resumes.
"""

from __future__ import annotations

from collections.abc import Callable

from gaptracker.domain.active_pack import BUILT_IN, ActivePack
from gaptracker.domain.errors import UserInputError
from gaptracker.domain.lookup import catalog_skill, parse_level
from gaptracker.domain.models import Catalog, Checkin, Rating, Role
from gaptracker.domain.ports import Clock, UnitOfWorkFactory
from gaptracker.domain.progress import RESUME_DAYS, CheckinWalk, checkin_walk, remaining_in
from gaptracker.domain.rubric import rubric_digest
from gaptracker.domain.text import check_text
from gaptracker.services.status import current_ratings


class CheckinService:
    def __init__(
        self,
        catalog: Catalog,
        uow_factory: UnitOfWorkFactory,
        clock: Clock,
        target_role: Callable[[str | None], Role],
        pack: ActivePack = BUILT_IN,
    ) -> None:
        self.catalog = catalog
        self.pack = pack
        self._uow = uow_factory
        self.clock = clock
        self._target_role = target_role

    def walk(self) -> CheckinWalk:
        """The skills a check-in walks and which are still to do; resumes an unfinished one."""
        role = self._target_role(None)
        with self._uow(reading=True) as uow:
            last = uow.checkins.latest()
            ratings = uow.ratings.in_checkin(last.id) if last and last.id is not None else []
        required = [r.skill_id for r in self.catalog.requirements_for(role.id)]
        walk = checkin_walk(self.catalog.must_skills(role.id), required)
        if last is not None and last.role_id == role.id:
            age = (self.clock.now() - last.started_at).days
            remaining = remaining_in(walk, last.id, ratings)
            if remaining and age < RESUME_DAYS:
                return CheckinWalk(
                    checkin_id=last.id, role_id=role.id, skills=walk, remaining=remaining
                )
        return CheckinWalk(checkin_id=None, role_id=role.id, skills=walk, remaining=walk)

    def record(
        self,
        walk: CheckinWalk,
        skill_id: str,
        level: int | None,
        note: str = "",
        evidence: str = "",
    ) -> CheckinWalk:
        """Keep (level None: the last rating again, dated today) or change one skill.

        The check-in itself is recorded with its first confirmed skill, so opening the
        screen and leaving at once leaves no trace. A changed skill's note and evidence
        are kept exactly as given. Either answer was given with the skill's rubric as it
        reads now in view, so the rating carries that rubric's digest (a kept level
        confirms it against the current descriptors, which clears a rubric-changed flag).
        """
        skill = catalog_skill(self.catalog, skill_id)
        check_text(note, "note")
        check_text(evidence, "evidence")
        today, now = self.clock.today(), self.clock.now()
        with self._uow() as uow:
            checkin_id = walk.checkin_id
            if checkin_id is None:
                checkin_id = uow.checkins.add(
                    Checkin(role_id=walk.role_id, started_at=now, pack_id=self.pack.id)
                ).id
            previous = current_ratings(uow, today, self.pack).get(skill_id)
            if level is None and previous is None:
                raise UserInputError("nothing to keep: this skill has no rating yet")
            rating = Rating(
                skill_id=skill_id,
                level=parse_level(level) if level is not None else previous.level,  # type: ignore[union-attr]
                note=note if level is not None else previous.note,  # type: ignore[union-attr]
                evidence=evidence if level is not None else previous.evidence,  # type: ignore[union-attr]
                effective_date=today,
                created_at=now,
                catalog_version=self.catalog.version,
                checkin_id=checkin_id,
                pack_id=self.pack.id,
                rubric_digest=rubric_digest(skill),
            )
            uow.ratings.add(rating)
            uow.commit()
        remaining = tuple(s for s in walk.remaining if s != skill_id)
        return walk.model_copy(update={"checkin_id": checkin_id, "remaining": remaining})
