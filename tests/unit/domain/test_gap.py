"""The gap engine: rows, readiness, the gated verdict, not-applicable marks, role fit."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gaptracker.catalog import load_catalog
from gaptracker.domain.gap import (
    active_not_applicable,
    analyse_role,
    latest_ratings,
    role_fit,
)
from gaptracker.domain.models import ApplicabilityMark, Catalog, Priority, Rating

T0 = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
ROLE = "inference-optimization-engineer"
CATALOG = load_catalog()
SKILL_IDS = [s.id for s in CATALOG.skills]


TODAY = dt.date(2026, 1, 31)


def rating(skill: str, level: int, day: int = 1, minute: int = 0, id: int | None = None) -> Rating:
    return Rating(
        skill_id=skill,
        level=level,
        effective_date=dt.date(2026, 1, day),
        created_at=T0 + dt.timedelta(minutes=minute),
        catalog_version="test",
        id=id,
    )


def current(levels: dict[str, int]) -> dict[str, Rating]:
    return latest_ratings((rating(s, v) for s, v in levels.items()), TODAY)


def all_targets_met(catalog: Catalog, role_id: str) -> dict[str, int]:
    return {r.skill_id: r.target for r in catalog.requirements_for(role_id)}


def test_unrated_role_has_zero_readiness_and_every_row_unrated(catalog: Catalog) -> None:
    analysis = analyse_role(catalog, ROLE, {})
    assert analysis.readiness == 0
    assert analysis.must_readiness == 0
    assert analysis.unrated_count == len(catalog.requirements_for(ROLE))
    assert all(r.current is None and r.gap == r.target for r in analysis.rows)
    assert not analysis.ready


def test_rows_are_sorted_by_weighted_gap_largest_first(catalog: Catalog) -> None:
    analysis = analyse_role(catalog, ROLE, current({"cpp-cuda-systems-profiling": 3}))
    weighted = [r.weighted_gap for r in analysis.rows]
    assert weighted == sorted(weighted, reverse=True)
    cpp = next(r for r in analysis.rows if r.skill_id == "cpp-cuda-systems-profiling")
    assert (cpp.target, cpp.current, cpp.gap, cpp.weighted_gap) == (4, 3, 1, 3)


def test_readiness_formula_gives_partial_credit_capped_at_target(catalog: Catalog) -> None:
    reqs = catalog.requirements_for(ROLE)
    total = sum(r.priority.weight for r in reqs)
    # Overshooting one skill's target earns no more than meeting it.
    analysis = analyse_role(catalog, ROLE, current({"cpp-cuda-systems-profiling": 5}))
    assert analysis.readiness == pytest.approx(100 * 3 / total)
    half = analyse_role(catalog, ROLE, current({"cpp-cuda-systems-profiling": 2}))
    assert half.readiness == pytest.approx(100 * 3 * 0.5 / total)
    assert half.must_readiness == pytest.approx(100 * 0.5 / 3)


def test_ready_is_gated_by_every_must_skill(catalog: Catalog) -> None:
    levels = all_targets_met(catalog, ROLE)
    assert analyse_role(catalog, ROLE, current(levels)).ready
    levels["reproducibility-discipline"] -= 1
    analysis = analyse_role(catalog, ROLE, current(levels))
    assert analysis.readiness > 95
    assert not analysis.ready
    assert [r.skill_id for r in analysis.blocking_must] == ["reproducibility-discipline"]


def test_ready_needs_eighty_percent_even_with_musts_met(catalog: Catalog) -> None:
    musts = {s: 5 for s in catalog.must_skill_ids}
    analysis = analyse_role(catalog, ROLE, current(musts))
    assert not analysis.blocking_must
    assert analysis.readiness < 80
    assert not analysis.ready


def test_not_applicable_leaves_both_sides_of_the_fraction(catalog: Catalog) -> None:
    levels = {r.skill_id: r.target for r in catalog.requirements_for(ROLE)}
    del levels["model-serving"]
    marks = [
        ApplicabilityMark(
            role_id=ROLE,
            skill_id="model-serving",
            not_applicable=True,
            reason="serving is another team's job",
            created_at=T0,
        )
    ]
    analysis = analyse_role(catalog, ROLE, current(levels), active_not_applicable(marks, ROLE))
    assert analysis.readiness == 100
    assert [n.skill_id for n in analysis.not_applicable] == ["model-serving"]
    assert "model-serving" not in {r.skill_id for r in analysis.rows}


def test_undo_restores_the_skill_and_other_roles_are_unaffected() -> None:
    mark = ApplicabilityMark(
        role_id=ROLE, skill_id="model-serving", not_applicable=True, reason="x", created_at=T0
    )
    undo = mark.model_copy(update={"not_applicable": False, "created_at": T0 + dt.timedelta(1)})
    assert active_not_applicable([mark], ROLE).keys() == {"model-serving"}
    assert active_not_applicable([mark, undo], ROLE) == {}
    assert active_not_applicable([mark], "ai-research-scientist") == {}


def test_latest_rating_is_by_effective_date_then_entry_order() -> None:
    newer = rating("gpu-cuda-programming", 3, day=5, minute=0, id=1)
    backfill = rating("gpu-cuda-programming", 1, day=1, minute=10, id=2)
    # Entered later by id, though the clock said earlier (it was set back).
    same_day_later = rating("gpu-cuda-programming", 2, day=5, minute=-60, id=3)
    assert latest_ratings([newer, backfill], TODAY)["gpu-cuda-programming"].level == 3
    assert (
        latest_ratings([newer, same_day_later, backfill], TODAY)["gpu-cuda-programming"].level == 2
    )


def test_role_fit_ranks_the_closest_role_first(catalog: Catalog) -> None:
    infra = all_targets_met(catalog, "ai-infra-platform-engineer")
    fits = role_fit(catalog, current(infra))
    assert fits[0].role_id == "ai-infra-platform-engineer"
    assert fits[0].readiness == 100
    assert len(fits) == 6
    assert [f.readiness for f in fits] == sorted((f.readiness for f in fits), reverse=True)


levels_strategy = st.dictionaries(st.sampled_from(SKILL_IDS), st.integers(0, 5))
roles_strategy = st.sampled_from([r.id for r in CATALOG.roles])


@settings(max_examples=200, deadline=None)
@given(levels=levels_strategy, role_id=roles_strategy)
def test_gap_never_negative_and_readiness_within_bounds(
    levels: dict[str, int], role_id: str
) -> None:
    analysis = analyse_role(CATALOG, role_id, current(levels))
    assert all(r.gap >= 0 and r.weighted_gap >= 0 for r in analysis.rows)
    assert 0 <= analysis.readiness <= 100
    assert 0 <= analysis.must_readiness <= 100


@settings(max_examples=200, deadline=None)
@given(
    levels=levels_strategy,
    role_id=roles_strategy,
    skill=st.sampled_from(SKILL_IDS),
    bump=st.integers(1, 5),
)
def test_raising_a_rating_never_lowers_readiness(
    levels: dict[str, int], role_id: str, skill: str, bump: int
) -> None:
    before = analyse_role(CATALOG, role_id, current(levels))
    raised = {**levels, skill: min(5, levels.get(skill, 0) + bump)}
    after = analyse_role(CATALOG, role_id, current(raised))
    assert after.readiness >= before.readiness
    assert after.must_readiness >= before.must_readiness


@settings(max_examples=100, deadline=None)
@given(role_id=roles_strategy, extra=st.integers(0, 2))
def test_all_targets_met_gives_one_hundred(role_id: str, extra: int) -> None:
    levels = {k: min(5, v + extra) for k, v in all_targets_met(CATALOG, role_id).items()}
    analysis = analyse_role(CATALOG, role_id, current(levels))
    assert analysis.readiness == 100
    assert analysis.must_readiness == 100
    assert analysis.ready


def test_every_role_weights_must_skills_highest(catalog: Catalog) -> None:
    for role in catalog.roles:
        musts = [r for r in catalog.requirements_for(role.id) if r.priority is Priority.MUST]
        assert {r.skill_id for r in musts} == set(catalog.must_skill_ids)
