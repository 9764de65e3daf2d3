"""The app's writer: every change a screen asks for, committed in order, shown at once.

One object the app owns (not a mixin). A request (`messages.WriteRequested`) is checked on
the UI thread, shown at once where it can be (a saved rating moves the figures before its
commit), then committed in `PendingWrites`' thread, which no way out of the app cancels.
When the commit has ended the user hears how (one notification), the screen that asked
gets `WriteEnded`, and the standing is read again; while writes are in flight only the
last read is shown, so an early read never takes back a later key press. Quitting waits
for the keys already sent and the writes they started.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from concurrent.futures import Future
from typing import TYPE_CHECKING

from gaptracker.domain.errors import GapTrackerError
from gaptracker.tui.messages import WriteEnded, WriteRequested
from gaptracker.tui.pending_writes import PendingWrites

if TYPE_CHECKING:
    from textual.message_pump import MessagePump

    from gaptracker.domain.overview import Overview
    from gaptracker.services.tracker import Tracker
    from gaptracker.tui.app import GapTrackerApp


class Writer:
    def __init__(self, app: GapTrackerApp) -> None:
        self.app = app
        self.pending = PendingWrites()
        self._in_flight = 0
        """Writes whose re-read has not come back: only the one that brings this to 0 is
        shown, so an early read never takes back a later key press."""

    def submit(self, request: WriteRequested) -> bool:
        """Check, show and start committing `request`; False when it was refused (the
        origin hears why) or the app is quitting."""
        app = self.app
        if self.pending.closed:
            return False
        try:
            request.prepare(app.tracker)
        except GapTrackerError as exc:
            self._tell(request, None, str(exc))
            return False
        future = self.pending.submit(lambda: request.commit(app.tracker))
        if future is None:
            return False
        if app.overview is not None:
            app.overview = request.shown(app.overview, app.catalog)
        if request.READS_AGAIN:
            self._in_flight += 1
        app.run_worker(self._after(request, future), group="write")
        return True

    async def _after(self, request: WriteRequested, future: Future[object]) -> None:
        """On the UI's loop: wait for the commit, say how it went, then read again."""
        try:
            result = await self.pending.outcome(future)
        except GapTrackerError as exc:
            self._tell(request, None, str(exc))
        else:
            self.app.notify(request.done(self.app.catalog), timeout=3)
            self._tell(request, result, None, quiet=True)
        self.pending.shown(future)
        if self.pending.closed or not request.READS_AGAIN:
            return  # quitting: nothing more to show (or the request brought its own)
        # Read once the screen has painted what the key changed (the read is CPU work
        # that would otherwise hold that frame back).
        self.app.call_after_refresh(self._read_again)

    def read_again(self) -> None:
        """Read the standing again (another process changed the file)."""
        self._in_flight += 1
        self._read_again()

    def _tell(
        self, request: WriteRequested, result: object, error: str | None, quiet: bool = False
    ) -> None:
        if error is not None and not quiet and not request.quiet:
            self.app.notify(error, title="Not saved", severity="error")
        if request.origin is not None:
            request.origin.post_message(WriteEnded(request, result, error))

    def _read_again(self) -> None:
        self.app.run_worker(self._read, thread=True, group="write")

    def _read(self) -> None:
        app = self.app
        tracker = app.tracker
        try:
            overview: Overview | None = tracker.overview()
        except GapTrackerError as exc:
            app.call_from_thread(app.notify, str(exc), title="Not read", severity="error")
            overview = None
        app.call_from_thread(self._read_back, overview, tracker)

    def _read_back(self, overview: Overview | None, tracker: Tracker) -> None:
        self._in_flight -= 1
        if tracker is not self.app.tracker:
            return  # read under the pack the app has switched from
        if overview is not None and self._in_flight == 0:
            self.app.overview = overview

    async def finish(self) -> bool:
        """Before the app exits: handle every key already sent (an Enter in the same burst
        as q saves), then wait for the writes they started. True if one of them failed."""
        told = False
        while True:
            await self._messages_handled()
            if not self.pending.unfinished():
                break
            if not told:
                self.app.notify("Saving what you entered, then quitting", timeout=30)
                told = True
            await self.pending.finished()  # then once more: a write's outcome may post
        self.pending.close()
        return self.pending.not_saved() is not None

    async def _messages_handled(self) -> None:
        """Until every message already sent (a key, what it posted, what that bubbled up,
        a dialog's result) has been handled. A message is handled without a pause when its
        handler is synchronous, as every handler that writes is, so empty queues mean done."""
        while any(pump.is_running and pump.message_queue_size for pump in self._pumps()):
            await asyncio.sleep(0)

    def _pumps(self) -> Iterator[MessagePump]:
        yield self.app
        for screen in self.app.screen_stack:
            yield from screen.walk_children(with_self=True)
