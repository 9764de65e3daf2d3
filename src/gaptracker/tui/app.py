"""The Textual application: modes for the main screens, shared state, writes in the background.

The app owns the one piece of shared state, `overview` (the user's standing), reloads it
in a worker after every write, and screens watch it ("attributes down"). Screens ask the
app to write ("messages up" as method calls on the app), never the services directly.
Every way out first finishes the writes the screen has shown (`PendingWrites`).
"""

from __future__ import annotations

import datetime as dt
import gc
import sys
from collections.abc import Callable, Iterable, Sequence
from importlib import import_module
from pathlib import Path
from typing import Any, ClassVar, cast

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.reactive import var
from textual.screen import Screen

from gaptracker.domain.errors import GapTrackerError
from gaptracker.domain.overview import Overview, with_rating
from gaptracker.services.tracker import Tracker
from gaptracker.tui.background_writes import BackgroundWrites
from gaptracker.tui.commands import GapTrackerCommands
from gaptracker.tui.file_actions import FileActions
from gaptracker.tui.pending_writes import PendingWrites

MAIN_SCREENS = {
    "dashboard": ("gaptracker.tui.screens.dashboard", "DashboardScreen", "Dashboard"),
    "assess": ("gaptracker.tui.screens.assess", "AssessScreen", "Assess"),
    "checkin": ("gaptracker.tui.screens.checkin", "CheckinScreen", "Check-in"),
    "history": ("gaptracker.tui.screens.history", "HistoryScreen", "History"),
    "plan": ("gaptracker.tui.screens.plan", "PlanScreen", "Plan"),
    "roles": ("gaptracker.tui.screens.roles", "RolesScreen", "Roles"),
}
"""mode -> (module, class, help heading). Each screen's module is imported when the screen
is first shown, not at start-up: the dashboard alone is on the first frame's path."""


def screen_class(mode: str) -> type[Screen[None]]:
    module, name, _ = MAIN_SCREENS[mode]
    return cast("type[Screen[None]]", getattr(import_module(module), name))


def new_screen(mode: str) -> Screen[None]:
    """The screen of `mode`, marked as styled with the stylesheet as it is now.

    Textual counts a new screen as having missed every stylesheet change, so the first
    visit to each mode (and the first return to the dashboard) re-parsed the whole
    stylesheet and restyled every screen: about 30 ms of the first `a`, `h`, `p` ... A new
    screen has missed nothing: it is styled from the current stylesheet as it mounts, and
    a later change (a theme) still reaches it. The mark is a private Textual attribute: if
    it is renamed, setting it does nothing and the refresh simply comes back.
    """
    screen = screen_class(mode)()
    screen._css_update_count = screen.app._css_update_count
    return screen


def _mode_screen(mode: str) -> Callable[[], Screen[None]]:
    return lambda: new_screen(mode)


class GapTrackerApp(BackgroundWrites, FileActions, App[None]):
    """Takes its service in the constructor, so tests build it around a temp database."""

    TITLE = "gaptracker"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {GapTrackerCommands}
    MODES: ClassVar[dict[str, str | Callable[[], Screen[Any]]]] = {
        mode: _mode_screen(mode) for mode in MAIN_SCREENS if mode != "dashboard"
    }
    DEFAULT_MODE = "dashboard"
    """The first screen is the dashboard itself (not a blank one switched away from), so
    start-up composes and styles one screen once. It comes from get_default_screen()
    and joins MODES once mounted; like every mode's screen it is made by `new_screen`,
    so no first visit re-parses the stylesheet."""
    BINDINGS = [
        Binding("d", "switch_mode('dashboard')", "Dashboard", id="gaptracker.dashboard"),
        Binding("a", "switch_mode('assess')", "Assess", id="gaptracker.assess"),
        Binding("c", "switch_mode('checkin')", "Check in", id="gaptracker.checkin"),
        Binding("h", "switch_mode('history')", "History", id="gaptracker.history"),
        Binding("p", "switch_mode('plan')", "Plan", id="gaptracker.plan"),
        Binding("r", "switch_mode('roles')", "Roles", id="gaptracker.roles"),
        Binding("question_mark,f1", "help", "Help", key_display="?", id="gaptracker.help"),
        Binding("q", "quit", "Quit", id="gaptracker.quit"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="gaptracker.quit-now"),
    ]

    overview: var[Overview | None] = var(None, init=False)
    """The user's standing; replaced after every write, watched by the screens."""
    first_run: var[bool] = var(False)
    """True from an empty database until the first Must skills are rated."""

    def __init__(
        self,
        tracker: Tracker,
        *,
        export_dir: Path | None = None,
        start: str = "dashboard",
        protected: Sequence[Path] = (),
        notice: str | None = None,
    ) -> None:
        """`protected`: the database files that no export or backup may replace."""
        super().__init__()
        self.tracker = tracker
        self.start = start
        self.notice = notice
        self.catalog = tracker.catalog
        self.export_dir = export_dir or Path.cwd()
        self.protected_files = tuple(protected)
        self.pending_writes = PendingWrites()
        self._skill_to_open: str | None = None
        self.start_error: GapTrackerError | None = None
        """Why the app could not start (its first read failed), if it could not."""

    def on_load(self) -> None:
        """Read the standing before the first screen is composed, so the first frame
        Textual paints already shows it (not an empty dashboard, then a second frame)."""
        try:
            overview = self.tracker.overview()
        except GapTrackerError as exc:
            self.start_error = exc  # run_app raises it: the command line words it
            App.exit(self, return_code=1)  # nothing written yet: go now
            return
        self.set_reactive(GapTrackerApp.overview, overview)

    def get_default_screen(self) -> Screen[None]:
        return new_screen("dashboard")

    def on_mount(self) -> None:
        self.add_mode("dashboard", _mode_screen("dashboard"))  # its stack exists already
        overview = self.overview
        if overview is None:  # not read: the app is exiting with the reason
            return
        self.call_after_refresh(_collect_garbage_from_now_on)
        if self.notice:
            self.notify(self.notice)
        if overview.target is not None and self.start != self.DEFAULT_MODE:
            self.switch_mode(self.start)
        if overview.target is None:
            from gaptracker.tui.screens.welcome import WelcomeScreen

            self.first_run = True
            self.push_screen(WelcomeScreen(), self._after_welcome)

    def _after_welcome(self, _: None) -> None:
        self.switch_mode("roles")

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification is plain text (whatever `markup` says): messages carry what
        the user typed (a project's title, an unknown id in an error, a file name), which
        markup would misread as styles and links, or fail on (`[/x]`)."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def action_help(self) -> None:
        from gaptracker.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self._binding_sources()))

    def _binding_sources(self) -> list[tuple[str, Iterable[Binding | tuple[str, ...]]]]:
        sources: list[tuple[str, Iterable[Binding | tuple[str, ...]]]] = [
            ("Everywhere", self.BINDINGS)
        ]
        for mode, (_, _, heading) in MAIN_SCREENS.items():
            sources.append((heading, screen_class(mode).BINDINGS))
        return sources

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help", "Show every key binding", self.action_help)

    # Writes go through run_write (BackgroundWrites). A rating is shown before its commit
    # (with_rating): the key press answers at once.

    def set_target(self, role_id: str, then: Callable[[], object] | None = None) -> None:
        self.run_write(lambda: self.tracker.set_target(role_id), "Target role set", then)

    def save_rating(
        self,
        skill_id: str,
        level: int,
        note: str = "",
        evidence: str = "",
        effective_date: dt.date | None = None,
        on_failure: Callable[[], object] | None = None,
    ) -> bool:
        """Show the rating now and commit it in a worker ("Saved" follows the commit).

        False, with the reason shown, when the rating is refused before anything changed;
        if the commit fails, the reloaded overview takes the rating back off the screen
        and `on_failure` lets the screen give the user their input back.
        """
        if self.pending_writes.closed:  # quitting: nothing new is shown or written
            return False
        try:
            rating = self.tracker.new_rating(skill_id, level, note, evidence, effective_date)
        except GapTrackerError as exc:
            self.notify(str(exc), title="Not saved", severity="error")
            return False
        if self.overview is not None:
            self.overview = with_rating(self.overview, self.catalog, rating)
        name = self.catalog.skill(skill_id).name
        self.run_write(
            lambda: self.tracker.record(rating),
            f"Saved: {name} = {level}",
            on_failure=on_failure,
        )
        return True

    def mark_not_applicable(self, skill_id: str, reason: str, undo: bool = False) -> None:
        verb = "counts again" if undo else "marked not applicable"
        self.run_write(
            lambda: self.tracker.mark_not_applicable(skill_id, reason, undo=undo),
            f"{skill_id} {verb}",
        )

    def choose_role(self, role_id: str) -> None:
        """Set the target; on first run go on to the Must skills, else to the dashboard."""
        next_mode = "assess" if self.first_run else "dashboard"
        self.set_target(role_id, then=lambda: self.switch_mode(next_mode))

    def finish_first_run(self) -> None:
        self.first_run = False
        self.switch_mode("dashboard")
        self.notify("Your gap is ready. Press a to rate the other skills of your role.")

    async def assess_skill(self, skill_id: str) -> None:
        """Open this skill on the assess screen, which selects it as it resumes."""
        from gaptracker.tui.screens.assess import AssessScreen

        if isinstance(self.screen, AssessScreen):
            self.screen.select_skill(skill_id)
            return
        self._skill_to_open = skill_id
        await self.switch_mode("assess")

    def take_skill_to_open(self) -> str | None:
        skill_id, self._skill_to_open = self._skill_to_open, None
        return skill_id


def _collect_garbage_from_now_on() -> None:
    """After the first frame: what start-up built lives all session, so it is frozen out
    of every later collection (key presses do not pay to scan it), then collection resumes."""
    gc.freeze()
    gc.enable()


def run_app(
    tracker: Tracker,
    start: str = "dashboard",
    protected: Sequence[Path] = (),
    notice: str | None = None,
) -> int:
    """Run the app; `notice` is shown once it is up (e.g. that a new database was made).

    If it cannot start (its first read fails), the error is raised once the terminal is
    restored, so the command line says it in one line as for any command."""
    app = GapTrackerApp(tracker, start=start, protected=protected, notice=notice)
    try:
        with app.pending_writes.finished_before_signals():
            app.run()
    finally:
        status = finish_writes(app)
    if app.start_error is not None:
        raise app.start_error
    return status or app.return_code or 0


def finish_writes(app: GapTrackerApp) -> int:
    """After the app has gone, however it went: wait for the writes it asked for and say
    in one line on stderr what was not saved (the screen can no longer show it); 1 then."""
    not_saved = app.pending_writes.wait()
    if not_saved is None:
        return 0
    try:
        sys.stderr.write(f"gaptracker: error: {not_saved}\n")
        sys.stderr.flush()
    except OSError:  # the terminal was closed: nowhere left to say it
        pass
    return 1
