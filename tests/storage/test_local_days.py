"""Days are the user's own: a moment stored in UTC counts on the day it was where they are."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from gaptracker.domain.models import Catalog, Checkin, Rating
from gaptracker.services.tracker import Tracker
from gaptracker.storage.schema import Database
from tests.fakes import FixedClock

TOKYO_MORNING = dt.datetime(2026, 3, 2, 23, 30, tzinfo=dt.UTC)
"""08:30 on Tuesday 3 March in Tokyo, still Monday 2 March in UTC."""


def checked_in_at(moment: dt.datetime, catalog: Catalog, database: Database) -> Tracker:
    """A tracker whose clock stands at `moment`, just after a check-in of one skill."""
    tracker = Tracker(catalog, database.uow_factory, FixedClock(moment))
    tracker.set_target("ai-research-scientist")
    walk = tracker.checkin.walk()
    tracker.checkin.record(walk, walk.remaining[0], 2)
    return tracker


def test_a_check_in_this_morning_in_tokyo_was_today(
    catalog: Catalog, database: Database, local_zone: Callable[[str], None]
) -> None:
    local_zone("Asia/Tokyo")
    tracker = checked_in_at(TOKYO_MORNING, catalog, database)
    overview = tracker.overview()
    assert overview.today == dt.date(2026, 3, 3)
    assert overview.days_since_checkin == 0  # was 1: the UTC day of the check-in
    assert tracker.report().last_checkin_on == dt.date(2026, 3, 3)


def test_an_evening_check_in_in_los_angeles_was_today_not_tomorrow(
    catalog: Catalog, database: Database, local_zone: Callable[[str], None]
) -> None:
    local_zone("America/Los_Angeles")
    evening = dt.datetime(2026, 3, 3, 4, 0, tzinfo=dt.UTC)  # 20:00 on 2 March there
    overview = checked_in_at(evening, catalog, database).overview()
    assert overview.today == dt.date(2026, 3, 2)
    assert overview.days_since_checkin == 0  # was -1: "Last check-in -1 days ago"


def test_the_day_after_a_midnight_that_does_not_exist(
    database: Database, local_zone: Callable[[str], None]
) -> None:
    """Santiago springs forward at midnight: 6 September 2026 starts at 01:00. Activity
    late on the 5th is not "after the 5th" (a bound at the local midnight was 23:00)."""
    local_zone("America/Santiago")
    late = dt.datetime(2026, 9, 5, 23, 30).astimezone()
    saturday = dt.date(2026, 9, 5)
    with database.uow_factory() as uow:
        uow.ratings.add(
            Rating(
                skill_id="model-serving",
                level=2,
                effective_date=saturday - dt.timedelta(days=1),
                created_at=late,
                catalog_version="t",
            )
        )
        uow.checkins.add(Checkin(role_id="ai-research-scientist", started_at=late))
        uow.commit()
        assert uow.ratings.activity_days(saturday) == set()
        assert uow.checkins.start_days(saturday) == set()
        assert uow.ratings.activity_days(saturday - dt.timedelta(days=1)) == {saturday}
        assert uow.checkins.start_days(saturday - dt.timedelta(days=1)) == {saturday}
