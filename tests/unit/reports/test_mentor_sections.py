"""Every export carries each mentor's latest review beside the user's levels, labelled."""

from __future__ import annotations

import csv
import html
import io
import json
from fractions import Fraction

import pytest

from gaptracker.domain.calibration import Lean
from gaptracker.domain.mentor import MentorLevel
from gaptracker.domain.report import GapReport
from gaptracker.domain.review_files import build_review
from gaptracker.reports.render import render
from gaptracker.services.mentor import import_review, share
from gaptracker.services.tracker import Tracker
from tests.hostile import raw_unsafe

NOTE = '=HYPERLINK("x") <b>bold</b> | \x1b[31mred\u202e'


def reviewed(tracker: Tracker, mentor: str, **levels: int) -> None:
    request = share(
        tracker.catalog,
        tracker.uow_factory,
        tracker.clock,
        "inference-optimization-engineer",
        "Ada",
        lambda r: None,
    )
    given = [
        MentorLevel(skill_id=s.replace("_", "-"), level=n, note=NOTE) for s, n in levels.items()
    ]
    review = build_review(request, mentor, given, tracker.clock.now(), tracker.clock.today())
    import_review(tracker.catalog, tracker.uow_factory, tracker.clock, review, "r.json")


@pytest.fixture
def report(fake_tracker: Tracker) -> GapReport:
    fake_tracker.set_target("inference-optimization-engineer")
    fake_tracker.rate("gpu-cuda-programming", 3)
    fake_tracker.rate("reproducibility-discipline", 4)
    reviewed(fake_tracker, "Grace", gpu_cuda_programming=1, reproducibility_discipline=4)
    fake_tracker.clock.advance(days=1)
    reviewed(fake_tracker, "Linus", gpu_cuda_programming=4)
    fake_tracker.clock.advance(days=1)
    reviewed(fake_tracker, "Grace", gpu_cuda_programming=1, reproducibility_discipline=5)
    return fake_tracker.report()


def test_the_latest_review_per_mentor_counts_and_readiness_stays_the_user_s(
    report: GapReport, fake_tracker: Tracker
) -> None:
    assert [r.mentor for r in report.mentor_reviews] == ["Grace", "Linus"]
    grace = report.mentor_reviews[0]
    rows = {r.skill_id: r for r in grace.rows}
    assert (rows["gpu-cuda-programming"].own, rows["gpu-cuda-programming"].mentor) == (3, 1)
    assert rows["gpu-cuda-programming"].difference == 2
    assert grace.calibration.mean_absolute_difference == Fraction(3, 2)  # |3-1| and |4-5|
    assert grace.calibration.lean is Lean.OVER
    assert report.readiness == fake_tracker.report().readiness  # the user's own, unchanged
    assert grace.readiness_by_mentor != report.readiness


def test_json_carries_both_levels_and_the_calibration(report: GapReport) -> None:
    data = json.loads(render(report, "json"))
    linus = data["mentor_reviews"][1]
    assert linus["calibration"] == {
        "mentor": "Linus",
        "both_rated": 1,
        "mean_absolute_difference": 1.0,
        "mean_difference": -1.0,
        "lean": "under",
    }
    assert "readiness" in data and "readiness_by_mentor" in linus


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_markdown_and_html_show_each_mentor_labelled_and_escaped(
    report: GapReport, fmt: str
) -> None:
    text = render(report, fmt)
    assert "<b>bold</b>" not in text
    assert raw_unsafe(text, "\n") == []
    shown = html.unescape(text)
    assert "By Grace's levels" in shown and "By Linus's levels" in shown
    assert "mean difference 1.50 levels; you rate yourself higher" in shown


def test_csv_adds_columns_per_mentor_and_a_calibration_row(report: GapReport) -> None:
    rows = list(csv.DictReader(io.StringIO(render(report, "csv"))))
    gpu = next(r for r in rows if r["skill_id"] == "gpu-cuda-programming")
    levels = (gpu["current"], gpu["mentor_level (Grace)"], gpu["difference (Grace)"])
    assert levels == ("3", "1", "+2")
    assert gpu["mentor_note (Grace)"].startswith("'=HYPERLINK")
    summary = [r for r in rows if r["status"] == "calibration"]
    assert [r["name"] for r in summary] == ["calibration (Grace)", "calibration (Linus)"]


def test_without_reviews_the_csv_is_as_before(fake_tracker: Tracker) -> None:
    fake_tracker.set_target("inference-optimization-engineer")
    header = render(fake_tracker.report(), "csv").splitlines()[0]
    assert "mentor" not in header
