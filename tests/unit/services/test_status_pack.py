"""`gaptracker status`, the dashboard and the report say when the last rating that counts
under the active pack was made: not a rating of another pack, nor one of a skill the pack
retired."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gaptracker.domain.active_pack import BUILT_IN, ActivePack
from gaptracker.domain.models import Catalog, Rating, TargetChange
from gaptracker.services.status import read_status
from gaptracker.services.tracker import Tracker
from tests.conftest import NOW
from tests.fakes import FakeUnitOfWorkFactory, FixedClock
from tests.unit.services.test_active_pack import KEPT, ROLE, TAKEN, TODAY, fork, rating

entries = st.lists(
    st.tuples(
        st.sampled_from([KEPT, TAKEN]),
        st.integers(0, 5),
        st.dates(dt.date(2000, 1, 1), TODAY),
        st.sampled_from(["research-infra", "mine", "other"]),
    ),
    max_size=12,
)
PACKS = {
    "built-in": (BUILT_IN, lambda r: r.pack_id == "research-infra"),
    "fork retiring a skill": (
        fork(retired=(TAKEN,)),
        lambda r: r.pack_id != "other" and r.skill_id != TAKEN,
    ),
    "fork merging a skill": (
        fork(merged={KEPT: (KEPT, TAKEN)}),
        lambda r: r.pack_id != "other",
    ),
}


@pytest.mark.parametrize("name", PACKS)
@pytest.mark.parametrize("targeted", [True, False])
@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(drawn=entries)
def test_the_last_rating_is_the_last_that_counts_under_the_active_pack(
    catalog: Catalog, name: str, targeted: bool, drawn: list[tuple[str, int, dt.date, str]]
) -> None:
    pack, counts = PACKS[name]
    ratings = [rating(s, level, day, n, p) for n, (s, level, day, p) in enumerate(drawn, 1)]
    factory = FakeUnitOfWorkFactory()
    factory.store.ratings.extend(ratings)
    if targeted:
        factory.store.targets.append(TargetChange(role_id=ROLE, changed_at=NOW, pack_id=pack.id))
    status = read_status(catalog, factory, FixedClock(NOW), pack)
    expected = max((r.effective_date for r in ratings if counts(r)), default=None)
    assert status.last_rating_on == expected
    assert status.days_since_last_rating == (None if expected is None else (TODAY - expected).days)
    tracker = Tracker(catalog, factory, FixedClock(NOW), pack=pack)
    assert tracker.overview().last_rating_on == expected  # the dashboard says the same
    if targeted:
        assert tracker.report().last_rating_on == expected  # and the report


def test_a_newer_rating_of_another_pack_is_not_the_last_rating(catalog: Catalog) -> None:
    day = TODAY - dt.timedelta(days=9)
    ratings: list[Rating] = [
        rating(KEPT, 3, day, 1, "research-infra"),
        rating(KEPT, 4, TODAY, 2, "other"),
    ]
    factory = FakeUnitOfWorkFactory()
    factory.store.ratings.extend(ratings)
    factory.store.targets.append(TargetChange(role_id=ROLE, changed_at=NOW))
    line = read_status(catalog, factory, FixedClock(NOW), BUILT_IN).line()
    assert line.endswith("| last rating 9d ago")
    other = ActivePack("other", "2026.11.1", (), frozenset({"other"}))
    assert read_status(catalog, factory, FixedClock(NOW), other).days_since_last_rating == 0
