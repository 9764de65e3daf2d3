"""The check-in: walk the Must skills, then the role's others; keep each with one key or
change it with a note. Stopping half way keeps what was confirmed; the next check-in
within a week resumes where this one stopped.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.reactive import var
from textual.widgets import Header, Input, Static

from gaptracker.domain.errors import GapTrackerError
from gaptracker.domain.progress import CheckinPlan, is_stale
from gaptracker.domain.text import one_line
from gaptracker.tui.screens.base import AppScreen
from gaptracker.tui.widgets.key_bar import KeyBar
from gaptracker.tui.widgets.rubric import Rubric


class CheckinScreen(AppScreen):
    AUTO_FOCUS = None  # keys belong to the screen (Space keeps); the note gets focus on 0-5
    BINDINGS = [
        Binding("space", "keep", "Keep level", id="gaptracker.checkin-keep"),
        *(
            Binding(str(n), f"choose_level({n})", "Change", show=n == 0, key_display="0-5")
            for n in range(6)
        ),
        Binding("enter", "save", "Save change", show=False),
        Binding("ctrl+s", "save", "Save change", id="gaptracker.checkin-save"),
        Binding("n", "skip", "Skip", id="gaptracker.checkin-skip"),
        Binding("escape", "stop", "Stop", id="gaptracker.checkin-stop"),
    ]

    chosen: var[int | None] = var(None, init=False)

    def __init__(self) -> None:
        super().__init__()
        self.plan: CheckinPlan | None = None
        self.resumed = False
        """Whether this visit continues an unfinished check-in."""
        self.skipped: list[str] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="checkin"):
            yield Static("", id="checkin-progress")
            yield Static("", id="checkin-last")
            yield Rubric(id="checkin-rubric")
            # Disabled until a new level is chosen, so Space and the digits reach the screen.
            yield Input(
                placeholder="Note for a changed level (Enter saves)",
                id="checkin-note",
                disabled=True,
            )
        yield KeyBar()

    def on_screen_resume(self) -> None:
        self.skipped = []
        self.chosen = None
        self.set_focus(None)
        self._load_plan()

    @work(thread=True, exclusive=True, group="checkin-plan")
    def _load_plan(self) -> None:
        try:
            plan = self.gap_app.tracker.checkin.plan()
        except GapTrackerError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        self.app.call_from_thread(self._show_plan, plan)

    def _show_plan(self, plan: CheckinPlan) -> None:
        self.plan = plan
        self.resumed = plan.checkin_id is not None
        self._show_current()

    @property
    def current_skill(self) -> str | None:
        if self.plan is None:
            return None
        todo = [s for s in self.plan.remaining if s not in self.skipped]
        return todo[0] if todo else None

    def _show_current(self) -> None:
        plan, skill_id = self.plan, self.current_skill
        overview = self.gap_app.overview
        progress = self.query_one("#checkin-progress", Static)
        if plan is None or overview is None:
            return
        if skill_id is None:
            self._finish()
            return
        resumed = " (resumed)" if self.resumed else ""
        step = plan.done_count + len(self.skipped) + 1
        progress.update(f"[b]Check-in{resumed}[/b]: skill {step} of {len(plan.walk)}")
        skill = self.gap_app.catalog.skill(skill_id)
        last = overview.current.get(skill_id)
        line = Text()
        if last is None:
            line.append("Not rated yet: press 0-5 to rate it, n to skip.")
        else:
            line.append(f"Last: level {last.level} on {last.effective_date}")
            if is_stale(last, overview.today, self.gap_app.tracker.stale_days):
                line.append("  STALE", style="bold yellow")
            if last.note:
                line.append(f" · {one_line(last.note)}", style="italic")
            line.append("\nSpace keeps it; 0-5 then Enter changes it (with a note).")
        self.query_one("#checkin-last", Static).update(line)
        reqs = self.gap_app.catalog.requirements_for(plan.role_id)
        target = next((r.target for r in reqs if r.skill_id == skill_id), None)
        self.query_one(Rubric).show(
            skill,
            current=last.level if last else None,
            target=target,
            chosen=self.chosen,
            hide_target=False,
        )

    def watch_chosen(self, chosen: int | None) -> None:
        note = self.query_one("#checkin-note", Input)
        note.disabled = chosen is None
        if chosen is not None:
            note.focus()
        self._show_current()

    def action_choose_level(self, level: int) -> None:
        if self.current_skill is not None:
            self.chosen = level

    @on(Rubric.LevelChosen)
    def _level_clicked(self, event: Rubric.LevelChosen) -> None:
        self.action_choose_level(event.level)

    @on(Input.Submitted)
    def _note_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_keep(self) -> None:
        skill_id = self.current_skill
        if skill_id is None or self.plan is None:
            return
        if skill_id not in (self.gap_app.overview.current if self.gap_app.overview else {}):
            self.notify("Nothing to keep yet: press 0-5 to rate it", severity="warning")
            return
        self._record(skill_id, None, "")

    def action_save(self) -> None:
        skill_id = self.current_skill
        if skill_id is None or self.plan is None:
            return
        if self.chosen is None:
            self.notify("Press 0-5 for a new level, or Space to keep it", timeout=3)
            return
        note = self.query_one("#checkin-note", Input).value
        self._record(skill_id, self.chosen, note)

    def action_skip(self) -> None:
        skill_id = self.current_skill
        if skill_id is not None:
            self.skipped.append(skill_id)
            self.chosen = None
            self._show_current()

    def action_stop(self) -> None:
        if self.chosen is not None:
            self.chosen = None
            return
        if self.plan is not None and self.plan.done_count:
            self.notify("Check-in paused: what you confirmed is saved. c resumes it.")
        self.app.switch_mode("dashboard")

    def _record(self, skill_id: str, level: int | None, note: str) -> None:
        plan = self.plan
        assert plan is not None

        def change() -> object:
            self.plan = self.gap_app.tracker.checkin.record(plan, skill_id, level, note)
            return self.plan

        verb = "Kept" if level is None else "Changed"
        name = self.gap_app.catalog.skill(skill_id).name
        self.gap_app.run_write(change, f"{verb}: {name}", then=self._after_record)

    def _after_record(self) -> None:
        self.query_one("#checkin-note", Input).value = ""
        self.chosen = None  # disables the note again: keys go back to the screen
        self._show_current()

    def _finish(self) -> None:
        plan = self.plan
        skipped = len(self.skipped)
        self.plan = None
        if plan is not None and plan.checkin_id is not None:
            extra = f" ({skipped} skipped)" if skipped else ""
            self.notify(f"Check-in complete{extra}. See what moved on the dashboard.")
        self.app.switch_mode("dashboard")
