"""The report's SVG charts, read back with a real XML parser: no label is cut, the weekly
chart has dated ticks that never collide and a dashed 80 % line."""

from __future__ import annotations

import datetime as dt
import itertools
import xml.etree.ElementTree as ET
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gaptracker.domain.models import Priority
from gaptracker.domain.report import ReportGapRow
from gaptracker.domain.text import visible
from gaptracker.domain.trend import TrendPoint
from gaptracker.reports.charts import (
    CHARACTER_WIDTH,
    LABEL_FONT,
    LINE_HEIGHT,
    TICK_SPACING,
    gap_bars,
    radar_chart,
    trend_line,
)
from gaptracker.reports.safe_text import KEPT
from tests.hostile import hostile_text
from tests.strategies import CATALOG

SVG = "{http://www.w3.org/2000/svg}"


def _row(name: str, index: int) -> ReportGapRow:
    return ReportGapRow(
        skill_id=f"s{index}",
        name=name,
        category="core",
        priority=Priority.MUST,
        target=4,
        current=1,
        gap=3,
        weight=3,
        weighted_gap=9,
        met=False,
        rated_on=None,
        note="",
        evidence="",
        source_line=1,
        rationale="",
    )


def _labels(svg: str) -> list[str]:
    root = ET.fromstring(svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text") if t.get("class") == "label"]


def _check_labels(names: list[str]) -> None:
    rows = [_row(n, i) for i, n in enumerate(names)]
    shown = [visible(n, keep=KEPT) for n in names]
    assert _labels(radar_chart(rows)) == shown
    assert _labels(gap_bars(rows)) == shown


def test_every_catalog_skill_name_is_whole_in_both_charts() -> None:
    names = [s.name for s in CATALOG.skills]
    assert max(len(n) for n in names) > 34  # the catalog has names the old charts cut
    _check_labels(names)


@given(st.lists(hostile_text | st.text("ab ", min_size=40, max_size=200), min_size=3, max_size=8))
def test_hostile_and_long_names_are_whole_and_escaped(names: list[str]) -> None:
    _check_labels(names)


def _radar_boxes(svg: str) -> tuple[list[tuple[float, float, float, float]], list[float]]:
    """Each radar label's box as the chart estimates text (x0, y0, x1, y1), and the view box."""
    root = ET.fromstring(svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))
    boxes = []
    for text in root.iter(f"{SVG}text"):
        lines = ["".join(span.itertext()) for span in text.iter(f"{SVG}tspan")]
        width = float(CHARACTER_WIDTH * LABEL_FONT) * max(len(line) for line in lines)
        x, top = float(text.get("x", 0)), float(text.get("y", 0)) - LABEL_FONT
        left = {"start": x, "end": x - width, "middle": x - width / 2}[text.get("text-anchor", "")]
        bottom = top + LINE_HEIGHT * (len(lines) - 1) + LABEL_FONT * 5 / 4
        boxes.append((left, top, left + width, bottom))
    return boxes, [float(v) for v in root.get("viewBox", "").split()]


@settings(max_examples=400)
@given(st.lists(st.text("ab -", min_size=1, max_size=90), min_size=3, max_size=40))
def test_radar_labels_never_overlap_and_stay_in_view_however_many(names: list[str]) -> None:
    """Up to 40 skills with names of any length: the labels are moved apart, and the
    view box grows to hold them (the browser test checks the catalog's as laid out)."""
    boxes, (vx, vy, vw, vh) = _radar_boxes(radar_chart([_row(n, i) for i, n in enumerate(names)]))
    for x0, y0, x1, y1 in boxes:
        assert vx <= x0 and vy <= y0 and x1 <= vx + vw and y1 <= vy + vh
    for a, b in itertools.combinations(boxes, 2):
        assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)


def _trend(weeks: int) -> str:
    first = dt.date(2024, 1, 7)
    points = [
        TrendPoint(
            week_ending=first + dt.timedelta(weeks=w),
            readiness=Fraction(w, weeks),
            must_readiness=Fraction(100 * w, weeks),
        )
        for w in range(weeks)
    ]
    return trend_line(points)


def _root(svg: str) -> ET.Element:
    return ET.fromstring(svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))


@pytest.mark.parametrize("weeks", [1, 2, 3, 7, 10, 52, 104, 520])
def test_ticks_are_ordered_distinct_dates_that_never_collide(weeks: int) -> None:
    ticks = [t for t in _root(_trend(weeks)).iter(f"{SVG}text") if t.get("class") == "tick"]
    dates = [dt.date.fromisoformat(t.text or "") for t in ticks]
    xs = [float(t.get("x", "")) for t in ticks]
    assert 2 <= len(dates) <= 8
    assert dates == sorted(set(dates))
    assert all(b - a >= TICK_SPACING - 0.1 for a, b in itertools.pairwise(xs))
    assert dates[0] == dt.date(2024, 1, 7) - (
        dt.timedelta(weeks=1) if weeks == 1 else dt.timedelta()
    )
    assert dates[-1] == dt.date(2024, 1, 7) + dt.timedelta(weeks=weeks - 1)


def test_the_80_percent_line_is_dashed_at_80_percent_and_labelled() -> None:
    root = _root(_trend(5))
    grid = {
        t.text: float(t.get("y", "")) - 4
        for t in root.iter(f"{SVG}text")
        if t.text in ("0%", "100%")
    }
    line = next(e for e in root.iter(f"{SVG}line") if e.get("class") == "ready-line")
    expected = grid["100%"] + (grid["0%"] - grid["100%"]) * 0.2
    assert float(line.get("y1", "")) == pytest.approx(expected, abs=0.1)
    assert line.get("y1") == line.get("y2") and line.get("stroke-dasharray")
    label = next(t for t in root.iter(f"{SVG}text") if t.get("class") == "ready-label")
    assert label.text == "80%"
