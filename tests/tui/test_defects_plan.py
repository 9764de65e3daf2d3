"""Issue 16's defects on the plan screen (keys as typed).

3. Add project with an unknown skill id: the dialog closed and everything typed was lost,
   with no suggestion; the retyped form then ran as app commands.
4. `n`, `e`, `0`-`5` silently did nothing unless the right table had focus.
14. `s s` moved one step, not two; after recording practice the list re-sorted under the
    cursor and the next key rated another item.
"""

from __future__ import annotations

from gaptracker.domain.models import Status
from gaptracker.services.tracker import Tracker
from gaptracker.tui.app import GapTrackerApp
from tests.tui.conftest import MakeApp, record_notifications, settle
from tests.tui.screen_text import burst

ROLE = "inference-optimization-engineer"


def screen_name(app: GapTrackerApp) -> str:
    return app.screen.__class__.__name__


def field(app: GapTrackerApp, key: str) -> str:
    return str(app.screen.query_one(f"#field-{key}").value)  # type: ignore[attr-defined]


async def open_plan(app: GapTrackerApp, pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(app, pilot)
    await pilot.press("p")
    await settle(app, pilot)
    assert screen_name(app) == "PlanScreen"


async def test_an_unknown_skill_keeps_the_project_dialog_open_with_a_suggestion(
    make_app: MakeApp, seeded_tracker: Tracker
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_plan(app, pilot)
        await pilot.press("tab", "n")  # the projects table, then a new project
        await pilot.pause()
        await pilot.press(*"Speculative decoding bench", "tab", *"drafts and verifies tokens")
        await pilot.press("tab", *"inference-optimisation", "tab", *"https://example.org/spec")
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen.query("#field-title"), "the dialog closed"
        error = str(app.screen.query_one("#dialog-error").render())
        assert "inference-optimisation" in error and "inference-optimization" in error, error
        assert field(app, "title") == "Speculative decoding bench"
        assert field(app, "description") == "drafts and verifies tokens"
        assert field(app, "link") == "https://example.org/spec"
        # Mend it as a person would: back to the skills, rub out "isation", type on.
        await pilot.press("shift+tab", "end", *["backspace"] * len("isation"), *"ization")
        assert screen_name(app) != "AssessScreen"  # the `a` stayed in the field
        assert field(app, "skills") == "inference-optimization"
        await pilot.press("enter")
        await settle(app, pilot)
        assert screen_name(app) == "PlanScreen"
    mine = app.tracker.plan.view(ROLE).projects[-1]
    assert mine.title == "Speculative decoding bench"
    assert mine.skill_ids == ("inference-optimization",)
    assert mine.link == "https://example.org/spec"


async def test_new_project_attach_and_practice_keys_work_from_the_study_table(
    make_app: MakeApp, seeded_tracker: Tracker
) -> None:
    """Defect 4: with the study table focused (as the screen opens), `n` opens the
    dialog, `e` attaches the highlighted project, `3` records practice."""
    plan = seeded_tracker.plan
    project = plan.view(ROLE).projects[0]  # shows C++/CUDA, which is rated
    plan.set_project(project.id, Status.DONE, "")
    ratings_before = len(seeded_tracker.ratings())
    app = make_app()
    shown = record_notifications(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_plan(app, pilot)
        assert app.screen.focused is not None and app.screen.focused.id == "study"
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.query("#field-title"), "n did nothing"
        await pilot.press("escape")
        await pilot.pause()
        assert screen_name(app) == "PlanScreen"
        await pilot.press("e")
        await settle(app, pilot)
        await pilot.press("3")
        await settle(app, pilot)
    assert len(app.tracker.ratings()) > ratings_before, shown  # e: the project backs a rating
    practised = [p for p in app.tracker.plan.view(ROLE).practice if p.last_practised]
    assert [p.confidence for p in practised] == [3], shown


async def test_s_s_moves_a_study_topic_two_steps_however_fast(
    make_app: MakeApp, seeded_tracker: Tracker
) -> None:
    """Defect 14: two presses in one burst, before the first is saved, are two steps."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_plan(app, pilot)
        first = app.tracker.plan.view(ROLE).study[0].skill_id
        burst(app, "s", "s")
        await settle(app, pilot)
    study = {s.skill_id: s.status for s in app.tracker.plan.view(ROLE).study}
    assert study[first] is Status.DONE


async def test_practice_stays_on_the_item_it_recorded_when_the_list_resorts(
    make_app: MakeApp, seeded_tracker: Tracker
) -> None:
    """Defect 14: practice is listed least recently practised first, so recording one
    moves it to the end; the cursor goes with it, and the next digit rates it again."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_plan(app, pilot)
        await pilot.press("tab", "tab")  # the practice table
        await pilot.pause()
        first = app.tracker.plan.view(ROLE).practice[0].id
        await pilot.press("3")
        await settle(app, pilot)  # saved and shown: the list has re-sorted
        await pilot.press("4")
        await settle(app, pilot)
    practised = {
        p.id: p.confidence for p in app.tracker.plan.view(ROLE).practice if p.last_practised
    }
    assert practised == {first: 4}
