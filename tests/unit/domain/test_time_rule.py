"""One rule for time: a date ahead of today counts as today, the later entry wins a tie,
and "days ago" is never negative, whatever the clock, the zone or a restore did."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from gaptracker.catalog import load_catalog
from gaptracker.domain.days import days_between, latest_day_at
from gaptracker.domain.gap import latest_ratings
from gaptracker.domain.models import Rating, Role
from gaptracker.domain.status import summarize
from gaptracker.domain.trend import weekly_levels, weekly_readiness

CATALOG = load_catalog()
ROLE: Role = CATALOG.role("inference-optimization-engineer")
SKILL = "cpp-cuda-systems-profiling"
TODAY = dt.date(2026, 12, 1)

days = st.dates(dt.date(2026, 10, 1), dt.date(2026, 12, 5))  # some after TODAY


def rating(level: int, day: dt.date, id: int) -> Rating:
    return Rating(
        skill_id=SKILL,
        level=level,
        effective_date=day,
        created_at=dt.datetime(2026, 11, 30, tzinfo=dt.UTC),
        catalog_version="t",
        id=id,
    )


@settings(max_examples=300)
@given(st.lists(st.tuples(st.integers(0, 5), days), min_size=1, max_size=12), st.integers(0, 5))
def test_a_rating_entered_today_is_current_whatever_came_before(
    earlier: list[tuple[int, dt.date]], level: int
) -> None:
    history = [rating(v, d, i + 1) for i, (v, d) in enumerate(earlier)]
    today_rating = rating(level, TODAY, len(history) + 1)
    current = latest_ratings([*history, today_rating], TODAY)
    assert current[SKILL] == today_rating
    # ... in the weekly series too: this week ends on the new level.
    assert weekly_levels([*history, today_rating], SKILL, TODAY, weeks=3)[-1] == level
    points = weekly_readiness(CATALOG, ROLE.id, [*history, today_rating], {}, TODAY)
    assert points[-1].week_ending == TODAY


@settings(max_examples=200)
@given(st.lists(st.tuples(st.integers(0, 5), days), min_size=1, max_size=12))
def test_the_current_rating_is_the_latest_counted_day_then_the_latest_entry(
    entries: list[tuple[int, dt.date]],
) -> None:
    history = [rating(v, d, i + 1) for i, (v, d) in enumerate(entries)]
    expected = max(history, key=lambda r: (min(r.effective_date, TODAY), r.id or 0))
    assert latest_ratings(history, TODAY)[SKILL] == expected
    assert latest_ratings(reversed(history), TODAY)[SKILL] == expected  # any read order


@given(days, days)
def test_days_ago_is_never_negative(last: dt.date, today: dt.date) -> None:
    assert days_between(last, today) >= 0
    summary = summarize(CATALOG, ROLE, {}, [], last, today)
    assert summary.days_since_last_rating is not None and summary.days_since_last_rating >= 0
    assert summary.last_rating_on is not None and summary.last_rating_on <= today
    assert "-" not in summary.line().split("|")[-1]


@given(st.datetimes(timezones=st.just(dt.UTC)))
def test_the_latest_day_anywhere_is_at_most_one_day_after_utcs(moment: dt.datetime) -> None:
    if moment.date() < dt.date.max - dt.timedelta(days=1):
        assert 0 <= (latest_day_at(moment) - moment.date()).days <= 1
