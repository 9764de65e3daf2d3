"""A mentor's mentees (group mode): who, readiness, Must met, last check-in, stale ratings.

The app reads the standings (services.group, in a worker) and hands them down; Enter asks
the app to open that mentee's dashboard read-only (`MenteeChosen`). Nothing here writes,
and the app's own commands are hidden while it shows (READ_ONLY): Escape leads back.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Header, Static

from gaptracker.domain.group import MemberStanding
from gaptracker.tui import commands
from gaptracker.tui.screens.base import AppScreen
from gaptracker.tui.widgets.key_bar import KeyBar
from gaptracker.tui.widgets.mentee_table import MenteeTable

READING = "Reading your mentees' figures…"


class MenteesScreen(AppScreen):
    SCOPE = "mentees"
    BINDINGS = commands.bindings(SCOPE)
    READ_ONLY = True
    FOLLOWS_APP = False  # it shows the mentees, not the standing

    class MenteeChosen(Message):
        """Open this mentee's dashboard, read-only."""

        def __init__(self, login: str) -> None:
            super().__init__()
            self.login = login

    def __init__(self) -> None:
        super().__init__()
        self.title = "Mentees"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(READING, id="mentees-intro")
        yield MenteeTable(id="mentee-table")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(MenteeTable).focus()

    def show_standings(self, standings: Sequence[MemberStanding]) -> None:
        """The app's read, handed down."""
        count = len(standings)
        self.query_one("#mentees-intro", Static).update(
            f"{count} mentee{'s' if count != 1 else ''} · Enter opens one read-only, where"
            " v records your review"
        )
        self.query_one(MenteeTable).show(standings)

    def action_open_mentee(self) -> None:
        login = self.query_one(MenteeTable).cursor_key
        if login is not None:
            self.post_message(self.MenteeChosen(login))

    def action_back(self) -> None:
        self.app.pop_screen()

    @on(MenteeTable.Selected, "#mentee-table")
    def _selected(self, event: MenteeTable.Selected) -> None:
        event.stop()
        self.post_message(self.MenteeChosen(event.key))
