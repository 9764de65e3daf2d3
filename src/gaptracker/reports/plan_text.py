"""The plan as terminal text (`gaptracker plan`) and as Markdown lines for the report.

What the user typed (study notes, links, their projects' titles and descriptions) is
shown on one line with control and bidi characters as escapes (domain.text.one_line).
"""

from __future__ import annotations

from collections.abc import Sequence

from gaptracker.domain.models import Catalog
from gaptracker.domain.numbers import percent_text
from gaptracker.domain.plan import NextStep, PhaseProgress
from gaptracker.domain.text import one_line
from gaptracker.services.plan import PlanView


def phase_lines(phases: Sequence[PhaseProgress], current: int | None) -> list[str]:
    lines = []
    for phase in phases:
        here = "  <- you are here" if phase.number == current else ""
        lines.append(
            f"Phase {phase.number}: {phase.title}: {percent_text(phase.percent)}%"
            f" ({phase.basis}){here}"
        )
    return lines


def next_step_lines(steps: Sequence[NextStep]) -> list[str]:
    lines = []
    for i, step in enumerate(steps, 1):
        lines.append(
            f"{i}. {step.name}: {step.current} -> {step.current + 1} (target {step.target};"
            f" weighted gap {step.weighted_gap} x {step.leverage} roles)"
        )
        lines.append(f"   next level: {step.tip}")
        lines.extend(f"   - {s}" for s in step.suggestions)
    return lines or ["No gap left: every target of the role is met."]


def render_plan_text(view: PlanView, catalog: Catalog) -> str:
    role = catalog.role(view.role_id)
    lines = [f"Plan for {role.name}", "", "Learning path"]
    lines += ["  " + line for line in phase_lines(view.phases, view.current_phase)]
    lines += ["", f"Study items (high-leverage notes, why: {role.notes_why})"]
    for item in view.study:
        when = f" since {item.changed_on}" if item.changed_on else ""
        text = f" - {one_line(item.text)}" if item.text else ""
        lines.append(f"  [{item.status.value}] {item.skill_id}{when}{text}")
    lines += ["", "Portfolio projects"]
    for project in view.projects:
        mine = " (yours)" if project.user_added else f" ({project.difficulty})"
        link = f" - {one_line(project.link)}" if project.link else ""
        lines.append(f"  [{project.status.value}] {one_line(project.title)}{mine}{link}")
        shows = one_line(", ".join(project.skills_demonstrated))
        lines.append(f"      {one_line(project.description)}; shows: {shows}")
    lines += ["", "Interview practice (least recently practised first)"]
    for practice in view.practice:
        when = str(practice.last_practised) if practice.last_practised else "never"
        confidence = (
            f", confidence {practice.confidence}/5" if practice.confidence is not None else ""
        )
        lines.append(f"  {practice.label} (last: {when}{confidence})")
    lines += ["", "Next steps (weighted gap x how many roles need the skill)"]
    lines += ["  " + line for line in next_step_lines(view.next_steps)]
    return "\n".join(lines)
