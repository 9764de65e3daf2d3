"""Self and mentor in every format: the side-by-side rows, the calibration summary and
readiness by the mentor's levels, each figure labelled with whose levels it is from.

Pure like the other renderers: the report model in, lines of text out. The user's own
readiness is never replaced here; these sections come after it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from gaptracker.domain.calibration import Calibration, Lean
from gaptracker.domain.numbers import percent_text
from gaptracker.domain.second_opinion import MentorReview, MentorRow
from gaptracker.domain.text import clip, one_line
from gaptracker.reports.safe_text import html_text
from gaptracker.reports.sections import level_text
from gaptracker.reports.tables import NOTE_WIDTH, text_table

if TYPE_CHECKING:  # the dashboard shows the lines without loading the report model
    from gaptracker.domain.report import GapReport

NO_REVIEWS = "No mentor review yet: gaptracker share --output BUNDLE, then import-review."


def lean_text(calibration: Calibration, who: str | None = None) -> str:
    """Which way the user leans, in words; `who` names them when the reader is not they
    (a mentor on a mentee's view)."""
    mentor = one_line(calibration.mentor)
    if who is not None:
        who = one_line(who)
        return {
            None: f"no skill rated by both {who} and {mentor}",
            Lean.OVER: f"{who} rates higher than {mentor} does",
            Lean.UNDER: f"{who} rates lower than {mentor} does",
            Lean.EVEN: f"{who} and {mentor} balance out",
        }[calibration.lean]
    return {
        None: f"no skill rated by both you and {mentor}",
        Lean.OVER: f"you rate yourself higher than {mentor} does",
        Lean.UNDER: f"you rate yourself lower than {mentor} does",
        Lean.EVEN: f"you and {mentor} balance out",
    }[calibration.lean]


def calibration_text(calibration: Calibration, who: str | None = None) -> str:
    """`3 skills both rated, mean difference 0.67 levels; you rate yourself higher ...`."""
    if calibration.both_rated == 0:
        return lean_text(calibration, who)
    skills = "skill" if calibration.both_rated == 1 else "skills"
    return (
        f"{calibration.both_rated} {skills} both rated, mean difference"
        f" {calibration.mean_absolute_text} levels; {lean_text(calibration, who)}"
    )


def readiness_text(review: MentorReview) -> str:
    """The labelled figure: `By Grace's levels (review of 2026-03-02): 41% overall, ...`."""
    return (
        f"By {one_line(review.mentor)}'s levels (review of {review.reviewed_on}):"
        f" {percent_text(review.readiness_by_mentor)}% overall,"
        f" {percent_text(review.must_readiness_by_mentor)}% on Must skills"
    )


def difference_text(row: MentorRow) -> str:
    if row.difference is None:
        return ""
    return f"+{row.difference}" if row.difference > 0 else str(row.difference)


def gap_text_lines(report: GapReport) -> list[str]:
    """What `gaptracker gap` adds under the user's own figures."""
    lines: list[str] = []
    for review in report.mentor_reviews:
        lines += [readiness_text(review), f"  calibration: {calibration_text(review.calibration)}"]
    return lines


def by_mentor_text(reviews: Sequence[MentorReview], own_readiness: str) -> str:
    """`gaptracker gap --by mentor`: per mentor the labelled figure and the rows."""
    if not reviews:
        return NO_REVIEWS
    parts = [f"By your own levels: {own_readiness}"]
    for review in reviews:
        rows = [
            (
                r.skill_id,
                r.target,
                level_text(r.own),
                level_text(r.mentor),
                difference_text(r),
                clip(r.mentor_note, NOTE_WIDTH),
            )
            for r in review.rows
        ]
        parts += [
            "",
            readiness_text(review) + (" | READY" if review.ready_by_mentor else ""),
            f"Calibration: {calibration_text(review.calibration)}",
            "",
            text_table(("SKILL", "TARGET", "YOURS", "MENTOR", "DIFF", "MENTOR NOTE"), rows),
        ]
    return "\n".join(parts)


def markdown_lines(report: GapReport, cell: Callable[[str], str]) -> list[str]:
    """The report's "Mentor reviews" section in Markdown; `cell` is the Markdown
    renderer's own escaping of user text."""
    if not report.mentor_reviews:
        return [NO_REVIEWS]
    lines: list[str] = []
    for review in report.mentor_reviews:
        lines += [
            f"### {cell(review.mentor)}, review of {review.reviewed_on}",
            "",
            f"- {cell(readiness_text(review))}",
            f"- Calibration: {cell(calibration_text(review.calibration))}",
            "",
            "| Skill | Target | Yours | Mentor | Difference | Mentor's note |",
            "| --- | ---: | ---: | ---: | ---: | --- |",
            *(
                f"| {cell(r.name)} | {r.target} | {level_text(r.own)} | {level_text(r.mentor)} |"
                f" {difference_text(r)} | {cell(r.mentor_note)} |"
                for r in review.rows
            ),
            "",
        ]
    return lines


def html_section(report: GapReport) -> str:
    """The report's "Mentor reviews" section as HTML (every text through `html_text`)."""
    if not report.mentor_reviews:
        return f"<p>{html_text(NO_REVIEWS)}</p>"
    parts = []
    for review in report.mentor_reviews:
        body = "".join(
            f'<tr><td>{html_text(r.name)}</td><td class="num">{r.target}</td>'
            f'<td class="num">{level_text(r.own)}</td><td class="num">{level_text(r.mentor)}</td>'
            f'<td class="num">{difference_text(r)}</td><td>{html_text(r.mentor_note)}</td></tr>'
            for r in review.rows
        )
        parts.append(
            f"<h3>{html_text(review.mentor)}, review of {review.reviewed_on}</h3>"
            f"<p>{html_text(readiness_text(review))}.<br>Calibration:"
            f" {html_text(calibration_text(review.calibration))}.</p>"
            '<table><thead><tr><th>Skill</th><th class="num">Target</th>'
            '<th class="num">Yours</th><th class="num">Mentor</th><th class="num">Difference</th>'
            f"<th>Mentor's note</th></tr></thead><tbody>{body}</tbody></table>"
        )
    return "".join(parts)
