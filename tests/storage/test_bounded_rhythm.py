"""The history screen's rhythm reads the dates of activity, not the ratings; it must show
what the whole history shows, streaks longer than its window included."""

from __future__ import annotations

import datetime as dt

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


def test_entry_and_check_in_days_count_in_utc_at_the_edges_of_a_week(
    tracker: Tracker, database: Database, clock: FixedClock
) -> None:
    sunday = week_end(clock.today()) - dt.timedelta(weeks=3)
    late = dt.datetime.combine(sunday, dt.time(23, 59, 59, 999999), tzinfo=dt.UTC)
    with database.uow_factory() as uow:
        # Entered late on a Sunday, effective the Tuesday after: two active weeks.
        uow.ratings.add(
            Rating(
                skill_id="model-serving",
                level=3,
                effective_date=sunday + dt.timedelta(days=2),
                created_at=late,
                catalog_version="t",
            )
        )
        # A check-in started at 00:30 on a Monday in UTC+2 is still Sunday in UTC.
        plus_two = dt.timezone(dt.timedelta(hours=2))
        monday = dt.datetime.combine(sunday + dt.timedelta(days=1), dt.time(0, 30), plus_two)
        uow.checkins.add(Checkin(role_id="ai-research-scientist", started_at=monday))
        uow.commit()
    assert tracker.active_weeks() == whole_history_weeks(database)
    assert tracker.active_weeks() == {sunday, sunday + dt.timedelta(weeks=1)}
