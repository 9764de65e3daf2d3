"""Hostile notes in the terminal app: shown as plain text with visible escapes wherever
notes, evidence, reasons and plan text appear, never read as markup, never raw."""

from __future__ import annotations

from textual.widgets import Input, Label, Static

from gaptracker.domain.models import Status
from gaptracker.services.tracker import Tracker
from gaptracker.tui.screens.checkin import CheckinScreen
from gaptracker.tui.screens.form_dialog import FormDialog
from gaptracker.tui.screens.history import HistoryScreen, Timeline
from gaptracker.tui.screens.plan import PlanScreen, ProjectTable, StudyTable
from gaptracker.tui.widgets.row_table import RowTable
from tests.hostile import raw_unsafe
from tests.tui.conftest import MakeApp, record_notifications, settle

NOTE = "[/x] \x1b]0;owned\x07 \u202eevil\u202c [bold]loud[/bold]"
NOTE_SHOWN = "[/x] \\x1b]0;owned\\x07 \\u202eevil\\u202c [bold]loud[/bold]"
LINK = "[link=https://evil.test]click[/link]\x9b31m"
LINK_SHOWN = "[link=https://evil.test]click[/link]\\x9b31m"


def cells(table: RowTable) -> list[list[str]]:
    return [list(table.cell_row(i)) for i in range(table.row_count)]


async def test_the_history_timeline_shows_a_hostile_note_as_typed(
    make_app: MakeApp, seeded_tracker: Tracker
) -> None:
    seeded_tracker.rate("gpu-cuda-programming", 3, note=NOTE, evidence=LINK)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("h")
        await settle(app, pilot)
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("j")
        await settle(app, pilot)
        timeline = app.screen.query_one(Timeline)
        latest = cells(timeline)[0]
        assert latest[2:] == [NOTE_SHOWN, LINK_SHOWN]
        assert all(raw_unsafe(c) == [] for row in cells(timeline) for c in row)


async def test_the_checkin_shows_the_last_note_with_escapes(
    make_app: MakeApp, seeded_tracker: Tracker
) -> None:
    seeded_tracker.rate("cpp-cuda-systems-profiling", 3, note=NOTE)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("c")
        await settle(app, pilot)
        assert isinstance(app.screen, CheckinScreen)
        last = str(app.screen.query_one("#checkin-last", Static).render())
        assert NOTE_SHOWN in last and raw_unsafe(last, allowed="\n") == []


async def test_the_plan_shows_hostile_study_notes_and_project_titles_as_text(
    make_app: MakeApp, seeded_tracker: Tracker
) -> None:
    plan = seeded_tracker.plan
    plan.set_study("inference-optimization", Status.IN_PROGRESS, NOTE)
    plan.add_project(NOTE, "d", ["gpu-cuda-programming"], LINK)
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        shown = record_notifications(app)
        await settle(app, pilot)
        await pilot.press("p")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        study = cells(screen.query_one(StudyTable))
        assert [r[2] for r in study if r[0] == "Inference optimization"] == [NOTE_SHOWN]
        projects = screen.query_one(ProjectTable)
        mine = cells(projects)[-1]
        assert mine[0] == NOTE_SHOWN + " (yours)" and mine[3] == LINK_SHOWN
        projects.focus()
        projects.move_cursor(projects.row_count - 1)
        await pilot.press("l")  # the link dialog is titled with the project's title
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        title = str(app.screen.query(Label).first().render())
        assert title == "Link for " + NOTE_SHOWN
        assert app.screen.query_one("#field-link", Input).value == LINK_SHOWN  # nothing raw
        await pilot.click("#ok")  # saved as shown: the stored link stays exact
        await settle(app, pilot)
        projects.focus()
        await pilot.press("s")  # "<title>: in progress", a notification read as markup
        await settle(app, pilot)
        assert f"{NOTE_SHOWN}: in progress" in shown
    mine_now = app.tracker.plan.view("inference-optimization-engineer").projects[-1]
    assert (mine_now.title, mine_now.link) == (NOTE, LINK)


async def test_an_error_quoting_what_was_typed_is_shown_as_plain_text(
    make_app: MakeApp, seeded_tracker: Tracker
) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        shown = record_notifications(app)
        await settle(app, pilot)
        await pilot.press("p")
        await settle(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        dialog.query_one("#field-title", Input).value = "[b]bench[/b]"
        dialog.query_one("#field-skills", Input).value = "[/x]"  # an unknown skill id
        await pilot.click("#ok")
        await settle(app, pilot)
        assert app.screen is dialog  # open, with what was typed
        error = str(dialog.query_one("#dialog-error", Label).render())
        assert "unknown skill '[/x]'" in error  # shown as typed, never read as markup
        assert dialog.query_one("#field-skills", Input).value == "[/x]"
        assert shown == []
