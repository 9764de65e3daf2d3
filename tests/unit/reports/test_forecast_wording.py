"""The forecast says what it means: "reached" (80% or more) is not "ready" while a Must
skill is below its target, and a pace is never shown as a zero that hides a rise."""

from __future__ import annotations

import json
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from gaptracker.domain.numbers import pace_text
from gaptracker.domain.progress import Forecast, ForecastStatus
from gaptracker.reports.json_report import render_json
from gaptracker.reports.markdown import render_markdown
from gaptracker.reports.sections import forecast_sentence
from gaptracker.services.tracker import Tracker

ROLE = "inference-optimization-engineer"


def test_at_80_percent_with_a_must_gap_the_forecast_is_reached_not_ready(
    fake_tracker: Tracker,
) -> None:
    fake_tracker.set_target(ROLE)
    requirements = fake_tracker.catalog.requirements_for(ROLE)
    for req in requirements:
        fake_tracker.rate(req.skill_id, req.target)
    must = next(r for r in requirements if r.skill_id in fake_tracker.catalog.must_skill_ids)
    fake_tracker.rate(must.skill_id, must.target - 1)
    report = fake_tracker.report()
    assert report.readiness >= 80 and report.blocking_must == (must.skill_id,)
    data = json.loads(render_json(report))
    assert data["ready"] is False
    assert data["forecast"]["status"] == "reached"  # on main: "ready", beside "ready": false
    assert (
        "Readiness is at 80% or more; ready also needs every Must skill at its target."
        in render_markdown(report)
    )


def test_reached_without_a_must_gap_says_only_that() -> None:
    reached = Forecast(status=ForecastStatus.REACHED)
    assert forecast_sentence(reached) == "Readiness is at 80% or more."


def test_a_slow_rise_shows_its_pace() -> None:
    slow = Forecast(status=ForecastStatus.BEYOND_HORIZON, pace_per_week=Fraction(4, 100))
    assert "(+0.04 points a week)" in forecast_sentence(slow)  # on main: "(0.0 points a week)"


@given(
    st.one_of(
        st.fractions(min_value=-100, max_value=100),
        st.fractions(min_value=Fraction(-1, 100), max_value=Fraction(1, 100)),
        st.fractions(min_value=Fraction(-1, 10**12), max_value=Fraction(1, 10**12)),
        st.sampled_from([Fraction(0), Fraction(1, 200), Fraction(-1, 200), Fraction(1, 201)]),
    )
)
def test_a_pace_is_never_a_zero_that_hides_its_direction(pace: Fraction) -> None:
    text = pace_text(pace)
    assert text.endswith(" points a week")
    if pace == 0:
        assert text == "0.00 points a week"
    elif abs(pace) < Fraction(5, 1000):
        expected = "under 0.01" if pace > 0 else "falling by under 0.01"
        assert text == f"{expected} points a week"
    else:
        number = text.removesuffix(" points a week")
        assert number[0] == ("+" if pace > 0 else "-")
        assert abs(Fraction(number) - pace) <= Fraction(5, 1000)  # two decimals, nearest
        assert len(number.split(".")[1]) == 2
