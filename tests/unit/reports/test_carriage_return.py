"""A carriage return in the user's text shows as `\\x0d` in every one-line cell
(Markdown tables, the plan, terminal tables, the terminal app), never as a space that
hides it (README: control characters appear as visible escapes)."""

from __future__ import annotations

from gaptracker.domain.models import Status
from gaptracker.domain.text import one_line
from gaptracker.reports.gap_text import render_gap_text
from gaptracker.reports.markdown import render_markdown
from gaptracker.reports.plan_text import render_plan_text
from gaptracker.services.tracker import Tracker

ROLE = "inference-optimization-engineer"


def test_a_carriage_return_is_shown_as_an_escape_in_every_one_line_cell(
    fake_tracker: Tracker,
) -> None:
    fake_tracker.set_target(ROLE)
    fake_tracker.rate("gpu-cuda-programming", 2, note="fast\rslow")
    note = fake_tracker.catalog.role(ROLE).high_leverage_notes[0]
    fake_tracker.plan.set_study(note, Status.DONE, "read\rit")
    report = fake_tracker.report()
    assert "fast\\\\x0dslow" in render_markdown(report)  # `\x0d`, its backslash escaped
    assert "fast\\x0dslow" in render_gap_text(report)
    plan = render_plan_text(fake_tracker.plan.view(ROLE), fake_tracker.catalog)
    assert "read\\x0dit" in plan
    assert one_line("fast\rslow") == "fast\\x0dslow"  # what a TUI table cell shows
    for shown in (render_markdown(report), render_gap_text(report), plan):
        assert "\r" not in shown and "fast slow" not in shown and "read it" not in shown
