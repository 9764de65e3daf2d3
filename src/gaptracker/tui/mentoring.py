"""The app's side of group mode for a mentor: who their mentees are, and their views.

One object the app owns (as it owns its Writer). Every read runs in a worker thread
through the `GroupDirectory` port and comes back to the UI thread as an attribute set
on the screen that asked (attributes down); screens only post messages. Without a
directory, or on a database with no group (`me()` None), or for a login who mentors no
one, `available` stays False and the app shows no Mentees key, help line or palette
entry.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from gaptracker.domain.errors import GapTrackerError
from gaptracker.domain.group import Member

if TYPE_CHECKING:
    from gaptracker.domain.active_pack import ActivePack
    from gaptracker.domain.models import Catalog, PackChoice
    from gaptracker.domain.ports import GroupDirectory
    from gaptracker.services.group import PackReader
    from gaptracker.services.tracker import Tracker
    from gaptracker.tui.app import GapTrackerApp
    from gaptracker.tui.messages import WriteEnded
    from gaptracker.tui.screens.mentee import MenteeDashboardScreen
    from gaptracker.tui.screens.mentees import MenteesScreen


class Mentoring:
    def __init__(
        self, app: GapTrackerApp, directory: GroupDirectory | None, packs: PackReader | None
    ) -> None:
        self.app = app
        self.directory = directory
        self.packs = packs
        """A mentee's pack choice -> the catalog to read them under (None: the app's own)."""
        self.me: str | None = None
        self.mentees: tuple[Member, ...] = ()

    @property
    def available(self) -> bool:
        return bool(self.mentees)

    def start(self) -> None:
        """After the first frame: who this login mentors (a query on the server)."""
        if self.directory is not None:
            self.app.run_worker(self._read_mentees, thread=True, group="mentoring")

    def _read_mentees(self) -> None:
        assert self.directory is not None
        try:
            me = self.directory.me()
            mentees = tuple(self.directory.mentees()) if me is not None else ()
        except GapTrackerError as exc:
            self._say(str(exc))
            return
        self.app.call_from_thread(self._mentees_read, me, mentees)

    def _mentees_read(self, me: str | None, mentees: tuple[Member, ...]) -> None:
        self.me, self.mentees = me, mentees
        self.app.refresh_bindings()

    def _pack_reader(self) -> PackReader:
        if self.packs is not None:
            return self.packs
        catalog, pack = self.app.catalog, self.app.tracker.pack

        def same_as_mine(_: PackChoice | None) -> tuple[Catalog, ActivePack]:
            return catalog, pack

        return same_as_mine

    def _tracker(self, login: str) -> Tracker:
        from gaptracker.services.group import member_tracker

        assert self.directory is not None
        own = self.app.tracker
        return member_tracker(
            own.catalog,
            own.clock,
            self.directory,
            login,
            packs=self._pack_reader(),
            stale_days=own.stale_days,
        )

    def _member(self, login: str) -> Member | None:
        return next((m for m in self.mentees if m.login == login), None)

    # The Mentees screen

    async def show(self) -> None:
        from gaptracker.tui.screens.mentees import MenteesScreen

        if not self.available:
            return
        screen = MenteesScreen()
        await self.app.push_screen(screen)
        self.app.run_worker(lambda: self._read_standings(screen), thread=True, group="mentoring")

    def _read_standings(self, screen: MenteesScreen) -> None:
        from gaptracker.services.group import member_standings

        assert self.directory is not None
        own = self.app.tracker
        try:
            standings = member_standings(
                own.catalog,
                own.clock,
                self.directory,
                self.mentees,
                packs=self._pack_reader(),
                stale_days=own.stale_days,
            )
        except GapTrackerError as exc:
            self._say(str(exc))
            return
        self.app.call_from_thread(screen.show_standings, standings)

    # One mentee, read-only

    def open(self, login: str) -> None:
        member = self._member(login)
        if member is not None:
            self.app.run_worker(lambda: self._read_mentee(member), thread=True, group="mentoring")

    def _read_mentee(self, member: Member) -> None:
        from gaptracker.tui.screens.mentee import MenteeDashboardScreen

        try:
            tracker = self._tracker(member.login)
            overview = tracker.overview()
        except GapTrackerError as exc:
            self._say(str(exc))
            return
        screen = MenteeDashboardScreen(member, tracker, overview)
        self.app.call_from_thread(self.app.push_screen, screen)

    def show_view(self, dashboard: MenteeDashboardScreen, view: str) -> None:
        """The mentee's history or plan, read-only, over the dashboard's own Tracker (so
        the same rows, the same pack) and its standing; each screen reads the rest."""
        from gaptracker.tui.screens.mentee_views import MenteeHistoryScreen, MenteePlanScreen

        overview = dashboard.overview
        if overview is None:
            return
        screens = {"history": MenteeHistoryScreen, "plan": MenteePlanScreen}
        self.app.push_screen(screens[view](dashboard.member, dashboard.tracker, overview))

    def review(self, screen: MenteeDashboardScreen) -> None:
        """The review screen for the mentee shown, made as `share` makes a bundle."""
        self.app.run_worker(lambda: self._start_review(screen), thread=True, group="mentoring")

    def _start_review(self, dashboard: MenteeDashboardScreen) -> None:
        from gaptracker.services.group import review_request
        from gaptracker.tui.screens.mentee import MenteeReviewScreen

        member = dashboard.member
        try:
            request = review_request(dashboard.tracker, member.name)
        except GapTrackerError as exc:
            self._say(str(exc), "warning")
            return
        mentor = self.me or "mentor"
        screen = MenteeReviewScreen(member, dashboard.tracker, request, mentor)
        self.app.call_from_thread(self.app.push_screen, screen)

    def write_ended(self, ended: WriteEnded) -> None:
        """A review of a mentee stored (the app's writer, `MenteeReviewSaved`): every
        dashboard of theirs in the stack shows their standing as read after the commit.
        The Mentees table shows only what the mentee's own rows give (readiness, Must met,
        last rating and check-in, stale), none of which a review changes: not read again."""
        from gaptracker.domain.overview import Overview
        from gaptracker.tui.screens.mentee import MenteeDashboardScreen, MenteeReviewSaved

        request, overview = ended.request, ended.result
        if not isinstance(request, MenteeReviewSaved) or not isinstance(overview, Overview):
            return  # another write, or the standing could not be read after it
        for screen in self.app.screen_stack:
            if isinstance(screen, MenteeDashboardScreen) and screen.member.login == request.login:
                screen.show_overview(overview)

    def _say(self, message: str, severity: str = "error") -> None:
        self.app.call_from_thread(
            self.app.notify,
            message,
            title="Group",
            severity=severity,
        )
