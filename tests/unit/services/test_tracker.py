"""The use cases against the in-memory unit of work (no database)."""

from __future__ import annotations

import datetime as dt

import pytest

from gaptracker.domain.errors import UserInputError
from gaptracker.domain.models import Catalog, Rating
from gaptracker.services.tracker import Tracker
from tests.fakes import FakeUnitOfWorkFactory, FixedClock

ROLE = "inference-optimization-engineer"


def test_no_target_until_one_is_set_and_the_latest_wins(fake_tracker: Tracker) -> None:
    assert fake_tracker.target_role_id() is None
    fake_tracker.set_target(ROLE)
    fake_tracker.set_target("ai-research-scientist")
    assert fake_tracker.target_role_id() == "ai-research-scientist"


def test_unknown_role_is_refused_with_a_suggestion(fake_tracker: Tracker) -> None:
    with pytest.raises(UserInputError, match="did you mean 'ai-research-scientist'"):
        fake_tracker.set_target("ai-research-scientst")
    assert fake_tracker.target_role_id() is None


def test_rate_appends_and_commits(fake_tracker: Tracker, clock: FixedClock) -> None:
    first = fake_tracker.rate("gpu-cuda-programming", 2, note="  wrote a tiled matmul ")
    clock.advance(days=1)
    fake_tracker.rate("gpu-cuda-programming", 3)
    history = fake_tracker.ratings("gpu-cuda-programming")
    assert [r.level for r in history] == [2, 3]
    assert first.note == "  wrote a tiled matmul "  # stored exactly as entered
    assert history[0].note == first.note
    assert first.catalog_version == fake_tracker.catalog.version
    assert first.effective_date == clock.today() - dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("skill", "level", "message"),
    [
        ("gpu-cuda-programing", 2, "did you mean 'gpu-cuda-programming'"),
        ("gpu-cuda-programming", 6, "from 0 to 5"),
        ("gpu-cuda-programming", -1, "from 0 to 5"),
        ("gpu-cuda-programming", "two", "one digit from 0 to 5"),
    ],
)
def test_bad_ratings_are_refused_and_nothing_is_written(
    fake_tracker: Tracker, skill: str, level: int | str, message: str
) -> None:
    with pytest.raises(UserInputError, match=message):
        fake_tracker.rate(skill, level)
    assert fake_tracker.ratings() == []


def test_a_future_date_is_refused(fake_tracker: Tracker, clock: FixedClock) -> None:
    with pytest.raises(UserInputError, match="future"):
        fake_tracker.rate("gpu-cuda-programming", 2, effective_date=clock.today() + dt.timedelta(1))


def test_backfilled_rating_does_not_replace_a_newer_one(
    fake_tracker: Tracker, clock: FixedClock
) -> None:
    fake_tracker.set_target(ROLE)
    fake_tracker.rate("gpu-cuda-programming", 3)
    fake_tracker.rate("gpu-cuda-programming", 1, effective_date=clock.today() - dt.timedelta(30))
    row = next(r for r in fake_tracker.gap().rows if r.skill_id == "gpu-cuda-programming")
    assert row.current == 3
    assert [r.level for r in fake_tracker.ratings("gpu-cuda-programming")] == [1, 3]


def test_gap_needs_a_target_or_a_role(fake_tracker: Tracker) -> None:
    with pytest.raises(UserInputError, match="no target role"):
        fake_tracker.gap()
    assert fake_tracker.gap("ai-research-scientist").role_id == "ai-research-scientist"


def test_not_applicable_rules(fake_tracker: Tracker) -> None:
    fake_tracker.set_target(ROLE)
    with pytest.raises(UserInputError, match="Must skill"):
        fake_tracker.mark_not_applicable("reproducibility-discipline", "no")
    with pytest.raises(UserInputError, match="does not require"):
        fake_tracker.mark_not_applicable("multimodal-ai", "not my area")
    with pytest.raises(UserInputError, match="reason"):
        fake_tracker.mark_not_applicable("model-serving", "  ")
    fake_tracker.mark_not_applicable("model-serving", "platform team owns serving")
    assert [n.skill_id for n in fake_tracker.gap().not_applicable] == ["model-serving"]
    fake_tracker.mark_not_applicable("model-serving", "", undo=True)
    assert fake_tracker.gap().not_applicable == ()


@pytest.mark.parametrize("marks_before", [0, 2], ids=["never-marked", "already-undone"])
def test_undo_of_a_skill_that_is_not_marked_is_refused_and_writes_nothing(
    fake_tracker: Tracker, marks_before: int
) -> None:
    fake_tracker.set_target(ROLE)
    if marks_before:
        fake_tracker.mark_not_applicable("model-serving", "platform team owns serving")
        fake_tracker.mark_not_applicable("model-serving", "", undo=True)
    store = fake_tracker.uow_factory.store  # type: ignore[attr-defined]
    with pytest.raises(UserInputError, match="model-serving is not marked not applicable for"):
        fake_tracker.mark_not_applicable("model-serving", "", undo=True)
    with pytest.raises(UserInputError, match="is not marked not applicable"):
        fake_tracker.mark_not_applicable("reproducibility-discipline", "", undo=True)
    assert len(store.marks) == marks_before


def test_status_line(fake_tracker: Tracker, clock: FixedClock) -> None:
    assert "no target role" in fake_tracker.status().line()
    fake_tracker.set_target(ROLE)
    fake_tracker.rate("cpp-cuda-systems-profiling", 4)
    clock.advance(days=3)
    status = fake_tracker.status()
    assert (status.must_met, status.must_total, status.days_since_last_rating) == (1, 3, 3)
    assert status.line().startswith("Inference Optimization Engineer | readiness ")
    assert "Must 1/3 met | last rating 3d ago" in status.line()


def test_report_reflects_the_gap_and_role_fit(fake_tracker: Tracker) -> None:
    fake_tracker.set_target(ROLE)
    fake_tracker.rate("gpu-cuda-programming", 2, note="wrote a tiled matmul")
    report = fake_tracker.report()
    assert report.is_target and report.role.id == ROLE
    assert [m.skill_id for m in report.must_skills] == list(fake_tracker.catalog.must_skill_ids)
    row = next(g for g in report.gaps if g.skill_id == "gpu-cuda-programming")
    assert (row.current, row.note) == (2, "wrote a tiled matmul")
    assert len(report.role_fit) == 6


def test_history_lists_ratings_by_effective_date_as_stored_then_entry_order(
    catalog: Catalog, clock: FixedClock
) -> None:
    """README: `history` is oldest first by effective date as stored. A date ahead of
    today (made in a zone ahead) counts as today for the current level, but is listed
    by the date it carries: after a rating entered later for today (on main, before it)."""
    factory = FakeUnitOfWorkFactory()
    tomorrow = clock.today() + dt.timedelta(days=1)
    ahead = Rating(
        skill_id="gpu-cuda-programming",
        level=3,
        effective_date=tomorrow,
        created_at=clock.now(),
        catalog_version="1",
        id=1,
    )
    factory.store.ratings.append(ahead)
    tracker = Tracker(catalog, factory, clock)
    later = tracker.rate("gpu-cuda-programming", 2, effective_date=clock.today())
    tracker.rate("model-serving", 1, effective_date=clock.today() - dt.timedelta(days=3))
    listed = tracker.ratings()
    assert [(r.effective_date, r.id) for r in listed] == sorted(
        (r.effective_date, r.id) for r in listed
    )
    assert [r.id for r in tracker.ratings("gpu-cuda-programming")] == [later.id, 1]
    assert tracker.current()["gpu-cuda-programming"].id == later.id  # counts as today
