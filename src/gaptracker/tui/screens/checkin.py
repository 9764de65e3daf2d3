"""The check-in: walk the Must skills, then the role's others; keep each with one key or
change it with a note. Stopping half way keeps what was confirmed; the next check-in
within a week resumes where this one stopped.

Each answer is a `CheckinAnswered` request; the walk that comes back with `WriteEnded`
(it carries the check-in's id once the first answer is saved) replaces the screen's own,
on the UI thread. Until it is back the next answer waits, so every answer of a visit
belongs to one check-in.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import var
from textual.widgets import Header, Input, Static

from gaptracker.domain.errors import GapTrackerError
from gaptracker.domain.overview import Overview
from gaptracker.domain.progress import CheckinWalk, is_stale
from gaptracker.domain.text import one_line
from gaptracker.tui import commands
from gaptracker.tui.messages import CheckinAnswered, WriteEnded
from gaptracker.tui.screens.base import AppScreen
from gaptracker.tui.widgets.key_bar import KeyBar
from gaptracker.tui.widgets.named_field import named_field
from gaptracker.tui.widgets.rubric import Rubric


class CheckinScreen(AppScreen):
    SCOPE = "checkin"
    BINDINGS = commands.bindings(SCOPE)
    AUTO_FOCUS = None  # keys belong to the screen (Space keeps); the note gets focus on 0-5

    walk: var[CheckinWalk | None] = var(None, init=False)
    skipped: var[tuple[str, ...]] = var((), init=False)
    skill_id: var[str | None] = var(None, init=False)
    """The skill being asked about: the walk's next one not skipped."""
    chosen: var[int | None] = var(None, init=False)
    hide_targets: var[bool] = var(False, init=False)  # the rubric shows the target here
    answering: var[bool] = var(False, init=False)
    """An answer is being saved: the next waits for the walk it returns."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="checkin"):
            yield Static("", id="checkin-progress")
            yield Static("", id="checkin-last")
            yield Rubric(self.gap_app.catalog, id="checkin-rubric").data_bind(
                CheckinScreen.overview,
                CheckinScreen.skill_id,
                CheckinScreen.chosen,
                CheckinScreen.hide_targets,
            )
            # Disabled until a new level is chosen, so Space and the digits reach the screen.
            yield named_field(
                "Note",
                Input(
                    placeholder="for the changed level (Enter saves)",
                    id="checkin-note",
                    disabled=True,
                ),
            )
        yield KeyBar()

    def on_screen_resume(self) -> None:
        self.skipped = ()
        self.chosen = None
        self.set_focus(None)
        self._read_walk()

    @work(thread=True, exclusive=True, group="checkin-walk")
    def _read_walk(self) -> None:
        try:
            walk = self.gap_app.tracker.checkin.walk()
        except GapTrackerError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        self.app.call_from_thread(setattr, self, "walk", walk)

    # State -> what is shown

    def _next_skill(self) -> str | None:
        if self.walk is None:
            return None
        return next((s for s in self.walk.remaining if s not in self.skipped), None)

    def watch_walk(self, walk: CheckinWalk | None) -> None:
        self._ask_next()

    def watch_skipped(self) -> None:
        self._ask_next()

    def _ask_next(self) -> None:
        if self.walk is None:
            return
        skill_id = self._next_skill()
        if skill_id is None:
            self._finish()
            return
        self.skill_id = skill_id
        self._show_question()

    def watch_overview(self, overview: Overview | None) -> None:
        self._show_question()

    def watch_chosen(self, chosen: int | None) -> None:
        note = self.query_one("#checkin-note", Input)
        note.disabled = chosen is None
        if chosen is not None:
            self.set_focus(note)  # now: the keys typed next are the note's

    def _show_question(self) -> None:
        walk, skill_id, overview = self.walk, self.skill_id, self.overview
        if walk is None or skill_id is None or overview is None:
            return
        resumed = " (resumed)" if walk.checkin_id is not None and not self.answering else ""
        step = walk.done_count + len(self.skipped) + 1
        self.query_one("#checkin-progress", Static).update(
            f"[b]Check-in{resumed}[/b]: skill {step} of {len(walk.skills)}"
        )
        last = overview.current.get(skill_id)
        line = Text()
        if last is None:
            line.append("Not rated yet: press 0-5 to rate it, n to skip.")
        else:
            line.append(f"Last: level {last.level} on {last.effective_date}")
            if is_stale(last, overview.today, self.gap_app.tracker.stale_days):
                line.append("  STALE", style="bold")
            if last.note:
                line.append(f" · {one_line(last.note)}", style="italic")
            line.append("\nSpace keeps it; 0-5 then Enter changes it (with a note).")
        self.query_one("#checkin-last", Static).update(line)

    # User actions

    def action_choose_level(self, level: str) -> None:
        if self.skill_id is not None and not self.answering:
            self.chosen = int(level)

    @on(Rubric.LevelChosen)
    def _level_clicked(self, event: Rubric.LevelChosen) -> None:
        self.action_choose_level(str(event.level))

    @on(Input.Submitted)
    def _note_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_keep(self) -> None:
        skill_id, overview = self.skill_id, self.overview
        if skill_id is None or overview is None or self.answering:
            return
        if skill_id not in overview.current:
            self.notify("Nothing to keep yet: press 0-5 to rate it", severity="warning")
            return
        self._answer(skill_id, None, "")

    def action_save(self) -> None:
        if self.skill_id is None or self.answering:
            return
        if self.chosen is None:
            self.notify("Press 0-5 for a new level, or Space to keep it", timeout=3)
            return
        self._answer(self.skill_id, self.chosen, self.query_one("#checkin-note", Input).value)

    def _answer(self, skill_id: str, level: int | None, note: str) -> None:
        assert self.walk is not None
        self.answering = True
        self.post_message(CheckinAnswered(self, self.walk, skill_id, level, note))

    @on(WriteEnded)
    def _answered(self, ended: WriteEnded) -> None:
        if not isinstance(ended.request, CheckinAnswered):
            return
        self.answering = False
        if ended.error is not None:
            return  # the skill is asked again; the note is still in its field
        self.query_one("#checkin-note", Input).value = ""
        self.chosen = None  # disables the note again: keys go back to the screen
        assert isinstance(ended.result, CheckinWalk)
        self.walk = ended.result

    def action_skip(self) -> None:
        if self.skill_id is not None and not self.answering:
            self.chosen = None
            self.skipped = (*self.skipped, self.skill_id)

    def action_back(self) -> None:
        if self.chosen is not None:
            self.chosen = None
            self.set_focus(None)
            return
        if self.walk is not None and self.walk.done_count:
            self.notify("Check-in paused: what you confirmed is saved. c resumes it.")
        self.app.switch_mode("dashboard")

    def _finish(self) -> None:
        walk, skipped = self.walk, len(self.skipped)
        self.walk = None
        if walk is not None and walk.checkin_id is not None:
            extra = f" ({skipped} skipped)" if skipped else ""
            self.notify(f"Check-in complete{extra}. See what moved on the dashboard.")
        self.app.switch_mode("dashboard")
