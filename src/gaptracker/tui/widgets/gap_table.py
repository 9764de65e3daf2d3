"""The largest gaps of the target role, weighted by priority."""

from __future__ import annotations

from textual.widgets import DataTable

from gaptracker.domain.gap import GapAnalysis

TOP = 8


class GapTable(DataTable[str]):
    """Read-only: shows the rows the screen hands it."""

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.add_columns("Gap", "Weighted", "Now", "Target", "Priority", "Largest gaps")

    def show(self, analysis: GapAnalysis | None) -> None:
        self.clear()
        if analysis is None:
            return
        for row in [r for r in analysis.rows if r.gap > 0][:TOP]:
            current = "-" if row.current is None else str(row.current)
            self.add_row(
                str(row.gap),
                str(row.weighted_gap),
                current,
                str(row.target),
                row.priority.value,
                row.skill_name,
                key=row.skill_id,
            )
