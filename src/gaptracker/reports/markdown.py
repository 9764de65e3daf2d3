"""The gap report as GitHub-flavoured Markdown (tables render; no raw HTML)."""

from __future__ import annotations

from gaptracker.domain.report import GapReport, ReportGapRow


def escape_cell(text: str) -> str:
    """Make user text safe inside a Markdown table cell: one line, pipes and markup escaped."""
    text = " ".join(text.split())
    for char in "\\`*_[]<>|":
        text = text.replace(char, "\\" + char)
    return text


def _level(value: int | None) -> str:
    return "unrated" if value is None else str(value)


def render_markdown(report: GapReport) -> str:
    role = report.role
    verdict = "**ready**" if report.ready else "not ready yet"
    lines = [
        f"# Gap report: {role.name}",
        "",
        f"Generated {report.generated_at:%Y-%m-%d %H:%M} UTC"
        f" from catalog {report.catalog_version}."
        + ("" if report.is_target else " This role is not the current target."),
        "",
        f"- Layer {role.layer}; best fit: {role.best_fit}",
        f"- What differentiates it: {role.differentiates}",
        f"- High-leverage notes: {', '.join(role.high_leverage_notes)}",
        "",
        "## Readiness",
        "",
        f"- Overall: **{report.readiness:.0f}%** ({verdict})",
        f"- Must skills: **{report.must_readiness:.0f}%**",
        f"- Unrated skills: {report.unrated_count}",
        f"- Last rating: {report.last_rating_on or 'none yet'}",
    ]
    if report.blocking_must:
        lines.append(f"- Blocked by Must skills below target: {', '.join(report.blocking_must)}")
    lines += ["", "## Must skills", ""]
    lines += _must_table(report.must_skills)
    lines += ["", "## Gaps (largest weighted gap first)", ""]
    lines += _gap_table(report.gaps)
    lines += ["", "## Not applicable", ""]
    if report.not_applicable:
        lines += ["| Skill | Reason |", "| --- | --- |"]
        lines += [
            f"| {escape_cell(n.name)} | {escape_cell(n.reason)} |" for n in report.not_applicable
        ]
    else:
        lines.append("No skill is marked not applicable for this role.")
    lines += [
        "",
        "## Role fit",
        "",
        "| Role | Readiness | Must | Ready |",
        "| --- | ---: | ---: | --- |",
    ]
    for fit in report.role_fit:
        ready = "yes" if fit.ready else "no"
        lines.append(f"| {fit.name} | {fit.readiness:.0f}% | {fit.must_readiness:.0f}% | {ready} |")
    lines += [
        "",
        "Readiness = weighted share of targets met (must 3, should 2, could 1); "
        "a role is ready at 80% with every Must skill at its target.",
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
            f"| {r.name} | {_level(r.current)} | {r.target} | `{bar}` | {r.rated_on or '-'} |"
        )
    return out


def _gap_table(rows: tuple[ReportGapRow, ...]) -> list[str]:
    out = [
        "| Skill | Priority | Target | Current | Gap | Weighted | Note | Evidence |",
        "| --- | --- | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for r in rows:
        out.append(
            f"| {r.name} | {r.priority.value} | {r.target} | {_level(r.current)} | {r.gap} "
            f"| {r.weighted_gap} | {escape_cell(r.note)} | {escape_cell(r.evidence)} |"
        )
    return out
