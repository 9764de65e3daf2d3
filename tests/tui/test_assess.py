"""The assess screen: honest rating, clicks on the rubric, scope, and write failures."""

from __future__ import annotations

import datetime as dt
import threading

from textual.widgets import Digits, Input

from gaptracker.catalog import load_catalog
from gaptracker.domain.errors import StorageError
from gaptracker.domain.models import TargetChange
from gaptracker.domain.numbers import percent_text
from gaptracker.services.tracker import Tracker
from gaptracker.tui.app import GapTrackerApp
from gaptracker.tui.screens.assess import AssessScreen
from gaptracker.tui.widgets.skill_table import SkillTable
from gaptracker.tui.widgets.steady_static import SteadyStatic
from tests.fakes import FakeUnitOfWorkFactory, FixedClock
from tests.tui.conftest import MakeApp, record_notifications, settle
from tests.workers import workers_done


async def open_assess(app: GapTrackerApp, pilot) -> AssessScreen:  # type: ignore[no-untyped-def]
    await settle(app, pilot)
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(app.screen, AssessScreen)
    return app.screen


def now_cell(screen: AssessScreen, skill_id: str) -> str:
    return str(screen.query_one(SkillTable).cell(skill_id, "now"))


def intro(screen: AssessScreen) -> str:
    return str(screen.query_one("#assess-intro", SteadyStatic).render())


def target_cell(screen: AssessScreen, skill_id: str) -> str:
    table = screen.query_one(SkillTable)
    return str(table.cell(skill_id, "target"))


async def test_a_first_assessment_hides_targets_until_toggled(make_app: MakeApp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    app.tracker.set_target("ai-research-scientist")  # no rating yet: a first assessment
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_assess(app, pilot)
        assert screen.hide_targets
        assert target_cell(screen, "reproducibility-discipline") == "?"
        await pilot.press("t")
        await pilot.pause()
        assert target_cell(screen, "reproducibility-discipline") == "4"


async def test_clicking_a_level_chooses_it_and_enter_saves(
    make_app: MakeApp, seeded_tracker: Tracker
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_assess(app, pilot)
        screen.select_skill("model-serving")
        await pilot.pause()
        await pilot.click("#level-4")
        assert screen.chosen == 4
        await pilot.press("enter")
        await settle(app, pilot)
        assert [r.level for r in app.tracker.ratings("model-serving")] == [4]
        assert screen.chosen is None


async def test_enter_without_a_level_saves_nothing(
    make_app: MakeApp, seeded_tracker: Tracker
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_assess(app, pilot)
        screen.select_skill("model-serving")
        await pilot.press("enter")
        await workers_done(app)
        assert app.tracker.ratings("model-serving") == []


async def test_every_skill_view_lists_skills_outside_the_role(
    make_app: MakeApp, seeded_tracker: Tracker
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_assess(app, pilot)
        table = screen.query_one(SkillTable)
        in_role = table.row_count
        await pilot.press("v")
        await pilot.pause()
        assert table.row_count == 28 > in_role
        screen.select_skill("multimodal-ai")
        await pilot.press("3", "ctrl+s")
        await workers_done(app)
        assert [r.level for r in app.tracker.ratings("multimodal-ai")] == [3]


def app_on(factory: FakeUnitOfWorkFactory) -> GapTrackerApp:
    """The app over an in-memory store whose user has chosen a target role."""
    clock = FixedClock(dt.datetime(2026, 3, 2, tzinfo=dt.UTC))
    factory.store.targets.append(
        TargetChange(role_id="inference-optimization-engineer", changed_at=clock.now())
    )
    return GapTrackerApp(Tracker(load_catalog(), factory, clock))


class FailingUnitOfWorkFactory(FakeUnitOfWorkFactory):
    """Reads work; every commit fails as a read-only or full disk would."""

    def __call__(self, *, reading: bool = False):  # type: ignore[no-untyped-def]
        uow = super().__call__(reading=reading)

        def commit() -> None:
            raise StorageError("database error: attempt to write a readonly database")

        uow.commit = commit  # type: ignore[method-assign]
        return uow


async def test_a_failed_write_shows_a_message_and_keeps_the_screen() -> None:
    app = app_on(FailingUnitOfWorkFactory())
    shown = record_notifications(app)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        screen = await open_assess(app, pilot)
        screen.select_skill("model-serving")
        await pilot.press("2")
        screen.query_one("#note", Input).value = "served a model"
        await pilot.press("enter")
        await settle(app, pilot)
        assert any("readonly database" in m for m in shown)
        assert not any(m.startswith("Saved") for m in shown)
        assert isinstance(app.screen, AssessScreen)
        # Everything is given back so the user can retry: the skill, level, note.
        assert (screen.skill_id, screen.chosen) == ("model-serving", 2)
        assert screen.query_one("#note", Input).value == "served a model"
        assert now_cell(screen, "model-serving") == "-"  # shown at Enter, taken back


class GatedUnitOfWorkFactory(FakeUnitOfWorkFactory):
    """Commits wait until the test opens the gate: what the screen shows meanwhile is
    what a user sees while the disk is busy."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = threading.Event()

    def __call__(self, *, reading: bool = False):  # type: ignore[no-untyped-def]
        uow = super().__call__(reading=reading)
        commit = uow.commit

        def gated_commit() -> None:
            assert self.gate.wait(timeout=30), "the test never opened the gate"
            commit()

        uow.commit = gated_commit  # type: ignore[method-assign]
        return uow


async def test_enter_shows_the_level_at_once_and_saved_follows_the_commit() -> None:
    factory = GatedUnitOfWorkFactory()
    app = app_on(factory)
    shown = record_notifications(app)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await open_assess(app, pilot)
        assert "readiness" not in intro(screen)  # rating honestly: no hint at the targets
        await pilot.press("t")
        assert "readiness 0%" in intro(screen)
        screen.select_skill("model-serving")
        await pilot.press("3", "enter")
        await pilot.pause()
        # Not on disk yet, but on screen, and the cursor is on the next skill.
        assert factory.store.ratings == []
        assert now_cell(screen, "model-serving") == "3"
        readiness = app.overview.analysis.readiness  # type: ignore[union-attr]
        assert readiness > 0 and f"readiness {percent_text(readiness)}%" in intro(screen)
        assert screen.skill_id != "model-serving" and screen.chosen is None
        assert not any(m.startswith("Saved") for m in shown)
        factory.gate.set()
        await settle(app, pilot)
        assert [r.level for r in factory.store.ratings] == [3]
        assert "Saved: Model serving = 3" in shown
        assert now_cell(screen, "model-serving") == "3"


async def test_screens_in_the_background_catch_up_when_shown(
    make_app: MakeApp, seeded_tracker: Tracker
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await workers_done(app)
        figure = app.screen.query_one("#readiness-figure", Digits)
        before = figure.value
        screen = await open_assess(app, pilot)
        screen.select_skill("model-serving")
        await pilot.press("5", "enter")
        await settle(app, pilot)
        assert figure.value == before  # not repainted while hidden
        await pilot.press("escape", "d")
        await pilot.pause()
        assert figure.value != before
        assert figure.value == f"{percent_text(app.overview.analysis.readiness)}%"  # type: ignore[union-attr]


async def test_a_chosen_level_survives_a_refresh_of_the_data(
    make_app: MakeApp, seeded_tracker: Tracker
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_assess(app, pilot)
        screen.select_skill("model-serving")
        await pilot.press("3")
        app.overview = app.tracker.overview()  # as when a save's full reload lands
        await pilot.pause()
        assert (screen.skill_id, screen.chosen) == ("model-serving", 3)
        await pilot.press("enter")
        await workers_done(app)
    assert [r.level for r in app.tracker.ratings("model-serving")] == [3]
