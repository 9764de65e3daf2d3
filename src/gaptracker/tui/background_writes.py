"""Writes from the TUI: each commits in the writer thread, then the overview is reloaded.

A key press answers at once (the screen shows what it changed before the commit); the
commit starts at once in `PendingWrites`' thread (which no way out of the app cancels),
the reload runs in a worker, and a failure gives the user one line and takes back what
was shown. Quitting waits for the keys already sent and the writes they started.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from typing import TYPE_CHECKING

from textual import work

from gaptracker.domain.errors import GapTrackerError

if TYPE_CHECKING:
    from rich.console import RenderableType
    from textual.app import App
    from textual.message_pump import MessagePump

    from gaptracker.domain.overview import Overview
    from gaptracker.services.tracker import Tracker
    from gaptracker.tui.pending_writes import PendingWrites

    _Base = App[None]
else:
    _Base = object


class BackgroundWrites(_Base):
    """Mixed into the app, which owns `tracker`, the reactive `overview` and
    `pending_writes` (the writer thread); its `exit` waits for what was shown."""

    tracker: Tracker
    overview: Overview | None
    pending_writes: PendingWrites
    _writes_in_flight: int = 0
    """Writes whose reload has not come back; only the reload that brings it to 0 is
    applied, so an early reload never takes back a later key press."""

    def run_write(
        self,
        change: Callable[[], object],
        done: str,
        then: Callable[[], object] | None = None,
        on_failure: Callable[[], object] | None = None,
    ) -> None:
        """Start committing `change` now; say `done` once it is on disk, then reload the
        overview and call `then`. While writes are in flight only the last reload is
        applied, so an early reload never takes back what a later key press showed.
        Once the user has asked to quit, nothing new is written."""
        commit = self.pending_writes.submit(change)
        if commit is None:
            return
        self._writes_in_flight += 1
        self._after_commit(commit, done, then, on_failure)

    @work(group="write")
    async def _after_commit(
        self,
        commit: Future[object],
        done: str,
        then: Callable[[], object] | None,
        on_failure: Callable[[], object] | None,
    ) -> None:
        """Wait on the UI's loop for the commit running in the writer thread."""
        try:
            await self.pending_writes.outcome(commit)
        except GapTrackerError as exc:
            self._write_failed(str(exc), on_failure)
        else:
            self._committed(done, then)
        self.pending_writes.shown(commit)

    def _committed(self, done: str, then: Callable[[], object] | None) -> None:
        """On disk: say so, and reload once the screen has painted what the key changed
        (the reload is CPU work that would otherwise hold that frame back)."""
        self.notify(done, timeout=3)
        if not self.pending_writes.closed:  # quitting: nothing more to show
            self.call_after_refresh(self._reload, then)

    def _write_failed(self, message: str, on_failure: Callable[[], object] | None) -> None:
        self.notify(message, title="Not saved", severity="error")
        if on_failure is not None:
            on_failure()
        if not self.pending_writes.closed:
            self._reload(None)  # takes back what was shown before the commit

    @work(thread=True, group="write")
    def _reload(self, then: Callable[[], object] | None) -> None:
        try:
            overview: Overview | None = self.tracker.overview()
        except GapTrackerError as exc:
            self.call_from_thread(self.notify, str(exc), title="Not read", severity="error")
            overview = None
        self.call_from_thread(self._written, overview, then)

    def _written(self, overview: Overview | None, then: Callable[[], object] | None) -> None:
        self._writes_in_flight -= 1
        if overview is not None and self._writes_in_flight == 0:
            self.overview = overview
        if then is not None:
            then()

    def exit(
        self, result: None = None, return_code: int = 0, message: RenderableType | None = None
    ) -> None:
        """Every way out the app controls comes here (q, ctrl+q, the palette's Quit). Keys
        that came before the quit are handled first (an Enter in the same burst saves),
        then the writes the screen has shown are finished, then the app exits: with status
        1 if one failed, which `finish_writes` says once it is gone. (SIGTERM and a closed
        terminal: `PendingWrites.finished_before_signals`.)"""
        self.pending_writes.quitting = True
        self._exit_after_writes(result, return_code, message)

    @work(group="quit", exclusive=True)
    async def _exit_after_writes(
        self, result: None, return_code: int, message: RenderableType | None
    ) -> None:
        told = False
        while True:
            await self._messages_handled()
            if not self.pending_writes.unfinished():
                break
            if not told:
                self.notify("Saving what you entered, then quitting", timeout=30)
                told = True
            await self.pending_writes.finished()  # then once more: a write's outcome may post
        self.pending_writes.close()
        failed = self.pending_writes.not_saved() is not None
        super().exit(result, 1 if failed else return_code, message)  # Textual's App.exit

    async def _messages_handled(self) -> None:
        """Until every message already sent (a key, what it posted, what that bubbled
        up, a dialog's result) has been handled: a quit behind an Enter waits for the save
        it starts. (A message is taken and handled without a pause when its handler is
        synchronous, as every handler that writes is, so an empty queue means done.)"""
        while any(pump.is_running and pump.message_queue_size for pump in self._pumps()):
            await asyncio.sleep(0)

    def _pumps(self) -> Iterator[MessagePump]:
        yield self
        for screen in self.screen_stack:
            yield from screen.walk_children(with_self=True)

    def on_unmount(self) -> None:
        self.pending_writes.close()  # the writer thread ends once what was asked is done
