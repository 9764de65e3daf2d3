"""The three Must skills as progress bars (current / target) with the last rating's date."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from gaptracker.domain.gap import GapAnalysis
from gaptracker.tui.widgets.bars import level_bar


class MustSkillsPanel(Static):
    analysis: reactive[GapAnalysis | None] = reactive(None, init=False)

    def watch_analysis(self, analysis: GapAnalysis | None) -> None:
        if analysis is None:
            self.update("Choose a target role to see your Must skills.")
            return
        table = Table.grid(padding=(0, 1), expand=True)
        table.add_column("skill", ratio=1, no_wrap=True, overflow="ellipsis")
        table.add_column("bar", no_wrap=True)
        table.add_column("level", no_wrap=True, justify="right")
        table.add_column("date", no_wrap=True)
        for row in analysis.must_rows:
            level = "unrated" if row.current is None else f"{row.current}/{row.target}"
            date = row.rated_on.isoformat() if row.rated_on else "never"
            table.add_row(
                row.skill_name, level_bar(row.current, row.target), level, Text(date, style="dim")
            )
        self.update(table)
