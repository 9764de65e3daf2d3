"""The writes the screen has shown but not yet confirmed, run where no way out can drop them.

A key press shows its change at once and the commit follows in the background. Textual
cancels every worker when the app exits, so a quit in the same burst as Enter cancelled a
write before it had begun: a rating shown as entered, then lost. Here each write starts in
one writer thread the moment it is asked for (in order, one at a time), outside Textual's
workers: a quit, a signal or a crash stops the app, not the write, and the interpreter
waits for the thread before the process ends. Every exit the app controls first waits for
what is unfinished (`finished`); the command waits again once the app has gone (`wait`)
and reports, in one line, a write that failed on the way out; SIGTERM and a hang-up wait
for the writes, then end the process (`finished_before_signals`). Each write is one
SQLite transaction: what is cut off at any point is all there or not there at all.

No Textual here: the app asks for writes, shows their outcome and says when it quits.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import signal
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager

from gaptracker.domain.errors import GapTrackerError


class PendingWrites:
    """The app's writes in one writer thread, and those whose outcome was not shown."""

    def __init__(self) -> None:
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="gaptracker-write")
        self._unshown: list[Future[object]] = []
        self.quitting = False
        """The user asked to quit: from now on an outcome shown on screen may never be seen."""
        self.closed = False
        """The app is exiting: no new write is taken."""

    def submit(self, change: Callable[[], object]) -> Future[object] | None:
        """Start `change` now (after the writes before it); None once closed."""
        if self.closed:
            return None
        future = self._thread.submit(change)
        self._unshown.append(future)
        return future

    async def outcome(self, future: Future[object]) -> object:
        """The write's result (or its error); cancelling the waiter leaves the write running."""
        return await asyncio.shield(asyncio.wrap_future(future))

    def shown(self, future: Future[object]) -> None:
        """The screen has shown how this write ended. Once quitting, nothing counts as
        shown (the app is about to go), so a failure then is reported by `not_saved`."""
        if not self.quitting and future in self._unshown:
            self._unshown.remove(future)

    def unfinished(self) -> bool:
        return not all(future.done() for future in self._unshown)

    async def finished(self) -> None:
        """Wait, on the app's loop, until every write asked for so far has ended."""
        waiting = [asyncio.wrap_future(f) for f in self._unshown if not f.done()]
        if waiting:
            await asyncio.shield(asyncio.gather(*waiting, return_exceptions=True))

    def close(self) -> None:
        """Take no new writes; the thread still runs every write asked for, then ends."""
        self.quitting = self.closed = True
        self._thread.shutdown(wait=False)

    def wait(self) -> str | None:
        """Block until every write asked for has ended (the app may be gone by now);
        what was not saved and never shown, or None."""
        self.close()
        concurrent.futures.wait(self._unshown)
        return self.not_saved()

    @contextmanager
    def finished_before_signals(self) -> Iterator[None]:
        """SIGTERM or a hang-up (the terminal closed) end the process as they always did,
        but only once the writes already asked for have ended. The app itself is not
        asked to quit: with its terminal gone, Textual can block for ever on its output.
        Keys not yet handled when the signal comes are not written (nor were they shown
        as saved). Only in the main thread, where Python runs signal handlers."""
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        numbers = [getattr(signal, name) for name in _SIGNALS if hasattr(signal, name)]

        def finish_then_end(number: int, _: object) -> None:
            # Only waits: the signal may have come in the middle of `submit`, holding the
            # pool's lock that `close` takes.
            concurrent.futures.wait(list(self._unshown))
            signal.signal(number, signal.SIG_DFL)
            os.kill(os.getpid(), number)

        saved = {number: signal.signal(number, finish_then_end) for number in numbers}
        try:
            yield
        finally:
            for number, handler in saved.items():
                signal.signal(number, signal.SIG_DFL if handler is None else handler)

    def not_saved(self) -> str | None:
        """One line for the writes that failed and whose failure was not shown, or None."""
        reasons = [_reason(error) for f in self._unshown if (error := _error_of(f)) is not None]
        if not reasons:
            return None
        if len(reasons) == 1:
            return f"not saved: {reasons[0]}"
        return f"{len(reasons)} changes not saved, the first: {reasons[0]}"


_SIGNALS = ("SIGTERM", "SIGHUP")


def _error_of(future: Future[object]) -> BaseException | None:
    if not future.done():
        return None
    if future.cancelled():
        return concurrent.futures.CancelledError("cancelled")
    return future.exception()


def _reason(error: BaseException) -> str:
    if isinstance(error, GapTrackerError):
        return str(error)
    return f"unexpected error: {type(error).__name__}: {error}"
