"""Check-ins, goals and the weekly series through the service (in-memory unit of work)."""

from __future__ import annotations

import datetime as dt

import pytest

from gaptracker.domain.errors import UserInputError
from gaptracker.domain.overview import with_rating
from gaptracker.services.tracker import Tracker
from tests.fakes import FixedClock

ROLE = "inference-optimization-engineer"


def test_a_checkin_walks_musts_first_and_records_one_event(fake_tracker: Tracker) -> None:
    fake_tracker.set_target(ROLE)
    fake_tracker.rate("cpp-cuda-systems-profiling", 2, note="nsys once", evidence="link")
    walk = fake_tracker.checkin.walk()
    assert walk.checkin_id is None
    assert walk.skills[:3] == fake_tracker.catalog.must_skill_ids
    assert len(walk.skills) == len(fake_tracker.catalog.requirements_for(ROLE))
    walk = fake_tracker.checkin.record(walk, "cpp-cuda-systems-profiling", None)  # keep
    walk = fake_tracker.checkin.record(walk, "reproducibility-discipline", 3, note="ablations")
    assert walk.checkin_id is not None and walk.done_count == 2
    (checkin,) = fake_tracker.checkins()
    made = [r for r in fake_tracker.ratings() if r.checkin_id == checkin.id]
    kept = next(r for r in made if r.skill_id == "cpp-cuda-systems-profiling")
    assert (kept.level, kept.note, kept.evidence) == (2, "nsys once", "link")


def test_an_unfinished_checkin_is_resumed_within_a_week(
    fake_tracker: Tracker, clock: FixedClock
) -> None:
    fake_tracker.set_target(ROLE)
    walk = fake_tracker.checkin.walk()
    walk = fake_tracker.checkin.record(walk, "cpp-cuda-systems-profiling", 1)
    clock.advance(days=3)
    resumed = fake_tracker.checkin.walk()
    assert resumed.checkin_id == walk.checkin_id
    assert "cpp-cuda-systems-profiling" not in resumed.remaining
    clock.advance(days=7)
    fresh = fake_tracker.checkin.walk()
    assert fresh.checkin_id is None and fresh.remaining == fresh.skills


def test_keep_needs_a_previous_rating(fake_tracker: Tracker) -> None:
    fake_tracker.set_target(ROLE)
    walk = fake_tracker.checkin.walk()
    with pytest.raises(UserInputError, match="nothing to keep"):
        fake_tracker.checkin.record(walk, "distributed-compute-literacy", None)
    assert fake_tracker.checkins() == []


def test_goals_latest_per_skill_and_validation(fake_tracker: Tracker, clock: FixedClock) -> None:
    today = clock.today()
    fake_tracker.set_goal("gpu-cuda-programming", 3, today + dt.timedelta(30))
    fake_tracker.set_goal("gpu-cuda-programming", 4, today + dt.timedelta(60))
    (goal,) = fake_tracker.goals()
    assert goal.goal.level == 4
    with pytest.raises(UserInputError, match="past"):
        fake_tracker.set_goal("gpu-cuda-programming", 4, today - dt.timedelta(1))
    with pytest.raises(UserInputError, match="1 to 5"):
        fake_tracker.set_goal("gpu-cuda-programming", 0, today)


def test_overview_reports_moves_staleness_and_nudge(
    fake_tracker: Tracker, clock: FixedClock
) -> None:
    fake_tracker.set_target(ROLE)
    fake_tracker.rate("gpu-cuda-programming", 1, effective_date=clock.today() - dt.timedelta(100))
    walk = fake_tracker.checkin.walk()
    clock.advance(minutes=1)
    fake_tracker.checkin.record(walk, "cpp-cuda-systems-profiling", 2)
    overview = fake_tracker.overview()
    assert [(m.skill_id, m.kind) for m in overview.moves] == [("cpp-cuda-systems-profiling", "new")]
    assert overview.stale == frozenset({"gpu-cuda-programming"})
    assert not overview.checkin_due
    clock.advance(days=15)
    assert fake_tracker.overview().checkin_due


def test_the_overview_shown_before_the_commit_agrees_with_the_reload(
    fake_tracker: Tracker,
) -> None:
    """with_rating() is what the TUI shows while a rating commits: everything it claims
    to recompute equals the overview read back after the save."""
    fake_tracker.set_target(ROLE)
    fake_tracker.rate("model-serving", 2)
    fake_tracker.mark_not_applicable("model-serving", "not mine")
    fake_tracker.rate(
        "gpu-cuda-programming",
        5,
        effective_date=fake_tracker.clock.today() - dt.timedelta(days=200),
    )
    before = fake_tracker.overview()
    saved = fake_tracker.rate("cpp-cuda-systems-profiling", 4)
    shown = with_rating(before, fake_tracker.catalog, saved)
    full = fake_tracker.overview()
    for field in (
        "target_role",
        "analysis",
        "fits",
        "current",
        "not_applicable",
        "stale",
        "rating_count",
        "last_rating_on",
    ):
        assert getattr(shown, field) == getattr(full, field), field
    assert shown.analysis != before.analysis


def test_a_backdated_rating_does_not_replace_a_newer_one_before_the_commit(
    fake_tracker: Tracker,
) -> None:
    fake_tracker.set_target(ROLE)
    fake_tracker.rate("model-serving", 3)
    before = fake_tracker.overview()
    old = fake_tracker.rate(
        "model-serving", 1, effective_date=fake_tracker.clock.today() - dt.timedelta(days=30)
    )
    shown = with_rating(before, fake_tracker.catalog, old)
    assert (
        shown.current["model-serving"].level
        == 3
        == fake_tracker.overview().current["model-serving"].level
    )
