"""The Textual application: the main screens as modes, the standing, and the writer.

Attributes down, messages up. The app owns the one piece of shared state, `overview` (the
user's standing), and screens follow it (`screens.base.AppScreen`). A screen never writes:
it posts a request (`messages`), which the app hands to its `Writer`; how it ended comes
back to the screen as a message. Keys, the footer, the help screen and the palette all
come from one command table (`commands`).
"""

from __future__ import annotations

import contextlib
import gc
import sys
import threading
from collections.abc import Callable, Sequence
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import events, on, work
from textual.app import App
from textual.notifications import SeverityLevel
from textual.reactive import var
from textual.screen import ModalScreen, Screen
from textual.worker import WorkerError

from gaptracker.domain.errors import GapTrackerError
from gaptracker.domain.overview import Overview
from gaptracker.preferences import Preferences, remember_theme
from gaptracker.services.tracker import Tracker
from gaptracker.tui import commands
from gaptracker.tui.keys_in_turn import KeysInTurn
from gaptracker.tui.mentoring import Mentoring
from gaptracker.tui.messages import (
    FirstMustsRated,
    PackChosen,
    TargetChosen,
    WriteEnded,
    WriteRequested,
)
from gaptracker.tui.outside_changes import CHECK_SECONDS, DatabaseWatch
from gaptracker.tui.pack_chooser import PackChooser, PackSwitched
from gaptracker.tui.pack_switch import pack_title
from gaptracker.tui.themes import TUNED_THEMES
from gaptracker.tui.writer import Writer

if TYPE_CHECKING:
    from gaptracker.domain.ports import GroupDirectory
    from gaptracker.services.group import PackReader
    from gaptracker.tui.screens.mentee import MenteeDashboardScreen
    from gaptracker.tui.screens.mentees import MenteesScreen

MAIN_SCREENS = {
    "dashboard": ("gaptracker.tui.screens.dashboard", "DashboardScreen"),
    "assess": ("gaptracker.tui.screens.assess", "AssessScreen"),
    "checkin": ("gaptracker.tui.screens.checkin", "CheckinScreen"),
    "history": ("gaptracker.tui.screens.history", "HistoryScreen"),
    "plan": ("gaptracker.tui.screens.plan", "PlanScreen"),
    "roles": ("gaptracker.tui.screens.roles", "RolesScreen"),
}
"""mode -> (module, class). Each screen's module is imported when the screen is first
shown, not at start-up: the dashboard alone is on the first frame's path."""
PRELOADED = (
    "gaptracker.tui.screens.help",
    "gaptracker.tui.screens.save_dialog",
    "gaptracker.tui.screens.goal_dialog",
    "gaptracker.tui.screens.welcome",
    "gaptracker.reports.render",
    "gaptracker.services.backup",
)
"""Modules that dialogs and exports load on first use (see `_load_every_screen`)."""
APP_ACTIONS = frozenset(
    c.action.removeprefix("app.").partition("(")[0]
    for c in commands.COMMANDS
    if c.scope == commands.EVERYWHERE or c.action.startswith("app.")
) | {"rate_skill", "choose_role", "choose_pack"}  # the palette's `rate:`, `role:`, `pack:`
"""The app's own commands: on a read-only screen (a mentee's) only help and quit run."""
READ_ONLY_ACTIONS = frozenset({"help", "quit", "quit_now"})


def mode_screen(mode: str) -> Callable[[], Screen[None]]:
    def make() -> Screen[None]:
        module, name = MAIN_SCREENS[mode]
        return cast("type[Screen[None]]", getattr(import_module(module), name))()

    return make


class GapTrackerApp(App[None]):
    """Takes its service in the constructor, so tests build it around a temp database."""

    TITLE = "gaptracker"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {commands.GapTrackerCommands}
    MODES: ClassVar[dict[str, str | Callable[[], Screen[Any]]]] = {
        mode: mode_screen(mode) for mode in MAIN_SCREENS if mode != "dashboard"
    }
    DEFAULT_MODE = "dashboard"
    """The first screen is the dashboard itself (from get_default_screen, joining MODES
    once mounted), so start-up composes and styles one screen once."""
    BINDINGS = commands.bindings(commands.EVERYWHERE)

    overview: var[Overview | None] = var(None, init=False)
    """The user's standing; replaced after every write, followed by the screens."""
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
        preferences: Preferences | None = None,
        preferences_file: Path | None = None,
        pack_chooser: PackChooser | None = None,
        directory: GroupDirectory | None = None,
        mentee_packs: PackReader | None = None,
    ) -> None:
        """`protected`: the database files that no export or backup may replace (and
        whose changes by another process the app watches for). `pack_chooser`: the skill
        packs to choose from (none: the active pack is the only one). `directory`: the
        group on a server (group mode): a mentor gets the Mentees screen; `mentee_packs`
        reads each mentee under their own pack (None: under this app's)."""
        super().__init__()
        self.mentoring = Mentoring(self, directory, mentee_packs)
        self.tracker = tracker
        self.catalog = tracker.catalog
        self.pack_chooser = pack_chooser
        self.start = start
        self.notice = notice
        self.export_dir = export_dir or Path.cwd()
        self.protected_files = tuple(protected)
        self.preferences = preferences or Preferences()
        self.preferences_file = preferences_file
        self._preferences_lock = threading.Lock()
        self.writer = Writer(self)
        self.keys_in_turn = KeysInTurn(self)
        self.outside_changes = DatabaseWatch(self.protected_files)
        self.sub_title = pack_title(tracker.pack)
        for theme in TUNED_THEMES:
            self.register_theme(theme)
        # App.__init__ read the (default) theme's variables before these replaced it.
        self.stylesheet.set_variables(self.get_css_variables())
        if self.preferences.theme in self.available_themes:
            self.theme = self.preferences.theme
        self.set_keymap(self.preferences.keymap)
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
        return mode_screen("dashboard")()

    def on_mount(self) -> None:
        self.add_mode("dashboard", mode_screen("dashboard"))  # its stack exists already
        overview = self.overview
        if overview is None:  # not read: the app is exiting with the reason
            return
        self.call_after_refresh(_collect_garbage_from_now_on)
        self.call_after_refresh(self._load_every_screen)
        self.call_after_refresh(self.mentoring.start)
        if self.notice:
            self.notify(self.notice)
        if self.protected_files:
            self.set_interval(CHECK_SECONDS, self.check_outside_changes)
        if overview.target_role is None:
            from gaptracker.tui.screens.welcome import WelcomeScreen

            self.first_run = True
            self.push_screen(WelcomeScreen(), lambda _: self.switch_mode("roles"))
        elif self.start != self.DEFAULT_MODE:
            self.switch_mode(self.start)

    @work(thread=True, group="preload")
    def _load_every_screen(self) -> None:
        """After the first frame: import the other screens' modules, so a first visit costs
        no import, and a gaptracker upgraded on disk while the app runs cannot mix two
        versions' modules on that visit."""
        for module, _ in MAIN_SCREENS.values():
            import_module(module)
        for module in PRELOADED:
            import_module(module)

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

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            await self.keys_in_turn.handle(event, super().on_event)
        else:
            await super().on_event(event)

    async def open_dialog(
        self, dialog: ModalScreen[Any], then: Callable[[Any], None] | None = None
    ) -> None:
        """Show a dialog, ready for typing before the next key is handled (the keys
        typed right after the one that opened it are for its first field)."""
        await self.push_screen(dialog, then)

    # Messages up: every change a screen asks for goes to the writer.

    @on(WriteRequested)
    def _write(self, request: WriteRequested) -> None:
        self.writer.submit(request)

    @on(WriteEnded)
    async def _write_ended(self, ended: WriteEnded) -> None:
        """A new target, from the roles screen or the palette: on a first run the Must
        skills come next, else the dashboard with the new role's gap. A new active pack:
        everything made again under it (`pack_switch`)."""
        if ended.error is not None:
            return
        if isinstance(ended.request, TargetChosen):
            self.switch_mode("assess" if self.first_run else "dashboard")
        elif isinstance(ended.request, PackChosen):
            from gaptracker.tui.pack_switch import go_on_under

            await go_on_under(self, cast("PackSwitched", ended.result))
        elif self.mentoring.available:
            self.mentoring.write_ended(ended)  # a review of a mentee: their views show it

    @on(FirstMustsRated)
    def _first_musts_rated(self) -> None:
        self.first_run = False
        self.switch_mode("dashboard")
        self.notify("Your gap is ready. Press a to rate the other skills of your role.")

    # Actions of the command table (keys and palette alike).

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Before a target role exists, only the role picker and the Must skills lead
        anywhere: the other screens are hidden from the keys and the footer."""
        if action in ("show_mode", "quit") and isinstance(self.screen, ModalScreen):
            return False  # letters typed into a dialog never leave it (ctrl+q still quits)
        if getattr(self.screen, "READ_ONLY", False) and action in APP_ACTIONS:
            return action in READ_ONLY_ACTIONS  # a mentee's: nothing of yours to go to
        if action == "show_mentees":
            return self.mentoring.available and not isinstance(self.screen, ModalScreen)
        if action != "show_mode":
            return True
        if parameters and parameters[0] == getattr(self.screen, "SCOPE", None):
            return False  # the screen's own key: nothing to go to
        if getattr(self.screen, "SCOPE", None) == "welcome":
            return False  # Enter leads on from there
        if not self.first_run:
            return True
        has_target = self.overview is not None and self.overview.target_role is not None
        return parameters[0] == "roles" or (parameters[0] == "assess" and has_target)

    def action_show_mode(self, mode: str) -> None:
        self.switch_mode(mode)

    def action_quit_now(self) -> None:
        self.exit()

    def action_help(self) -> None:
        from gaptracker.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            scope = getattr(self.screen, "SCOPE", None)
            keymap = self.preferences.keymap
            self.push_screen(HelpScreen(scope, keymap, mentor=self.mentoring.available))

    async def action_show_mentees(self) -> None:
        await self.mentoring.show()

    def on_mentees_screen_mentee_chosen(self, chosen: MenteesScreen.MenteeChosen) -> None:
        self.mentoring.open(chosen.login)

    def on_mentee_dashboard_screen_review_wanted(
        self, wanted: MenteeDashboardScreen.ReviewWanted
    ) -> None:
        self.mentoring.review(wanted.screen)

    def on_mentee_dashboard_screen_view_wanted(
        self, wanted: MenteeDashboardScreen.ViewWanted
    ) -> None:
        self.mentoring.show_view(wanted.screen, wanted.view)

    async def action_pick_pack(self) -> None:
        from gaptracker.tui.screens.pack_picker import PackPickerDialog

        if self.pack_chooser is None:
            self.notify("No other skill pack to choose from", severity="warning")
            return
        await self.open_dialog(PackPickerDialog(self.pack_chooser))

    async def action_choose_pack(self, pack_id: str) -> None:
        """What switching to the pack changes, asked first (`pack: NAME`, the picker)."""
        from gaptracker.tui.screens.pack_diff import PackDiffDialog

        pack = self.tracker.pack
        if self.pack_chooser is None:
            self.notify("No other skill pack to choose from", severity="warning")
        elif pack_id == pack.id:
            self.notify(f"{pack.id}@{self.catalog.version} is already the active pack", timeout=3)
        else:
            await self.open_dialog(PackDiffDialog(self.pack_chooser, pack_id))

    def action_choose_role(self, role_id: str) -> None:
        self.post_message(TargetChosen(self, role_id))

    async def action_rate_skill(self, skill_id: str) -> None:
        """Open this skill on the assess screen, selected (whichever skills it listed)."""
        from gaptracker.tui.screens.assess import AssessScreen

        await self.switch_mode("assess")
        screen = self.screen
        if isinstance(screen, AssessScreen):
            screen.select_skill(skill_id)

    async def action_export(self, fmt: str = "md") -> None:
        from gaptracker.tui.screens.save_dialog import export_dialog

        if self.overview is None or self.overview.target_role is None:
            self.notify("Choose a target role first (r)", severity="warning")
            return
        await self.open_dialog(export_dialog(self, fmt))

    async def action_backup(self) -> None:
        from gaptracker.tui.screens.save_dialog import backup_dialog

        await self.open_dialog(backup_dialog(self))

    async def action_set_goal(self, skill_id: str | None = None) -> None:
        from gaptracker.tui.screens.goal_dialog import GoalDialog

        await self.open_dialog(GoalDialog(self.catalog, self.overview, skill_id))

    def write_file(self, path: Path, text: str | bytes) -> Path:
        """The files module's rules (in the writer's thread); a FIFO nobody reads, or the
        terminal the app draws on, is an error here, not a wait or a garbled screen."""
        from gaptracker.files import write_output

        if self.is_web:  # a browser tab: the file is the browser's download, not the server's
            return self.deliver_download(path, text)
        return write_output(
            path, text, protected=self.protected_files, wait_for_reader=False, terminal=False
        )

    def deliver_download(self, path: Path, text: str | bytes) -> Path:
        """Hand `text` to the browser as a download named like `path` (Textual's delivery
        API, on the UI thread; bytes, a PDF, as binary); the folder part of `path` means
        nothing there."""
        import io

        def deliver() -> None:
            if isinstance(text, bytes):
                self.deliver_binary(io.BytesIO(text), save_filename=path.name)
            else:
                self.deliver_text(io.StringIO(text), save_filename=path.name)

        try:
            self.call_from_thread(deliver)
        except RuntimeError:  # already on the UI thread
            deliver()
        return Path(path.name)

    def watch_theme(self, theme: str) -> None:
        """A theme chosen (the palette's theme picker) is kept for the next run."""
        if self.preferences_file is not None and theme != self.preferences.theme:
            self.preferences = self.preferences.model_copy(update={"theme": theme})
            self._keep_theme()

    @work(thread=True, group="preferences")
    def _keep_theme(self) -> None:
        """Write the theme chosen last: after two quick changes, whichever thread writes
        second writes the newer one. A file that cannot be written (read-only, or one the
        app could not read) keeps the theme for this run only."""
        with self._preferences_lock, contextlib.suppress(OSError):
            if self.preferences_file is not None and self.preferences.theme is not None:
                remember_theme(self.preferences_file, self.preferences.theme)

    async def _preferences_kept(self) -> None:
        for worker in [w for w in self.workers if w.group == "preferences"]:
            with contextlib.suppress(WorkerError):
                await worker.wait()

    # Another process's writes (the command line while the app runs).

    def check_outside_changes(self) -> None:
        if self.outside_changes.changed():
            self.writer.read_again()

    # Quitting: finish what the screen showed first.

    def exit(
        self, result: None = None, return_code: int = 0, message: object | None = None
    ) -> None:
        """Every way out the app controls comes here (q, ctrl+q, the palette's Quit): the
        keys already sent are handled and the writes they started finished, then the app
        exits, with status 1 if one failed (`finish_writes` says which, once it is gone)."""
        self.writer.pending.quitting = True
        self._exit_after_writes(result, return_code, message)

    @work(group="quit", exclusive=True)
    async def _exit_after_writes(self, result: None, return_code: int, message: Any) -> None:
        failed = await self.writer.finish()
        await self._preferences_kept()
        super().exit(result, 1 if failed else return_code, message)


def _collect_garbage_from_now_on() -> None:
    """After the first frame (the command line turns collection off while it loads): what
    start-up built lives all session, so it is frozen out of every later collection, then
    collection resumes."""
    gc.freeze()
    gc.enable()


def run_app(
    tracker: Tracker,
    start: str = "dashboard",
    protected: Sequence[Path] = (),
    notice: str | None = None,
    preferences: Preferences | None = None,
    preferences_file: Path | None = None,
    export_dir: Path | None = None,
    pack_chooser: PackChooser | None = None,
    directory: GroupDirectory | None = None,
    mentee_packs: PackReader | None = None,
) -> int:
    """Run the app; `notice` is shown once it is up (e.g. that a new database was made).

    If it cannot start (its first read fails), the error is raised once the terminal is
    restored, so the command line says it in one line as for any command."""
    app = GapTrackerApp(
        tracker,
        start=start,
        protected=protected,
        notice=notice,
        preferences=preferences,
        preferences_file=preferences_file,
        export_dir=export_dir,
        pack_chooser=pack_chooser,
        directory=directory,
        mentee_packs=mentee_packs,
    )
    try:
        with app.writer.pending.finished_before_signals():
            app.run()
    finally:
        status = finish_writes(app)
    if app.start_error is not None:
        raise app.start_error
    return status or app.return_code or 0


def finish_writes(app: GapTrackerApp) -> int:
    """After the app has gone, however it went: wait for the writes it asked for and say
    in one line on stderr what was not saved (the screen can no longer show it); 1 then."""
    not_saved = app.writer.pending.wait()
    if not_saved is None:
        return 0
    try:
        sys.stderr.write(f"gaptracker: error: {not_saved}\n")
        sys.stderr.flush()
    except OSError:  # the terminal was closed: nowhere left to say it
        pass
    return 1
