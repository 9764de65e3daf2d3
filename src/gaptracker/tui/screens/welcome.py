"""First run: what the tracker does, in a few lines, before the role picker."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Button, Header, Static

from gaptracker.tui import commands
from gaptracker.tui.widgets.key_bar import KeyBar

WELCOME = (
    "[b]Welcome to gaptracker[/b]\n\n"
    "Track your way into AI research and infrastructure roles, with the career guide"
    " [i]Research And Infrastructure Roles[/i] as the map.\n\n"
    "1. Choose the role you are aiming for (you can change it any time).\n"
    "2. Rate the three Must skills against a rubric: six levels, each saying what a person"
    " at that level can show.\n"
    "3. See your gap: readiness for the role, your Must skills, your largest gaps.\n\n"
    "Come back every week or two, re-rate what changed, and watch the gap close."
    " Everything stays in one file on this machine."
)


class WelcomeScreen(Screen[None]):
    SCOPE = "welcome"
    BINDINGS = commands.bindings(SCOPE)

    def compose(self) -> ComposeResult:
        yield Header()
        with Center(), Vertical(id="welcome"):
            yield Static(WELCOME, id="welcome-text")
            # Not focusable: Enter is the screen's own key, so the footer shows it.
            start = Button("Choose a role  ⏎", variant="primary", id="start")
            start.can_focus = False
            yield start
        yield KeyBar()

    def on_button_pressed(self) -> None:
        self.action_start()

    def action_start(self) -> None:
        self.dismiss(None)
