"""The theme and the keymap outlive the app, through the command line as it starts the app.

Each test runs `gaptracker tui` in-process with the config folder (XDG_CONFIG_HOME) in a
temp folder; the app the command line builds, preferences and all, is run headless under
Pilot instead of on the terminal (`run_app` stood in for), driven, then quit with `q`.
"""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widgets import Static

import gaptracker.cli.common
import gaptracker.tui.app
from gaptracker.cli import main
from gaptracker.preferences import preferences_path
from gaptracker.tui.app import GapTrackerApp
from gaptracker.tui.commands import COMMANDS, help_rows
from gaptracker.tui.screens.assess import AssessScreen
from gaptracker.tui.screens.dashboard import DashboardScreen
from gaptracker.tui.screens.help import HelpTable
from gaptracker.tui.widgets.key_bar import KeyBar
from tests.tui.conftest import settle
from tests.workers import workers_done

Drive = Callable[[GapTrackerApp, Pilot[Any]], Awaitable[None]]
ROLE = "inference-optimization-engineer"


@pytest.fixture
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    return home


@pytest.fixture
def launch(
    db_path: Path, config_home: Path, monkeypatch: pytest.MonkeyPatch
) -> Callable[[Drive], GapTrackerApp]:
    """launch(drive): `gaptracker tui` on a database with a target role; the app it
    starts is driven by `drive`, then quit. Returns the app, once it is gone."""
    assert main(["--db", str(db_path), "target", ROLE]) == 0
    apps: list[GapTrackerApp] = []

    def run(drive: Drive) -> GapTrackerApp:
        def run_app(tracker: Any, **options: Any) -> int:
            app = GapTrackerApp(tracker, **options)
            apps.append(app)

            async def session() -> None:
                async with app.run_test(size=(80, 24)) as pilot:
                    await settle(app, pilot)
                    await drive(app, pilot)
                    await pilot.press("q")
                    await workers_done(app)  # the quit, and the theme it writes first

            asyncio.run(session())
            return 0

        monkeypatch.setattr(gaptracker.tui.app, "run_app", run_app)
        monkeypatch.setattr(gaptracker.cli.common, "require_terminal", lambda: None)
        assert main(["--db", str(db_path), "tui"]) == 0
        return apps[-1]

    return run


async def _palette(app: GapTrackerApp, pilot: Pilot[Any], title: str) -> None:
    """Type `title` into the open command palette and run the hit with that title."""
    assert isinstance(app.screen, CommandPalette)
    await pilot.press(*title.lower())
    options = app.screen.query_one(CommandList)
    while True:  # the palette searches asynchronously, its hits arrive as they are found
        titles = [
            str(options.get_option_at_index(i).prompt).split("\n")[0]
            for i in range(options.option_count)
        ]
        if title in titles:
            break
        await pilot.pause()
    options.highlighted = titles.index(title)
    await pilot.press("enter")
    await pilot.pause()


async def choose_light_theme(app: GapTrackerApp, pilot: Pilot[Any]) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    await _palette(app, pilot, "Theme")
    await _palette(app, pilot, "textual-light")
    assert app.theme == "textual-light"


async def nothing(app: GapTrackerApp, pilot: Pilot[Any]) -> None:
    pass


def test_a_theme_chosen_in_the_palette_is_there_after_a_restart(
    launch: Callable[[Drive], GapTrackerApp], config_home: Path
) -> None:
    first = launch(choose_light_theme)
    assert first.preferences_file == config_home / "gaptracker" / "preferences.json"
    again = launch(nothing)
    assert again.theme == "textual-light"
    assert not again.current_theme.dark
    assert json.loads(preferences_path().read_text())["theme"] == "textual-light"


def test_a_keymap_in_the_file_rebinds_a_key(
    launch: Callable[[Drive], GapTrackerApp], config_home: Path
) -> None:
    path = config_home / "gaptracker" / "preferences.json"
    path.parent.mkdir(parents=True)
    path.write_text('{"keymap": {"gaptracker.assess": "A"}}')
    screens: list[type] = []

    async def press_a_both_ways(app: GapTrackerApp, pilot: Pilot[Any]) -> None:
        for key in ("a", "A"):
            await pilot.press(key)
            await settle(app, pilot)
            screens.append(type(app.screen))

    launch(press_a_both_ways)
    assert screens == [DashboardScreen, AssessScreen]  # "a" no longer assesses, "A" does


def test_the_footer_and_help_show_the_keymap_and_help_names_each_id(
    launch: Callable[[Drive], GapTrackerApp], config_home: Path
) -> None:
    path = config_home / "gaptracker" / "preferences.json"
    path.parent.mkdir(parents=True)
    path.write_text('{"keymap": {"gaptracker.assess": "A"}}')
    shown: dict[str, str] = {}

    async def read_footer_and_help(app: GapTrackerApp, pilot: Pilot[Any]) -> None:
        shown["footer"] = str(app.screen.query_one(KeyBar).render())
        await pilot.press("question_mark")
        await pilot.pause()
        table = app.screen.query_one(HelpTable)
        rows = [table.cell_row(i) for i in range(table.row_count)]
        assess = rows.index(("A", "Rate your skills against the rubric"))
        table.move_cursor(assess)
        await pilot.pause()
        shown["id"] = str(app.screen.query_one("#help-id", Static).render())

    launch(read_footer_and_help)
    assert " A Assess " in shown["footer"] and " a Assess " not in shown["footer"]
    assert "gaptracker.assess" in shown["id"]


def _fifo(path: Path) -> None:
    os.mkfifo(path)


HOSTILE: dict[str, Callable[[Path], None]] = {
    "garbage": lambda p: p.write_bytes(b"\x00\xff{theme: light,,"),
    "not utf-8": lambda p: p.write_bytes(b'{"theme": "\xff\xfe"}'),
    "huge": lambda p: p.write_text(json.dumps({"theme": "textual-light", "x": "y" * 200_000})),
    "nested too deep": lambda p: p.write_text("[" * 60_000 + "]" * 60_000),
    "a list": lambda p: p.write_text('["textual-light"]'),
    "a folder": lambda p: p.mkdir(),
    "a link to itself": lambda p: p.symlink_to(p.name),
    "a FIFO": _fifo,
}


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_a_file_that_is_not_preferences_gives_the_defaults_and_stays_as_it_was(
    kind: str, launch: Callable[[Drive], GapTrackerApp], config_home: Path
) -> None:
    path = config_home / "gaptracker" / "preferences.json"
    path.parent.mkdir(parents=True)
    HOSTILE[kind](path)
    before = _fingerprint(path)
    app = launch(choose_light_theme)  # starts, and a theme can still be chosen
    assert app.preferences.keymap == {}
    assert _fingerprint(path) == before  # the user's file, not the app's to replace
    assert launch(nothing).theme == "textual-dark"  # not kept: there was nowhere to keep it


def test_a_file_with_wrong_entries_keeps_them_and_gets_the_theme(
    launch: Callable[[Drive], GapTrackerApp], config_home: Path
) -> None:
    path = config_home / "gaptracker" / "preferences.json"
    path.parent.mkdir(parents=True)
    written = {"theme": 7, "keymap": ["gaptracker.assess"], "future": {"x": 1}}
    path.write_text(json.dumps(written))
    path.chmod(0o644)
    assert launch(choose_light_theme).preferences.keymap == {}
    assert json.loads(path.read_text()) == {**written, "theme": "textual-light"}
    assert path.stat().st_mode & 0o777 == 0o644
    assert launch(nothing).theme == "textual-light"


def _fingerprint(path: Path) -> tuple[object, ...]:
    info = path.lstat()
    content = path.read_bytes() if path.is_file() and not path.is_symlink() else b""
    return (info.st_mode, info.st_size, info.st_mtime_ns, content)


@pytest.mark.parametrize(
    "keys",
    ["q", "", " ", ",", "ctrl+", "a,", "shift+ctrl+alt+super+meta+hyper+x", "🙂", "a" * 5000],
)
def test_any_keymap_lets_the_app_start_and_quit(
    keys: str, launch: Callable[[Drive], GapTrackerApp], config_home: Path
) -> None:
    path = config_home / "gaptracker" / "preferences.json"
    path.parent.mkdir(parents=True)
    keymap = {"gaptracker.assess": keys, "gaptracker.no-such-command": keys}
    path.write_text(json.dumps({"keymap": keymap}))
    seen: list[type] = []

    async def look(app: GapTrackerApp, pilot: Pilot[Any]) -> None:
        seen.append(type(app.screen))

    launch(look)
    assert seen == [DashboardScreen]


def test_help_lists_every_keys_id_and_the_keys_the_keymap_gives() -> None:
    keymap = {"gaptracker.help": "h", "gaptracker.level-3": "x"}
    rows = help_rows("assess", keymap, mentor=True)  # a mentor's help lists every command
    by_id = {row.binding_id: row for row in rows}
    assert by_id["gaptracker.help"].keys == "h"
    assert by_id["gaptracker.level-0 to -5"].keys == "0,1,2,x,4,5"
    assert by_id["gaptracker.assess"].keys == "a"  # not in the keymap: as the table has it
    named = set()
    for row in rows:
        first, _, last = (row.binding_id or "").partition(" to -")
        stem, _, start = first.rpartition("-")
        named |= {f"{stem}-{k}" for k in range(int(start), int(last) + 1)} if last else {first}
    assert {b.id for c in COMMANDS for b in c.bindings()} <= named  # each one is shown
