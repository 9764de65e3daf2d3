"""Weekly series, moves since a check-in, staleness, goals, projection, rhythm."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest

from gaptracker.catalog import load_catalog
from gaptracker.domain.models import Checkin, Goal, Rating
from gaptracker.domain.progress import (
    ForecastStatus,
    GoalStatus,
    active_weeks,
    forecast_readiness,
    goal_progress,
    heatmap,
    is_stale,
    moves_since,
    streak,
)
from gaptracker.domain.trend import TrendPoint, week_end, weekly_levels, weekly_readiness

CATALOG = load_catalog()
ROLE = "inference-optimization-engineer"
MONDAY = dt.date(2026, 1, 5)
T0 = dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)


def rating(skill: str, level: int, day: dt.date, entered: dt.datetime | None = None) -> Rating:
    return Rating(
        skill_id=skill,
        level=level,
        effective_date=day,
        created_at=entered or dt.datetime.combine(day, dt.time(12), dt.UTC),
        catalog_version="t",
    )


def test_weekly_series_carries_levels_through_empty_weeks() -> None:
    ratings = [rating("cpp-cuda-systems-profiling", 2, MONDAY)]
    today = MONDAY + dt.timedelta(weeks=3)
    points = weekly_readiness(CATALOG, ROLE, ratings, {}, today)
    assert [p.week_ending for p in points] == [
        week_end(MONDAY) + dt.timedelta(weeks=i) for i in range(3)
    ] + [today]
    assert len({p.readiness for p in points}) == 1 and points[0].readiness > 0


def test_several_ratings_in_one_week_count_the_latest() -> None:
    ratings = [
        rating("cpp-cuda-systems-profiling", 1, MONDAY),
        rating("cpp-cuda-systems-profiling", 4, MONDAY + dt.timedelta(days=2)),
        rating("cpp-cuda-systems-profiling", 2, MONDAY + dt.timedelta(days=1)),
    ]
    (point,) = weekly_readiness(CATALOG, ROLE, ratings, {}, MONDAY + dt.timedelta(days=3))
    assert point.must_readiness == Fraction(100, 3)  # level 4 of target 4, 2 unrated


def test_a_backfilled_rating_lands_in_the_week_it_describes() -> None:
    today = MONDAY + dt.timedelta(weeks=4)
    late_entry = dt.datetime.combine(today, dt.time(9), dt.UTC)
    ratings = [rating("reproducibility-discipline", 4, MONDAY + dt.timedelta(weeks=1), late_entry)]
    points = weekly_readiness(CATALOG, ROLE, ratings, {}, today)
    assert points[0].week_ending == week_end(MONDAY + dt.timedelta(weeks=1))
    assert points[0].must_readiness == Fraction(100, 3)


def test_series_is_per_role_so_a_role_switch_recomputes_history() -> None:
    ratings = [rating("docker-and-kubernetes", 4, MONDAY)]
    infra = weekly_readiness(CATALOG, "ai-infra-platform-engineer", ratings, {}, MONDAY)
    inference = weekly_readiness(CATALOG, ROLE, ratings, {}, MONDAY)
    assert infra[0].readiness > 0 and inference[0].readiness == 0


def test_max_weeks_keeps_the_latest_weeks() -> None:
    ratings = [rating("cpp-cuda-systems-profiling", 1, MONDAY)]
    today = MONDAY + dt.timedelta(weeks=60)
    assert len(weekly_readiness(CATALOG, ROLE, ratings, {}, today, max_weeks=52)) == 52


def test_weekly_levels_of_one_skill() -> None:
    ratings = [
        rating("gpu-cuda-programming", 1, MONDAY),
        rating("gpu-cuda-programming", 3, MONDAY + dt.timedelta(weeks=2)),
    ]
    levels = weekly_levels(ratings, "gpu-cuda-programming", MONDAY + dt.timedelta(weeks=3), weeks=5)
    assert levels == (None, 1, 1, 3, 3)


def test_moves_since_a_checkin() -> None:
    before = dt.datetime(2026, 1, 10, tzinfo=dt.UTC)
    ratings = [
        rating("a", 2, MONDAY),
        rating("b", 3, MONDAY),
        rating("c", 1, MONDAY),
        rating("a", 3, MONDAY + dt.timedelta(days=7)),
        rating("b", 1, MONDAY + dt.timedelta(days=7)),
        rating("d", 2, MONDAY + dt.timedelta(days=7)),
        rating("c", 1, MONDAY + dt.timedelta(days=7)),  # kept: no move
    ]
    checkin = Checkin(id=7, role_id=ROLE, started_at=before)
    moves = {m.skill_id: m.kind for m in moves_since(ratings, checkin, MONDAY + dt.timedelta(7))}
    assert moves == {"a": "up", "b": "down", "d": "new"}


def test_staleness_after_ninety_days() -> None:
    r = rating("a", 2, MONDAY)
    assert not is_stale(r, MONDAY + dt.timedelta(days=90))
    assert is_stale(r, MONDAY + dt.timedelta(days=91))
    assert is_stale(r, MONDAY + dt.timedelta(days=31), stale_days=30)


def goal(level: int, due: dt.date) -> Goal:
    return Goal(skill_id="a", level=level, due=due, created_at=T0)


@pytest.mark.parametrize(
    ("history", "level", "due_in_days", "status"),
    [
        ([("a", 3, 0)], 3, 30, GoalStatus.DONE),
        ([("a", 1, 0)], 3, -1, GoalStatus.OVERDUE),
        ([("a", 1, 0), ("a", 2, 14)], 3, 28, GoalStatus.ON_TRACK),  # +0.5/week, needs 1 in 4 weeks
        ([("a", 1, 0), ("a", 2, 70)], 4, 14, GoalStatus.AT_RISK),  # +0.1/week, needs 2 in 2 weeks
        ([("a", 1, 0)], 2, 60, GoalStatus.AT_RISK),  # no pace yet
    ],
)
def test_goal_status_from_the_users_own_pace(
    history: list[tuple[str, int, int]], level: int, due_in_days: int, status: GoalStatus
) -> None:
    ratings = [rating(s, v, MONDAY + dt.timedelta(days=d)) for s, v, d in history]
    today = max(r.effective_date for r in ratings)
    due = today + dt.timedelta(days=due_in_days)
    result = goal_progress(goal(level, due), ratings[0], ratings[-1], today)
    assert result.status is status


def points(values: list[int]) -> list[TrendPoint]:
    return [
        TrendPoint(
            week_ending=week_end(MONDAY) + dt.timedelta(weeks=i),
            readiness=Fraction(v),
            must_readiness=Fraction(v),
        )
        for i, v in enumerate(values)
    ]


def test_forecast_extends_the_recent_pace_to_eighty_percent() -> None:
    trend = points([20, 30, 40, 50])  # +10 a week
    today = trend[-1].week_ending
    forecast = forecast_readiness(trend, today, trend[-1].readiness)
    assert forecast.status is ForecastStatus.ON_PACE
    assert forecast.pace_per_week == 10
    assert forecast.date == today + dt.timedelta(weeks=3)


def test_forecast_tells_flat_falling_ready_and_too_little_history_apart() -> None:
    def status(values: list[int]) -> ForecastStatus:
        trend = points(values)
        return forecast_readiness(trend, MONDAY, trend[-1].readiness).status

    assert status([30, 30, 30]) is ForecastStatus.NOT_RISING
    assert status([50, 45, 40]) is ForecastStatus.NOT_RISING
    assert status([70, 85]) is ForecastStatus.REACHED
    assert status([80]) is ForecastStatus.REACHED
    assert status([40]) is ForecastStatus.TOO_LITTLE_HISTORY
    assert status([50, 40]) is ForecastStatus.TOO_LITTLE_HISTORY  # one week apart


def test_two_days_of_history_give_no_forecast_date() -> None:
    """A rating on Saturday and one on Monday fall in two weeks: two weekly points, but
    two days of history. On main: "reaches 80% around ..." from that."""
    saturday = week_end(MONDAY) - dt.timedelta(days=1)
    trend = [
        TrendPoint(week_ending=week_end(saturday), readiness=Fraction(20), must_readiness=0),
        TrendPoint(
            week_ending=week_end(saturday + dt.timedelta(days=2)),
            readiness=Fraction(60),
            must_readiness=Fraction(0),
        ),
    ]
    today = saturday + dt.timedelta(days=2)
    forecast = forecast_readiness(trend, today, Fraction(60))
    assert forecast.status is ForecastStatus.TOO_LITTLE_HISTORY and forecast.date is None
    three_weeks = [
        *trend,
        trend[-1].model_copy(
            update={
                "week_ending": trend[-1].week_ending + dt.timedelta(weeks=1),
                "readiness": Fraction(70),
            }
        ),
    ]
    assert forecast_readiness(three_weeks, today, Fraction(70)).status is ForecastStatus.ON_PACE


def test_rhythm_streak_and_heatmap() -> None:
    today = MONDAY + dt.timedelta(weeks=5)
    ratings = [rating("a", 1, MONDAY + dt.timedelta(weeks=w)) for w in (0, 3, 4, 5)]
    checkins = [Checkin(id=1, role_id=ROLE, started_at=T0 + dt.timedelta(weeks=2))]
    weeks = active_weeks(ratings, checkins)
    assert streak(weeks, today) == 4  # weeks 2, 3, 4, 5
    cells = heatmap(weeks, today, count=8)
    assert cells == (False, False, True, False, True, True, True, True)
