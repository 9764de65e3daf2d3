"""Issue 16's "Low" defects on the screens themselves.

- History's table was not focused on open; its bar chart scaled 19% to full height with
  no axis.
- The dashboard sometimes opened scrolled down.
- The check-in resumed at the skipped skill, not where it stopped.
- Export wrote Markdown into `x.html`, overwrote silently, defaulted to the current folder.
- Upgrading the package while the app ran crashed the next first visit to a screen.
"""

from __future__ import annotations

import importlib.abc
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

import pytest

from gaptracker.services.tracker import Tracker
from gaptracker.tui.app import GapTrackerApp
from tests.fakes import FixedClock
from tests.tui.conftest import MakeApp, settle
from tests.tui.screen_text import drawn_lines, forget_modules


def screen_name(app: GapTrackerApp) -> str:
    return app.screen.__class__.__name__


async def test_history_opens_with_its_table_focused(
    make_app: MakeApp, seeded_tracker: Tracker
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("h")
        await settle(app, pilot)
        assert app.screen.focused is not None
        assert app.screen.focused.id == "history-skills"
        await pilot.press("down")  # the arrows move it at once
        await settle(app, pilot)
        title = str(app.screen.query_one("#timeline-title").render())
        assert "GPU and CUDA programming" in title, title  # the second rated, by name


async def test_the_trend_chart_has_an_axis_and_a_low_week_stays_low(
    make_app: MakeApp, seeded_tracker: Tracker, clock: FixedClock
) -> None:
    """Readiness near 20% must not fill the chart's height as a sparkline does."""
    clock.advance(days=-70)
    seeded_tracker.rate("model-serving", 1, effective_date=clock.today())
    clock.advance(days=70)
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("h")
        await settle(app, pilot)
        chart = app.screen.query_one("#trend-chart")
        lines = [line.rstrip() for line in drawn_lines(chart) if line.strip()]
    readiness = app.overview.analysis.readiness  # type: ignore[union-attr]
    assert readiness < 50, readiness  # a percentage
    assert len(lines) >= 3, lines
    assert "100%" in lines[0] or "80%" in lines[0], lines  # the scale is labelled
    assert "0%" in lines[-1], lines
    bars = set("▁▂▃▄▅▆▇█")
    assert not bars & set(lines[0]), lines  # the top row is for ready weeks only


async def test_the_dashboard_opens_at_its_top_at_80x24(
    make_app: MakeApp, seeded_tracker: Tracker
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        body = app.screen.query_one("#dashboard")
        assert body.max_scroll_y > 0  # taller than the terminal: it could scroll
        assert body.scroll_y == 0
        await pilot.press("end", "pagedown")  # down to the next steps
        await settle(app, pilot)
        await pilot.press("a")
        await settle(app, pilot)
        await pilot.press("3", "enter", "d")  # rate, and back
        await settle(app, pilot)
        assert screen_name(app) == "DashboardScreen"
        assert body.scroll_y == 0


async def test_a_stopped_checkin_resumes_where_it_stopped_not_at_the_skipped_skill(
    make_app: MakeApp, seeded_tracker: Tracker
) -> None:
    """Kept the first, skipped the second, rated the third, stopped: the next visit asks
    the fourth (the second comes round after the rest)."""
    catalog, musts = seeded_tracker.catalog, seeded_tracker.catalog.must_skill_ids
    role = catalog.requirements_for("inference-optimization-engineer")
    walk = [*musts, *(r.skill_id for r in role if r.skill_id not in musts)]
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("c")
        await settle(app, pilot)
        await pilot.press("space")
        await settle(app, pilot)
        await pilot.press("n", "2", "enter")
        await settle(app, pilot)
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("c")
        await settle(app, pilot)
        await pilot.press("1", "enter")  # answers the skill it asks first
        await settle(app, pilot)
    latest = max(app.tracker.ratings(), key=lambda r: r.entry_order)
    assert latest.skill_id == walk[3], (latest.skill_id, walk[:4])


async def export_to(app: GapTrackerApp, pilot, path: Path) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("e")
    await pilot.pause()
    await pilot.press(*str(path), "enter")  # typed over the suggested path
    await settle(app, pilot)


async def test_export_to_an_html_name_writes_html(
    make_app: MakeApp, seeded_tracker: Tracker, tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await export_to(app, pilot, tmp_path / "x.html")
    text = (tmp_path / "x.html").read_text()
    assert text.lstrip().lower().startswith("<!doctype html"), text[:60]


async def test_export_onto_an_existing_file_asks_first(
    make_app: MakeApp, seeded_tracker: Tracker, tmp_path: Path
) -> None:
    existing = tmp_path / "mine.md"
    existing.write_text("my own notes\n")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await export_to(app, pilot, existing)
        assert existing.read_text() == "my own notes\n"  # not yet
        assert "mine.md" in str(app.screen.query_one("#dialog-error").render())
        await pilot.press("enter")  # yes, replace it
        await settle(app, pilot)
        assert screen_name(app) == "DashboardScreen"
    assert existing.read_text().startswith("#")


async def test_the_app_suggests_exports_in_documents_not_the_current_folder(
    db_path: Path,
    seeded_tracker: Tracker,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import gaptracker.cli.common
    import gaptracker.tui.app
    from gaptracker.cli import main

    documents, elsewhere = tmp_path / "Documents", tmp_path / "started-here"
    documents.mkdir()
    elsewhere.mkdir()
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(documents))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.chdir(elsewhere)
    launched: dict[str, object] = {}

    def run_app(tracker: Tracker, **options: object) -> int:
        launched.update(options, tracker=tracker)
        return 0

    monkeypatch.setattr(gaptracker.tui.app, "run_app", run_app)
    monkeypatch.setattr(gaptracker.cli.common, "require_terminal", lambda: None)
    assert main(["--db", str(db_path), "tui"]) == 0
    export_dir = launched.get("export_dir")
    app = GapTrackerApp(launched["tracker"], export_dir=export_dir)  # type: ignore[arg-type]
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        suggested = Path(str(app.screen.query_one("#path").value))  # type: ignore[attr-defined]
    assert suggested.parent == documents, suggested


class UpgradedOnDisk(importlib.abc.MetaPathFinder):
    """Any gaptracker module imported from now on would be the new version's."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> None:
        if fullname.startswith("gaptracker"):
            self.asked.append(fullname)
            raise ImportError(f"{fullname} changed on disk while the app ran")


async def test_every_screen_opens_after_the_package_changed_on_disk(
    make_app: MakeApp, seeded_tracker: Tracker, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The screens' modules are loaded while the app runs, not at each first visit,
    so an upgrade in between cannot mix two versions (or crash on a removed module)."""
    forget_modules(  # as on a first start
        monkeypatch,
        lambda name: name.startswith(("gaptracker.tui.screens.", "gaptracker.tui.widgets.")),
    )
    app = make_app()
    upgrade = UpgradedOnDisk()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        monkeypatch.setattr(sys, "meta_path", [upgrade, *sys.meta_path])
        for key in ("a", "c", "h", "p", "r", "question_mark", "escape", "d", "e", "escape"):
            await pilot.press(key)
            await settle(app, pilot)
        await pilot.press("h", "g")  # the goal dialog
        await settle(app, pilot)
        assert app.screen.query("#field-level")
        await pilot.press("escape")
        await settle(app, pilot)
        assert screen_name(app) == "HistoryScreen"
    assert upgrade.asked == []
