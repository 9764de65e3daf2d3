"""The services read ratings through the active pack: readiness counts what its changes
make of them (merged: the latest by date; retired: out), only within its lineage; the
history keeps every rating as saved."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gaptracker.domain.active_pack import ActivePack
from gaptracker.domain.models import Catalog, Rating
from gaptracker.domain.skill_changes import SkillChanges
from gaptracker.services.tracker import Tracker
from tests.conftest import NOW
from tests.fakes import FakeUnitOfWorkFactory, FixedClock

ROLE = "inference-optimization-engineer"
KEPT, TAKEN = "inference-optimization", "gpu-cuda-programming"
"""Skills the role requires; `TAKEN` is merged into `KEPT`, or retired."""
OLD_VERSION = "2026.11.1"
TODAY = NOW.date()


def fork(**change: object) -> ActivePack:
    step = SkillChanges(from_version=OLD_VERSION, to_version="2", **change)  # type: ignore[arg-type]
    return ActivePack("mine", "2", (step,), frozenset({"mine", "research-infra"}))


def tracker_over(catalog: Catalog, ratings: list[Rating], pack: ActivePack) -> Tracker:
    factory = FakeUnitOfWorkFactory()
    factory.store.ratings.extend(ratings)
    return Tracker(catalog, factory, FixedClock(NOW), pack=pack)


def rating(skill_id: str, level: int, day: dt.date, number: int, pack_id: str) -> Rating:
    return Rating(
        skill_id=skill_id,
        level=level,
        effective_date=day,
        created_at=NOW,
        catalog_version=OLD_VERSION,
        id=number,
        pack_id=pack_id,
    )


entries = st.lists(
    st.tuples(
        st.sampled_from([KEPT, TAKEN]),
        st.integers(0, 5),
        st.dates(dt.date(2000, 1, 1), TODAY),
        st.sampled_from(["research-infra", "mine", "other"]),
    ),
    min_size=1,
    max_size=12,
)


def saved(drawn: list[tuple[str, int, dt.date, str]]) -> list[Rating]:
    return [rating(s, level, day, n, p) for n, (s, level, day, p) in enumerate(drawn, 1)]


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(drawn=entries)
def test_merged_skills_count_their_latest_rating_by_date(
    catalog: Catalog, drawn: list[tuple[str, int, dt.date, str]]
) -> None:
    ratings = saved(drawn)
    tracker = tracker_over(catalog, ratings, fork(merged={KEPT: (KEPT, TAKEN)}))
    mine = [r for r in ratings if r.pack_id != "other"]  # another pack's never count
    current = tracker.current()
    assert TAKEN not in current
    if mine:
        latest = max(mine, key=lambda r: (r.effective_date, r.id or 0))
        assert (current[KEPT].level, current[KEPT].id) == (latest.level, latest.id)
    else:
        assert KEPT not in current
    assert tracker.ratings() == sorted(ratings, key=lambda r: r.order_key)  # as saved


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(drawn=entries)
def test_a_retired_skill_leaves_readiness_and_keeps_its_history(
    catalog: Catalog, drawn: list[tuple[str, int, dt.date, str]]
) -> None:
    ratings = saved(drawn)
    retiring = tracker_over(catalog, ratings, fork(retired=(TAKEN,)))
    without = tracker_over(
        catalog, [r for r in ratings if r.skill_id != TAKEN], fork(retired=(TAKEN,))
    )
    assert TAKEN not in retiring.current()
    assert retiring.gap(ROLE).readiness == without.gap(ROLE).readiness
    assert [r.id for r in retiring.ratings(TAKEN)] == [
        r.id for r in sorted(ratings, key=lambda r: r.order_key) if r.skill_id == TAKEN
    ]


def test_a_rescaled_rubric_reads_old_levels_through_its_map(catalog: Catalog) -> None:
    old = rating(KEPT, 1, TODAY, 1, "research-infra")
    tracker = tracker_over(catalog, [old], fork(levels={KEPT: (0, 2, 3, 4, 5, 5)}))
    assert tracker.current()[KEPT].level == 2
    assert tracker.ratings()[0].level == 1  # the history shows what was rated


def test_new_rows_carry_the_active_pack(catalog: Catalog) -> None:
    pack = fork()
    tracker = tracker_over(catalog, [], pack)
    tracker.set_target(ROLE)
    made = tracker.rate(KEPT, 3)
    goal = tracker.set_goal(KEPT, 4, TODAY + dt.timedelta(days=30))
    assert (made.pack_id, goal.pack_id) == ("mine", "mine")
    assert tracker.report(ROLE).pack == "mine"
    assert tracker.status().pack == f"mine@{catalog.version}"
