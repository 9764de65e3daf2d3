"""The gap report as one self-contained HTML page: inline CSS and SVG, no script, no network.

Every piece of text, the user's notes above all, goes through `escape` (reports.safe_text:
markup escaped, control and bidi characters shown as escapes, so the page stays valid).
"""

from __future__ import annotations

from pathlib import Path

from gaptracker.domain.models import Category
from gaptracker.domain.numbers import percent_text
from gaptracker.domain.report import GapReport, ReportGapRow
from gaptracker.reports.charts import gap_bars, radar_chart, trend_line
from gaptracker.reports.safe_text import html_text as escape
from gaptracker.reports.safe_text import html_text_with_links
from gaptracker.reports.second_opinion import html_section
from gaptracker.reports.sections import (
    FORMULA,
    NO_GOALS,
    NO_NOT_APPLICABLE,
    NO_PLAN,
    NO_TREND,
    current_text,
    forecast_text,
    level_change,
    moves_summary,
    rubric_note,
    timeline_text,
    verdict_text,
)

STYLE = (Path(__file__).parent / "report.css").read_text(encoding="utf-8")
"""Read once at import; shipped inside the package beside this module."""
PAPER_SIZES = {"a4": "A4", "letter": "letter"}
"""`paper` choices: the CSS page size a printed report is laid out on. Without one the
browser's own paper applies; the stylesheet's margins fit both (A4's narrower width and
Letter's shorter height)."""


def render_html(report: GapReport, *, paper: str | None = None) -> str:
    """The page; `paper` (a PAPER_SIZES key) fixes the printed page size, for a PDF."""
    role = report.role
    not_target = "" if report.is_target else " This role is not the current target."
    body = [
        f"<h1>Gap report: {escape(role.name)}</h1>",
        f'<p class="meta">Generated {report.generated_on.isoformat()} from pack'
        f" {escape(report.pack)}, version {escape(report.catalog_version)}.{not_target}</p>",
        f"<p>Layer {role.layer} · best fit: {escape(role.best_fit)} · what differentiates it:"
        f" {escape(role.differentiates)}<br>High-leverage notes:"
        f" {escape(', '.join(role.high_leverage_notes))}</p>",
        '<div class="summary"><section><h2>Readiness</h2><div class="figures">',
        f'<div class="figure"><strong>{percent_text(report.readiness, 1)}%</strong>overall</div>',
        f'<div class="figure"><strong>{percent_text(report.must_readiness, 1)}%</strong>'
        "Must skills</div>",
        f'<div class="figure"><strong>{report.unrated_count}</strong>unrated</div>',
        "</div>",
        f'<p class="verdict">{escape(_sentence(verdict_text(report)))}.</p>',
        f'<p class="muted">Last rating: {report.last_rating_on or "none yet"}.</p></section>',
        "<section><h2>Must skills</h2>",
        _must_table(report.must_skills),
        "</section></div>",
        '<div class="charts"><section><h2>Current against target</h2>',
        _radar(report),
        "</section>",
        "<section><h2>Gaps, largest weighted gap first</h2>",
        gap_bars(report.gaps) if any(r.gap for r in report.gaps) else "<p>No gap left.</p>",
        "</section></div>",
        "<section><h2>Every skill: ratings, notes, evidence and progress</h2>",
        _gap_table(report.gaps),
        "</section>",
        '<div class="columns"><section><h2>Weekly readiness</h2>',
        _trend(report),
        "</section>",
        "<section><h2>Since the last check-in</h2>",
        _moves(report),
        "<h2>Goals</h2>",
        _goals(report),
        "<h2>Not applicable</h2>",
        _not_applicable(report),
        "</section></div>",
        "<section><h2>Plan and next steps</h2>",
        _plan(report),
        "</section>",
        '<div class="columns"><section><h2>Role fit</h2>',
        _role_fit(report),
        "</section>",
        "<section><h2>Mentor reviews</h2>",
        html_section(report),
        "</section></div>",
        f"<footer>{escape(FORMULA)}</footer>",
    ]
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>Gap report: {escape(role.name)} ({report.generated_on.isoformat()})</title>\n"
        f"<style>{STYLE}{_page_size(paper)}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def _page_size(paper: str | None) -> str:
    return "" if paper is None else f"@page {{ size: {PAPER_SIZES[paper]}; }}\n"


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _bar(row: ReportGapRow) -> str:
    pct = 100 * min(row.current or 0, row.target) / row.target
    cls = ' class="met"' if row.met else ""
    return f'<span class="bar"><span{cls} style="width:{pct:.0f}%"></span></span>'


def _must_table(rows: tuple[ReportGapRow, ...]) -> str:
    body = "".join(
        f"<tr><td>{escape(r.name)}</td><td>{_bar(r)}</td>"
        f'<td class="num">{escape(current_text(r))} / {r.target}</td>'
        f'<td class="date">{r.rated_on or "never"}</td></tr>'
        for r in rows
    )
    return (
        '<table><thead><tr><th>Skill</th><th>Progress</th><th class="num">Current / target</th>'
        f"<th>Rated on</th></tr></thead><tbody>{body}</tbody></table>" + _rubric_note(rows)
    )


def _radar(report: GapReport) -> str:
    if len(report.gaps) < 3:
        return "<p>Too few skills to draw a radar chart.</p>"
    legend = (
        '<p class="legend"><span><i class="swatch" style="background:#2f7de1"></i>current</span>'
        '<span><i class="swatch" style="border:2px dashed #8a94a6"></i>target</span></p>'
    )
    by_group = sorted(report.gaps, key=lambda r: Category(r.category).rank)  # neighbours relate
    return radar_chart(by_group) + legend


def _gap_table(rows: tuple[ReportGapRow, ...]) -> str:
    """One `tbody` per skill: its figures on a row, then (when there is any) its note,
    evidence and levels over time on a row of their own across the table, in a smaller
    type; the figures keep narrow columns and a long address wraps across the width."""
    body = "".join(
        f'<tbody class="skill"><tr><td>{escape(r.name)}</td><td>{r.priority.value}</td>'
        f'<td class="num">{r.target}</td><td class="num">{escape(current_text(r))}</td>'
        f'<td class="num">{r.gap}</td><td class="num">{r.weighted_gap}</td></tr>'
        + _detail_row(r)
        + "</tbody>"
        for r in rows
    )
    return (
        '<table class="gaps"><thead><tr><th>Skill</th><th>Priority</th><th class="num">Target</th>'
        '<th class="num">Current</th><th class="num">Gap</th><th class="num">Weighted</th>'
        f"</tr></thead>{body}</table>" + _rubric_note(rows)
    )


def _detail_row(row: ReportGapRow) -> str:
    parts = [
        f'<span class="part"><span class="label">{label}</span> <span class="{cls}">{text}</span>'
        "</span>"
        for label, cls, text in (
            ("Note", "note", html_text_with_links(row.note)),
            ("Evidence", "evidence", html_text_with_links(row.evidence)),
            ("Levels", "levels", escape(timeline_text(row.history)) if row.history else ""),
        )
        if text
    ]
    if not parts:
        return ""
    return f'<tr class="detail"><td colspan="6">{" ".join(parts)}</td></tr>'


def _rubric_note(rows: tuple[ReportGapRow, ...]) -> str:
    note = rubric_note(rows)
    return "" if note is None else f'<p class="rubric-changed">{escape(note)}</p>'


def _moves(report: GapReport) -> str:
    summary = f"<p>{escape(moves_summary(report))}</p>"
    if not report.moves:
        return summary
    body = "".join(
        f"<tr><td>{escape(m.name)}</td><td>{escape(level_change(m.before, m.after))}</td>"
        f"<td>{m.kind}</td></tr>"
        for m in report.moves
    )
    return summary + (
        "<table><thead><tr><th>Skill</th><th>Change</th><th>Move</th></tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


def _goals(report: GapReport) -> str:
    if not report.goals:
        return f"<p>{NO_GOALS}</p>"
    body = "".join(
        f'<tr><td>{escape(g.name)}</td><td class="num">{g.current}</td>'
        f'<td class="num">{g.level}</td><td class="date">{g.due}</td><td>{g.status}</td></tr>'
        for g in report.goals
    )
    return (
        '<table><thead><tr><th>Skill</th><th class="num">Now</th><th class="num">Goal</th>'
        f"<th>Due</th><th>Status</th></tr></thead><tbody>{body}</tbody></table>"
    )


def _plan(report: GapReport) -> str:
    if not report.phases:
        return f"<p>{NO_PLAN}</p>"
    current = next((p.number for p in report.phases if not p.complete), None)
    phases = "".join(
        f"<tr><td>{p.number}. {escape(p.title)}"
        f"{' <strong>(you are here)</strong>' if p.number == current else ''}</td>"
        f'<td class="num">{percent_text(p.percent)}%</td><td>{escape(p.basis)}</td></tr>'
        for p in report.phases
    )
    steps = "".join(
        f"<li><strong>{escape(step.name)}</strong> ({step.current} of {step.target}; needed by"
        f" {step.leverage} roles): {escape(step.tip)}"
        + (
            "<ul>" + "".join(f"<li>{escape(x)}</li>" for x in step.suggestions) + "</ul>"
            if step.suggestions
            else ""
        )
        + "</li>"
        for step in report.next_steps
    )
    projects = "".join(
        f"<tr><td>{escape(p.title)}</td><td>{p.status.value}</td>"
        f"<td>{escape(', '.join(p.skills_demonstrated))}</td>"
        f'<td class="text">{html_text_with_links(p.link)}</td></tr>'
        for p in report.projects
    )
    return (
        '<table><thead><tr><th>Phase</th><th class="num">Progress</th><th>From</th></tr>'
        f"</thead><tbody>{phases}</tbody></table>"
        f"<h3>Next steps</h3><ol>{steps or '<li>No gap left.</li>'}</ol>"
        "<h3>Portfolio projects</h3><table><thead><tr><th>Project</th><th>Status</th>"
        f"<th>Shows</th><th>Link</th></tr></thead><tbody>{projects}</tbody></table>"
    )


def _not_applicable(report: GapReport) -> str:
    if not report.not_applicable:
        return f"<p>{NO_NOT_APPLICABLE}</p>"
    body = "".join(
        f'<tr><td>{escape(n.name)}</td><td class="text">{escape(n.reason)}</td></tr>'
        for n in report.not_applicable
    )
    return (
        f"<table><thead><tr><th>Skill</th><th>Reason</th></tr></thead><tbody>{body}</tbody></table>"
    )


def _trend(report: GapReport) -> str:
    if not report.trend:
        return f"<p>{NO_TREND}</p>"
    legend = (
        '<p class="legend"><span><i class="swatch" style="background:#2f7de1"></i>readiness</span>'
        '<span><i class="swatch" style="background:#d9822b"></i>Must skills</span></p>'
    )
    return trend_line(report.trend) + legend + f"<p>{escape(forecast_text(report))}</p>"


def _role_fit(report: GapReport) -> str:
    body = "".join(
        f'<tr><td>{escape(f.name)}</td><td class="num">{percent_text(f.readiness, 1)}%</td>'
        f'<td class="num">{percent_text(f.must_readiness, 1)}%</td>'
        f"<td>{'yes' if f.ready else 'no'}</td></tr>"
        for f in report.role_fit
    )
    return (
        '<table><thead><tr><th>Role</th><th class="num">Readiness</th><th class="num">Must</th>'
        f"<th>Ready</th></tr></thead><tbody>{body}</tbody></table>"
    )
