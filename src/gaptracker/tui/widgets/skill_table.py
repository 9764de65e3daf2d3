"""The skills to assess, grouped by category (Must first), with current, target and gap."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable


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


class SkillTable(DataTable[str]):
    """Posts SkillHighlighted as the cursor moves; j/k move like arrows."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    class SkillHighlighted(Message):
        def __init__(self, skill_id: str) -> None:
            super().__init__()
            self.skill_id = skill_id

    _keys: list[str] = []
    _shown: list[tuple[str, str, str, str, str]] = []
    hide_targets = False
    """Honest rating: show '?' instead of the target while the user picks a level."""

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = True
        # Numbers before the name: on a narrow terminal the long names are what gets cut.
        self.add_column("Group", key="group")
        self.add_column("Now", key="now")
        self.add_column("Tgt", key="target")
        self.add_column("Gap", key="gap")
        self.add_column("Skill", key="skill")

    def show(self, rows: Sequence[SkillRow], keep: str | None = None) -> None:
        """Show these rows, keeping the cursor on `keep` (a skill id) when it is there.

        The same skills in the same order get only their changed cells updated: rebuilding
        would move the cursor, and the highlight messages that follow would clear a level
        the user has just chosen; and every update_cell() re-renders the whole table, so
        a saved rating touches one cell, not eighty.
        """
        keys = [row.skill_id for row in rows]
        cells = self._cells(rows)
        if keys and keys == self._keys:
            for key, values, before in zip(keys, cells, self._shown, strict=True):
                for column, value, old in zip(COLUMNS, values, before, strict=True):
                    if value != old:
                        self.update_cell(key, column, value)
            self._shown = cells
            return
        self.clear()
        for key, values in zip(keys, cells, strict=True):
            self.add_row(*values, key=key)
        self._keys, self._shown = keys, cells
        if keep is not None:
            self.select_skill(keep)

    def _cells(self, rows: Sequence[SkillRow]) -> list[tuple[str, str, str, str, str]]:
        out = []
        previous_group = None
        for row in rows:
            group = row.group if row.group != previous_group else ""
            previous_group = row.group
            target = "" if row.target is None else ("?" if self.hide_targets else str(row.target))
            out.append(
                (
                    group,
                    "-" if row.current is None else str(row.current),
                    target,
                    "" if self.hide_targets and not row.not_applicable else row.gap_text,
                    row.name,
                )
            )
        return out

    def select_skill(self, skill_id: str) -> bool:
        try:
            index = self.get_row_index(skill_id)
        except Exception:  # RowDoesNotExist: the skill is not in this view
            return False
        self.move_cursor(row=index)
        return True

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is not None:
            self.post_message(self.SkillHighlighted(event.row_key.value))

    def next_skill(self) -> None:
        if self.cursor_row < self.row_count - 1:
            self.move_cursor(row=self.cursor_row + 1)
