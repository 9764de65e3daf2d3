"""The gap report as CSV: one row per skill the role requires, with a header."""

from __future__ import annotations

import csv
import io

from gaptracker.domain.report import GapReport
from gaptracker.reports.csv_mentor import mentor_columns
from gaptracker.reports.safe_text import csv_cell

COLUMNS = (
    "skill_id",
    "name",
    "category",
    "priority",
    "weight",
    "target",
    "current",
    "gap",
    "weighted_gap",
    "met",
    "status",
    "rated_on",
    "note",
    "evidence",
    "rubric_changed",
)


def render_csv(report: GapReport) -> str:
    """Rows in the report's order (largest weighted gap first), not-applicable skills last.

    `status` is `met`, `gap`, `unrated` or `not applicable`; an empty `current` means
    unrated. `rubric_changed` is `yes` when the current rating was made against other
    level descriptors than the skill has now (re-rate?), else `no`; empty for a skill
    not applicable. It is the last column, so scripts that read the earlier ones by
    position still work. Line ends are plain LF, so weekly exports diff cleanly in git. Every text
    cell goes through `csv_cell` (no formula, no raw control character).
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for r in report.gaps:
        status = "unrated" if r.current is None else ("met" if r.met else "gap")
        writer.writerow(
            csv_cell(value)
            for value in (
                r.skill_id,
                r.name,
                r.category,
                r.priority.value,
                r.weight,
                r.target,
                "" if r.current is None else r.current,
                r.gap,
                r.weighted_gap,
                "yes" if r.met else "no",
                status,
                r.rated_on.isoformat() if r.rated_on else "",
                r.note,
                r.evidence,
                "yes" if r.rubric_changed else "no",
            )
        )
    for n in report.not_applicable:
        empty = ("",) * 8
        row = (n.skill_id, n.name, *empty, "not applicable", "", n.reason, "", "")
        writer.writerow(csv_cell(value) for value in row)
    if report.mentor_reviews:
        return mentor_columns(out.getvalue(), report)
    return out.getvalue()
