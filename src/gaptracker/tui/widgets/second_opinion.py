"""Beside the rubric: each mentor's level and note on the skill being rated, with the
difference from the user's own level (`you 2, -2`: yours minus the mentor's).

Hidden with the targets (hide targets): a mentor's level anchors an answer as a target
does. Hidden, too, when no mentor rated the skill, so it takes no room.
"""

from __future__ import annotations

from rich.text import Text
from textual.reactive import var

from gaptracker.domain.overview import Overview
from gaptracker.domain.text import clip
from gaptracker.tui.widgets.steady_static import SteadyStatic

NOTE_WIDTH = 40
NAME_WIDTH = 20


def second_opinion_text(overview: Overview, skill_id: str) -> Text:
    """One line per mentor who rated `skill_id` in their latest review."""
    text = Text()
    own = overview.current.get(skill_id)
    for mentor, levels in overview.mentors.items():
        given = levels.get(skill_id)
        if given is None:
            continue
        if text:
            text.append("\n")
        text.append(f"{clip(mentor, NAME_WIDTH)}: ", style="bold")
        text.append(f"{given.level}", style="bold")
        if own is not None:
            difference = own.level - given.level
            text.append(f" (you {own.level}, {difference:+d})" if difference else " (you agree)")
        else:
            text.append(" (you: unrated)")
        if given.note:
            text.append(f" · {clip(given.note, NOTE_WIDTH)}", style="italic")
    return text


class SecondOpinion(SteadyStatic):
    """The screen binds `overview`, `skill_id` and `hide_targets` (data_bind)."""

    overview: var[Overview | None] = var(None, init=False, always_update=True)
    skill_id: var[str | None] = var(None, init=False)
    hide_targets: var[bool] = var(False, init=False)

    def on_mount(self) -> None:
        self._show()

    def watch_overview(self) -> None:
        self._show()

    def watch_skill_id(self) -> None:
        self._show()

    def watch_hide_targets(self) -> None:
        self._show()

    def _show(self) -> None:
        if not self.is_mounted:
            return
        overview, skill_id = self.overview, self.skill_id
        shown = Text()
        if overview is not None and skill_id is not None and not self.hide_targets:
            shown = second_opinion_text(overview, skill_id)
        self.update(shown)
        self.display = bool(shown)
