"""After a review is saved from a mentee's view, what the mentor returns to shows it
(Pilot, 80x24, fake directory): the mentee's dashboard (through the app's writer and its
`WriteEnded`, no callback between screens), their history, and a Mentees table that still
agrees with a fresh read."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from gaptracker.domain.models import Catalog
from gaptracker.services.group import member_standings
from gaptracker.tui.screens.history import RatedSkills, Timeline
from gaptracker.tui.screens.mentee import MenteeDashboardScreen, MenteeReviewScreen
from gaptracker.tui.screens.mentee_views import MenteeHistoryScreen
from gaptracker.tui.screens.mentees import MenteesScreen
from gaptracker.tui.widgets.mentee_table import MenteeTable, mentee_cells
from tests.fakes import FixedClock
from tests.group.test_mentee_texts import mentee_view
from tests.group.test_mentees_tui import SIZE, app_for
from tests.group_fakes import Group
from tests.tui.conftest import settle


async def test_the_mentee_dashboard_history_and_table_show_a_saved_review(
    group: Group, catalog: Catalog, clock: FixedClock, tmp_path: Path
) -> None:
    directory = group.directory("maria")
    app = app_for(group, "maria", catalog, clock, tmp_path, directory)
    async with app.run_test(size=SIZE) as pilot:
        view = await mentee_view(app, pilot, row=0)
        mentor_line = view.query_one("#mentor-line", Static)
        assert not mentor_line.display  # no review yet
        await pilot.press("v")
        await settle(app, pilot)
        review = app.screen
        assert isinstance(review, MenteeReviewScreen)
        skill = review.request.skills[0]
        await pilot.press("2", "ctrl+s")
        await settle(app, pilot)
        assert app.screen is view
        assert mentor_line.display and "By maria's levels" in str(mentor_line.content)

        await pilot.press("h")
        await settle(app, pilot)
        history = app.screen
        assert isinstance(history, MenteeHistoryScreen)
        await pilot.press("home")
        for _ in range(20):  # to the reviewed skill's timeline
            if history.query_one(RatedSkills).cursor_key == skill.id:
                break
            await pilot.press("down")
            await settle(app, pilot)
        rows = history.query_one(Timeline)
        levels = [rows.cell_row(i)[1] for i in range(rows.row_count)]
        assert "2 · maria" in levels

        await pilot.press("escape", "escape")
        await settle(app, pilot)
        mentees = app.screen
        assert isinstance(mentees, MenteesScreen)
        table = mentees.query_one(MenteeTable)
        fresh = member_standings(catalog, clock, directory, directory.mentees())
        assert [table.cell_row(i) for i in range(table.row_count)] == [
            mentee_cells(s) for s in fresh
        ]
    assert isinstance(view, MenteeDashboardScreen)
