"""What a mentee's read-only dashboard says (Pilot, 80x24, fake directory): what is true of
the mentee, never a hint meant for the user's own data nor a key hidden there."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from gaptracker.domain.models import Catalog
from gaptracker.services.tracker import Tracker
from gaptracker.tui.app import GapTrackerApp
from gaptracker.tui.screens.base import AppScreen
from gaptracker.tui.screens.dashboard import facts_text, target_text
from gaptracker.tui.screens.mentee import MenteeDashboardScreen
from tests.fakes import FixedClock
from tests.group.test_mentees_tui import SIZE, app_for, footer, mentees_shown
from tests.group_fakes import Group
from tests.tui.conftest import settle
from tests.tui.mentor_seed import review_by

THEMES = ("textual-dark", "textual-light")
OWN_HINTS = ("press", "you ", "your ", "yourself", "(r)", "(a)", "Enter rates")
"""Words of the lines meant for the user's own standing."""


def screen_texts(screen: AppScreen) -> str:
    """Every line of text the screen's widgets hold, shown or scrolled out of sight."""
    return "\n".join(str(w.content) for w in screen.query(Static) if w.display)


async def mentee_view(app: GapTrackerApp, pilot: object, row: int) -> MenteeDashboardScreen:
    await mentees_shown(app, pilot)  # type: ignore[arg-type]
    for _ in range(row):
        await pilot.press("down")  # type: ignore[attr-defined]
    await pilot.press("enter")  # type: ignore[attr-defined]
    await settle(app, pilot)
    assert isinstance(app.screen, MenteeDashboardScreen)
    return app.screen


def assert_no_own_hints(text: str) -> None:
    """The app's own words only: a next step's tip (`• ...`) is the guide's advice to
    whoever learns the skill ("run a baseline next to your change"), the same for all."""
    own = "\n".join(line for line in text.splitlines() if not line.startswith("• "))
    for hint in OWN_HINTS:
        assert hint not in own, f"{hint!r} in {own!r}"


@pytest.mark.parametrize("theme", THEMES)
async def test_a_mentee_with_nothing_yet_is_described_not_told_what_to_press(
    group: Group, catalog: Catalog, clock: FixedClock, tmp_path: Path, theme: str
) -> None:
    app = app_for(group, "maria", catalog, clock, tmp_path, group.directory("maria"))
    app.theme = theme
    async with app.run_test(size=SIZE) as pilot:
        view = await mentee_view(app, pilot, row=1)  # bob: no target, no rating
        assert view.member.login == "bob"
        text = screen_texts(view)
        assert "bob has no target role yet" in text
        assert "bob has not rated any skill yet" in text
        assert "No Must skills to show: bob has no target role yet." in text
        assert_no_own_hints(text)
        line = footer(app)
        assert len(line) == SIZE[0] and " v Review " in line


@pytest.mark.parametrize("theme", THEMES)
async def test_a_reviewed_mentee_with_a_check_in_due_is_named_in_every_line(
    group: Group, catalog: Catalog, clock: FixedClock, tmp_path: Path, theme: str
) -> None:
    review_by(Tracker(catalog, group.databases["alice"].uow_factory, clock), mentor="maria")
    clock.advance(days=30)  # alice's check-in is overdue
    app = app_for(group, "maria", catalog, clock, tmp_path, group.directory("maria"))
    app.theme = theme
    async with app.run_test(size=SIZE) as pilot:
        view = await mentee_view(app, pilot, row=0)
        assert view.overview is not None and view.overview.checkin_due
        text = screen_texts(view)
        assert "alice's check-in is due" in text
        assert "alice rates" in text or "alice and maria" in text  # the calibration
        assert ": alice 4, maria 1" in text  # the widest difference, both levels
        assert "Largest gaps, by weight\n" in text + "\n"
        assert_no_own_hints(text)


def test_the_users_own_lines_keep_their_hints(
    group: Group, catalog: Catalog, clock: FixedClock
) -> None:
    """The same standing, as its owner reads it: the keys are theirs to press."""
    overview = Tracker(catalog, group.databases["bob"].uow_factory, clock).overview()
    assert "press [b]r[/b]" in str(target_text(overview))
    assert "press [b]a[/b] to assess yourself" in str(facts_text(overview))
    assert str(target_text(overview, who="bob")) == "bob has no target role yet."
