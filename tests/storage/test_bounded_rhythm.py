"""The history screen's rhythm reads the dates of activity, not the ratings; it must show
what the whole history shows, streaks longer than its window included."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from gaptracker.domain.models import Catalog, Checkin, Rating
from gaptracker.domain.progress import active_weeks, heatmap, streak
from gaptracker.domain.trend import week_end
from gaptracker.services.tracker import HEATMAP_WEEKS, Tracker
from gaptracker.storage.schema import Database
from tests.fakes import FixedClock
from tests.storage.test_bounded_overview import fill


def whole_history_weeks(database: Database) -> set[dt.date]:
    with database.uow_factory() as uow:
        return active_weeks(uow.ratings.list(), uow.checkins.list())


@pytest.mark.parametrize(("seed", "years"), [(6, 2), (7, 1)])
def test_the_rhythm_equals_the_whole_history(
    tracker: Tracker, database: Database, catalog: Catalog, clock: FixedClock, seed: int, years: int
) -> None:
    today = clock.today()
    fill(database, catalog, today, seed, years)
    weeks = whole_history_weeks(database)

    assert tracker.active_weeks() == weeks
    window_start = week_end(today) - dt.timedelta(weeks=10)
    assert tracker.active_weeks(10) == {w for w in weeks if w > window_start}
    rhythm = tracker.rhythm()
    assert rhythm.cells == heatmap(weeks, today, HEATMAP_WEEKS)
    assert rhythm.streak == streak(weeks, today)


def test_a_streak_longer_than_the_strip_is_counted_whole(
    tracker: Tracker, database: Database, clock: FixedClock
) -> None:
    today = clock.today()
    with database.uow_factory() as uow:
        for week in range(70):  # one rating a week for 70 weeks, this week included
            day = today - dt.timedelta(weeks=week)
            at = dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)
            uow.ratings.add(
                Rating(
                    skill_id="model-serving",
                    level=2,
                    effective_date=day,
                    created_at=at,
                    catalog_version="t",
                )
            )
        uow.commit()
    rhythm = tracker.rhythm()
    assert all(rhythm.cells) and len(rhythm.cells) == HEATMAP_WEEKS
    assert rhythm.streak == 70 == streak(whole_history_weeks(database), today)


@pytest.mark.parametrize("zone", ["UTC", "Asia/Tokyo", "America/Los_Angeles"])
def test_activity_counts_on_the_users_own_days_at_the_edges_of_a_week(
    tracker: Tracker,
    database: Database,
    clock: FixedClock,
    local_zone: Callable[[str], None],
    zone: str,
) -> None:
    local_zone(zone)
    sunday = week_end(clock.today()) - dt.timedelta(weeks=6)

    def local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour, minute)).astimezone()

    with database.uow_factory() as uow:
        # Entered late on a Sunday, effective the Tuesday after: two active weeks.
        uow.ratings.add(
            Rating(
                skill_id="model-serving",
                level=3,
                effective_date=sunday + dt.timedelta(days=2),
                created_at=local(sunday, 23, 59),
                catalog_version="t",
            )
        )
        # 00:30 on a Monday is that Monday's week (in Tokyo, still Sunday in UTC) ...
        monday = sunday + dt.timedelta(weeks=2, days=1)
        uow.checkins.add(Checkin(role_id="ai-research-scientist", started_at=local(monday, 0, 30)))
        # ... and 20:00 on a Sunday is that Sunday's (in Los Angeles, Monday in UTC).
        later_sunday = sunday + dt.timedelta(weeks=4)
        uow.checkins.add(
            Checkin(role_id="ai-research-scientist", started_at=local(later_sunday, 20))
        )
        uow.commit()
    weeks = [sunday + dt.timedelta(weeks=n) for n in (0, 1, 3, 4)]
    assert tracker.active_weeks() == set(weeks) == whole_history_weeks(database)
