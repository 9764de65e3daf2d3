"""The largest gaps of the target role, weighted by priority."""

from __future__ import annotations

from gaptracker.domain.gap import GapAnalysis
from gaptracker.tui.widgets.row_table import RowTable

TOP = 8


class GapTable(RowTable):
    """Read-only: shows the rows the screen hands it; Selected carries the skill id."""

    LABELS = ("Gap", "Weighted", "Now", "Target", "Priority", "Largest gaps")

    def show(self, analysis: GapAnalysis | None) -> None:
        rows = [] if analysis is None else [r for r in analysis.rows if r.gap > 0][:TOP]
        cells = [
            (
                str(row.gap),
                str(row.weighted_gap),
                "-" if row.current is None else str(row.current),
                str(row.target),
                row.priority.value,
                row.skill_name,
            )
            for row in rows
        ]
        self.set_rows([row.skill_id for row in rows], cells, keep=self.cursor_key)
