"""The largest gaps of the target role, weighted by priority.

A current level rated against a rubric that has changed since is marked (`RUBRIC_MARK`);
the dashboard says what the mark means with its status lines."""

from __future__ import annotations

from textual.reactive import var

from gaptracker.domain.overview import Overview
from gaptracker.domain.rubric import RUBRIC_MARK
from gaptracker.tui.widgets.row_table import RowTable

TOP = 8


class GapTable(RowTable):
    """Read-only: the screen binds `overview`; Selected carries the skill id."""

    LABELS = ("Skill", "Now", "Tgt", "Gap", "Weighted", "Priority")
    FLEX = 0  # the skill's name takes what is left of the width

    overview: var[Overview | None] = var(None, init=False, always_update=True)

    def watch_overview(self, overview: Overview | None) -> None:
        analysis = overview.analysis if overview is not None else None
        rows = [] if analysis is None else [r for r in analysis.rows if r.gap > 0][:TOP]
        cells = [
            (
                row.skill_name,
                "-" if row.current is None else f"{row.current}{RUBRIC_MARK * row.rubric_changed}",
                str(row.target),
                str(row.gap),
                str(row.weighted_gap),
                row.priority.value,
            )
            for row in rows
        ]
        self.set_rows([row.skill_id for row in rows], cells, keep=self.cursor_key)
