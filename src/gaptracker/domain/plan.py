"""The plan the guide gives: learning-path phases, study items, portfolio projects,
interview practice, and the next steps ranked by weighted gap times leverage.

Plan changes are append-only events (`PlanEvent`); the latest per item is its state, and
every change keeps its date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction

from gaptracker.domain.days import local_day
from gaptracker.domain.gap import GapAnalysis
from gaptracker.domain.models import (
    Catalog,
    Category,
    Frozen,
    PlanEvent,
    PlanKind,
    Status,
)
from gaptracker.domain.numbers import Percent


def latest_events(events: Iterable[PlanEvent]) -> dict[tuple[PlanKind, str], PlanEvent]:
    latest: dict[tuple[PlanKind, str], PlanEvent] = {}
    for event in sorted(events, key=lambda e: e.created_at):
        latest[(event.kind, event.item_id)] = event
    return latest


class PhaseProgress(Frozen):
    number: int
    title: str
    percent: Percent
    basis: str
    """What the percentage is computed from, in words."""

    @property
    def complete(self) -> bool:
        return self.percent >= 100


def _credit(analysis: GapAnalysis, skill_ids: Iterable[str]) -> Fraction:
    wanted = set(skill_ids)
    rows = [r for r in analysis.rows if r.skill_id in wanted]
    if not rows:
        return Fraction(100)
    return 100 * sum((r.credit for r in rows), Fraction(0)) / len(rows)


def phase_progress(
    catalog: Catalog, analysis: GapAnalysis, events: Mapping[tuple[PlanKind, str], PlanEvent]
) -> tuple[PhaseProgress, ...]:
    """Phase 1 is self-declared (as the guide says); 2-4 come from the ratings."""
    role = catalog.role(analysis.role_id)
    phase1 = events.get((PlanKind.PHASE, "1"))
    common = [s.id for s in catalog.skills if s.category is Category.COMMON]
    sources = {
        1: (Fraction(100 if phase1 and phase1.status is Status.DONE else 0), "your check mark"),
        2: (_credit(analysis, common), "the common skills"),
        3: (_credit(analysis, role.high_leverage_notes), "your role's topics"),
        4: (_credit(analysis, catalog.must_skills(role.id)), "the Must skills"),
    }
    return tuple(
        PhaseProgress(
            number=p.number,
            title=p.title,
            percent=sources[p.number][0],
            basis=sources[p.number][1],
        )
        for p in catalog.phases
    )


def current_phase(phases: Sequence[PhaseProgress]) -> int | None:
    """The first phase not yet complete (None: all four are)."""
    return next((p.number for p in phases if not p.complete), None)


class StudyItem(Frozen):
    skill_id: str
    status: Status
    text: str
    changed_on: dt.date | None


def study_items(
    catalog: Catalog, role_id: str, events: Mapping[tuple[PlanKind, str], PlanEvent]
) -> tuple[StudyItem, ...]:
    items = []
    for note in catalog.role(role_id).high_leverage_notes:
        event = events.get((PlanKind.STUDY, note))
        items.append(
            StudyItem(
                skill_id=note,
                status=event.status if event else Status.TODO,
                text=event.text if event else "",
                changed_on=local_day(event.created_at) if event else None,
            )
        )
    return tuple(items)


class ProjectItem(Frozen):
    id: str
    title: str
    description: str
    skills_demonstrated: tuple[str, ...]
    skill_ids: tuple[str, ...]
    difficulty: str
    status: Status
    link: str
    changed_on: dt.date | None
    user_added: bool


def project_items(
    catalog: Catalog, events: Mapping[tuple[PlanKind, str], PlanEvent]
) -> tuple[ProjectItem, ...]:
    """The guide's project ideas, then the user's own, in the order they were added."""
    items = []
    for project in catalog.projects:
        event = events.get((PlanKind.PROJECT, project.id))
        items.append(
            ProjectItem(
                id=project.id,
                title=project.title,
                description=project.description,
                skills_demonstrated=project.skills_demonstrated,
                skill_ids=project.skill_ids,
                difficulty=project.difficulty,
                status=event.status if event else Status.TODO,
                link=event.text if event else "",
                changed_on=local_day(event.created_at) if event else None,
                user_added=False,
            )
        )
    own = [
        e
        for (kind, item), e in events.items()
        if kind is PlanKind.PROJECT and item.startswith("own-")
    ]
    for event in sorted(own, key=lambda e: int(e.item_id.removeprefix("own-"))):
        items.append(
            ProjectItem(
                id=event.item_id,
                title=event.title,
                description=event.description,
                skills_demonstrated=tuple(_skill_name(catalog, s) for s in event.skill_ids),
                skill_ids=event.skill_ids,
                difficulty="",
                status=event.status,
                link=event.text,
                changed_on=local_day(event.created_at),
                user_added=True,
            )
        )
    return tuple(items)


def _skill_name(catalog: Catalog, skill_id: str) -> str:
    try:
        return catalog.skill(skill_id).name
    except KeyError:
        return skill_id


class PracticeItem(Frozen):
    id: str
    """`review:<note>` for a topic to review, `theme:<n>` for a common theme."""
    label: str
    last_practised: dt.date | None
    confidence: int | None


def practice_items(
    catalog: Catalog, events: Mapping[tuple[PlanKind, str], PlanEvent]
) -> tuple[PracticeItem, ...]:
    """Topics to review and the common themes; the least recently practised first."""
    labels = [
        (f"review:{s}", f"Review {catalog.skill(s).name}")
        for s in catalog.interview.review_skill_ids
    ]
    labels += [(f"theme:{i + 1}", theme) for i, theme in enumerate(catalog.interview.themes)]
    items = []
    for item_id, label in labels:
        event = events.get((PlanKind.PRACTICE, item_id))
        items.append(
            PracticeItem(
                id=item_id,
                label=label,
                last_practised=local_day(event.created_at) if event else None,
                confidence=event.confidence if event else None,
            )
        )
    return tuple(
        sorted(items, key=lambda p: (p.last_practised is not None, p.last_practised or dt.date.min))
    )


class NextStep(Frozen):
    skill_id: str
    name: str
    current: int
    target: int
    weighted_gap: int
    leverage: int
    """How many of the six roles require the skill."""
    score: int
    tip: str
    """How to get from the current level to the next."""
    suggestions: tuple[str, ...]


def leverage(catalog: Catalog, skill_id: str) -> int:
    return len({r.role_id for r in catalog.requirements if r.skill_id == skill_id})


def next_steps(
    catalog: Catalog,
    analysis: GapAnalysis,
    study: Sequence[StudyItem],
    projects: Sequence[ProjectItem],
    limit: int = 5,
) -> tuple[NextStep, ...]:
    """The gaps worth closing first: weighted gap times leverage, with what to do next."""
    steps = []
    for row in analysis.rows:
        if row.gap == 0:
            continue
        spread = leverage(catalog, row.skill_id)
        suggestions = []
        note = next((s for s in study if s.skill_id == row.skill_id), None)
        if note is not None and note.status is not Status.DONE:
            suggestions.append(f"study the note {note.skill_id} ({note.status.value})")
        for project in projects:
            if row.skill_id in project.skill_ids and project.status is not Status.DONE:
                suggestions.append(f"build the project '{project.title}'")
                break
        for theme, skill_ids in zip(
            catalog.interview.themes, catalog.interview.theme_skill_ids, strict=True
        ):
            if row.skill_id in skill_ids:
                suggestions.append(f"practise: {theme}")
                break
        steps.append(
            NextStep(
                skill_id=row.skill_id,
                name=row.skill_name,
                current=row.level,
                target=row.target,
                weighted_gap=row.weighted_gap,
                leverage=spread,
                score=row.weighted_gap * spread,
                tip=catalog.next_level_tip(row.skill_id, row.level),
                suggestions=tuple(suggestions),
            )
        )
    steps.sort(key=lambda s: (-s.score, -s.weighted_gap, s.skill_id))
    return tuple(steps[:limit])


def evidence_text(project: ProjectItem) -> str:
    """What a rating's evidence says when a done project backs it."""
    return f"project: {project.title}" + (f" ({project.link})" if project.link else "")
