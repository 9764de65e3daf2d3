"""What screens tell the app, and what the app tells them back: messages up, state down.

A screen never writes: it posts a past-tense request (`RatingConfirmed`, `TargetChosen`,
`CheckinAnswered`, `PlanItemChanged`, ...) and the app hands it to its `Writer`. Each
request says what it changes (`commit`, run in the writer's thread against the Tracker)
and how to say it is done, so the app has one handler for all of them. When the commit
has ended, the screen that asked gets `WriteEnded` with the result or the reason it
failed, and can give the user their input back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.message import Message
from textual.message_pump import MessagePump

from gaptracker.domain.text import one_line

if TYPE_CHECKING:
    from gaptracker.domain.models import Catalog, Rating
    from gaptracker.domain.overview import Overview
    from gaptracker.domain.pack_diff import PackPreview
    from gaptracker.domain.progress import CheckinWalk
    from gaptracker.services.plan import PlanService
    from gaptracker.services.tracker import Tracker
    from gaptracker.tui.pack_chooser import PackChooser


class FirstMustsRated(Message):
    """A first run has rated the role's Must skills: the gap can be shown."""


class WriteRequested(Message):
    """A change the user confirmed. `origin` hears how it ended (`WriteEnded`)."""

    READS_AGAIN: ClassVar[bool] = True
    """Whether the standing is read again once it is committed (a pack switch brings its
    own, read under the new pack)."""

    def __init__(self, origin: MessagePump | None) -> None:
        super().__init__()
        self.origin = origin
        self.quiet = False
        """The origin shows a refusal itself (a dialog, beside what was typed): no toast."""

    def prepare(self, tracker: Tracker) -> None:
        """Checks that need nothing from the disk, on the UI thread before anything is
        shown (UserInputError: refused, with nothing changed)."""

    def shown(self, overview: Overview, catalog: Catalog) -> Overview:
        """The standing to show at once, before the commit (most changes show after)."""
        return overview

    def commit(self, tracker: Tracker) -> object:
        """The change itself, in the writer's thread; returns what `WriteEnded` carries."""
        raise NotImplementedError

    def done(self, catalog: Catalog) -> str:
        """What to say once it is on disk."""
        return "Saved"


class WriteEnded(Message):
    """Sent to the request's origin once its commit ended: `error` None means saved."""

    def __init__(self, request: WriteRequested, result: object, error: str | None) -> None:
        super().__init__()
        self.request = request
        self.result = result
        self.error = error


class RatingConfirmed(WriteRequested):
    def __init__(
        self,
        origin: MessagePump | None,
        skill_id: str,
        level: int,
        note: str = "",
        evidence: str = "",
        effective_date: dt.date | None = None,
    ) -> None:
        super().__init__(origin)
        self.skill_id, self.level = skill_id, level
        self.note, self.evidence, self.effective_date = note, evidence, effective_date
        self.rating: Rating | None = None

    def prepare(self, tracker: Tracker) -> None:
        self.rating = tracker.new_rating(
            self.skill_id, self.level, self.note, self.evidence, self.effective_date
        )

    def shown(self, overview: Overview, catalog: Catalog) -> Overview:
        from gaptracker.domain.overview import with_rating

        assert self.rating is not None
        return with_rating(overview, catalog, self.rating)  # the key press answers at once

    def commit(self, tracker: Tracker) -> object:
        assert self.rating is not None
        return tracker.record(self.rating)

    def done(self, catalog: Catalog) -> str:
        return f"Saved: {catalog.skill(self.skill_id).name} = {self.level}"


class TargetChosen(WriteRequested):
    def __init__(self, origin: MessagePump | None, role_id: str) -> None:
        super().__init__(origin)
        self.role_id = role_id

    def commit(self, tracker: Tracker) -> object:
        return tracker.set_target(self.role_id)

    def done(self, catalog: Catalog) -> str:
        return f"Target role: {catalog.role(self.role_id).name}"


class NotApplicableChanged(WriteRequested):
    """A skill marked not applicable for the target role (`reason`), or counted again."""

    def __init__(self, origin: MessagePump | None, skill_id: str, reason: str | None) -> None:
        super().__init__(origin)
        self.skill_id, self.reason = skill_id, reason

    def commit(self, tracker: Tracker) -> object:
        undo = self.reason is None
        return tracker.mark_not_applicable(self.skill_id, self.reason or "", undo=undo)

    def done(self, catalog: Catalog) -> str:
        name = catalog.skill(self.skill_id).name
        return f"{name} counts again" if self.reason is None else f"{name}: not applicable"


class CheckinAnswered(WriteRequested):
    """One skill of a check-in kept (level None) or changed; the result is the new walk."""

    def __init__(
        self,
        origin: MessagePump | None,
        walk: CheckinWalk,
        skill_id: str,
        level: int | None,
        note: str = "",
    ) -> None:
        super().__init__(origin)
        self.walk, self.skill_id, self.level, self.note = walk, skill_id, level, note

    def commit(self, tracker: Tracker) -> object:
        return tracker.checkin.record(self.walk, self.skill_id, self.level, self.note)

    def done(self, catalog: Catalog) -> str:
        verb = "Kept" if self.level is None else f"Changed to {self.level}"
        return f"{verb}: {catalog.skill(self.skill_id).name}"


class PlanItemChanged(WriteRequested):
    """A change to the plan: a study item, a project, practice, Phase 1. `change` is the
    plan service's use case; `label` says what was done, in the user's words."""

    def __init__(
        self, origin: MessagePump | None, change: Callable[[PlanService], object], label: str
    ) -> None:
        super().__init__(origin)
        self.change, self.label = change, label

    def commit(self, tracker: Tracker) -> object:
        return self.change(tracker.plan)

    def done(self, catalog: Catalog) -> str:
        return one_line(self.label)


class GoalSet(WriteRequested):
    def __init__(self, origin: MessagePump | None, skill_id: str, level: int, due: dt.date) -> None:
        super().__init__(origin)
        self.skill_id, self.level, self.due = skill_id, level, due

    def commit(self, tracker: Tracker) -> object:
        return tracker.set_goal(self.skill_id, self.level, self.due)

    def done(self, catalog: Catalog) -> str:
        return f"Goal: {catalog.skill(self.skill_id).name} at {self.level} by {self.due}"


class FileSaved(WriteRequested):
    """The report (in `format`) or, with no format, a backup, written to `path`; the
    result is the path as written. `write` is the app's rule for writing a file."""

    def __init__(
        self,
        origin: MessagePump | None,
        path: Path,
        format: str | None,
        write: Callable[[Path, str | bytes], Path],
    ) -> None:
        super().__init__(origin)
        self.path, self.format, self.write = path, format, write

    def commit(self, tracker: Tracker) -> object:
        if self.format is None:
            from gaptracker.services.backup import make_backup

            return self.write(self.path, make_backup(tracker.uow_factory, tracker.clock).to_json())
        if self.format == "pdf":  # printed by the machine's Chromium, here in the writer's thread
            from gaptracker.chromium import print_pdf, require_chromium
            from gaptracker.reports.html_report import render_html

            browser = require_chromium()
            return self.write(self.path, print_pdf(render_html(tracker.report()), browser))
        from gaptracker.reports.render import render

        return self.write(self.path, render(tracker.report(), self.format))

    def done(self, catalog: Catalog) -> str:
        what = "Backup" if self.format is None else "Report"
        return f"{what} saved: {self.path}"


class PackChosen(WriteRequested):
    """Switch the active pack to the one `preview` is of, once its diff was shown; the
    result is a `PackSwitched` (the new Tracker and its standing), which the app goes on
    with. Recorded in the writer's thread, in turn with the writes asked for before it."""

    READS_AGAIN = False

    def __init__(
        self, origin: MessagePump | None, chooser: PackChooser, preview: PackPreview
    ) -> None:
        super().__init__(origin)
        self.chooser, self.preview = chooser, preview

    def commit(self, tracker: Tracker) -> object:
        return self.chooser.switch(self.preview.pack_id)

    def done(self, catalog: Catalog) -> str:
        line = self.preview.chosen_line
        return line[:1].upper() + line[1:]
