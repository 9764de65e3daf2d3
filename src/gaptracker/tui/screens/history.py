"""History: readiness over the weeks, the rhythm of check-ins, goals, and each skill's
timeline of levels with dates and notes."""

from __future__ import annotations

from rich.markup import escape
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Header, Sparkline, Static
from textual.worker import get_current_worker

from gaptracker.domain.errors import GapTrackerError
from gaptracker.domain.models import Rating
from gaptracker.domain.numbers import percent_text
from gaptracker.domain.overview import Overview
from gaptracker.domain.progress import Rhythm
from gaptracker.domain.trend import TrendPoint
from gaptracker.reports.sections import forecast_sentence
from gaptracker.services.standing import TREND_WEEKS
from gaptracker.tui.screens.base import AppScreen
from gaptracker.tui.user_text import plain
from gaptracker.tui.widgets.key_bar import KeyBar


class HistoryScreen(AppScreen):
    _timeline_for: str | None = None
    """The skill whose timeline was last asked for."""

    BINDINGS = [
        Binding("j", "move('down')", "Down", show=False),
        Binding("k", "move('up')", "Up", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="history"):
            yield Static("", id="trend-title", classes="caption")
            yield Sparkline([], id="trend-chart")
            yield Static("", id="trend-facts")
            yield Static("", id="rhythm")
            yield Static("", id="goals")
            with Horizontal(id="timeline-row"):
                yield DataTable(id="history-skills", cursor_type="row")
                with Vertical(id="timeline-box"):
                    yield Static("", id="timeline-title", classes="caption")
                    yield DataTable(id="timeline", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        skills = self.query_one("#history-skills", DataTable)
        skills.add_columns("Skill", "Now")
        self.query_one("#timeline", DataTable).add_columns("Date", "Level", "Note", "Evidence")
        self.follow_overview(self.show)

    def show(self, overview: Overview | None) -> None:
        if overview is None:
            return
        self._show_goals(overview)
        skills = self.query_one("#history-skills", DataTable)
        keep = skills.cursor_row
        skills.clear()
        rated = sorted(overview.current.values(), key=lambda r: r.skill_id)
        for rating in rated:
            name = self.skill_name(rating.skill_id)
            stale = " (stale)" if rating.skill_id in overview.stale else ""
            skills.add_row(name, f"{rating.level}{stale}", key=rating.skill_id)
        if rated:
            row = min(keep, len(rated) - 1)
            skills.move_cursor(row=row)
            self._timeline_for = None  # its ratings may have changed: read it again
            self._request_timeline(rated[row].skill_id)
        self._load_rhythm()

    def skill_name(self, skill_id: str) -> str:
        try:
            return self.gap_app.catalog.skill(skill_id).name
        except KeyError:
            return f"{skill_id} (retired)"

    def _show_trend(self, trend: tuple[TrendPoint, ...]) -> None:
        overview = self.gap_app.overview
        if overview is None:
            return
        title = self.query_one("#trend-title", Static)
        facts = self.query_one("#trend-facts", Static)
        chart = self.query_one("#trend-chart", Sparkline)
        if overview.target is None or not trend:
            title.update("Readiness per week")
            chart.data = []
            facts.update("No ratings yet, so no trend: rate a few skills first.")
            return
        title.update(f"Readiness per week for {overview.target.name} (last {len(trend)} weeks)")
        chart.data = [float(p.readiness) for p in trend]
        first, last = trend[0], trend[-1]
        lines = [
            f"{first.week_ending}: {percent_text(first.readiness)}%  →  {last.week_ending}:"
            f" [b]{percent_text(last.readiness)}%[/b] (Must {percent_text(last.must_readiness)}%)"
        ]
        if overview.forecast is not None:
            lines.append(escape(forecast_sentence(overview.forecast)))
        facts.update("\n".join(lines))

    def _show_goals(self, overview: Overview) -> None:
        goals = self.query_one("#goals", Static)
        if not overview.goals:
            goals.update("Goals: none yet (gaptracker goal SKILL LEVEL --by YYYY-MM-DD).")
            return
        text = Text()
        text.append("Goals\n", style="bold")
        for g in overview.goals:
            style = {"done": "green", "on track": "green", "at risk": "yellow"}.get(
                g.status.value, "red"
            )
            text.append(f"  {self.skill_name(g.goal.skill_id)}: {g.current} → {g.goal.level}")
            text.append(f" by {g.goal.due}  ")
            text.append(g.status.value, style=f"bold {style}")
            text.append("\n")
        goals.update(text)

    @work(thread=True, exclusive=True, group="history")
    def _load_rhythm(self) -> None:
        """The year's weekly readiness and the weeks with activity: read in a worker (dates
        and one year, never the whole history), shown on the UI thread."""
        tracker = self.gap_app.tracker
        overview = self.gap_app.overview
        try:
            trend = tracker.weekly(weeks=TREND_WEEKS) if overview and overview.target else ()
            rhythm = tracker.rhythm()
        except GapTrackerError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        if get_current_worker().is_cancelled:
            return  # a newer read (after a save) replaced this one: it shows its own
        self.app.call_from_thread(self._show_trend, trend)
        self.app.call_from_thread(self._show_rhythm, rhythm)

    def _show_rhythm(self, rhythm: Rhythm) -> None:
        text = Text(
            f"Weeks with a rating or check-in (last {len(rhythm.cells)}, this week on the right)\n"
        )
        for active in rhythm.cells:
            text.append("■" if active else "□", style="bold green" if active else "dim")
        count = rhythm.streak
        text.append(f"\nStreak: {count} week{'s' if count != 1 else ''} in a row")
        text.append(f" · {sum(rhythm.cells)} active weeks in the last {len(rhythm.cells)}")
        self.query_one("#rhythm", Static).update(text)

    @on(DataTable.RowHighlighted, "#history-skills")
    def _skill_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is not None:
            self._request_timeline(event.row_key.value)

    def _request_timeline(self, skill_id: str) -> None:
        """Read this skill's timeline unless it is the one already read or being read (a
        rebuilt list highlights its row again right after show() asked for it)."""
        if skill_id != self._timeline_for:
            self._timeline_for = skill_id
            self._load_timeline(skill_id)

    @work(thread=True, exclusive=True, group="timeline")
    def _load_timeline(self, skill_id: str) -> None:
        """One skill's ratings, read when the skill is highlighted."""
        try:
            ratings = self.gap_app.tracker.ratings(skill_id)
        except GapTrackerError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        self.app.call_from_thread(self._show_timeline, skill_id, ratings)

    def _show_timeline(self, skill_id: str, ratings: list[Rating]) -> None:
        skills = self.query_one("#history-skills", DataTable)
        if skills.row_count == 0:
            return
        shown = skills.coordinate_to_cell_key(skills.cursor_coordinate).row_key.value
        if shown != skill_id:
            return  # the cursor moved on while this was read: its own read follows
        self.query_one("#timeline-title", Static).update(f"Timeline: {self.skill_name(skill_id)}")
        timeline = self.query_one("#timeline", DataTable)
        timeline.clear()
        for rating in reversed(ratings):
            timeline.add_row(
                str(rating.effective_date),
                str(rating.level),
                plain(rating.note),
                plain(rating.evidence),
            )

    def action_move(self, direction: str) -> None:
        skills = self.query_one("#history-skills", DataTable)
        skills.action_cursor_down() if direction == "down" else skills.action_cursor_up()
