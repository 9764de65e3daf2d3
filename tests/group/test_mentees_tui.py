"""The Mentees screen and a mentee's read-only dashboard (Pilot, 80x24, fake directory)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from gaptracker.domain.models import Catalog
from gaptracker.domain.numbers import percent_text
from gaptracker.domain.ports import GroupDirectory
from gaptracker.services.status import read_status
from gaptracker.services.tracker import Tracker
from gaptracker.tui.app import GapTrackerApp
from gaptracker.tui.commands import help_rows
from gaptracker.tui.screens.dashboard import DashboardScreen
from gaptracker.tui.screens.mentee import MenteeDashboardScreen, MenteeReviewScreen
from gaptracker.tui.screens.mentees import MenteesScreen
from gaptracker.tui.widgets.key_bar import KeyBar
from gaptracker.tui.widgets.mentee_table import MenteeTable
from tests.fakes import FixedClock
from tests.group.test_members_command import NoGroup
from tests.group_fakes import ROLE, Group
from tests.tui.conftest import settle

SIZE = (80, 24)


def app_for(
    group: Group,
    login: str,
    catalog: Catalog,
    clock: FixedClock,
    tmp_path: Path,
    directory: GroupDirectory | None = None,
) -> GapTrackerApp:
    own = Tracker(catalog, group.databases[login].uow_factory, clock)
    return GapTrackerApp(own, export_dir=tmp_path, directory=directory)


def footer(app: GapTrackerApp) -> str:
    return str(app.screen.query_one(KeyBar).render())


async def mentees_shown(app: GapTrackerApp, pilot: Pilot[None]) -> MenteesScreen:
    await settle(app, pilot)
    await pilot.press("m")
    await settle(app, pilot)
    assert isinstance(app.screen, MenteesScreen)
    return app.screen


@pytest.mark.parametrize("who", ["no directory", "no group", "mentors no one"])
async def test_no_mentees_key_anywhere_without_mentees(
    group: Group, catalog: Catalog, clock: FixedClock, tmp_path: Path, who: str
) -> None:
    directory = {
        "no directory": None,
        "no group": NoGroup(),
        "mentors no one": group.directory("carol"),
    }[who]
    app = app_for(group, "carol", catalog, clock, tmp_path, directory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert "Mentees" not in footer(app)
        assert app.check_action("show_mentees", ()) is False
        await pilot.press("m")
        await settle(app, pilot)
        assert isinstance(app.screen, DashboardScreen)
    assert all("mentees" not in row.what.lower() for row in help_rows("dashboard"))


async def test_a_mentor_sees_the_key_and_the_table_of_mentees(
    group: Group, catalog: Catalog, clock: FixedClock, tmp_path: Path
) -> None:
    app = app_for(group, "maria", catalog, clock, tmp_path, group.directory("maria"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        line = footer(app)
        assert " m Mentees " in line and len(line) == SIZE[0]
        screen = await mentees_shown(app, pilot)
        table = screen.query_one(MenteeTable)
        assert [table.cell_row(i)[0] for i in range(table.row_count)] == [
            "Alice A. (alice)",
            "Bob B. (bob)",
        ]
        alice = table.cell_row(0)
        own = read_status(catalog, group.databases["alice"].uow_factory, clock)
        assert own.readiness is not None
        assert alice[1:3] == (f"{percent_text(own.readiness)}%", f"{own.must_met}/3")
        assert alice[3:] == ("2026-03-02", "2026-02-23", "2")
        assert table.cell_row(1)[1:] == ("-", "0/3", "-", "-", "0")
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)
    rows = help_rows("mentees", mentor=True)
    assert rows[0].where == "Mentees" and "read-only" in rows[0].what


async def test_enter_opens_the_mentees_dashboard_read_only_and_escape_returns(
    group: Group, catalog: Catalog, clock: FixedClock, tmp_path: Path
) -> None:
    app = app_for(group, "maria", catalog, clock, tmp_path, group.directory("maria"))
    async with app.run_test(size=SIZE) as pilot:
        await mentees_shown(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        view = app.screen
        assert isinstance(view, MenteeDashboardScreen)
        assert view.title == "alice (read-only)"
        assert view.overview is not None and view.overview.target_role is not None
        assert view.overview.target_role.id == ROLE
        assert view.overview.rating_count == 4  # alice's, not maria's (who has none)
        line = footer(app)
        assert " v Review " in line and " esc Back " in line
        for hidden in (" a ", " c ", " e ", " ⏎ ", " m ", " r "):
            assert hidden not in line
        for action in ("rate_skill", "choose_role", "choose_pack", "export", "set_goal"):
            assert app.check_action(action, ("x",)) is False  # the palette's too
        for key in ("a", "enter", "e", "r", "g", "m"):  # each would write or leave
            await pilot.press(key)
            await settle(app, pilot)
            assert app.screen is view
        await pilot.press("escape")
        assert isinstance(app.screen, MenteesScreen)


async def test_a_review_from_the_mentee_view_lands_as_their_mentor_ratings(
    group: Group, catalog: Catalog, clock: FixedClock, tmp_path: Path
) -> None:
    alice_db = group.databases["alice"]
    with alice_db.uow_factory(reading=True) as uow:
        own_before = list(uow.ratings.list())
    app = app_for(group, "maria", catalog, clock, tmp_path, group.directory("maria"))
    async with app.run_test(size=SIZE) as pilot:
        await mentees_shown(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        view = app.screen
        assert isinstance(view, MenteeDashboardScreen)
        await pilot.press("v")
        await settle(app, pilot)
        review = app.screen
        assert isinstance(review, MenteeReviewScreen)
        first = review.request.skills[0].id
        await pilot.press("2", "ctrl+s")
        await settle(app, pilot)
        assert view.is_current  # back on the mentee, the review screen gone
        assert view.overview is not None
        assert [r.mentor for r in view.overview.mentor_reviews] == ["maria"]
    with alice_db.uow_factory(reading=True) as uow:
        given = [(r.mentor, r.skill_id, r.level) for r in uow.mentor_ratings.list()]
        assert list(uow.ratings.list()) == own_before
    assert given == [("maria", first, 2)]
    with group.databases["maria"].uow_factory(reading=True) as uow:
        assert list(uow.mentor_ratings.list()) == []  # nothing in the mentor's own rows


async def test_escape_leaves_a_review_unsaved_after_a_warning(
    group: Group, catalog: Catalog, clock: FixedClock, tmp_path: Path
) -> None:
    app = app_for(group, "maria", catalog, clock, tmp_path, group.directory("maria"))
    async with app.run_test(size=SIZE) as pilot:
        await mentees_shown(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        view = app.screen
        await pilot.press("v")
        await settle(app, pilot)
        await pilot.press("3", "escape")
        assert isinstance(app.screen, MenteeReviewScreen)  # warned first
        await pilot.press("escape")
        assert app.screen is view and app.is_running
    with group.databases["alice"].uow_factory(reading=True) as uow:
        assert list(uow.mentor_ratings.list()) == [] and list(uow.bundles.list()) == []
