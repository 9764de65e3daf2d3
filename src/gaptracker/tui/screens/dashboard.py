"""Home: the target role, readiness, the Must skills, the largest gaps, what is unrated."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Header, Static

from gaptracker.domain.overview import Overview
from gaptracker.domain.progress import ForecastStatus
from gaptracker.tui.screens.base import AppScreen
from gaptracker.tui.widgets.gap_table import GapTable
from gaptracker.tui.widgets.key_bar import KeyBar
from gaptracker.tui.widgets.must_skills_panel import MustSkillsPanel
from gaptracker.tui.widgets.readiness_gauge import ReadinessGauge


class DashboardScreen(AppScreen):
    BINDINGS = [
        Binding("e", "export('md')", "Export", id="gaptracker.export-markdown"),
    ]
    AUTO_FOCUS = ""
    """The scrollable body takes focus just after the first frame (on_mount): focusing
    restyles every widget under it, work the first paint need not wait for."""

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="dashboard"):
            yield Static("", id="target-line")
            yield Static("", id="facts")
            yield Static("", id="progress-line")
            with Horizontal(id="top-row"):
                yield ReadinessGauge(id="gauge")
                with Vertical(id="must-box"):
                    yield Static("Must skills", classes="caption")
                    yield MustSkillsPanel(self.gap_app.catalog.must_skill_ids, id="must-panel")
            yield GapTable(id="gap-table")
            yield Static("", id="next-steps")
        yield KeyBar()

    def on_mount(self) -> None:
        self.follow_overview(self.show)
        self.call_after_refresh(self._focus_body)

    def _focus_body(self) -> None:
        if self.focused is None:
            self.query_one("#dashboard").focus()

    def show(self, overview: Overview | None) -> None:
        if overview is None:
            return
        analysis = overview.analysis
        target = self.query_one("#target-line", Static)
        if overview.target is None:
            target.update("No target role yet: press [b]r[/b] to choose one.")
        else:
            role = overview.target
            target.update(f"Target: [b]{role.name}[/b]  (Layer {role.layer}, {role.best_fit})")
        self.query_one(ReadinessGauge).analysis = analysis
        self.query_one(MustSkillsPanel).show(analysis, overview.must_weeks, overview.stale)
        self.query_one(GapTable).show(analysis)
        self.query_one("#facts", Static).update(self._facts(overview))
        self.query_one("#progress-line", Static).update(self._progress(overview))
        self.query_one("#next-steps", Static).update(self._next_steps(overview))

    @staticmethod
    def _facts(overview: Overview) -> str:
        parts = []
        if overview.analysis is not None:
            parts.append(f"{overview.analysis.unrated_count} skills still unrated")
            if overview.analysis.not_applicable:
                parts.append(f"{len(overview.analysis.not_applicable)} not applicable")
        days = overview.days_since_last_rating
        if days is None:
            parts.append("no rating yet: press [b]a[/b] to assess yourself")
        else:
            when = "today" if days == 0 else f"{days} day{'s' if days != 1 else ''} ago"
            parts.append(f"last rating {when} ({overview.last_rating_on})")
        return " · ".join(parts)

    @staticmethod
    def _next_steps(overview: Overview) -> Text:
        text = Text()
        if not overview.next_steps:
            return text
        phase = (
            f" (learning path: phase {overview.current_phase})" if overview.current_phase else ""
        )
        text.append(f"Next steps{phase} · p opens the plan\n", style="bold")
        for step in overview.next_steps:
            text.append(f"• {step.name} {step.current}→{step.current + 1}: ", style="bold")
            text.append(step.tip)
            if step.suggestions:
                text.append(f" ({step.suggestions[0]})", style="dim")
            text.append("\n")
        return text

    @staticmethod
    def _progress(overview: Overview) -> str:
        parts = []
        days = overview.days_since_checkin
        if days is not None:
            counts = {
                kind: sum(1 for m in overview.moves if m.kind == kind)
                for kind in ("up", "down", "new")
            }
            moved = ", ".join(f"{n} {kind}" for kind, n in counts.items() if n) or "nothing moved"
            when = "today" if days == 0 else f"{days} day{'s' if days != 1 else ''} ago"
            parts.append(f"Last check-in {when}: {moved}")
        if overview.checkin_due:
            parts.append("[b]time for a check-in: press c[/b]")
        if overview.stale:
            parts.append(
                f"{len(overview.stale)} stale rating{'s' if len(overview.stale) != 1 else ''}"
            )
        if overview.goals:
            statuses = [g.status.value for g in overview.goals]
            parts.append(
                "Goals: " + ", ".join(f"{statuses.count(s)} {s}" for s in dict.fromkeys(statuses))
            )
        forecast = overview.forecast
        if forecast is not None and forecast.status is ForecastStatus.ON_PACE:
            parts.append(f"80% around {forecast.date} at your pace")
        elif forecast is not None and forecast.status is ForecastStatus.BEYOND_HORIZON:
            parts.append(f"80% not within {forecast.horizon_years} years at this pace")
        return " · ".join(parts)

    def action_export(self, fmt: str) -> None:
        self.gap_app.open_export(fmt)

    @on(GapTable.Selected)
    async def _gap_selected(self, event: GapTable.Selected) -> None:
        """Enter on a gap opens it on the assess screen."""
        await self.gap_app.assess_skill(event.key)
