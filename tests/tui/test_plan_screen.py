"""The plan screen: change a study item's status, add a project."""

from __future__ import annotations

from textual.widgets import Input

from gaptracker.domain.models import Status
from gaptracker.services.tracker import Tracker
from gaptracker.tui.app import GapTrackerApp
from gaptracker.tui.screens.form_dialog import FormDialog
from gaptracker.tui.screens.plan import PlanScreen, ProjectTable, StudyTable
from tests.tui.conftest import MakeApp, settle
from tests.workers import workers_done


async def open_plan(app: GapTrackerApp, pilot) -> PlanScreen:  # type: ignore[no-untyped-def]
    await settle(app, pilot)
    await pilot.press("p")
    await settle(app, pilot)
    assert isinstance(app.screen, PlanScreen)
    return app.screen


async def test_changing_a_study_items_status(make_app: MakeApp, seeded_tracker: Tracker) -> None:
    app = make_app()
    async with app.run_test(size=(110, 40)) as pilot:
        screen = await open_plan(app, pilot)
        study = screen.query_one(StudyTable)
        assert study.has_focus
        await pilot.press("s")
        await settle(app, pilot)
        assert study.cell_row(0)[1] == "in progress"
        await pilot.press("s")
        await workers_done(app)
    view = app.tracker.plan.view("inference-optimization-engineer")
    assert view.study[0].status is Status.DONE


async def test_adding_a_project(make_app: MakeApp, seeded_tracker: Tracker) -> None:
    app = make_app()
    async with app.run_test(size=(110, 40)) as pilot:
        screen = await open_plan(app, pilot)
        screen.query_one(ProjectTable).focus()
        await pilot.press("n")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        dialog.query_one("#field-title", Input).value = "Speculative decoding bench"
        dialog.query_one("#field-skills", Input).value = "inference-optimization, model-serving"
        dialog.query_one("#field-link", Input).value = "https://example.org/spec"
        await pilot.click("#ok")
        await settle(app, pilot)
        projects = screen.query_one(ProjectTable)
        assert projects.row_count == 3
        assert "Speculative decoding bench" in projects.cell_row(2)[0]
    mine = app.tracker.plan.view("inference-optimization-engineer").projects[-1]
    assert mine.skill_ids == ("inference-optimization", "model-serving")
    assert mine.link == "https://example.org/spec"


async def test_a_project_without_skills_is_not_added(
    make_app: MakeApp, seeded_tracker: Tracker
) -> None:
    app = make_app()
    async with app.run_test(size=(110, 40)) as pilot:
        screen = await open_plan(app, pilot)
        screen.query_one(ProjectTable).focus()
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#field-title", Input).value = "No skills"
        await pilot.click("#ok")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)  # stays open and says what is missing
