"""A review is dated by the mentor's calendar and imported by the user's: the two can be
26 hours apart (UTC+14, Kiribati; UTC-12, Baker Island). Every review dated "today" where
the mentor is, after the bundle was shared, imports wherever the user is; a date no zone
on Earth had yet is refused."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gaptracker.catalog import load_catalog
from gaptracker.domain.errors import UserInputError
from gaptracker.domain.mentor import MentorLevel
from gaptracker.domain.review_files import build_review
from gaptracker.services.mentor import import_review, share
from tests.fakes import FakeUnitOfWorkFactory

CATALOG = load_catalog()
ROLE = "inference-optimization-engineer"
SKILL = "reproducibility-discipline"
EARLIEST, LATEST = dt.timedelta(hours=-12), dt.timedelta(hours=14)
"""The furthest any time zone is from UTC, either way."""

offsets = st.one_of(
    st.sampled_from([EARLIEST, LATEST]),  # the pair 26 hours apart, tried first and often
    st.integers(-12 * 60, 14 * 60).map(lambda m: dt.timedelta(minutes=m)),
)
instants = st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2090, 1, 1)).map(
    lambda t: t.replace(tzinfo=dt.UTC)
)


class ZoneClock:
    """The clock of someone at a fixed offset from UTC."""

    def __init__(self, now: dt.datetime, offset: dt.timedelta) -> None:
        self.current, self.offset = now, offset

    def now(self) -> dt.datetime:
        return self.current

    def today(self) -> dt.date:
        return (self.current + self.offset).date()


def shared_and_reviewed(
    shared_at: dt.datetime, user: dt.timedelta, reviewed_at: dt.datetime, mentor: dt.timedelta
) -> tuple[FakeUnitOfWorkFactory, object]:
    uow_factory = FakeUnitOfWorkFactory()
    request = share(CATALOG, uow_factory, ZoneClock(shared_at, user), ROLE, "Ada", lambda r: None)
    mentor_clock = ZoneClock(reviewed_at, mentor)
    levels = [MentorLevel(skill_id=SKILL, level=3)]
    review = build_review(request, "Grace", levels, mentor_clock.now(), mentor_clock.today())
    return uow_factory, review


@given(
    shared_at=instants,
    user=offsets,
    mentor=offsets,
    review_after=st.timedeltas(dt.timedelta(0), dt.timedelta(days=3)),
    import_after=st.timedeltas(dt.timedelta(0), dt.timedelta(days=3)),
)
def test_a_review_made_today_anywhere_imports_anywhere(
    shared_at: dt.datetime,
    user: dt.timedelta,
    mentor: dt.timedelta,
    review_after: dt.timedelta,
    import_after: dt.timedelta,
) -> None:
    reviewed_at = shared_at + review_after
    uow_factory, review = shared_and_reviewed(shared_at, user, reviewed_at, mentor)
    clock = ZoneClock(reviewed_at + import_after, user)
    done = import_review(CATALOG, uow_factory, clock, review, "r.json")  # type: ignore[arg-type]
    assert (done.count, done.already) == (1, False)


def test_kiribati_s_today_imports_on_baker_island_the_same_hour() -> None:
    at = dt.datetime(2026, 12, 2, 11, 0, tzinfo=dt.UTC)  # Dec 3 in Kiribati, Dec 1 on Baker
    uow_factory, review = shared_and_reviewed(at, EARLIEST, at, LATEST)
    assert review.reviewed_on == dt.date(2026, 12, 3)  # type: ignore[attr-defined]
    done = import_review(CATALOG, uow_factory, ZoneClock(at, EARLIEST), review, "r.json")  # type: ignore[arg-type]
    assert done.count == 1


def test_a_day_no_zone_has_reached_is_refused() -> None:
    at = dt.datetime(2026, 12, 2, 9, 59, tzinfo=dt.UTC)  # Dec 2 23:59 in Kiribati
    uow_factory, review = shared_and_reviewed(at, LATEST, at, LATEST)
    ahead = review.model_copy(update={"reviewed_on": dt.date(2026, 12, 3)})  # type: ignore[attr-defined]
    with pytest.raises(UserInputError, match="after today"):
        import_review(CATALOG, uow_factory, ZoneClock(at, LATEST), ahead, "r.json")
