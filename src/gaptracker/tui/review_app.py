"""The terminal app in review mode: `gaptracker review BUNDLE` without `--rate`.

A small app of its own, not the tracker: it has no database, no service and no
preferences to write. It shows the bundle (tui.screens.review) and, when the mentor
saves, writes the review file by the same rules as every output (gaptracker.files: the
protected database files are never replaced, a FIFO nobody reads and the terminal it
draws on are refused), then ends with exit status 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from textual import on
from textual.app import App

from gaptracker.domain.errors import UserInputError
from gaptracker.domain.mentor import ReviewRequest
from gaptracker.domain.ports import Clock, SystemClock
from gaptracker.domain.review_files import build_review
from gaptracker.tui.screens.review import ReviewScreen


class ReviewApp(App[int]):
    TITLE = "gaptracker review"
    CSS_PATH = "review.tcss"

    def __init__(
        self,
        request: ReviewRequest,
        mentor: str,
        output: Path,
        *,
        protected: Sequence[Path] = (),
        clock: Clock | None = None,
    ) -> None:
        super().__init__()
        self.request = request
        self.mentor = mentor
        self.output = output
        self.protected = tuple(protected)
        self.clock: Clock = clock or SystemClock()
        self.written: Path | None = None
        """Where the review went, once saved."""

    def on_mount(self) -> None:
        self.push_screen(ReviewScreen(self.request, self.mentor))

    @on(ReviewScreen.SaveRequested)
    def _save(self, request: ReviewScreen.SaveRequested) -> None:
        from gaptracker.files import write_output

        try:
            now = self.clock.now()
            review = build_review(
                self.request, self.mentor, request.levels, now, self.clock.today()
            )
            self.written = write_output(
                self.output,
                review.to_json(),
                protected=self.protected,
                wait_for_reader=False,
                terminal=False,
            )
        except UserInputError as exc:
            self.notify(str(exc), title="Not saved", severity="error")
            return
        self.exit(0)


def run_review_app(
    request: ReviewRequest, mentor: str, output: Path, *, protected: Sequence[Path] = ()
) -> int:
    """Run review mode; 0 once the review is written, 1 if the mentor left without it."""
    import sys

    app = ReviewApp(request, mentor, output, protected=protected)
    status = app.run()
    if app.written is None:
        sys.stderr.write("gaptracker: no review written (left without saving)\n")
        return 1
    sys.stderr.write(f"Wrote your review to {app.written}\n")
    return 0 if status == 0 else 1
