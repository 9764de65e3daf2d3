"""One mentee's dashboard, read-only, and the mentor's review of them (group mode).

The same dashboard the mentee sees, over their rows (a Tracker on
`GroupDirectory.viewing`), with every command that would write or leave for the mentor's
own screens hidden (`check_action`, and the app's for its own commands). What it shows
is its own standing, not the app's (FOLLOWS_APP). `v` asks the app for the review screen
of the mentor-review flow (tui.screens.review); saving it stores the review for the
mentee directly, as the mentee's `import-review` would have, with no files between them.
`h` and `p` ask the app for the mentee's history and plan, read-only as well
(screens.mentee_views), over this screen's Tracker; its lines name the mentee (`who`).
"""

from __future__ import annotations

from textual import on
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input, OptionList, Static

from gaptracker.domain.errors import GapTrackerError
from gaptracker.domain.group import Member
from gaptracker.domain.mentor import MentorLevel, ReviewRequest
from gaptracker.domain.models import Catalog
from gaptracker.domain.overview import Overview
from gaptracker.services.tracker import Tracker
from gaptracker.tui import commands
from gaptracker.tui.messages import WriteEnded, WriteRequested
from gaptracker.tui.screens.dashboard import DashboardScreen
from gaptracker.tui.screens.review import ReviewScreen
from gaptracker.tui.widgets.gap_table import GapTable


def read_only_title(member: Member, what: str = "") -> str:
    """`alice (read-only)`, or `alice's history (read-only)`: whose, and that it is theirs."""
    whose = f"{member.login}'s {what}" if what else member.login
    return f"{whose} (read-only)"


class MenteeDashboardScreen(DashboardScreen):
    SCOPE = "mentee"
    BINDINGS = commands.bindings(SCOPE)
    FOLLOWS_APP = False
    READ_ONLY = True
    WRITES = frozenset({"rate_gap"})
    """The dashboard's own commands that would change the standing: hidden here."""

    class ReviewWanted(Message):
        """The mentor asked to review the mentee shown."""

        def __init__(self, screen: MenteeDashboardScreen) -> None:
            super().__init__()
            self.screen = screen

    class ViewWanted(Message):
        """The mentor asked for another of the mentee's views (`history`, `plan`)."""

        def __init__(self, screen: MenteeDashboardScreen, view: str) -> None:
            super().__init__()
            self.screen = screen
            self.view = view

    def __init__(self, member: Member, tracker: Tracker, overview: Overview) -> None:
        super().__init__()
        self.member = member
        self.tracker = tracker
        """The mentee's rows, as this login may read them."""
        self.set_reactive(MenteeDashboardScreen.overview, overview)
        self.title = read_only_title(member)
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
        """(Textual runs the dashboard's own on_mount too: it focuses the gaps.)"""
        self.query_one("#gaps-caption", Static).update("Largest gaps, by weight")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action not in self.WRITES

    def action_review(self) -> None:
        self.post_message(self.ReviewWanted(self))

    def action_show_view(self, view: str) -> None:
        self.post_message(self.ViewWanted(self, view))

    def action_back(self) -> None:
        self.app.pop_screen()

    def show_overview(self, overview: Overview) -> None:
        """The mentee's standing read again after a review was saved (the app hands it
        down: `Mentoring.write_ended`)."""
        self.overview = overview

    @on(GapTable.Selected, "#gap-table")
    def _no_rating(self, event: GapTable.Selected) -> None:
        """Enter or a click on a gap opens nothing to rate: not the mentor's to rate."""
        event.stop()
        event.prevent_default()  # the dashboard's own handler (which rates) is not run


class MenteeReviewSaved(WriteRequested):
    """The mentor's levels, stored for the mentee through the writer (so quitting waits
    for them like any write); the result is the mentee's standing read again."""

    READS_AGAIN = False  # the mentor's own standing did not change

    def __init__(
        self,
        origin: MenteeReviewScreen,
        tracker: Tracker,
        request: ReviewRequest,
        mentor: str,
        levels: list[MentorLevel],
    ) -> None:
        super().__init__(origin)
        self.tracker, self.request, self.mentor, self.levels = tracker, request, mentor, levels
        self.login = origin.member.login

    def commit(self, tracker: Tracker) -> object:
        from gaptracker.services.group import record_review

        record_review(self.tracker, self.request, self.mentor, self.levels)
        try:
            return self.tracker.overview()
        except GapTrackerError:
            return None  # saved; the dashboard keeps what it showed

    def done(self, catalog: Catalog) -> str:
        count = len(self.levels)
        return f"Saved your review of {self.login}: {count} level{'s' if count != 1 else ''}"


class MenteeReviewScreen(ReviewScreen):
    """The review screen of `gaptracker review`, inside the app: Escape goes back to the
    mentee (not out of the app), and a saved review goes to the mentee's rows."""

    CSS_PATH = "../review.tcss"
    READ_ONLY = True  # the app's keys stay off while the mentor reviews
    BINDINGS = [Binding("escape", "leave", "back", id="gaptracker.mentee-review-back")]

    def __init__(
        self, member: Member, tracker: Tracker, request: ReviewRequest, mentor: str
    ) -> None:
        super().__init__(request, mentor)
        self.member = member
        self.tracker = tracker
        """The mentee's rows, as this login may write them (reviews only)."""
        self.title = f"Reviewing {member.login}"

    def action_leave(self) -> None:
        if isinstance(self.focused, Input):
            self.query_one(OptionList).focus()
        elif self.levels and not self._warned:
            self._warned = True
            self.notify("Your levels are not saved: ctrl+s saves, escape again goes back")
        else:
            self.app.pop_screen()

    @on(ReviewScreen.SaveRequested)
    def _save(self, request: ReviewScreen.SaveRequested) -> None:
        """To the app's writer, as every write goes (screens never write)."""
        request.stop()
        levels = list(request.levels)
        self.post_message(MenteeReviewSaved(self, self.tracker, self.request, self.mentor, levels))

    @on(WriteEnded)
    def _saved(self, ended: WriteEnded) -> None:
        """Saved: back to the mentee. The message goes on up to the app, which shows the
        standing read after the commit wherever the mentee is on display. Not saved: the
        writer said why, and the levels stay to try again."""
        if ended.error is None:
            self.app.pop_screen()
