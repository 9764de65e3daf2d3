"""Ratings made in one zone and read in another, UTC-12 to UTC+14: a later rating always
becomes current and no figure reads a negative number of days."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gaptracker.catalog import load_catalog
from gaptracker.services.tracker import Tracker
from tests.fakes import FakeUnitOfWorkFactory, FixedClock

ZONES = [
    f"Etc/GMT{sign}{hours}"
    for sign, hours in [("+", 12), ("+", 5), ("+", 0), ("-", 5), ("-", 9), ("-", 12), ("-", 14)]
] + ["Pacific/Kiritimati", "Asia/Kolkata", "America/St_Johns"]
"""POSIX names: Etc/GMT+12 is UTC-12 and Etc/GMT-14 is UTC+14."""
CATALOG = load_catalog()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    first_zone=st.sampled_from(ZONES),
    second_zone=st.sampled_from(ZONES),
    moment=st.datetimes(
        dt.datetime(2020, 1, 1), dt.datetime(2030, 1, 1), timezones=st.just(dt.UTC)
    ),
    minutes_later=st.integers(0, 36 * 60),
    levels=st.tuples(st.integers(0, 5), st.integers(0, 5)),
)
def test_a_later_rating_in_any_zone_is_current(
    local_zone: Callable[[str], None],
    first_zone: str,
    second_zone: str,
    moment: dt.datetime,
    minutes_later: int,
    levels: tuple[int, int],
) -> None:
    clock = FixedClock(moment)
    tracker = Tracker(CATALOG, FakeUnitOfWorkFactory(), clock)
    tracker.set_target("inference-optimization-engineer")
    local_zone(first_zone)
    tracker.rate("gpu-cuda-programming", levels[0])  # dated today, there
    local_zone(second_zone)
    clock.advance(minutes=minutes_later)
    tracker.rate("gpu-cuda-programming", levels[1])
    assert tracker.current()["gpu-cuda-programming"].level == levels[1]
    status = tracker.status()
    assert status.days_since_last_rating == 0
    assert status.last_rating_on == clock.today()
    overview = tracker.overview()
    assert overview.days_since_last_rating == 0
    assert overview.analysis is not None
    gpu = next(r for r in overview.analysis.rows if r.skill_id == "gpu-cuda-programming")
    assert gpu.current == levels[1]
    report = tracker.report()
    assert report.trend[-1].week_ending == clock.today()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    entered_zone=st.sampled_from(ZONES),
    read_zone=st.sampled_from(ZONES),
    moment=st.datetimes(
        dt.datetime(2020, 1, 1), dt.datetime(2030, 1, 1), timezones=st.just(dt.UTC)
    ),
    minutes_back=st.integers(0, 24 * 60),
)
def test_no_date_shown_lies_after_today(
    local_zone: Callable[[str], None],
    entered_zone: str,
    read_zone: str,
    moment: dt.datetime,
    minutes_back: int,
) -> None:
    """A rating and a check-in made in one zone (or by a clock up to a day fast, as a
    restore allows) and read in another: every date shown is today at the latest (on
    main, `rated_on` and `last_checkin_on` could be tomorrow)."""
    clock = FixedClock(moment)
    tracker = Tracker(CATALOG, FakeUnitOfWorkFactory(), clock)
    tracker.set_target("inference-optimization-engineer")
    local_zone(entered_zone)
    tracker.checkin.record(tracker.checkin.walk(), "cpp-cuda-systems-profiling", 3)
    tracker.rate("gpu-cuda-programming", 2)
    local_zone(read_zone)
    clock.advance(minutes=-minutes_back)
    today = clock.today()
    report = tracker.report()
    shown = [r.rated_on for r in (*report.gaps, *report.must_skills) if r.rated_on]
    shown += [d for d in (report.last_checkin_on, report.last_rating_on) if d]
    overview = tracker.overview()
    assert overview.analysis is not None
    shown += [r.rated_on for r in overview.analysis.rows if r.rated_on]
    shown += [r.rated_on for r in tracker.gap().rows if r.rated_on]
    assert len(shown) >= 7 and max(shown) <= today, (shown, today)
