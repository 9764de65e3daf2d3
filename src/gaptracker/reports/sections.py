"""Wording shared by every report format, so Markdown, HTML and text never disagree."""

from __future__ import annotations

from gaptracker.domain.gap import READY_THRESHOLD
from gaptracker.domain.report import GapReport

NO_CHECKIN = "No check-in recorded yet."
NO_TREND = "No ratings yet, so no trend."
NO_GOALS = "No goals set."
NO_PLAN = "No plan progress recorded yet."
NO_NOT_APPLICABLE = "No skill is marked not applicable for this role."
FORMULA = (
    "Readiness is the weighted share of the role's targets met (must 3, should 2, could 1;"
    " unrated counts as 0). A role is ready at "
    f"{READY_THRESHOLD:.0f}% with every Must skill at its target."
)


def level_text(value: int | None) -> str:
    return "unrated" if value is None else str(value)


def verdict_text(report: GapReport) -> str:
    if report.ready:
        return "ready"
    if report.blocking_must:
        return "not ready: Must skills below target: " + ", ".join(report.blocking_must)
    return f"not ready: readiness below {READY_THRESHOLD:.0f}%"


def moves_summary(report: GapReport) -> str:
    if report.last_checkin_on is None:
        return NO_CHECKIN
    if not report.moves:
        return f"Last check-in {report.last_checkin_on}: nothing moved."
    return f"Last check-in {report.last_checkin_on}: {len(report.moves)} skill(s) moved."


def level_change(before: int | None, after: int) -> str:
    return f"{level_text(before)} -> {after}"


def projection_text(report: GapReport) -> str:
    goal = f"{READY_THRESHOLD:.0f}%"
    if report.readiness >= READY_THRESHOLD:
        return f"Readiness is at {goal} or more."
    if report.readiness_80_on is None:
        return f"At the recent pace readiness does not reach {goal} (not at this pace)."
    return f"At the recent pace readiness reaches {goal} around {report.readiness_80_on}."
