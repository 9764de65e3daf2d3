"""Wording shared by every report format, so Markdown, HTML and text never disagree."""

from __future__ import annotations

from collections.abc import Sequence

from gaptracker.domain.gap import READY_THRESHOLD
from gaptracker.domain.numbers import pace_text, percent_text
from gaptracker.domain.progress import Forecast, ForecastStatus
from gaptracker.domain.report import GapReport, ReportGapRow, ReportRating
from gaptracker.domain.rubric import RUBRIC_CHANGED, RUBRIC_MARK

NO_CHECKIN = "No check-in recorded yet."
NO_TREND = "No ratings yet, so no trend."
NO_GOALS = "No goals set."
NO_PLAN = "No plan progress recorded yet."
NO_NOT_APPLICABLE = "No skill is marked not applicable for this role."
NO_TIMELINE = "No skill of this role is rated yet."
THRESHOLD = f"{percent_text(READY_THRESHOLD)}%"
FORMULA = (
    "Readiness is the weighted share of the role's targets met (must 3, should 2, could 1;"
    f" unrated counts as 0), shown rounded down. A role is ready at {THRESHOLD} or more"
    " with every Must skill at its target."
)
TIMELINE_CHANGES = 8
"""How many level changes a skill's timeline shows in Markdown and HTML (JSON has all)."""


def level_text(value: int | None) -> str:
    return "unrated" if value is None else str(value)


def current_text(row: ReportGapRow) -> str:
    """A row's current level, marked when its rubric changed since it was rated."""
    return level_text(row.current) + (RUBRIC_MARK if row.rubric_changed else "")


def rubric_note(rows: Sequence[ReportGapRow]) -> str | None:
    """The line under a table whose rows carry the mark: what it means, and which skills
    (by name); None when no row does."""
    changed = [r.name for r in rows if r.rubric_changed]
    if not changed:
        return None
    return f"{RUBRIC_MARK} {RUBRIC_CHANGED} {', '.join(changed)}"


def verdict_text(report: GapReport) -> str:
    if report.ready:
        return "ready"
    if report.blocking_must:
        # By name, as every other line a reader sees: ids are for files and commands.
        names = {r.skill_id: r.name for r in (*report.must_skills, *report.gaps)}
        blocking = (names.get(skill_id, skill_id) for skill_id in report.blocking_must)
        return "not ready: Must skills below target: " + "; ".join(blocking)  # names hold commas
    return f"not ready: readiness below {THRESHOLD}"


def moves_summary(report: GapReport) -> str:
    if report.last_checkin_on is None:
        return NO_CHECKIN
    if not report.moves:
        return f"Last check-in {report.last_checkin_on}: nothing moved."
    return f"Last check-in {report.last_checkin_on}: {len(report.moves)} skill(s) moved."


def level_change(before: int | None, after: int) -> str:
    return f"{level_text(before)} -> {after}"


def forecast_text(report: GapReport) -> str:
    return forecast_sentence(report.forecast, blocked=bool(report.blocking_must))


def forecast_sentence(forecast: Forecast, *, blocked: bool = False) -> str:
    """The 80% forecast in one sentence, one wording per forecast status (reports and
    the history screen alike); `blocked`: a Must skill is below its target, so reaching
    80% is not yet being ready."""
    pace = pace_text(forecast.pace_per_week)
    match forecast.status:
        case ForecastStatus.REACHED if blocked:
            return (
                f"Readiness is at {THRESHOLD} or more; ready also needs every Must skill at"
                " its target."
            )
        case ForecastStatus.REACHED:
            return f"Readiness is at {THRESHOLD} or more."
        case ForecastStatus.ON_PACE:
            return (
                f"At the recent pace ({pace}) readiness reaches {THRESHOLD} around {forecast.date}."
            )
        case ForecastStatus.BEYOND_HORIZON:
            return (
                f"At the recent pace ({pace}) readiness does not reach {THRESHOLD} within"
                f" {forecast.horizon_years} years."
            )
        case ForecastStatus.NOT_RISING:
            return (
                f"Readiness is not rising ({pace}), so it does not reach {THRESHOLD} at this pace."
            )
        case _:
            return f"Too little history yet to say when readiness reaches {THRESHOLD}."


def timeline_text(history: Sequence[ReportRating]) -> str:
    """A skill's levels over time, compactly: each change of level with its date, e.g.
    `1 (2026-01-05) -> 2 (2026-02-02)`; only the last TIMELINE_CHANGES changes."""
    changes: list[ReportRating] = []
    for rating in history:
        if not changes or rating.level != changes[-1].level:
            changes.append(rating)
    shown = [f"{r.level} ({r.effective_date.isoformat()})" for r in changes[-TIMELINE_CHANGES:]]
    earlier = "... -> " if len(changes) > TIMELINE_CHANGES else ""
    count = len(history)
    return f"{earlier}{' -> '.join(shown)} ({count} rating{'s' if count != 1 else ''})"
