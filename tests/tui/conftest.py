"""Build the app around a temp database and a fixed clock."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from gaptracker.catalog import load_catalog
from gaptracker.services.tracker import Tracker
from gaptracker.storage.schema import open_database
from gaptracker.tui.app import GapTrackerApp
from tests.fakes import FixedClock
from tests.workers import workers_done

MakeApp = Callable[[], GapTrackerApp]


@pytest.fixture
def make_app(db_path: Path, clock: FixedClock, tmp_path: Path) -> MakeApp:
    """A new app on the same file each call (a restart), exporting into tmp_path."""

    def make() -> GapTrackerApp:
        tracker = Tracker(load_catalog(), open_database(db_path).uow_factory, clock)
        return GapTrackerApp(tracker, export_dir=tmp_path)

    return make


@pytest.fixture
def seeded_tracker(db_path: Path, clock: FixedClock) -> Tracker:
    """A user who chose a role and rated a few skills."""
    tracker = Tracker(load_catalog(), open_database(db_path).uow_factory, clock)
    tracker.set_target("inference-optimization-engineer")
    tracker.rate("cpp-cuda-systems-profiling", 3, note="profiled a CUDA kernel with nsys")
    tracker.rate("reproducibility-discipline", 4, evidence="https://example.org/ablations")
    tracker.rate("gpu-cuda-programming", 2, note="wrote a tiled matmul")
    return tracker


async def settle(app: GapTrackerApp, pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait for the app's workers (writes, loads), then for the screen to catch up, until
    no worker is left: a write starts its reload only once it is done, so one wait is not
    enough, and what the screen shows must not depend on how fast the machine is."""
    while True:
        await workers_done(app)
        await pilot.pause()
        if all(worker.is_finished for worker in app.workers):
            return


def record_notifications(app: GapTrackerApp) -> list[str]:
    """Every message the app shows from now on (the notification still appears)."""
    shown: list[str] = []
    notify = app.notify

    def record(message: str, **options: object) -> None:
        shown.append(message)
        notify(message, **options)  # type: ignore[arg-type]

    app.notify = record  # type: ignore[method-assign]
    return shown
