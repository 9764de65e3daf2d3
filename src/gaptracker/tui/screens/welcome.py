"""First run: what the tracker does, in a few lines, before the role picker."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Button, Header, Static

from gaptracker.tui import commands
from gaptracker.tui.widgets.key_bar import KeyBar

ON_A_FILE = "Everything stays in one file on this machine."
ON_A_SERVER = (
    "Everything is kept in your group's database on its server, where the database"
    " itself lets only you, and your mentors to read, see it."
)


def welcome_text(guide_title: str, on_a_server: bool = False) -> Text:
    """The welcome, naming the active pack's guide (its title is the pack author's text:
    appended as text, never read as markup), and saying where the data is kept."""
    text = Text.from_markup(
        "[b]Welcome to gaptracker[/b]\n\n"
        "Track your way into the role you are aiming for, with the career guide "
    )
    text.append(guide_title, style="italic")
    text.append(
        " as the map.\n\n"
        "1. Choose the role you are aiming for (you can change it any time).\n"
        "2. Rate your role's Must skills against a rubric: six levels, each saying what a"
        " person at that level can show.\n"
        "3. See your gap: readiness for the role, your Must skills, your largest gaps.\n\n"
        "Come back every week or two, re-rate what changed, and watch the gap close. "
        + (ON_A_SERVER if on_a_server else ON_A_FILE)
    )
    return text


class WelcomeScreen(Screen[None]):
    SCOPE = "welcome"
    BINDINGS = commands.bindings(SCOPE)

    def compose(self) -> ComposeResult:
        yield Header()
        with Center(), Vertical(id="welcome"):
            yield Static(welcome_text(*self._guide_and_place()), id="welcome-text")
            # Not focusable: Enter is the screen's own key, so the footer shows it.
            start = Button("Choose a role  ⏎", variant="primary", id="start")
            start.can_focus = False
            yield start
        yield KeyBar()

    def _guide_and_place(self) -> tuple[str, bool]:
        from gaptracker.tui.app import GapTrackerApp

        app = self.app
        if not isinstance(app, GapTrackerApp):
            return "", False
        return app.catalog.title, app.mentoring.directory is not None

    def on_button_pressed(self) -> None:
        self.action_start()

    def action_start(self) -> None:
        self.dismiss(None)
