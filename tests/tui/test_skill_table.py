"""The skill table on its own: cursor keys, clicks, scrolling, and updates in place."""

from __future__ import annotations

from textual import on
from textual.app import App, ComposeResult
from textual.message import Message

from gaptracker.tui.widgets.skill_table import SkillRow, SkillTable


def rows(count: int, current: int | None = None) -> list[SkillRow]:
    return [
        SkillRow(
            skill_id=f"skill-{n}",
            name=f"Skill number {n} with a long name that a narrow table cuts",
            group="Must" if n < 3 else "Notes",
            current=current,
            target=3,
        )
        for n in range(count)
    ]


class TableApp(App[None]):
    def __init__(self, shown: list[SkillRow]) -> None:
        super().__init__()
        self.shown = shown
        self.messages: list[Message] = []

    def compose(self) -> ComposeResult:
        yield SkillTable(id="table")

    def on_mount(self) -> None:
        self.query_one(SkillTable).show(self.shown)
        self.query_one(SkillTable).focus()

    @on(SkillTable.Highlighted)
    @on(SkillTable.Selected)
    def record(self, event: SkillTable.Highlighted | SkillTable.Selected) -> None:
        self.messages.append(event)


def said(app: TableApp) -> list[tuple[str, str]]:
    return [(type(m).__name__, getattr(m, "key", "")) for m in app.messages]


async def test_keys_move_the_cursor_and_enter_selects() -> None:
    app = TableApp(rows(30))
    async with app.run_test(size=(60, 12)) as pilot:
        table = app.query_one(SkillTable)
        await pilot.press("j", "down", "k")
        assert table.cursor_row == 1
        await pilot.press("end")
        assert table.cursor_row == 29
        await pilot.pause()
        assert table.scroll_y > 0  # the last row is in view: the table scrolled
        await pilot.press("home", "pagedown")
        assert 0 < table.cursor_row < 29
        await pilot.press("home", "up", "enter")  # Enter is each screen's own command
        await pilot.pause()
        assert ("Selected", "skill-0") not in said(app)
        assert said(app)[-1] == ("Highlighted", "skill-0")
        assert ("Highlighted", "skill-29") in said(app)


async def test_a_click_highlights_and_a_second_click_selects() -> None:
    app = TableApp(rows(5))
    async with app.run_test(size=(60, 12)) as pilot:
        table = app.query_one(SkillTable)
        await pilot.click(SkillTable, offset=(10, 3))  # the header is line 0
        await pilot.pause()
        assert table.cursor_row == 2
        assert said(app)[-1] == ("Highlighted", "skill-2")
        await pilot.click(SkillTable, offset=(10, 3))
        await pilot.pause()
        assert said(app)[-1] == ("Selected", "skill-2")
        await pilot.click(SkillTable, offset=(10, 0))  # the header selects nothing
        await pilot.pause()
        assert table.cursor_row == 2


async def test_show_updates_cells_and_keeps_the_cursor() -> None:
    app = TableApp(rows(5))
    async with app.run_test(size=(60, 12)) as pilot:
        table = app.query_one(SkillTable)
        table.move_cursor(3)
        table.show(rows(5, current=2), keep="skill-3")
        await pilot.pause()
        assert table.cell("skill-1", "now") == "2"
        assert table.cell("skill-1", "gap") == "1"
        assert table.cursor_row == 3
        table.show(rows(2), keep="skill-3")  # the kept skill left: the cursor stays in range
        await pilot.pause()
        assert table.row_count == 2 and table.cursor_row == 1


async def test_long_names_give_way_first_and_the_figures_always_show() -> None:
    app = TableApp(rows(4))
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        lines = [
            str(line.text) for line in (app.query_one(SkillTable).render_line(y) for y in range(5))
        ]
        assert lines[0].split() == ["Skill", "Now", "Tgt", "Gap"]
        assert lines[1].startswith(" Skill number 0 ") and "…" in lines[1]
        assert lines[1].rstrip().endswith("-    3    3")  # the figures, whole
        assert all(len(line) == len(lines[0]) == 40 for line in lines)


async def test_hidden_targets_show_a_question_mark_and_no_gap() -> None:
    app = TableApp([])
    async with app.run_test(size=(60, 12)) as pilot:
        table = app.query_one(SkillTable)
        table.hide_targets = True
        table.show(rows(2))
        await pilot.pause()
        assert (table.cell("skill-0", "target"), table.cell("skill-0", "gap")) == ("?", "")


async def test_a_click_after_a_fractional_scroll_lands_on_the_row_shown() -> None:
    """A dragged scrollbar leaves scroll_y between rows; the screen shows it rounded."""
    app = TableApp(rows(30))
    async with app.run_test(size=(60, 12)) as pilot:
        table = app.query_one(SkillTable)
        table.scroll_y = 17.6
        await pilot.pause()
        first_shown = str(table.render_line(1).text)
        await pilot.click(SkillTable, offset=(10, 1))
        await pilot.pause()
        assert f"Skill number {table.cursor_row} " in first_shown
        assert table.cursor_row == table.scroll_offset.y == 18


async def test_selecting_the_highlighted_row_brings_it_back_into_view() -> None:
    app = TableApp(rows(30))
    async with app.run_test(size=(60, 12)) as pilot:
        table = app.query_one(SkillTable)
        table.scroll_y = 15  # the wheel scrolls without moving the cursor
        await pilot.pause()
        assert table.select_key("skill-0")
        await pilot.pause()
        assert table.cursor_row == 0 and table.scroll_offset.y == 0
