"""The three Must skills as progress bars (current / target) with the last rating's date."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from gaptracker.domain.gap import GapAnalysis
from gaptracker.tui.widgets.bars import level_bar, spark


class MustSkillsPanel(Static):
    analysis: reactive[GapAnalysis | None] = reactive(None, init=False)
    weeks: dict[str, tuple[int | None, ...]] = {}
    """Level at the end of each of the last weeks, per Must skill (set before analysis)."""
    stale: frozenset[str] = frozenset()

    def __init__(self, order: tuple[str, ...], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.order = order
        """The Must skill ids in the guide's order, so the rows never jump around."""

    def show(
        self,
        analysis: GapAnalysis | None,
        weeks: dict[str, tuple[int | None, ...]],
        stale: frozenset[str],
    ) -> None:
        self.weeks, self.stale = weeks, stale
        self.analysis = analysis
        self.watch_analysis(analysis)  # also when only the weeks or staleness changed

    def watch_analysis(self, analysis: GapAnalysis | None) -> None:
        if analysis is None:
            self.update("Choose a target role to see your Must skills.")
            return
        table = Table.grid(padding=(0, 1), expand=True)
        table.add_column("skill", ratio=1, no_wrap=True, overflow="ellipsis")
        table.add_column("bar", no_wrap=True)
        table.add_column("level", no_wrap=True, justify="right")
        table.add_column("weeks", no_wrap=True)
        table.add_column("date", no_wrap=True)
        for row in sorted(analysis.must_rows, key=lambda r: self.order.index(r.skill_id)):
            level = f"-/{row.target}" if row.current is None else f"{row.current}/{row.target}"
            date = Text(row.rated_on.isoformat() if row.rated_on else "not rated", style="dim")
            if row.skill_id in self.stale:
                date = Text(f"{row.rated_on} stale", style="bold yellow")
            table.add_row(
                row.skill_name,
                level_bar(row.current, row.target, 8),
                level,
                spark(self.weeks.get(row.skill_id, ())),
                date,
            )
        self.update(table)
