"""The role's Must skills (the guide's three, in the built-in pack): each name on its
line, then its bar (current / target), a sparkline of the last weeks and the date of its
last rating.

Two lines a skill, so a name is never squeezed out by the bar and the date, even at 80
columns; a stale rating says so after the name."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import var
from textual.widgets import Static

from gaptracker.domain.gap import GapRow
from gaptracker.domain.overview import Overview
from gaptracker.tui.widgets.bars import level_bar, spark


class MustSkillsPanel(Static):
    """The screen binds `overview`; `order` keeps the guide's order, so rows never jump."""

    overview: var[Overview | None] = var(None, init=False, always_update=True)

    def __init__(
        self, order: tuple[str, ...], *, who: str | None = None, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.order = order
        self.who = who
        """Whose skills they are, when not the user's (a mentee's, read-only)."""

    def _place(self, row: GapRow) -> tuple[int, str]:
        """The external skills in `order`, then any skill a pack makes a Must for the
        role, by name."""
        known = row.skill_id in self.order
        return (self.order.index(row.skill_id) if known else len(self.order), row.skill_name)

    def watch_overview(self, overview: Overview | None) -> None:
        analysis = overview.analysis if overview is not None else None
        if overview is None or analysis is None:
            if self.who is None:
                self.update("Choose a target role to see your Must skills.")
            else:
                self.update(Text(f"No Must skills to show: {self.who} has no target role yet."))
            return
        text = Text(no_wrap=True, overflow="ellipsis")
        rows = sorted(analysis.must_rows, key=self._place)
        for i, row in enumerate(rows):
            if i:
                text.append("\n")
            text.append(row.skill_name, style="bold")
            if row.skill_id in overview.stale:
                text.append(" (stale)", style="bold")
            level = f"-/{row.target}" if row.current is None else f"{row.current}/{row.target}"
            text.append("\n  ")
            text.append_text(level_bar(row.current, row.target, 8))
            text.append(f" {level:>3} ")
            text.append_text(spark(overview.must_weeks.get(row.skill_id, ())))
            text.append(f" {row.rated_on or 'not rated'}", style="dim")
        self.update(text)
