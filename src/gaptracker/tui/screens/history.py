"""History: readiness over the weeks, the rhythm of check-ins, goals, and each skill's
timeline of levels with dates and notes."""

from __future__ import annotations

from fractions import Fraction

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.reactive import var
from textual.widgets import Header, Static
from textual.worker import get_current_worker

from gaptracker.domain.errors import GapTrackerError
from gaptracker.domain.mentor import MentorRating
from gaptracker.domain.models import Rating
from gaptracker.domain.numbers import percent_text
from gaptracker.domain.overview import Overview
from gaptracker.domain.progress import Rhythm
from gaptracker.domain.text import one_line
from gaptracker.domain.trend import TrendPoint
from gaptracker.reports.sections import forecast_sentence
from gaptracker.services.mentor import mentor_history
from gaptracker.services.standing import TREND_WEEKS
from gaptracker.tui import commands
from gaptracker.tui.screens.base import AppScreen
from gaptracker.tui.widgets.key_bar import KeyBar
from gaptracker.tui.widgets.readiness_chart import ReadinessChart
from gaptracker.tui.widgets.row_table import RowTable


class RatedSkills(RowTable):
    LABELS = ("Skill", "Now")
    FLEX = 0


class Timeline(RowTable):
    LABELS = ("Date", "Level", "Note", "Evidence")
    ZEBRA = True
    FLEX = 2


class HistoryScreen(AppScreen):
    SCOPE = "history"
    BINDINGS = commands.bindings(SCOPE)

    trend: var[tuple[TrendPoint, ...]] = var((), init=False, always_update=True)
    """Always updated: an empty trend read (no target or no rating) must still say so."""
    rhythm: var[Rhythm | None] = var(None, init=False)
    skill_id: var[str | None] = var(None, init=False)
    """The skill whose timeline is shown (the list's cursor)."""

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="history"):
            with Horizontal(id="timeline-row"):
                yield RatedSkills(id="history-skills")
                with Vertical(id="timeline-box"):
                    yield Static("", id="timeline-title", classes="caption")
                    yield Timeline(id="timeline")
            yield Static("", id="trend-title", classes="caption")
            yield ReadinessChart(id="trend-chart")
            yield Static("", id="trend-facts")
            yield Static("", id="rhythm")
            yield Static("", id="goals")
        yield KeyBar()

    def on_screen_resume(self) -> None:
        self.query_one(RatedSkills).focus()

    def watch_overview(self, overview: Overview | None) -> None:
        if overview is None:
            return
        self._show_goals(overview)
        levels = {
            r.skill_id: f"{r.level}{' stale' if r.skill_id in overview.stale else ''}"
            for r in overview.current.values()
        }
        for reviewed in overview.mentors.values():  # a skill only a mentor has rated yet
            for skill_id in reviewed:
                levels.setdefault(skill_id, "- (mentor)")
        order = sorted(levels, key=self.skill_name)
        skills = self.query_one(RatedSkills)
        cells = [(self.skill_name(skill_id), levels[skill_id]) for skill_id in order]
        skills.set_rows(order, cells, keep=skills.cursor_key)
        if skills.cursor_key is not None:
            self._read_timeline(skills.cursor_key)  # its ratings may have changed
        self._read_weeks()

    def skill_name(self, skill_id: str) -> str:
        try:
            return self.shown_catalog.skill(skill_id).name
        except KeyError:
            return f"{skill_id} (retired)"

    def watch_trend(self, trend: tuple[TrendPoint, ...]) -> None:
        overview = self.overview
        if overview is None:
            return
        title = self.query_one("#trend-title", Static)
        facts = self.query_one("#trend-facts", Static)
        chart = self.query_one(ReadinessChart)
        if overview.target_role is None or not trend:
            title.update("Readiness per week")
            chart.values = ()
            who = self.who
            if who is None:
                facts.update("No ratings yet, so no trend: rate a few skills first.")
            else:
                facts.update(Text(f"No trend yet: {who} has no target role or no rating."))
            return
        role = overview.target_role.name  # a pack's text: shown as Text, never as markup
        title.update(Text(f"Readiness per week, {role} (last {len(trend)} weeks)"))
        chart.values = tuple(p.readiness for p in trend)
        first, last = trend[0], trend[-1]
        lines = Text(
            f"{first.week_ending}: {percent_text(first.readiness)}%  →  {last.week_ending}:"
            f" {percent_text(last.readiness)}% (Must {percent_text(last.must_readiness)}%)"
        )
        if overview.forecast is not None:
            blocked = bool(overview.analysis and overview.analysis.blocking_must)
            lines.append("\n" + forecast_sentence(overview.forecast, blocked=blocked))
        facts.update(lines)

    def watch_rhythm(self, rhythm: Rhythm | None) -> None:
        if rhythm is None:
            return
        text = Text(f"Weeks with a rating or check-in (last {len(rhythm.cells)}, this week last)\n")
        for active in rhythm.cells:
            text.append("■" if active else "□", style="bold" if active else "dim")
        count = rhythm.streak
        text.append(f"\nStreak: {count} week{'s' if count != 1 else ''} in a row")
        text.append(f" · {sum(rhythm.cells)} active weeks in the last {len(rhythm.cells)}")
        self.query_one("#rhythm", Static).update(text)

    def _show_goals(self, overview: Overview) -> None:
        goals = self.query_one("#goals", Static)
        who = self.who
        if not overview.goals:
            if who is None:
                goals.update("Goals: none yet. g sets one for the highlighted skill.")
            else:
                goals.update(Text(f"Goals: {who} has set none yet."))
            return
        text = Text()
        heading = "Goals (g sets one for the highlighted skill)" if who is None else "Goals"
        text.append(heading + "\n", style="bold")
        for g in overview.goals:
            text.append(f"  {self.skill_name(g.goal.skill_id)}: {g.current} → {g.goal.level}")
            text.append(f" by {g.goal.due}  ")
            text.append(g.status.value, style="bold")
            text.append("\n")
        goals.update(text)

    @work(thread=True, exclusive=True, group="history")
    def _read_weeks(self) -> None:
        """The year's weekly readiness and the weeks with activity: read in a worker (dates
        and one year, never the whole history), shown on the UI thread."""
        tracker, overview = self.shown_tracker, self.overview
        try:
            trend = tracker.weekly(weeks=TREND_WEEKS) if overview and overview.target_role else ()
            rhythm = tracker.rhythm()
        except GapTrackerError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        if not get_current_worker().is_cancelled:  # else a newer read shows its own
            self.app.call_from_thread(self._show_weeks, tuple(trend), rhythm)

    def _show_weeks(self, trend: tuple[TrendPoint, ...], rhythm: Rhythm) -> None:
        self.trend, self.rhythm = trend, rhythm

    @on(RatedSkills.Highlighted, "#history-skills")
    def _skill_highlighted(self, event: RatedSkills.Highlighted) -> None:
        if event.key != self.skill_id:
            self.skill_id = event.key
            self._read_timeline(event.key)

    @work(thread=True, exclusive=True, group="timeline")
    def _read_timeline(self, skill_id: str) -> None:
        """One skill's ratings, read when the skill is highlighted."""
        tracker = self.shown_tracker
        try:
            ratings = tracker.ratings(skill_id)
            reviews = mentor_history(tracker.uow_factory, skill_id)
        except GapTrackerError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_timeline, skill_id, ratings, reviews)

    def _show_timeline(
        self, skill_id: str, ratings: list[Rating], reviews: list[MentorRating] | None = None
    ) -> None:
        """The skill's ratings and, on the same timeline, each mentor's level from an
        imported review (`3 · Grace`), newest first."""
        if self.query_one(RatedSkills).cursor_key != skill_id:
            return  # the cursor moved on while this was read: its own read follows
        self.query_one("#timeline-title", Static).update(
            Text(f"Timeline: {self.skill_name(skill_id)} (newest first)")
        )
        entries = [
            ((r.effective_date, 0), str(r.id), (str(r.level), r.note, r.evidence)) for r in ratings
        ]
        entries += [
            ((m.reviewed_on, 1), f"mentor-{m.id}", (f"{m.level} · {m.mentor}", m.note, ""))
            for m in reviews or ()
        ]
        entries.sort(key=lambda entry: entry[0])  # stable: stored order within a day
        newest = list(reversed(entries))
        self.query_one(Timeline).set_rows(
            [key for _, key, _ in newest],
            [
                (str(day), one_line(level), one_line(note), one_line(evidence))
                for (day, _), _, (level, note, evidence) in newest
            ],
        )

    async def action_skill_goal(self) -> None:
        await self.gap_app.action_set_goal(self.query_one(RatedSkills).cursor_key)

    def action_back(self) -> None:
        self.app.switch_mode("dashboard")


__all__ = ["Fraction", "HistoryScreen"]
