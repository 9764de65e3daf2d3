"""Issue 16: the footer, the help screen and the palette, all made from one table.

10. The footer was cut at 80 columns on every screen, and on assess and plan `? Help`
    and `q Quit` were hidden even at 160. What fits shows, whole, most important first.
Low: help was a flat list with cut text; it shows the current screen's keys first.
And: a command added to the table appears in the bindings, the footer, help, palette.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.binding import Binding

from gaptracker.catalog import load_catalog
from gaptracker.services.tracker import Tracker
from gaptracker.storage.schema import open_database
from gaptracker.tui.app import GapTrackerApp
from tests.fakes import FixedClock
from tests.tui.conftest import MakeApp, settle
from tests.tui.screen_text import drawn_lines, footer_line, forget_modules

SCREENS = {"d": "DashboardScreen", "a": "AssessScreen", "c": "CheckinScreen"}
SCREENS |= {"h": "HistoryScreen", "p": "PlanScreen", "r": "RolesScreen"}


def footer_entries(app: GapTrackerApp) -> list[str]:
    """The footer's entries left to right (`key description`), failing on one that is
    not a whole entry of the screen's bindings: a cut one."""
    line = footer_line(app).split("▏")[0]
    entries = {
        f"{app.get_key_display(binding)} {binding.description}"
        for _, binding, _, _ in app.screen.active_bindings.values()
        if isinstance(binding, Binding) and binding.show
    }
    found = []
    rest = line.strip()
    while rest:
        entry = max(
            (e for e in entries if rest == e or rest.startswith(e + " ")), key=len, default=None
        )
        assert entry is not None, f"a cut entry in the footer: {rest!r} (line {line!r})"
        found.append(entry)
        rest = rest[len(entry) :].strip()
    return found


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
@pytest.mark.parametrize("key", list(SCREENS))
async def test_the_footer_shows_whole_entries_help_and_quit_first(
    make_app: MakeApp, seeded_tracker: Tracker, key: str, size: tuple[int, int]
) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        await pilot.press(key)
        await settle(app, pilot)
        assert app.screen.__class__.__name__ == SCREENS[key]
        entries = footer_entries(app)
        assert entries[:2] == ["? Help", "q Quit"], entries
        assert len(entries) >= 3, entries  # and the screen's own, as many as fit
        assert footer_line(app).rstrip().endswith("palette")


async def help_lines(app: GapTrackerApp, pilot) -> list[str]:  # type: ignore[no-untyped-def]
    """Every line of the help table, paging down to its end."""
    await pilot.press("question_mark")
    await settle(app, pilot)
    table = app.screen.query_one("#help-table")
    lines: list[str] = []
    for _ in range(100):
        page = drawn_lines(table)
        lines += [line for line in page[1:] if line.strip() and line not in lines]
        if table.scroll_y >= table.max_scroll_y:
            return [drawn_lines(table)[0], *lines]
        await pilot.press("pagedown")
        await pilot.pause()
    raise AssertionError("the help table never reached its end")


@pytest.mark.parametrize(("key", "heading"), [("a", "Assess"), ("p", "Plan"), ("r", "Roles")])
async def test_help_at_80x24_shows_this_screens_keys_first_and_cuts_nothing(
    make_app: MakeApp, seeded_tracker: Tracker, key: str, heading: str
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press(key)
        await settle(app, pilot)
        lines = await help_lines(app, pilot)
    assert lines[1].split()[0] == f"{heading}:", lines[:3]
    cut = [line for line in lines if "…" in line]
    assert cut == [], cut


# One command table


@pytest.fixture
def added_command(monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """A command added to the table before the app and its screens are built from it:
    their modules are imported afresh for this test (and put back after it)."""
    from gaptracker.tui import commands

    wave = commands.Command(
        "gaptracker.test-wave",
        "Wave",
        "Wave at the user (a command only this test adds)",
        "app.bell",
        ("z",),
        rank=2,
        palette="test: wave",
    )
    monkeypatch.setattr(commands, "COMMANDS", (*commands.COMMANDS, wave))
    forget_modules(
        monkeypatch,
        lambda name: name == "gaptracker.tui.app" or name.startswith("gaptracker.tui.screens"),
    )
    yield wave


async def test_a_command_added_to_the_table_is_a_key_a_footer_entry_a_help_row_and_in_the_palette(
    added_command: object, db_path: Path, clock: FixedClock, seeded_tracker: Tracker
) -> None:
    from textual.command import CommandList

    from gaptracker.tui.app import GapTrackerApp as FreshApp

    app = FreshApp(Tracker(load_catalog(), open_database(db_path).uow_factory, clock))
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(app, pilot)
        bound = app.screen.active_bindings["z"].binding  # a key, on every screen
        assert bound.id == "gaptracker.test-wave"
        assert "z Wave" in footer_entries(app)[:3]  # ranked 2: after help and quit
        await pilot.press("a")
        await settle(app, pilot)
        assert "z Wave" in footer_entries(app)
        assert app.screen.active_bindings["z"].binding.id == "gaptracker.test-wave"
        rows = await help_lines(app, pilot)
        assert any("Wave at the user" in row for row in rows), rows
        await pilot.press("escape", "ctrl+p", *"test: wave")
        await settle(app, pilot)
        hits = app.screen.query_one(CommandList)
        assert "test: wave" in str(hits.get_option_at_index(0).prompt)
        await pilot.press("enter")  # runs it: the bell
        await settle(app, pilot)
