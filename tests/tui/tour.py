"""A tour of the app's screens, shared by the contrast test and the snapshots: one seeded
history that gives every screen something to show, and the keys that reach each screen
in a state worth looking at (assess with a level chosen, check-in half way)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from gaptracker.cli.pack_chooser import FolderPackChooser
from gaptracker.services.tracker import Tracker
from gaptracker.tui.app import GapTrackerApp
from gaptracker.tui.screens.assess import AssessScreen
from gaptracker.tui.screens.dashboard import DashboardScreen
from tests.fakes import FixedClock
from tests.tui.conftest import settle
from tests.tui.packs import make_packs

Step = Callable[[GapTrackerApp, Pilot[Any]], Awaitable[None]]


def seed(tracker: Tracker, clock: FixedClock) -> None:
    """Twelve weekly check-ins with steady progress, a few ratings with notes and
    evidence, and two goals: a user a quarter in."""
    tracker.set_target("inference-optimization-engineer")
    skills = ("cpp-cuda-systems-profiling", "reproducibility-discipline", "inference-optimization")
    for week in range(12):
        walk = tracker.checkin.walk()
        for i, skill in enumerate(skills):
            walk = tracker.checkin.record(walk, skill, min(5, (week + 2 * i) // 3), f"week {week}")
        clock.advance(days=7)
    tracker.rate("gpu-cuda-programming", 2, note="wrote a tiled matmul")
    tracker.rate("model-serving", 2, evidence="https://example.org/serving-notes")
    tracker.set_goal("distributed-compute-literacy", 3, clock.today() + dt.timedelta(days=60))
    tracker.set_goal("cpp-cuda-systems-profiling", 4, clock.today() + dt.timedelta(days=30))
    clock.advance(days=3)


async def _keys(app: GapTrackerApp, pilot: Pilot[Any], *keys: str) -> None:
    """Press the keys once the screen before them is done (its first-frame focus too)."""
    await dashboard(app, pilot)
    await pilot.press(*keys)
    await settle(app, pilot)


async def dashboard(app: GapTrackerApp, pilot: Pilot[Any]) -> None:
    """Settled; on the dashboard, once its table has taken focus (just after the first
    frame: a screenshot or a dialog before that would catch it either way)."""
    await settle(app, pilot)
    while isinstance(app.screen, DashboardScreen) and app.screen.focused is None:
        await pilot.pause()


async def assess(app: GapTrackerApp, pilot: Pilot[Any]) -> None:
    """A skill selected and a level chosen, not saved."""
    await _keys(app, pilot, "a")
    assert isinstance(app.screen, AssessScreen)
    app.screen.select_skill("gpu-cuda-programming")
    await _keys(app, pilot, "3")


async def checkin(app: GapTrackerApp, pilot: Pilot[Any]) -> None:
    await _keys(app, pilot, "c")


async def checkin_level_chosen(app: GapTrackerApp, pilot: Pilot[Any]) -> None:
    """A new level chosen: the note field is open."""
    await _keys(app, pilot, "c", "4")


async def history(app: GapTrackerApp, pilot: Pilot[Any]) -> None:
    await _keys(app, pilot, "h")


async def plan(app: GapTrackerApp, pilot: Pilot[Any]) -> None:
    await _keys(app, pilot, "p")


async def roles(app: GapTrackerApp, pilot: Pilot[Any]) -> None:
    await _keys(app, pilot, "r")


async def help_screen(app: GapTrackerApp, pilot: Pilot[Any]) -> None:
    await _keys(app, pilot, "question_mark")


async def export_dialog(app: GapTrackerApp, pilot: Pilot[Any]) -> None:
    await _keys(app, pilot, "e")


async def goal_dialog(app: GapTrackerApp, pilot: Pilot[Any]) -> None:
    await assess(app, pilot)
    await _keys(app, pilot, "g")


async def notifications(app: GapTrackerApp, pilot: Pilot[Any]) -> None:
    """A message of each severity, with a title, as a write's outcome shows one."""
    await settle(app, pilot)
    for severity in ("information", "warning", "error"):
        app.notify(f"Saved the {severity} example", title=severity.title(), severity=severity)
    await settle(app, pilot)


async def pack_picker(app: GapTrackerApp, pilot: Pilot[Any]) -> None:
    """The packs of `tests.tui.packs`, the invalid one highlighted (its first problem)."""
    await _keys(app, pilot, "r", "s")
    await _keys(app, pilot, "down")


async def pack_diff(app: GapTrackerApp, pilot: Pilot[Any]) -> None:
    """What switching to `mine` changes, before the switch."""
    await _keys(app, pilot, "r", "s")
    await _keys(app, pilot, "end", "enter")


welcome = dashboard
"""On an empty database the app opens on the welcome screen by itself."""

STEPS: dict[str, Step] = {
    "dashboard": dashboard,
    "assess": assess,
    "checkin": checkin,
    "checkin-level-chosen": checkin_level_chosen,
    "history": history,
    "plan": plan,
    "roles": roles,
    "welcome": welcome,
    "help": help_screen,
    "export-dialog": export_dialog,
    "goal-dialog": goal_dialog,
    "notifications": notifications,
    "pack-picker": pack_picker,
    "pack-diff": pack_diff,
}
EMPTY_DATABASE = frozenset({"welcome"})
"""Screens the tour reaches from an empty database; the others from `seed`."""
WITH_NOTIFICATIONS = frozenset({"notifications"})
"""Places to run with notifications on (`App.run_test` hides them by default)."""
WITH_PACKS = frozenset({"pack-picker", "pack-diff"})
"""Places that need the skill packs of `tests.tui.packs` (`app_for`)."""


def app_for(place: str, tracker: Tracker, tmp_path: Path) -> GapTrackerApp:
    """The app for a place of the tour, exporting into `tmp_path` (its packs there too)."""
    chooser = None
    if place in WITH_PACKS:
        packs_dir = tmp_path / "packs"
        make_packs(packs_dir)
        chooser = FolderPackChooser(packs_dir, tracker)
    return GapTrackerApp(tracker, export_dir=tmp_path, pack_chooser=chooser)


async def hold_still(app: GapTrackerApp, pilot: Pilot[Any]) -> None:
    """Stop every text cursor's blink (leaving it drawn): the blink is a wall-clock timer,
    so which phase a screenshot caught would depend on the machine's speed."""
    for screen in app.screen_stack:
        for field in screen.query(Input):
            field.cursor_blink = False
    await pilot.pause()
