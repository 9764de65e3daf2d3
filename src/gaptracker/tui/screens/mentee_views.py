"""A mentee's history and plan, read-only (group mode), opened from their dashboard.

The user's own screens over the mentee's rows: the Tracker the mentee's dashboard reads
(`GroupDirectory.viewing`), its standing handed down, never the app's (FOLLOWS_APP), so
none of the mentor's own rows shows. Every command that would write is hidden
(`check_action`; the app hides its own, READ_ONLY), and a change request that slipped
through anyway is stopped here: the app's writer writes the user's own rows, never a
mentee's. Escape leads back to the mentee's dashboard.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on

from gaptracker.domain.group import Member
from gaptracker.domain.models import Catalog
from gaptracker.domain.overview import Overview
from gaptracker.services.tracker import Tracker
from gaptracker.tui import commands
from gaptracker.tui.messages import WriteRequested
from gaptracker.tui.screens.history import HistoryScreen
from gaptracker.tui.screens.mentee import read_only_title
from gaptracker.tui.screens.plan import PlanScreen


class _MenteeView:
    """What the mentee's history and plan share: whose rows they show, and that nothing
    there writes. A mixin before the user's own screen class, which it narrows."""

    WRITES: ClassVar[frozenset[str]] = frozenset()
    """The screen's own commands that would write: hidden here."""
    FOLLOWS_APP = False
    READ_ONLY = True
    WHAT = ""
    """What the title calls the screen ("history")."""

    def __init__(self, member: Member, tracker: Tracker, overview: Overview) -> None:
        super().__init__()  # the screen class after this one in the MRO
        self.member = member
        self.tracker = tracker
        """The mentee's rows, as this login may read them (the dashboard's)."""
        self._shown_first = overview
        self.title = read_only_title(member, self.WHAT)
        self.sub_title = member.name

    @property
    def who(self) -> str:
        return self.member.login

    @property
    def shown_tracker(self) -> Tracker:
        return self.tracker

    @property
    def shown_catalog(self) -> Catalog:
        return self.tracker.catalog

    def on_mount(self) -> None:
        self.overview = self._shown_first

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action not in self.WRITES

    def action_back(self) -> None:
        self.app.pop_screen()  # type: ignore[attr-defined]


class MenteeHistoryScreen(_MenteeView, HistoryScreen):  # type: ignore[misc]
    SCOPE = "mentee-history"
    BINDINGS = commands.bindings(SCOPE)
    WRITES: ClassVar[frozenset[str]] = frozenset({"skill_goal"})
    WHAT = "history"

    @on(WriteRequested)
    def _not_the_mentors_to_change(self, request: WriteRequested) -> None:
        request.stop()


class MenteePlanScreen(_MenteeView, PlanScreen):  # type: ignore[misc]
    SCOPE = "mentee-plan"
    BINDINGS = commands.bindings(SCOPE)
    WRITES: ClassVar[frozenset[str]] = frozenset(
        {"cycle_status", "edit_link", "practise", "new_project", "attach", "toggle_foundation"}
    )
    WHAT = "plan"

    @on(WriteRequested)
    def _not_the_mentors_to_change(self, request: WriteRequested) -> None:
        request.stop()
