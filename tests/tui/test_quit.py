"""Quitting in the same burst as the key that writes: the app waits for the write, then exits.

The keys reach the app as a terminal sends a burst: all posted at once, none waited for.
Each write is held at a gate that opens only when the app says it is saving before it
quits, so the app cannot pass by committing early, and on code that quits at once the
gate never opens and nothing reaches the store.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual import events

from gaptracker.domain.errors import StorageError
from gaptracker.domain.models import Status
from gaptracker.tui.app import GapTrackerApp, finish_writes
from gaptracker.tui.pending_writes import PendingWrites
from tests.fakes import FakeUnitOfWorkFactory
from tests.tui.conftest import settle
from tests.tui.test_assess import GatedUnitOfWorkFactory, app_on

Burst = list[str | Callable[[], object]]
"""Keys, or calls made in the same tick (what the command palette runs on Enter)."""

CHARACTERS = {"enter": "\r", "space": " ", "ctrl+q": "\x11", "escape": "\x1b"}


def palette_quit(app: GapTrackerApp) -> Callable[[], object]:
    """What choosing "Quit" in the command palette does (the palette calls it later)."""
    (command,) = [c for c in app.get_system_commands(app.screen) if c.title == "Quit"]
    return lambda: app.call_later(command.callback)


async def quit_in_one_burst(
    app: GapTrackerApp,
    screen_key: str,
    burst: Callable[[GapTrackerApp], Burst],
    gate: threading.Event,
) -> None:
    """Open a screen, send `burst` at once, and run the app until it has exited; `gate`
    opens when the app says it is saving what was entered before quitting."""
    notify = app.notify

    def watch(message: str, **options: object) -> None:
        if message.startswith("Saving what you entered"):
            gate.set()
        notify(message, **options)  # type: ignore[arg-type]

    app.notify = watch  # type: ignore[method-assign]

    async def drive(pilot) -> None:  # type: ignore[no-untyped-def]
        await app.workers.wait_for_complete()
        await pilot.press(screen_key)
        await settle(app, pilot)
        for step in burst(app):
            if callable(step):
                step()
            else:
                app.post_message(events.Key(step, CHARACTERS.get(step, step)))

    try:
        await app.run_async(headless=True, size=(110, 40), auto_pilot=drive)
    finally:
        gate.set()  # never leave a writer thread waiting


def ratings(factory: FakeUnitOfWorkFactory) -> list[tuple[str, int]]:
    return [(r.skill_id, r.level) for r in factory.store.ratings]


@pytest.mark.parametrize(
    "burst",
    [
        lambda app: ["4", "enter", "q"],
        lambda app: ["4", "enter", "ctrl+q"],
        lambda app: ["4", "enter", palette_quit(app)],
    ],
    ids=["q", "ctrl+q", "palette"],
)
async def test_a_rating_entered_then_quit_at_once_is_committed_before_the_app_exits(
    burst: Callable[[GapTrackerApp], Burst],
) -> None:
    factory = GatedUnitOfWorkFactory()
    app = app_on(factory)
    await quit_in_one_burst(app, "a", burst, factory.gate)
    assert ratings(factory) == [("cpp-cuda-systems-profiling", 4)]
    assert app.return_code == 0
    assert finish_writes(app) == 0


async def test_a_checkin_answer_then_quit_at_once_is_committed() -> None:
    factory = GatedUnitOfWorkFactory()
    app = app_on(factory)
    await quit_in_one_burst(app, "c", lambda app: ["4", "enter", "ctrl+q"], factory.gate)
    assert ratings(factory) == [("cpp-cuda-systems-profiling", 4)]
    assert factory.store.ratings[0].checkin_id is not None


async def test_a_plan_change_then_quit_at_once_is_committed() -> None:
    factory = GatedUnitOfWorkFactory()
    app = app_on(factory)
    await quit_in_one_burst(app, "p", lambda app: ["s", "q"], factory.gate)
    (event,) = factory.store.plan
    assert event.status is Status.IN_PROGRESS


async def test_an_export_saved_then_quit_at_once_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gaptracker.files

    gate = threading.Event()
    write = gaptracker.files.write_output

    def gated_write(path: Path, text: str, **options: Any) -> Path:
        assert gate.wait(timeout=60), "the test never opened the gate"
        return write(path, text, **options)

    monkeypatch.setattr(gaptracker.files, "write_output", gated_write)
    app = app_on(FakeUnitOfWorkFactory())
    app.export_dir = tmp_path
    # e opens the save dialog (Enter there saves); ctrl+q, as q would be typed into it.
    await quit_in_one_burst(app, "e", lambda app: ["enter", "ctrl+q"], gate)
    assert [p.suffix for p in tmp_path.iterdir()] == [".md"]


class FailingAtTheGate(FakeUnitOfWorkFactory):
    """Commits wait for the gate, then fail as a full disk would."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = threading.Event()

    def __call__(self, *, reading: bool = False):  # type: ignore[no-untyped-def]
        uow = super().__call__(reading=reading)

        def failing_commit() -> None:
            assert self.gate.wait(timeout=60), "the test never opened the gate"
            raise StorageError("the disk is full")

        uow.commit = failing_commit  # type: ignore[method-assign]
        return uow


async def test_a_write_that_fails_on_the_way_out_is_said_after_exit(
    capsys: pytest.CaptureFixture[str],
) -> None:
    factory = FailingAtTheGate()
    app = app_on(factory)
    await quit_in_one_burst(app, "a", lambda app: ["4", "enter", "q"], factory.gate)
    assert factory.store.ratings == []
    assert app.return_code == 1
    assert finish_writes(app) == 1
    lines = capsys.readouterr().err.splitlines()
    assert lines == ["gaptracker: error: not saved: the disk is full"]


def test_what_was_not_saved_is_one_line_and_nothing_is_taken_after_closing() -> None:
    writes = PendingWrites()
    gate = threading.Event()

    def full_disk() -> None:
        assert gate.wait(timeout=60), "the test never opened the gate"
        raise StorageError("the disk is full")

    def broken() -> None:
        raise ValueError("boom")

    failing = writes.submit(full_disk)
    writes.submit(broken)
    writes.submit(lambda: None)
    assert failing is not None and writes.unfinished()
    writes.quitting = True  # what fails from now on is never seen on screen
    writes.shown(failing)
    gate.set()
    assert writes.wait() == (
        "2 changes not saved, the first: the disk is full"  # one line, the first reason
    )
    assert writes.submit(lambda: None) is None
