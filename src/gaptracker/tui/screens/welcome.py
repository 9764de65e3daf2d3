"""First run: what the tracker does, in a few lines, before the role picker."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Button, Header, Static

from gaptracker.tui import commands
from gaptracker.tui.widgets.key_bar import KeyBar


def welcome_text(guide_title: str) -> Text:
    """The welcome, naming the active pack's guide (its title is the pack author's text:
    appended as text, never read as markup)."""
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
        "Come back every week or two, re-rate what changed, and watch the gap close."
        " Everything stays in one file on this machine."
    )
    return text


class WelcomeScreen(Screen[None]):
    SCOPE = "welcome"
    BINDINGS = commands.bindings(SCOPE)

    def compose(self) -> ComposeResult:
        yield Header()
        with Center(), Vertical(id="welcome"):
            yield Static(welcome_text(self._guide_title()), id="welcome-text")
            # Not focusable: Enter is the screen's own key, so the footer shows it.
            start = Button("Choose a role  ⏎", variant="primary", id="start")
            start.can_focus = False
            yield start
        yield KeyBar()

    def _guide_title(self) -> str:
        from gaptracker.tui.app import GapTrackerApp

        app = self.app
        return app.catalog.title if isinstance(app, GapTrackerApp) else ""

    def on_button_pressed(self) -> None:
        self.action_start()

    def action_start(self) -> None:
        self.dismiss(None)
