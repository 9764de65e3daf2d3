"""Exact figures: readiness at its thresholds, rounding for display, goals, the forecast.

The oracle is README's formula written again with integers, so a float anywhere in the
domain's path (79.99999999999999 for an exact 80) shows up as a wrong verdict here.
"""

from __future__ import annotations

import datetime as dt
import random
from fractions import Fraction

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from gaptracker.catalog import load_catalog
from gaptracker.domain.days import EARLIEST_DATE, years_after
from gaptracker.domain.gap import READY_THRESHOLD, analyse_role, latest_ratings
from gaptracker.domain.models import ApplicabilityMark, Goal, Priority, Rating
from gaptracker.domain.numbers import floor_to, json_percent, percent_text, signed_text
from gaptracker.domain.progress import (
    FORECAST_YEARS,
    ForecastStatus,
    GoalStatus,
    forecast_readiness,
    goal_progress,
)
from gaptracker.domain.trend import TrendPoint, week_end

CATALOG = load_catalog()
ROLES = [r.id for r in CATALOG.roles]
TODAY = dt.date(2026, 3, 2)
WEIGHT = {Priority.MUST: 3, Priority.SHOULD: 2, Priority.COULD: 1}


def rated(levels: dict[str, int]) -> dict[str, Rating]:
    return latest_ratings(
        (
            Rating(
                skill_id=skill,
                level=level,
                effective_date=TODAY,
                created_at=dt.datetime(2026, 3, 2, tzinfo=dt.UTC),
                catalog_version="t",
            )
            for skill, level in levels.items()
        ),
        TODAY,
    )


def oracle(role_id: str, levels: dict[str, int], skipped: frozenset[str] = frozenset()) -> Fraction:
    """README: 100 * sum(w * min(c, t) / t) / sum(w) over the applicable requirements,
    in integers: the numerator over a common denominator, then one exact division."""
    reqs = [r for r in CATALOG.requirements_for(role_id) if r.skill_id not in skipped]
    common = 1
    for req in reqs:
        common *= req.target
    num = sum(
        WEIGHT[r.priority] * min(levels.get(r.skill_id, 0), r.target) * (common // r.target)
        for r in reqs
    )
    return Fraction(100 * num, common * sum(WEIGHT[r.priority] for r in reqs))


@settings(max_examples=300, deadline=None)
@given(role_id=st.sampled_from(ROLES), data=st.data())
def test_readiness_and_the_verdict_agree_with_the_formula_exactly(
    role_id: str, data: st.DataObject
) -> None:
    reqs = CATALOG.requirements_for(role_id)
    levels = {r.skill_id: data.draw(st.integers(0, 5), label=r.skill_id) for r in reqs}
    analysis = analyse_role(CATALOG, role_id, rated(levels))
    assert analysis.readiness == oracle(role_id, levels)
    musts_met = all(levels[r.skill_id] >= r.target for r in reqs if r.priority is Priority.MUST)
    assert analysis.ready == (oracle(role_id, levels) >= 80 and musts_met)


def combinations_at_exactly_eighty(
    role_id: str, wanted: int
) -> list[tuple[dict[str, int], frozenset[str]]]:
    """(levels, skills marked not applicable) with every Must met and an exact readiness of
    80, by a seeded search near the targets. Where the role's weights sum to 29, 80% (23.2)
    is out of reach of any levels, so the search also takes skills out, as marks do."""
    rng = random.Random(role_id)
    reqs = CATALOG.requirements_for(role_id)
    optional = [r.skill_id for r in reqs if r.priority is not Priority.MUST]
    found: list[tuple[dict[str, int], frozenset[str]]] = []
    for _ in range(20_000):
        levels = {
            r.skill_id: r.target
            if r.priority is Priority.MUST
            else rng.randint(max(0, r.target - 3), 5)
            for r in reqs
        }
        skipped = frozenset(rng.sample(optional, rng.choice([0, 0, 1, 2, 3])))
        if oracle(role_id, levels, skipped) == 80:
            found.append((levels, skipped))
            if len(found) == wanted:
                break
    return found


@pytest.mark.parametrize("role_id", ROLES)
def test_exactly_eighty_percent_is_ready(role_id: str) -> None:
    combinations = combinations_at_exactly_eighty(role_id, 25)
    assert len(combinations) == 25, "the search should find levels at exactly 80%"
    for levels, skipped in combinations:
        marks = {
            skill: ApplicabilityMark(
                role_id=role_id,
                skill_id=skill,
                not_applicable=True,
                reason="r",
                created_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
            )
            for skill in skipped
        }
        analysis = analyse_role(CATALOG, role_id, rated(levels), marks)
        assert analysis.readiness == READY_THRESHOLD
        assert analysis.ready, levels
        assert percent_text(analysis.readiness) == "80"
        assert json_percent(analysis.readiness) == 80.0


@given(st.fractions(min_value=0, max_value=100), st.integers(0, 3))
def test_shown_percentages_are_rounded_down_never_up(value: Fraction, places: int) -> None:
    shown = Fraction(percent_text(value, places))
    assert shown <= value < shown + Fraction(1, 10**places)
    assert json_percent(value) == float(floor_to(value, 1))
    if value < READY_THRESHOLD:
        assert shown < READY_THRESHOLD  # 79.99 never reads as 80
        assert json_percent(value) < 80


def test_signed_text_rounds_to_nearest_with_a_sign() -> None:
    assert signed_text(Fraction(3, 2)) == "+1.5"
    assert signed_text(Fraction(-1, 3)) == "-0.3"
    assert signed_text(Fraction(1, 1000)) == "0.0"
    assert signed_text(Fraction(5, 100)) == "+0.1"


def series(values: list[Fraction], start: dt.date) -> list[TrendPoint]:
    first = week_end(start)
    return [
        TrendPoint(week_ending=first + dt.timedelta(weeks=i), readiness=v, must_readiness=v)
        for i, v in enumerate(values)
    ]


readiness_values = st.one_of(
    st.fractions(min_value=0, max_value=100, max_denominator=10**12),
    st.sampled_from([Fraction(0), Fraction(200, 3), Fraction(79), Fraction(7999, 100)]),
)


@settings(max_examples=400, deadline=None)
@given(
    start=st.dates(EARLIEST_DATE, dt.date(2100, 1, 1)),
    first=readiness_values,
    steps=st.lists(
        st.one_of(
            st.just(Fraction(0)),
            st.fractions(min_value=Fraction(-1, 10**9), max_value=Fraction(1, 10**9)),
            st.fractions(min_value=-100, max_value=100),
        ),
        min_size=0,
        max_size=14,
    ),
)
def test_the_forecast_never_overflows_and_says_one_thing(
    start: dt.date, first: Fraction, steps: list[Fraction]
) -> None:
    values = [first]
    for step in steps:
        values.append(min(Fraction(100), max(Fraction(0), values[-1] + step)))
    trend = series(values, start)
    today = trend[-1].week_ending
    forecast = forecast_readiness(trend, today, values[-1])
    if values[-1] >= READY_THRESHOLD:
        assert forecast.status is ForecastStatus.REACHED
    elif len(values) < 3:  # weekly points spanning under two weeks
        assert forecast.status is ForecastStatus.TOO_LITTLE_HISTORY
    elif len(set(values[-12:])) == 1:
        assert forecast.status is ForecastStatus.NOT_RISING  # flat is flat, exactly
        assert forecast.pace_per_week == 0
    if values[-1] < READY_THRESHOLD and len(values) >= 3:
        assert forecast.status is not ForecastStatus.TOO_LITTLE_HISTORY
    if forecast.status is ForecastStatus.ON_PACE:
        assert forecast.date is not None
        assert today < forecast.date <= years_after(today, FORECAST_YEARS)
        assert forecast.pace_per_week > 0
    else:
        assert forecast.date is None


def test_a_tiny_rise_is_beyond_the_horizon_not_a_date_in_2061() -> None:
    values = [Fraction(40) + Fraction(i, 10**6) for i in range(12)]
    trend = series(values, dt.date(2026, 1, 5))
    forecast = forecast_readiness(trend, trend[-1].week_ending, values[-1])
    assert forecast.status is ForecastStatus.BEYOND_HORIZON
    assert forecast.date is None and forecast.horizon_years == FORECAST_YEARS


@settings(max_examples=300, deadline=None)
@given(
    first_level=st.integers(0, 5),
    gain=st.integers(-5, 5),
    days=st.integers(1, 400),
    due_in=st.integers(0, 400),
    goal_level=st.integers(1, 5),
)
def test_goal_status_is_exact(
    first_level: int, gain: int, days: int, due_in: int, goal_level: int
) -> None:
    latest_level = first_level + gain
    assume(0 <= latest_level <= 5)
    start = TODAY - dt.timedelta(days=days)

    def rating(level: int, day: dt.date, id: int) -> Rating:
        moment = dt.datetime.combine(day, dt.time(12), dt.UTC)
        return Rating(
            skill_id="a",
            level=level,
            effective_date=day,
            created_at=moment,
            catalog_version="t",
            id=id,
        )

    goal = Goal(
        skill_id="a",
        level=goal_level,
        due=TODAY + dt.timedelta(days=due_in),
        created_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
    )
    result = goal_progress(
        goal, rating(first_level, start, 1), rating(latest_level, TODAY, 2), TODAY
    )
    # On track when latest + (gain / days) * due_in >= goal, in integers: no rounding at all.
    reaches = latest_level * days + gain * due_in >= goal_level * days
    if latest_level >= goal_level:
        assert result.status is GoalStatus.DONE
    else:
        assert result.status is (GoalStatus.ON_TRACK if reaches else GoalStatus.AT_RISK)
