"""The gap report as terminal text (`gaptracker gap`)."""

from __future__ import annotations

from gaptracker.domain.numbers import percent_text
from gaptracker.domain.report import GapReport
from gaptracker.domain.text import clip, one_line
from gaptracker.reports.second_opinion import gap_text_lines
from gaptracker.reports.sections import current_text, rubric_note, verdict_text
from gaptracker.reports.tables import NOTE_WIDTH, text_table


def render_gap_text(report: GapReport) -> str:
    role = report.role
    heading = f"{role.name}" + (" (target)" if report.is_target else "")
    verdict = "READY" if report.ready else verdict_text(report)
    own = " by your own levels" if report.mentor_reviews else ""  # labelled beside a mentor's
    lines = [
        heading,
        f"Readiness{own} {percent_text(report.readiness)}% overall,"
        f" {percent_text(report.must_readiness)}% on Must skills"
        f" | {report.unrated_count} unrated | last rating: {report.last_rating_on or 'none yet'}",
        f"Pack {report.pack}@{report.catalog_version}",
        verdict,
        *gap_text_lines(report),
        "",
    ]
    rows = [
        (
            r.skill_id,
            r.priority.value,
            r.target,
            current_text(r),
            r.gap,
            r.weighted_gap,
            clip(r.note, NOTE_WIDTH),
        )
        for r in report.gaps
    ]
    lines.append(
        text_table(("SKILL", "PRIORITY", "TARGET", "CURRENT", "GAP", "WEIGHTED", "NOTE"), rows)
    )
    note = rubric_note(report.gaps)
    if note is not None:
        lines += ["", one_line(note)]
    if report.not_applicable:
        lines += ["", "Not applicable:"]
        lines += [f"  {n.skill_id}: {one_line(n.reason)}" for n in report.not_applicable]
    return "\n".join(lines)
