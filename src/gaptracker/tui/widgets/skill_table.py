"""The skills to assess, Must first, each with its name, current level, target and gap."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.reactive import var

from gaptracker.domain.rubric import RUBRIC_MARK
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
    rubric_changed: bool = False
    """The current level was rated against a rubric that has changed since: marked."""

    @property
    def gap_text(self) -> str:
        if self.not_applicable:
            return "n/a"
        if self.target is None:
            return ""
        return str(max(0, self.target - (self.current or 0)))


COLUMNS = ("skill", "now", "target", "gap")


class SkillTable(RowTable):
    """The screen binds `rows`, `selected` (the skill id it wants highlighted) and
    `hide_targets`; Highlighted and Selected carry the skill id as their key.

    The name comes first and gives way last of all but the figures (FLEX): a skill is
    known by its name, and "C++, …" twice tells the user nothing.
    """

    LABELS = ("Skill", "Now", "Tgt", "Gap")
    ZEBRA = True
    FLEX = 0

    rows: var[tuple[SkillRow, ...]] = var((), init=False)
    selected: var[str | None] = var(None, init=False)
    hide_targets: var[bool] = var(False, init=False)
    """Rating without the target in view: '?' instead of the target, no gap."""

    def cell(self, skill_id: str, column: str) -> str:
        """What the table shows for this skill in this column (one of COLUMNS)."""
        return self.cell_at(skill_id, COLUMNS.index(column))

    def watch_rows(self) -> None:
        self.show(self.rows, keep=self.selected)

    def watch_hide_targets(self) -> None:
        self.show(self.rows, keep=self.selected)

    def watch_selected(self, skill_id: str | None) -> None:
        if skill_id is not None and skill_id != self.cursor_key:
            self.select_key(skill_id)

    def show(self, rows: Sequence[SkillRow], keep: str | None = None) -> None:
        """Show these rows, keeping the cursor on `keep` (a skill id) when it is there."""
        cells = []
        for row in rows:
            target = "" if row.target is None else ("?" if self.hide_targets else str(row.target))
            gap = "" if self.hide_targets and not row.not_applicable else row.gap_text
            mark = RUBRIC_MARK if row.rubric_changed else ""
            current = "-" if row.current is None else f"{row.current}{mark}"
            cells.append((row.name, current, target, gap))
        self.set_rows([row.skill_id for row in rows], cells, keep)

    def next_skill(self) -> None:
        self.move_cursor(self.cursor_row + 1)
