"""The gap report as GitHub-flavoured Markdown: tables that render, no raw HTML needed."""

from __future__ import annotations

from gaptracker.domain.numbers import percent_text
from gaptracker.domain.report import GapReport, ReportGapRow
from gaptracker.domain.text import one_line
from gaptracker.reports.second_opinion import markdown_lines
from gaptracker.reports.sections import (
    FORMULA,
    NO_GOALS,
    NO_NOT_APPLICABLE,
    NO_PLAN,
    NO_TIMELINE,
    NO_TREND,
    current_text,
    forecast_text,
    level_change,
    moves_summary,
    rubric_note,
    timeline_text,
    verdict_text,
)


def escape_cell(text: str) -> str:
    """User text made safe in a table cell: one line, control and bidi characters shown as
    escapes (whose backslash is escaped in turn, so they render as typed), Markdown and
    HTML markup escaped."""
    text = one_line(text)
    for char in "\\`*_[]<>|#!~&":
        text = text.replace(char, "\\" + char)
    return text


def render_markdown(report: GapReport) -> str:
    role = report.role
    lines = [
        f"# Gap report: {role.name}",
        "",
        f"Generated {report.generated_on.isoformat()} from pack {report.pack},"
        f" version {report.catalog_version}."
        + ("" if report.is_target else " This role is not the current target."),
        "",
        f"- Layer {role.layer}; best fit: {role.best_fit}",
        f"- What differentiates it: {role.differentiates}",
        f"- High-leverage notes: {', '.join(role.high_leverage_notes)}",
        "",
        "## Readiness",
        "",
        f"- Overall: **{percent_text(report.readiness, 1)}%**, {verdict_text(report)}",
        f"- Must skills: **{percent_text(report.must_readiness, 1)}%**",
        f"- Unrated skills: {report.unrated_count}",
        f"- Last rating: {report.last_rating_on or 'none yet'}",
        "",
        "## Must skills",
        "",
        *_must_table(report.must_skills),
        "",
        "## Gaps, largest weighted gap first",
        "",
        *_gap_table(report.gaps),
        "",
        "## Progress per skill",
        "",
        *_timelines(report.gaps),
        "",
        "## Not applicable",
        "",
        *_not_applicable(report),
        "",
        "## Since the last check-in",
        "",
        *_moves(report),
        "",
        "## Weekly readiness",
        "",
        *_trend(report),
        "",
        "## Goals",
        "",
        *_goals(report),
        "",
        "## Plan and next steps",
        "",
        *_plan(report),
        "",
        "## Mentor reviews",
        "",
        *markdown_lines(report, escape_cell),
        "",
        "## Role fit",
        "",
        "| Role | Readiness | Must | Ready |",
        "| --- | ---: | ---: | --- |",
        *(
            f"| {f.name} | {percent_text(f.readiness, 1)}% | {percent_text(f.must_readiness, 1)}% |"
            f" {'yes' if f.ready else 'no'} |"
            for f in report.role_fit
        ),
        "",
        FORMULA,
        "",
    ]
    return "\n".join(lines)


def _must_table(rows: tuple[ReportGapRow, ...]) -> list[str]:
    out = [
        "| Skill | Current | Target | Progress | Rated on |",
        "| --- | ---: | ---: | --- | --- |",
    ]
    for r in rows:
        filled = min(r.current or 0, r.target)
        bar = "#" * filled + "." * (r.target - filled)
        out.append(
            f"| {r.name} | {escape_cell(current_text(r))} | {r.target} | `{bar}` |"
            f" {r.rated_on or 'never'} |"
        )
    return out + _rubric_note(rows)


def _gap_table(rows: tuple[ReportGapRow, ...]) -> list[str]:
    out = [
        "| Skill | Priority | Target | Current | Gap | Weighted | Note | Evidence |",
        "| --- | --- | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for r in rows:
        out.append(
            f"| {r.name} | {r.priority.value} | {r.target} | {escape_cell(current_text(r))}"
            f" | {r.gap} | {r.weighted_gap} | {escape_cell(r.note)} | {escape_cell(r.evidence)} |"
        )
    return out + _rubric_note(rows)


def _rubric_note(rows: tuple[ReportGapRow, ...]) -> list[str]:
    """The mark's meaning under a table, as a paragraph of its own (escaped: a line
    starting with `*` would be a list item)."""
    note = rubric_note(rows)
    return [] if note is None else ["", escape_cell(note)]


def _timelines(rows: tuple[ReportGapRow, ...]) -> list[str]:
    rated = [r for r in rows if r.history]
    if not rated:
        return [NO_TIMELINE]
    return [f"- {escape_cell(r.name)}: {timeline_text(r.history)}" for r in rated]


def _moves(report: GapReport) -> list[str]:
    lines = [moves_summary(report)]
    if report.moves:
        lines += ["", "| Skill | Change | Move |", "| --- | --- | --- |"]
        lines += [
            f"| {m.name} | {level_change(m.before, m.after)} | {m.kind} |" for m in report.moves
        ]
    return lines


def _goals(report: GapReport) -> list[str]:
    if not report.goals:
        return [NO_GOALS]
    return [
        "| Skill | Now | Goal | Due | Status |",
        "| --- | ---: | ---: | --- | --- |",
        *(f"| {g.name} | {g.current} | {g.level} | {g.due} | {g.status} |" for g in report.goals),
    ]


def _plan(report: GapReport) -> list[str]:
    if not report.phases:
        return [NO_PLAN]
    current = next((p.number for p in report.phases if not p.complete), None)
    lines = ["| Phase | Progress | From |", "| --- | ---: | --- |"]
    for p in report.phases:
        here = " (you are here)" if p.number == current else ""
        lines.append(f"| {p.number}. {p.title}{here} | {percent_text(p.percent)}% | {p.basis} |")
    lines += ["", "| Study item | Status | Note or link | Changed |", "| --- | --- | --- | --- |"]
    lines += [
        f"| {i.skill_id} | {i.status.value} | {escape_cell(i.text)} | {i.changed_on or '-'} |"
        for i in report.study
    ]
    lines += ["", "| Project | Status | Shows | Link |", "| --- | --- | --- | --- |"]
    lines += [
        f"| {escape_cell(p.title)} | {p.status.value} |"
        f" {escape_cell(', '.join(p.skills_demonstrated))} | {escape_cell(p.link)} |"
        for p in report.projects
    ]
    lines += ["", "Next steps, by weighted gap times the number of roles that need the skill:", ""]
    if not report.next_steps:
        lines.append("No gap left: every target of the role is met.")
    for i, step in enumerate(report.next_steps, 1):
        lines.append(
            f"{i}. **{step.name}** ({step.current} of {step.target}; needed by"
            f" {step.leverage} roles): {escape_cell(step.tip)}"
        )
        lines.extend(f"   - {escape_cell(s)}" for s in step.suggestions)
    return lines


def _not_applicable(report: GapReport) -> list[str]:
    if not report.not_applicable:
        return [NO_NOT_APPLICABLE]
    return [
        "| Skill | Reason |",
        "| --- | --- |",
        *(f"| {n.name} | {escape_cell(n.reason)} |" for n in report.not_applicable),
    ]


def _trend(report: GapReport) -> list[str]:
    if not report.trend:
        return [NO_TREND]
    return [
        forecast_text(report),
        "",
        "| Week ending | Readiness | Must |",
        "| --- | ---: | ---: |",
        *(
            f"| {p.week_ending.isoformat()} | {percent_text(p.readiness, 1)}% |"
            f" {percent_text(p.must_readiness, 1)}% |"
            for p in report.trend
        ),
    ]
