"""The pack picker (issue 17): the roles screen's key and the palette's `pack: NAME` lead
to the diff of the switch first; Switch records it as `pack use` does and the app goes
on under the new pack; Cancel, an invalid pack and a refused write change nothing."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Header, Label, Static

from gaptracker.catalog import load_catalog
from gaptracker.catalog.active import pack_of
from gaptracker.catalog.packs import load_pack
from gaptracker.cli.pack_chooser import FolderPackChooser
from gaptracker.domain.models import TargetChange
from gaptracker.services.tracker import Tracker
from gaptracker.storage.pack_choice import chosen_pack
from gaptracker.tui.app import GapTrackerApp
from gaptracker.tui.screens.dashboard import DashboardScreen
from gaptracker.tui.screens.pack_diff import PackDiffDialog
from gaptracker.tui.screens.pack_picker import PackPickerDialog, PackTable
from gaptracker.tui.screens.roles import RoleDetail, RolesScreen
from gaptracker.tui.widgets.must_skills_panel import MustSkillsPanel
from gaptracker.tui.widgets.row_table import RowTable
from tests.fakes import FixedClock
from tests.tui.conftest import record_notifications, settle
from tests.tui.packs import DIFF, MUST_NAME, make_packs
from tests.tui.screen_text import drawn_lines, palette
from tests.tui.test_assess import FailingUnitOfWorkFactory

ROLE = "inference-optimization-engineer"


@pytest.fixture
def packs_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "packs"
    make_packs(folder)
    return folder


def app_with_packs(tracker: Tracker, packs_dir: Path) -> GapTrackerApp:
    return GapTrackerApp(tracker, pack_chooser=FolderPackChooser(packs_dir, tracker))


def text_of(app: GapTrackerApp, selector: str) -> str:
    return " ".join(line.strip() for line in drawn_lines(app.screen.query_one(selector)))


def header_of(app: GapTrackerApp) -> str:
    header = app.screen.query_one(Header)
    return " ".join(line for part in header.walk_children() for line in drawn_lines(part))


async def open_picker(app: GapTrackerApp, pilot: Pilot[Any]) -> PackTable:
    await settle(app, pilot)
    await pilot.press("r")
    await settle(app, pilot)
    assert isinstance(app.screen, RolesScreen)
    await pilot.press("s")
    await settle(app, pilot)
    assert isinstance(app.screen, PackPickerDialog)
    return app.screen.query_one(PackTable)


async def open_diff(app: GapTrackerApp, pilot: Pilot[Any], pack_id: str) -> PackDiffDialog:
    table = await open_picker(app, pilot)
    await pilot.press("home")
    for _ in range(table.row_count):
        if table.cursor_key == pack_id:
            break
        await pilot.press("down")
    await pilot.press("enter")
    await settle(app, pilot)
    assert isinstance(app.screen, PackDiffDialog)
    return app.screen


def diff_shown(dialog: PackDiffDialog) -> str:
    """The diff as drawn, its lines (wrapped at 80 columns) joined by spaces."""
    lines = drawn_lines(dialog.query_one("#pack-diff-text", Static))
    return " ".join(line.strip() for line in lines if line.strip())


async def test_the_picker_lists_every_pack_and_marks_the_active_one(
    seeded_tracker: Tracker, packs_dir: Path
) -> None:
    app = app_with_packs(seeded_tracker, packs_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        table = await open_picker(app, pilot)
        rows = [table.cell_row(i) for i in range(table.row_count)]
        assert rows == [
            ("*", "research-infra", "Research And Infrastructure Roles", "2026.11.1", "ok"),
            ("", "broken", "Research And Infrastructure Roles", "2026.11.1", "invalid"),
            ("", "mine", "My inference track", "2026.12.0", "ok"),
        ]
        assert table.cursor_key == "research-infra"
        assert "the active one" in text_of(app, "#pack-detail")


async def test_switching_through_the_diff_records_the_choice_and_follows_the_new_pack(
    db_path: Path, clock: FixedClock, seeded_tracker: Tracker, packs_dir: Path
) -> None:
    app = app_with_packs(seeded_tracker, packs_dir)
    shown = record_notifications(app)
    before = seeded_tracker.overview()
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_diff(app, pilot, "mine")
        assert diff_shown(dialog) == " ".join(DIFF)  # `pack use mine`'s words
        assert chosen_pack(db_path) is None  # nothing before Enter
        await pilot.press("enter")
        await settle(app, pilot)

        choice = chosen_pack(db_path)
        assert choice is not None and (choice.pack_id, choice.version) == ("mine", "2026.12.0")
        assert choice.chosen_at == clock.now()
        assert isinstance(app.screen, DashboardScreen)
        assert app.tracker.pack.ref == "mine@2026.12.0"
        assert header_of(app).strip().endswith("gaptracker — pack mine@2026.12.0")
        assert "Active pack: mine@2026.12.0 (My inference track)" in shown
        # The dashboard's figures are the new pack's: its Must skill's name, its target
        # (5 where the built-in pack asks 4), and the readiness a Tracker on it reads.
        manifest, catalog = load_pack("mine", packs_dir)
        expected = Tracker(
            catalog, seeded_tracker.uow_factory, clock, pack=pack_of(manifest, packs_dir)
        )
        assert app.overview == expected.overview()
        assert app.overview.analysis.readiness != before.analysis.readiness  # type: ignore[union-attr]
        musts = " ".join(drawn_lines(app.screen.query_one(MustSkillsPanel)))
        assert MUST_NAME in musts and "3/5" in musts
        # Every screen is made again for the new pack (the roles screen's detail too).
        await pilot.press("a")
        await settle(app, pilot)
        skills = app.screen.query_one("#skill-table", RowTable)
        assert skills.cell_at("cpp-cuda-systems-profiling", 0) == MUST_NAME
        await pilot.press("r")
        await settle(app, pilot)
        detail = app.screen.query_one("#role-detail-box", RoleDetail)
        assert detail.catalog is app.catalog and app.catalog.version == "2026.12.0"
        assert header_of(app).strip().endswith("pack mine@2026.12.0")


async def test_cancel_changes_nothing(
    db_path: Path, seeded_tracker: Tracker, packs_dir: Path
) -> None:
    app = app_with_packs(seeded_tracker, packs_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_diff(app, pilot, "mine")
        overview = app.overview
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, PackPickerDialog)  # back to the picker
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, RolesScreen)
        assert chosen_pack(db_path) is None
        assert app.tracker is seeded_tracker and app.overview is overview
        assert app.sub_title == ""


async def test_the_palette_has_a_pack_entry_per_valid_pack(
    seeded_tracker: Tracker, packs_dir: Path
) -> None:
    app = app_with_packs(seeded_tracker, packs_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert (await palette(app, pilot, "pack: mine")).split("\n")[0] == "pack: mine"
        assert isinstance(app.screen, PackDiffDialog)
        await settle(app, pilot)
        assert diff_shown(app.screen) == " ".join(DIFF)
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, DashboardScreen)
        provider_titles = await palette_titles(app, pilot, "pack:")
        assert provider_titles == {"pack: research-infra", "pack: mine"}  # not broken


async def palette_titles(app: GapTrackerApp, pilot: Pilot[Any], query: str) -> set[str]:
    from textual.command import CommandList, CommandPalette

    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(app.screen, CommandPalette)
    await pilot.press(*query)
    await settle(app, pilot)
    hits = app.screen.query_one(CommandList)
    titles = {
        str(hits.get_option_at_index(i).prompt).split("\n")[0] for i in range(hits.option_count)
    }
    await pilot.press("escape")
    await settle(app, pilot)
    return {t for t in titles if t.startswith("pack: ")}


async def test_the_active_pack_from_the_palette_is_said_and_nothing_opens(
    seeded_tracker: Tracker, packs_dir: Path
) -> None:
    app = app_with_packs(seeded_tracker, packs_dir)
    shown = record_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await palette(app, pilot, "pack: research-infra")
        assert isinstance(app.screen, DashboardScreen)
        assert "research-infra@2026.11.1 is already the active pack" in shown


async def test_an_invalid_pack_is_listed_with_its_first_problem_and_cannot_be_chosen(
    db_path: Path, seeded_tracker: Tracker, packs_dir: Path
) -> None:
    app = app_with_packs(seeded_tracker, packs_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        table = await open_picker(app, pilot)
        await pilot.press("down")
        assert table.cursor_key == "broken"
        detail = text_of(app, "#pack-detail")
        assert "cannot be chosen" in detail
        assert "roles.toml:roles[0].id: Input should be a valid string" in detail
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, PackPickerDialog)  # no diff, no switch
        assert "broken is not valid" in str(app.screen.query_one("#dialog-error", Label).render())
        assert chosen_pack(db_path) is None


async def test_a_pack_that_became_invalid_after_its_diff_is_refused_in_the_dialog(
    db_path: Path, seeded_tracker: Tracker, packs_dir: Path
) -> None:
    app = app_with_packs(seeded_tracker, packs_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_diff(app, pilot, "mine")
        (packs_dir / "mine" / "skills.toml").write_text("not = [toml")
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen is dialog
        error = str(dialog.query_one("#dialog-error", Label).render())
        assert error.startswith("Not switched: pack 'mine' is not valid: skills.toml"), error
        assert chosen_pack(db_path) is None
        assert app.tracker is seeded_tracker and app.sub_title == ""
        await pilot.press("escape")  # Cancel still works
        await settle(app, pilot)
        assert isinstance(app.screen, PackPickerDialog)


async def test_a_database_that_cannot_be_written_keeps_the_active_pack(
    clock: FixedClock, packs_dir: Path
) -> None:
    factory = FailingUnitOfWorkFactory()
    factory.store.targets.append(TargetChange(role_id=ROLE, changed_at=clock.now()))
    tracker = Tracker(load_catalog(), factory, clock)
    app = app_with_packs(tracker, packs_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_diff(app, pilot, "mine")
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen is dialog
        error = str(dialog.query_one("#dialog-error", Label).render())
        assert error == "Not switched: database error: attempt to write a readonly database"
        assert factory.store.packs == []
        assert app.tracker is tracker and app.tracker.pack.id == "research-infra"


async def test_switching_back_to_the_built_in_pack_clears_the_header(
    db_path: Path, seeded_tracker: Tracker, packs_dir: Path
) -> None:
    app = app_with_packs(seeded_tracker, packs_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_diff(app, pilot, "mine")
        await pilot.press("enter")
        await settle(app, pilot)
        dialog = await open_diff(app, pilot, "research-infra")
        assert diff_shown(dialog).startswith("mine@2026.12.0 -> research-infra@2026.11.1 ")
        await pilot.press("enter")
        await settle(app, pilot)
        choice = chosen_pack(db_path)
        assert choice is not None and choice.pack_id == "research-infra"
        assert app.sub_title == "" and app.tracker.pack.id == "research-infra"
        assert app.overview == seeded_tracker.overview()


async def test_a_pack_gone_before_its_diff_is_said_and_cannot_be_switched_to(
    db_path: Path, seeded_tracker: Tracker, packs_dir: Path
) -> None:
    app = app_with_packs(seeded_tracker, packs_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        table = await open_picker(app, pilot)
        shutil.rmtree(packs_dir / "mine")  # listed, then deleted
        await pilot.press("end", "enter")
        await settle(app, pilot)
        assert table.cursor_key == "mine" and isinstance(app.screen, PackDiffDialog)
        error = str(app.screen.query_one("#dialog-error", Label).render())
        assert error.startswith("Cannot switch: no pack named 'mine'"), error
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, PackDiffDialog) and chosen_pack(db_path) is None


async def test_a_pack_name_is_shown_as_written_never_as_markup(
    seeded_tracker: Tracker, packs_dir: Path
) -> None:
    manifest = packs_dir / "mine" / "pack.toml"
    name = "[b]Mine[/b] \u202eevil"
    manifest.write_text(manifest.read_text().replace("My inference track", name))
    app = app_with_packs(seeded_tracker, packs_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        table = await open_picker(app, pilot)
        shown = table.cell_at("mine", 2)
        assert shown.startswith("[b]Mine[/b] ") and "\u202e" not in shown
        await pilot.press("end", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, PackDiffDialog)
        title = str(app.screen.query_one("#dialog-title", Label).render())
        assert "[b]Mine[/b]" in title and "\u202e" not in title
