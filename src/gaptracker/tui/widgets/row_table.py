"""A table of text rows under a fixed header, with a row cursor: a Line API widget.

Textual's DataTable re-renders every row and cell for any change (its caches are keyed
on a table-wide update counter), which was most of the frame after a saved rating and
much of the dashboard's first frame. Here each line is rendered from its own cells and
cached on them, so a change repaints the lines that changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip


class RowTable(ScrollView, can_focus=True):
    """Rows of text cells under a header line that stays put, with a row cursor.

    Posts Highlighted as the cursor moves and Selected on a click on the highlighted row;
    j/k move like the arrows. Subclasses set LABELS (the header), ZEBRA
    and FLEX, and hand rows over with set_rows(). Cells are plain text: user text comes in
    already made safe to show (`domain.text.one_line`).
    """

    LABELS: ClassVar[tuple[str, ...]] = ()
    ZEBRA: ClassVar[bool] = False
    FLEX: ClassVar[int | None] = None
    """The column that gives way when the table is narrower than its rows (cut with an
    ellipsis), so the others always show whole: the name column, never the figures."""

    DEFAULT_CSS = """
    RowTable {
        background: $surface;
        color: $foreground;
        overflow-x: hidden;
        &:focus {
            background-tint: $foreground 5%;
            & > .row-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .row-table--header {
                background-tint: $foreground 5%;
            }
        }
        & > .row-table--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        & > .row-table--even-row {
            background: $surface-lighten-1 50%;
        }
        &:dark > .row-table--even-row {
            background: $surface-darken-1 40%;
        }
        & > .row-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """
    COMPONENT_CLASSES = {
        "row-table--header",
        "row-table--even-row",
        "row-table--cursor",
    }
    BINDINGS = [
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
    ]
    """Moving only: what Enter does is each screen's own command (the command table), so
    it shows in the footer and the help; a click on the highlighted row posts Selected."""

    class _RowMessage(Message):
        def __init__(self, table: RowTable, key: str) -> None:
            super().__init__()
            self.table = table
            self.key = key

        @property
        def control(self) -> RowTable:
            return self.table

    class Highlighted(_RowMessage):
        """The cursor moved to the row `key`."""

    class Selected(_RowMessage):
        """Enter, or a click on the highlighted row `key`."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._keys: list[str] = []
        self._cells: list[tuple[str, ...]] = []
        self._widths: tuple[int, ...] = tuple(len(label) for label in self.LABELS)
        self._lines: LRUCache[tuple[object, ...], Strip] = LRUCache(256)
        self.cursor_row = 0

    @property
    def row_count(self) -> int:
        return len(self._keys)

    @property
    def cursor_key(self) -> str | None:
        return self._keys[self.cursor_row] if self._keys else None

    def cell_at(self, key: str, column: int) -> str:
        """What the table shows for this row key in this column."""
        return self._cells[self._keys.index(key)][column]

    def cell_row(self, index: int) -> tuple[str, ...]:
        """The cells of the row at `index`, as given."""
        return self._cells[index]

    def set_rows(
        self, keys: Sequence[str], cells: Sequence[tuple[str, ...]], keep: str | None = None
    ) -> None:
        """Show these rows, keeping the cursor on `keep` (a row key) when it is there.

        The same keys with the same column widths repaint only the lines whose cells
        changed, so a saved rating costs one line.
        """
        keys, cells = list(keys), list(cells)
        widths = tuple(
            max([len(label), *(cell_len(c[i]) for c in cells)])
            for i, label in enumerate(self.LABELS)
        )
        if keys == self._keys and widths == self._widths:
            changed = [
                i for i, (new, old) in enumerate(zip(cells, self._cells, strict=True)) if new != old
            ]
            self._cells = cells
            for index in changed:
                self._refresh_row(index)
            return
        self._keys, self._cells, self._widths = keys, cells, widths
        self.virtual_size = Size(sum(widths) + 2 * len(widths), len(keys) + 1)
        index = keys.index(keep) if keep in keys else min(self.cursor_row, len(keys) - 1)
        self.cursor_row = max(0, index)
        self.refresh()
        self._cursor_moved()

    # Cursor

    def select_key(self, key: str) -> bool:
        """Move the cursor to this row; False when it is not in the table."""
        if key not in self._keys:
            return False
        self.move_cursor(self._keys.index(key))
        return True

    def move_cursor(self, row: int) -> None:
        if not self._keys:
            return
        row = max(0, min(row, len(self._keys) - 1))
        if row == self.cursor_row:
            self._scroll_to_cursor()  # it may have been scrolled out of view
            return
        self._refresh_row(self.cursor_row)
        self.cursor_row = row
        self._refresh_row(row)
        self._cursor_moved()

    def _cursor_moved(self) -> None:
        if not self._keys:
            return
        self._scroll_to_cursor()
        self.post_message(self.Highlighted(self, self._keys[self.cursor_row]))

    def on_resize(self) -> None:
        self._scroll_to_cursor()

    def _scroll_to_cursor(self) -> None:
        if self.scrollable_content_region.height < 2:
            return  # not laid out yet: on_resize brings the cursor into view
        rows_shown = self.scrollable_content_region.height - 1
        top = self.scroll_offset.y
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, immediate=True)
        elif self.cursor_row >= top + rows_shown:
            self.scroll_to(y=self.cursor_row - rows_shown + 1, animate=False, immediate=True)

    def _rows_per_page(self) -> int:
        return max(1, self.scrollable_content_region.height - 2)

    def _move_by_key(self, row: int) -> None:
        """A move the user made: the whole table is brought into view too, so the cursor
        never moves off the screen in a table that a scrolling page cuts (the dashboard
        at 80x24). Moves the app makes (set_rows, select_key) leave the page as it is."""
        self.move_cursor(row)
        self.scroll_visible(animate=False)

    def action_cursor_up(self) -> None:
        self._move_by_key(self.cursor_row - 1)

    def action_cursor_down(self) -> None:
        self._move_by_key(self.cursor_row + 1)

    def action_page_up(self) -> None:
        self._move_by_key(self.cursor_row - self._rows_per_page())

    def action_page_down(self) -> None:
        self._move_by_key(self.cursor_row + self._rows_per_page())

    def action_first(self) -> None:
        self._move_by_key(0)

    def action_last(self) -> None:
        self._move_by_key(len(self._keys) - 1)

    def action_select(self) -> None:
        if self._keys:
            self.post_message(self.Selected(self, self._keys[self.cursor_row]))

    def on_click(self, event: events.Click) -> None:
        """A click highlights a row; a click on the highlighted row selects it."""
        if event.y < 1:  # the header
            return
        row = self.scroll_offset.y + event.y - 1
        if not 0 <= row < len(self._keys):
            return
        event.stop()
        if row == self.cursor_row:
            self.action_select()
        else:
            self.move_cursor(row)

    # Rendering

    def _refresh_row(self, index: int) -> None:
        y = index - self.scroll_offset.y + 1
        if y >= 1:
            self.refresh(Region(0, y, self.size.width, 1))

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines.clear()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            return self._line(self.LABELS, "row-table--header", width)
        index = self.scroll_offset.y + y - 1
        if index >= len(self._cells):
            return Strip.blank(width, self.rich_style)
        if index == self.cursor_row:
            component = "row-table--cursor"
        elif index % 2 and self.ZEBRA:
            component = "row-table--even-row"
        else:
            component = ""
        return self._line(self._cells[index], component, width)

    def _line(self, cells: Sequence[str], component: str, width: int) -> Strip:
        key = (tuple(cells), component, width, self._widths)
        strip = self._lines.get(key)
        if strip is None:
            style = self.rich_style
            if component:
                style += self.get_component_rich_style(component)
            strip = Strip([Segment(self._text(cells, width), style)], width)
            self._lines[key] = strip
        return strip

    def _fitted_widths(self, width: int) -> tuple[int, ...]:
        """Column widths for a table `width` cells wide: the FLEX column gives way first."""
        widths = list(self._widths)
        excess = sum(widths) + 2 * len(widths) - width
        if self.FLEX is not None and excess > 0 and widths:
            floor = min(widths[self.FLEX], max(len(self.LABELS[self.FLEX]), 8))
            widths[self.FLEX] = max(floor, widths[self.FLEX] - excess)
        return tuple(widths)

    def _text(self, cells: Sequence[str], width: int) -> str:
        """The cells padded to their columns (one space each side); a cell too long for
        its column ends in an ellipsis, and so does a line too long for the table."""
        text = "".join(
            f" {_fit(cell, w)} " for cell, w in zip(cells, self._fitted_widths(width), strict=True)
        ).rstrip()
        if cell_len(text) > width:
            return set_cell_size(text, max(0, width - 1)) + "…"
        return set_cell_size(text, width)


def _fit(cell: str, width: int) -> str:
    if cell_len(cell) <= width:
        return set_cell_size(cell, width)
    return set_cell_size(cell, max(0, width - 1)) + "…"
