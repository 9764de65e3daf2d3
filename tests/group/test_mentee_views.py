"""A mentee's history and plan, read-only, from their dashboard (Pilot, 80x24, fake
directory): the same keys as for one's own, the mentee's rows only, nothing to write."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.message import Message
from textual.widgets import Static

from gaptracker.domain.models import Catalog
from gaptracker.services.tracker import Tracker
from gaptracker.tui.app import GapTrackerApp
from gaptracker.tui.commands import SCOPES, help_rows
from gaptracker.tui.messages import WriteRequested
from gaptracker.tui.screens.history import RatedSkills, Timeline
from gaptracker.tui.screens.mentee_views import MenteeHistoryScreen, MenteePlanScreen
from gaptracker.tui.screens.plan import StudyTable
from tests.fakes import FixedClock
from tests.group.test_mentee_texts import assert_no_own_hints, mentee_view, screen_texts
from tests.group.test_mentees_tui import SIZE, app_for, footer
from tests.group_fakes import Group
from tests.tui.conftest import settle

MARIAS_OWN = "maria's own rating"
ALICES = ["cpp-cuda-systems-profiling", "distributed-compute-literacy", "inference-optimization"]


def mentor_app(group: Group, catalog: Catalog, clock: FixedClock, tmp_path: Path) -> GapTrackerApp:
    """maria, with a rating of her own that no mentee view may show."""
    maria = Tracker(catalog, group.databases["maria"].uow_factory, clock)
    maria.rate("gpu-cuda-programming", 5, note=MARIAS_OWN)
    return app_for(group, "maria", catalog, clock, tmp_path, group.directory("maria"))


def writes(messages: list[Message]) -> list[Message]:
    return [m for m in messages if isinstance(m, WriteRequested)]


async def test_h_opens_the_mentees_history_with_their_rows_only(
    group: Group, catalog: Catalog, clock: FixedClock, tmp_path: Path
) -> None:
    app = mentor_app(group, catalog, clock, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        dashboard = await mentee_view(app, pilot, row=0)
        await pilot.press("h")
        await settle(app, pilot)
        history = app.screen
        assert isinstance(history, MenteeHistoryScreen)
        assert history.title == "alice's history (read-only)"
        skills = history.query_one(RatedSkills)
        names = [skills.cell_row(i)[0] for i in range(skills.row_count)]
        assert catalog.skill("gpu-cuda-programming").name not in names  # maria's own skill
        assert {catalog.skill(s).name for s in ALICES} <= set(names)
        timeline = history.query_one(Timeline)
        notes = [timeline.cell_row(i)[2] for i in range(timeline.row_count)]
        assert notes == ["nsight"]  # alice's C++/CUDA rating, the first skill by name
        text = screen_texts(history)
        assert MARIAS_OWN not in text and "Goals: alice has set none yet." in text
        assert_no_own_hints(text)
        line = footer(app)
        assert len(line) == SIZE[0] and " esc Back " in line and " g " not in line
        await pilot.press("escape")
        assert app.screen is dashboard


async def test_the_mentees_history_offers_nothing_to_write(
    group: Group, catalog: Catalog, clock: FixedClock, tmp_path: Path
) -> None:
    app = mentor_app(group, catalog, clock, tmp_path)
    sent: list[Message] = []
    async with app.run_test(size=SIZE, message_hook=sent.append) as pilot:
        await mentee_view(app, pilot, row=0)
        await pilot.press("h")
        await settle(app, pilot)
        history = app.screen
        assert isinstance(history, MenteeHistoryScreen)
        assert history.check_action("skill_goal", ()) is False
        assert app.check_action("set_goal", ()) is False
        for key in ("g", "a", "c", "d", "r", "e", "m", "v", "enter"):
            await pilot.press(key)
            await settle(app, pilot)
            assert app.screen is history, key
    assert writes(sent) == []


async def test_p_opens_the_mentees_plan_read_only(
    group: Group, catalog: Catalog, clock: FixedClock, tmp_path: Path
) -> None:
    app = mentor_app(group, catalog, clock, tmp_path)
    sent: list[Message] = []
    async with app.run_test(size=SIZE, message_hook=sent.append) as pilot:
        dashboard = await mentee_view(app, pilot, row=0)
        await pilot.press("p")
        await settle(app, pilot)
        plan = app.screen
        assert isinstance(plan, MenteePlanScreen)
        assert plan.title == "alice's plan (read-only)"
        assert plan.view is not None and plan.view.role_id == "inference-optimization-engineer"
        assert plan.query_one(StudyTable).row_count > 0
        shown = "\n".join(
            str(w.content) for w in plan.query(Static) if w.id != "plan-next-steps"
        )  # the next steps' tips are the guide's advice ("your change"), the same for all
        assert "of alice's role" in shown and "(alice's check mark)" in shown
        assert_no_own_hints(shown)
        assert "0-5" not in shown
        for action in MenteePlanScreen.WRITES:
            assert plan.check_action(action, ()) is False
        for key in ("s", "l", "3", "n", "e", "f", "tab", "s", "enter"):
            await pilot.press(key)
            await settle(app, pilot)
            assert app.screen is plan, key
        line = footer(app)
        assert len(line) == SIZE[0] and " esc Back " in line and " s " not in line
        await pilot.press("escape")
        assert app.screen is dashboard
    assert writes(sent) == []


async def test_a_mentee_with_nothing_yet_has_an_empty_history_and_plan_said_so(
    group: Group, catalog: Catalog, clock: FixedClock, tmp_path: Path
) -> None:
    app = mentor_app(group, catalog, clock, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await mentee_view(app, pilot, row=1)  # bob
        await pilot.press("h")
        await settle(app, pilot)
        assert isinstance(app.screen, MenteeHistoryScreen)
        text = screen_texts(app.screen)
        assert "No trend yet: bob has no target role or no rating." in text
        assert MARIAS_OWN not in text and app.screen.query_one(RatedSkills).row_count == 0
        assert_no_own_hints(text)
        await pilot.press("escape", "p")
        await settle(app, pilot)
        assert isinstance(app.screen, MenteePlanScreen)
        text = screen_texts(app.screen)
        assert "bob has no target role yet: the plan follows the role." in text
        assert_no_own_hints(text)


@pytest.mark.parametrize("key", ["h", "p"])
def test_the_help_lists_the_mentee_views_keys_for_a_mentor_only(key: str) -> None:
    on_the_mentee = [r for r in help_rows("mentee", mentor=True) if r.where == SCOPES["mentee"]]
    assert any(r.keys == key and "read-only" in r.what for r in on_the_mentee)
    assert all("mentee" not in r.what.lower() for r in help_rows("dashboard"))
