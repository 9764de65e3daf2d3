"""Home: the target role, readiness, the Must skills, the largest gaps, what is unrated.

Every part is a widget bound to the screen's `overview` (data_bind); the lines of text
come from the pure functions below.
"""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Header, Static

from gaptracker.domain.overview import Overview
from gaptracker.domain.progress import ForecastStatus
from gaptracker.domain.rubric import RUBRIC_CHANGED, RUBRIC_MARK
from gaptracker.domain.text import clip, one_line
from gaptracker.tui import commands
from gaptracker.tui.screens.base import AppScreen
from gaptracker.tui.widgets.gap_table import GapTable
from gaptracker.tui.widgets.key_bar import KeyBar
from gaptracker.tui.widgets.must_skills_panel import MustSkillsPanel
from gaptracker.tui.widgets.overview_text import OverviewText
from gaptracker.tui.widgets.readiness_gauge import ReadinessGauge


def target_text(overview: Overview, who: str | None = None) -> str | Text:
    """`who`: whose standing it is when not the user's own (a mentee's, read-only): the
    lines then say what is true of them, and name no key that is hidden there."""
    role = overview.target_role
    if role is None and who is not None:
        return Text(f"{who} has no target role yet.")
    if role is None:
        return "No target role yet: press [b]r[/b] to choose one."
    text = Text("Target: ")
    text.append(role.name, style="bold")
    text.append(f"  (Layer {role.layer}, {role.best_fit})", style="dim")
    return text


def facts_text(overview: Overview, who: str | None = None) -> str | Text:
    parts = []
    if overview.analysis is not None:
        parts.append(f"{overview.analysis.unrated_count} skills still unrated")
        if overview.analysis.not_applicable:
            parts.append(f"{len(overview.analysis.not_applicable)} not applicable")
    days = overview.days_since_last_rating
    if days is None and who is not None:
        parts.append(f"{who} has not rated any skill yet")
    elif days is None:
        parts.append("no rating yet: press [b]a[/b] to assess yourself")
    else:
        when = "today" if days == 0 else f"{days} day{'s' if days != 1 else ''} ago"
        parts.append(f"last rating {when} ({overview.last_rating_on})")
    line = " · ".join(parts)
    return line if who is None else Text(line)  # a login is not markup


def progress_text(overview: Overview, who: str | None = None) -> str | Text:
    parts = []
    days = overview.days_since_checkin
    if days is not None:
        counts = {
            kind: sum(1 for m in overview.moves if m.kind == kind) for kind in ("up", "down", "new")
        }
        moved = ", ".join(f"{n} {kind}" for kind, n in counts.items() if n) or "nothing moved"
        when = "today" if days == 0 else f"{days} day{'s' if days != 1 else ''} ago"
        parts.append(f"Last check-in {when}: {moved}")
    if overview.checkin_due and who is not None:
        parts.append(f"{who}'s check-in is due")
    elif overview.checkin_due:
        parts.append("[b]time for a check-in: press c[/b]")
    if overview.stale:
        parts.append(f"{len(overview.stale)} stale rating{'s' if len(overview.stale) != 1 else ''}")
    if overview.goals:
        statuses = [g.status.value for g in overview.goals]
        parts.append(
            "Goals: " + ", ".join(f"{statuses.count(s)} {s}" for s in dict.fromkeys(statuses))
        )
    forecast = overview.forecast
    if forecast is not None and forecast.status is ForecastStatus.ON_PACE:
        pace = "your pace" if who is None else f"{who}'s pace"
        parts.append(f"80% around {forecast.date} at {pace}")
    elif forecast is not None and forecast.status is ForecastStatus.BEYOND_HORIZON:
        parts.append(f"80% not within {forecast.horizon_years} years at this pace")
    line = " · ".join(parts)
    return line if who is None else Text(line)


RUBRIC_NAMES = 2
"""How many skills the rubric line names before "and N more": it stays one or two lines."""


def rubric_text(overview: Overview) -> Text:
    """The skills of the target role whose current rating was made against a rubric that
    has changed since (the gap table marks those it lists). With the status lines at the
    top, not under the table: at 80x24 the table's end is below the fold. Empty, and so
    no line at all, when there are none."""
    text = Text()
    analysis = overview.analysis
    changed = [r.skill_name for r in analysis.rows if r.rubric_changed] if analysis else []
    if not changed:
        return text
    text.append(f"{RUBRIC_MARK} {RUBRIC_CHANGED} ", style="bold")
    named = ", ".join(changed[:RUBRIC_NAMES])
    more = len(changed) - RUBRIC_NAMES
    text.append(named + (f" and {more} more" if more > 0 else ""))
    return text


def next_steps_text(overview: Overview, who: str | None = None) -> Text:
    text = Text()
    if not overview.next_steps:
        return text
    phase = f" (learning path: phase {overview.current_phase})" if overview.current_phase else ""
    text.append(f"Next steps{phase} · p opens the plan\n", style="bold")
    for step in overview.next_steps:
        text.append(f"• {step.name} {step.current}→{step.current + 1}: ", style="bold")
        text.append(step.tip)
        if step.suggestions:
            text.append(f" ({step.suggestions[0]})", style="dim")
        text.append("\n")
    return text


def mentors_text(overview: Overview, who: str | None = None) -> Text:
    """Per mentor: readiness by their levels (labelled) and the calibration, then the
    skills where they and the user (`who`, on a mentee's view) differ most, both levels
    and the difference."""
    text = Text()
    if not overview.mentor_reviews:
        return text
    from gaptracker.reports.second_opinion import calibration_text, readiness_text  # on use

    for review in overview.mentor_reviews:
        if text:
            text.append("\n")
        text.append(f"{one_line(readiness_text(review))}", style="bold")
        text.append(f" · {calibration_text(review.calibration, who)}")
        apart = sorted(
            (r for r in review.rows if r.difference),
            key=lambda r: (-abs(r.difference or 0), r.skill_id),
        )[:MENTOR_ROWS]
        for row in apart:
            own = "you" if who is None else clip(who, 20)
            text.append(f"\n  {row.name}: {own} {row.own}, {clip(review.mentor, 20)} {row.mentor}")
            text.append(f" ({row.difference or 0:+d})", style="bold")
            if row.mentor_note:
                text.append(f" · {clip(row.mentor_note, 40)}", style="italic")
    return text


MENTOR_ROWS = 3
GAPS_CAPTION = "Largest gaps, by weight (Enter rates one)"
"""How many of the widest differences the dashboard lists per mentor."""


class DashboardScreen(AppScreen):
    SCOPE = "dashboard"
    BINDINGS = commands.bindings(SCOPE)
    AUTO_FOCUS = ""
    """The table of gaps takes focus just after the first frame (on_mount): focusing
    restyles every widget under it, work the first paint need not wait for."""

    def compose(self) -> ComposeResult:
        bound = DashboardScreen.overview
        who = self.who
        yield Header()
        with VerticalScroll(id="dashboard"):
            yield OverviewText(partial(target_text, who=who), id="target-line").data_bind(bound)
            yield OverviewText(partial(facts_text, who=who), id="facts").data_bind(bound)
            yield OverviewText(partial(progress_text, who=who), id="progress-line").data_bind(bound)
            yield OverviewText(partial(mentors_text, who=who), id="mentor-line").data_bind(bound)
            yield OverviewText(rubric_text, id="rubric-changed").data_bind(bound)
            with Horizontal(id="top-row"):
                yield ReadinessGauge(id="gauge").data_bind(bound)
                with Vertical(id="must-box"):
                    yield Static("Must skills", classes="caption")
                    yield MustSkillsPanel(
                        self.shown_catalog.must_skill_ids, who=who, id="must-panel"
                    ).data_bind(bound)
            yield Static(GAPS_CAPTION, classes="caption", id="gaps-caption")
            yield GapTable(id="gap-table").data_bind(bound)
            yield OverviewText(partial(next_steps_text, who=who), id="next-steps").data_bind(bound)
        yield KeyBar()

    def on_mount(self) -> None:
        self.call_after_refresh(self._focus_gaps)

    def _focus_gaps(self) -> None:
        if self.focused is None:
            self.query_one(GapTable).focus(scroll_visible=False)

    def on_screen_resume(self) -> None:
        self.query_one("#dashboard", VerticalScroll).scroll_home(animate=False)

    async def action_rate_gap(self) -> None:
        key = self.query_one(GapTable).cursor_key
        if key is not None:
            await self.gap_app.action_rate_skill(key)

    @on(GapTable.Selected, "#gap-table")
    async def _gap_selected(self, event: GapTable.Selected) -> None:
        """Enter or a click on the highlighted gap opens it on the assess screen."""
        event.stop()
        await self.gap_app.action_rate_skill(event.key)
