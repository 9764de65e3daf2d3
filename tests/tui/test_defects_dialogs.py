"""Issue 16's defects in dialogs and text fields (keys as typed).

11. Goals could not be set or changed in the app, and goals added from the command line
    while it ran appeared only after a restart.
13. Export and form dialogs closed on an error and lost what was typed.
15. Fast typing: letters hit single-letter commands from inside a form. Here the keys go
    to the app in one burst, right after the key that opens the dialog or chooses a
    level, as a fast typist's terminal sends them: none may leave the field or dialog.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from gaptracker.catalog import load_catalog
from gaptracker.services.tracker import Tracker
from gaptracker.storage.schema import open_database
from gaptracker.tui.app import GapTrackerApp
from tests.fakes import FixedClock
from tests.tui.conftest import MakeApp, record_notifications, settle
from tests.tui.screen_text import burst, palette


def screen_name(app: GapTrackerApp) -> str:
    return app.screen.__class__.__name__


def value(app: GapTrackerApp, selector: str) -> str:
    return str(app.screen.query_one(selector).value)  # type: ignore[attr-defined]


def dialog_error(app: GapTrackerApp) -> str:
    return str(app.screen.query_one("#dialog-error").render())


def goals(tracker: Tracker) -> dict[str, tuple[int, dt.date]]:
    return {g.goal.skill_id: (g.goal.level, g.goal.due) for g in tracker.goals()}


# Defect 11


async def test_a_goal_is_set_and_changed_from_history(
    make_app: MakeApp, seeded_tracker: Tracker
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("h")
        await settle(app, pilot)
        await pilot.press("g")  # for the highlighted skill
        await pilot.pause()
        assert app.screen.query("#field-level"), "g opened no goal dialog"
        await pilot.press("tab", *"4", "tab", *"2027-03-01", "enter")
        await settle(app, pilot)
        ((skill, goal),) = goals(app.tracker).items()
        assert goal == (4, dt.date(2027, 3, 1))
        assert "2027-03-01" in str(app.screen.query_one("#goals").render())
        await pilot.press("g", "tab", *"5", "enter")  # changed: the date as suggested
        await settle(app, pilot)
        assert goals(app.tracker)[skill][0] == 5


async def test_a_goal_from_the_palette_names_its_skill(
    make_app: MakeApp, seeded_tracker: Tracker
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await palette(app, pilot, "goal: set")
        await pilot.press(*"Model serving", "tab", *"3", "tab", *"2027-06-30", "enter")
        await settle(app, pilot)
    assert goals(app.tracker) == {"model-serving": (3, dt.date(2027, 6, 30))}


async def test_a_goal_set_from_the_command_line_shows_while_the_app_runs(
    db_path: Path, clock: FixedClock, seeded_tracker: Tracker, tmp_path: Path
) -> None:
    tracker = Tracker(load_catalog(), open_database(db_path).uow_factory, clock)
    app = GapTrackerApp(tracker, export_dir=tmp_path, protected=(db_path,))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("h")
        await settle(app, pilot)
        assert "Model serving" not in str(app.screen.query_one("#goals").render())
        # `gaptracker goal model-serving 3 --by 2027-06-30` in another shell:
        shell = Tracker(load_catalog(), open_database(db_path).uow_factory, clock)
        shell.set_goal("model-serving", 3, dt.date(2027, 6, 30))
        app.check_outside_changes()  # what the app's timer runs every two seconds
        await settle(app, pilot)
        assert "Model serving" in str(app.screen.query_one("#goals").render())


# Defect 13


@pytest.mark.parametrize("where", ["a missing folder", "a folder as the file"])
async def test_the_export_dialog_stays_open_with_the_path_on_an_error(
    make_app: MakeApp, seeded_tracker: Tracker, tmp_path: Path, where: str
) -> None:
    typed = str(tmp_path / "missing" / "r.md") if where == "a missing folder" else str(tmp_path)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press(*typed, "enter")  # the suggested path is selected: typing replaces it
        await settle(app, pilot)
        assert app.screen.query("#path"), "the dialog closed"
        assert value(app, "#path") == typed
        assert dialog_error(app).strip()
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".md") == []


async def test_the_goal_dialog_stays_open_with_what_was_typed_on_a_bad_date(
    make_app: MakeApp, seeded_tracker: Tracker
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("h")
        await settle(app, pilot)
        await pilot.press("g")
        await pilot.pause()
        await pilot.press("tab", *"4", "tab", *"2027-13-45", "enter")
        await settle(app, pilot)
        assert app.screen.query("#field-due"), "the dialog closed"
        assert value(app, "#field-due") == "2027-13-45"
        assert value(app, "#field-level") == "4"
        assert "2027-13-45" in dialog_error(app)
    assert goals(app.tracker) == {}


# Defect 15


async def test_a_project_typed_at_once_after_n_stays_in_the_dialog(
    make_app: MakeApp, seeded_tracker: Tracker
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("p")
        await settle(app, pilot)
        title = "A quick hack: dashboards, plans, roles"
        burst(app, "n", *title)
        await settle(app, pilot)
        assert app.screen.query("#field-title"), "the keys left the dialog"
        assert value(app, "#field-title") == title
        await pilot.press("tab", "tab", *"model serving")
        burst(app, "enter")
        await settle(app, pilot)
        assert screen_name(app) == "PlanScreen"
    titles = [p.title for p in app.tracker.plan.view("inference-optimization-engineer").projects]
    assert title in titles


async def test_an_export_path_typed_at_once_after_e_is_where_the_report_goes(
    make_app: MakeApp, seeded_tracker: Tracker, tmp_path: Path
) -> None:
    app = make_app()
    target = tmp_path / "quarterly-review-draft.md"
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        burst(app, "e", *str(target), "enter")
        await settle(app, pilot)
        assert screen_name(app) == "DashboardScreen"
    assert target.read_text().startswith("#")


async def test_a_reason_typed_at_once_after_x_marks_the_skill(
    make_app: MakeApp, seeded_tracker: Tracker
) -> None:
    app = make_app()
    shown = record_notifications(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await palette(app, pilot, "rate: model-serving")
        reason = "the platform team handles serving, quietly"
        burst(app, "x", *reason, "enter")
        await settle(app, pilot)
        assert screen_name(app) == "AssessScreen"
    assert "model-serving" in app.tracker.overview().not_applicable, shown


async def test_a_checkin_note_typed_at_once_after_the_level_is_the_note(
    make_app: MakeApp, seeded_tracker: Tracker
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("c")
        await settle(app, pilot)
        assert screen_name(app) == "CheckinScreen"
        note = "had a hard week: profiled nothing, read a paper"
        burst(app, "4", *note, "enter")
        await settle(app, pilot)
        assert screen_name(app) == "CheckinScreen"
    assert [(r.level, r.note) for r in app.tracker.ratings() if r.note] == [
        (3, "profiled a CUDA kernel with nsys"),
        (2, "wrote a tiled matmul"),
        (4, note),
    ]


async def test_letters_typed_in_the_note_field_stay_there(
    make_app: MakeApp, seeded_tracker: Tracker
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("a")
        await settle(app, pilot)
        await pilot.click("#note")
        text = "a dash of plans, roles, history: quit? no"
        burst(app, *text)
        await settle(app, pilot)
        assert screen_name(app) == "AssessScreen"
        assert value(app, "#note") == text


async def test_fields_filled_in_one_burst_with_tabs_between_them_get_their_own_text(
    make_app: MakeApp, seeded_tracker: Tracker
) -> None:
    """Tab moves the focus only once its binding runs: the keys typed after it went to the
    field being left (the skill's name became "42027-03-01")."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("h")
        await settle(app, pilot)
        burst(app, "g", "tab", "4", "tab", *"2027-03-01", "enter")
        await settle(app, pilot)
        assert screen_name(app) == "HistoryScreen", [
            (i.id, i.value)
            for i in app.screen.query("Input")  # type: ignore[attr-defined]
        ]
    assert goals(app.tracker)["cpp-cuda-systems-profiling"] == (4, dt.date(2027, 3, 1))


async def test_a_note_and_evidence_typed_in_one_burst_land_in_their_fields(
    make_app: MakeApp, seeded_tracker: Tracker
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await palette(app, pilot, "rate: model-serving")
        await pilot.click("#note")
        burst(app, *"ran vllm", "tab", *"https://example.org/b", "shift+tab", "end", *" twice")
        await settle(app, pilot)
        assert (value(app, "#note"), value(app, "#evidence")) == (
            "ran vllm twice",
            "https://example.org/b",
        )
