"""Phase progress, study items, practice order and next-step selection (pure domain)."""

from __future__ import annotations

import datetime as dt

from gaptracker.catalog import load_catalog
from gaptracker.domain.gap import analyse_role, latest_ratings
from gaptracker.domain.models import PlanEvent, PlanKind, Rating, Status
from gaptracker.domain.plan import (
    current_phase,
    latest_events,
    leverage,
    next_steps,
    phase_progress,
    practice_items,
    project_items,
    study_items,
)

CATALOG = load_catalog()
ROLE = "ai-compiler-kernel-engineer"
T0 = dt.datetime(2026, 3, 2, tzinfo=dt.UTC)


def rated(levels: dict[str, int]) -> dict[str, Rating]:
    return latest_ratings(
        (
            Rating(
                skill_id=s, level=v, effective_date=T0.date(), created_at=T0, catalog_version="t"
            )
            for s, v in levels.items()
        ),
        T0.date(),
    )


def event(kind: PlanKind, item: str, minutes: int = 0, **fields: object) -> PlanEvent:
    return PlanEvent(
        kind=kind, item_id=item, created_at=T0 + dt.timedelta(minutes=minutes), **fields
    )  # type: ignore[arg-type]


def test_phases_come_from_checkbox_common_notes_and_musts() -> None:
    levels = {s.id: 5 for s in CATALOG.skills if s.category.value == "common"}
    analysis = analyse_role(CATALOG, ROLE, rated(levels))
    phases = phase_progress(CATALOG, analysis, {})
    assert [p.percent for p in phases] == [0, 100, 0, 0]
    assert current_phase(phases) == 1
    done = latest_events([event(PlanKind.PHASE, "1", status=Status.DONE)])
    phases = phase_progress(CATALOG, analysis, done)
    assert current_phase(phases) == 3  # phase 2 complete too


def test_latest_event_wins_and_study_items_follow_the_role() -> None:
    events = latest_events(
        [
            event(PlanKind.STUDY, "gpu-cuda-programming", 0, status=Status.IN_PROGRESS),
            event(PlanKind.STUDY, "gpu-cuda-programming", 5, status=Status.DONE, text="PMPP ch. 4"),
        ]
    )
    items = study_items(CATALOG, ROLE, events)
    assert [i.skill_id for i in items] == list(CATALOG.role(ROLE).high_leverage_notes)
    assert (items[0].status, items[0].text) == (Status.DONE, "PMPP ch. 4")


def test_user_projects_follow_the_guides_ideas() -> None:
    events = latest_events(
        [
            event(
                PlanKind.PROJECT,
                "own-1",
                title="Flash attention in Triton",
                skill_ids=("gpu-cuda-programming",),
            ),
            event(
                PlanKind.PROJECT, "serving-benchmark-harness", status=Status.DONE, text="https://x"
            ),
        ]
    )
    projects = project_items(CATALOG, events)
    assert [p.id for p in projects] == [
        "serving-benchmark-harness",
        "mini-research-replication",
        "own-1",
    ]
    assert projects[0].status is Status.DONE and projects[2].user_added


def test_practice_items_least_recently_practised_first() -> None:
    events = latest_events(
        [
            event(PlanKind.PRACTICE, "theme:1", 0, confidence=3),
            event(PlanKind.PRACTICE, "review:distributed-training", 60 * 24 * 3, confidence=4),
        ]
    )
    items = practice_items(CATALOG, events)
    assert len(items) == 7
    assert all(i.last_practised is None for i in items[:5])
    assert [i.id for i in items[5:]] == ["theme:1", "review:distributed-training"]


def test_leverage_counts_roles_and_ranks_shared_gaps_first() -> None:
    assert leverage(CATALOG, "cpp-cuda-systems-profiling") == 6
    assert leverage(CATALOG, "gpu-cuda-programming") == 6  # kernel role + interview review
    assert leverage(CATALOG, "multimodal-ai") == 1
    analysis = analyse_role(CATALOG, ROLE, {})
    steps = next_steps(
        CATALOG, analysis, study_items(CATALOG, ROLE, {}), project_items(CATALOG, {})
    )
    scores = [s.score for s in steps]
    assert scores == sorted(scores, reverse=True)
    assert steps[0].skill_id == "cpp-cuda-systems-profiling"  # must, gap 5, all six roles
    assert steps[0].tip == CATALOG.tips["cpp-cuda-systems-profiling"][0]


def test_next_steps_suggest_note_project_and_theme() -> None:
    analysis = analyse_role(
        CATALOG,
        ROLE,
        rated(
            {
                "cpp-cuda-systems-profiling": 5,
                "reproducibility-discipline": 5,
                "distributed-compute-literacy": 5,
            }
        ),
    )
    steps = next_steps(
        CATALOG, analysis, study_items(CATALOG, ROLE, {}), project_items(CATALOG, {}), limit=20
    )
    gpu = next(s for s in steps if s.skill_id == "gpu-cuda-programming")
    assert any("study the note gpu-cuda-programming" in x for x in gpu.suggestions)
    perf = next(s for s in steps if s.skill_id == "bottleneck-and-tooling-proximity")
    assert any(x.startswith("practise: Where is the true bottleneck") for x in perf.suggestions)
    met = {"cpp-cuda-systems-profiling"}
    assert not met & {s.skill_id for s in steps}


def test_every_skill_has_a_tip_for_every_level_step() -> None:
    assert set(CATALOG.tips) == {s.id for s in CATALOG.skills}
    assert all(len(steps) == 5 and all(steps) for steps in CATALOG.tips.values())
