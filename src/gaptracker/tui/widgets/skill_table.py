"""The skills to assess, grouped by category (Must first), with current, target and gap."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from gaptracker.tui.widgets.row_table import RowTable


@dataclass(frozen=True)
class SkillRow:
    """What one line of the table shows; built by the screen from the overview."""

    skill_id: str
    name: str
    group: str
    current: int | None
    target: int | None
    not_applicable: bool = False

    @property
    def gap_text(self) -> str:
        if self.not_applicable:
            return "n/a"
        if self.target is None:
            return ""
        return str(max(0, self.target - (self.current or 0)))


COLUMNS = ("group", "now", "target", "gap", "skill")


class SkillTable(RowTable):
    """Highlighted and Selected carry the skill id as their key."""

    # Numbers before the name: on a narrow terminal the long names are what gets cut.
    LABELS = ("Group", "Now", "Tgt", "Gap", "Skill")
    ZEBRA = True

    hide_targets = False
    """Honest rating: show '?' instead of the target while the user picks a level."""

    def cell(self, skill_id: str, column: str) -> str:
        """What the table shows for this skill in this column (one of COLUMNS)."""
        return self.cell_at(skill_id, COLUMNS.index(column))

    def show(self, rows: Sequence[SkillRow], keep: str | None = None) -> None:
        """Show these rows, keeping the cursor on `keep` (a skill id) when it is there."""
        cells = []
        previous_group = None
        for row in rows:
            group = row.group if row.group != previous_group else ""
            previous_group = row.group
            target = "" if row.target is None else ("?" if self.hide_targets else str(row.target))
            gap = "" if self.hide_targets and not row.not_applicable else row.gap_text
            current = "-" if row.current is None else str(row.current)
            cells.append((group, current, target, gap, row.name))
        self.set_rows([row.skill_id for row in rows], cells, keep)

    def select_skill(self, skill_id: str) -> bool:
        """Move the cursor to this skill; False when it is not in the table."""
        return self.select_key(skill_id)

    def next_skill(self) -> None:
        self.move_cursor(self.cursor_row + 1)
