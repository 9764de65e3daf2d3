"""Issue 16's defects in moving around: the role picker, Esc, the welcome screen.

2. On roles, after Tab (or a click on the detail panel) the arrows scrolled the panel and
   Enter set the current role again ("Target role set"): the user believed they switched.
8. Esc did nothing on history, plan and roles.
9. The welcome screen offered c, h, p before a role existed; c opened an empty check-in.
Low: the welcome screen had no header.
"""

from __future__ import annotations

import pytest

from gaptracker.services.tracker import Tracker
from gaptracker.tui.app import GapTrackerApp
from tests.tui.conftest import MakeApp, record_notifications, settle
from tests.tui.screen_text import footer_line


def screen_name(app: GapTrackerApp) -> str:
    return app.screen.__class__.__name__


async def open_roles(app: GapTrackerApp, pilot) -> str:  # type: ignore[no-untyped-def]
    """The roles screen; returns the role just above the target in its list (by fit)."""
    await settle(app, pilot)
    await pilot.press("r")
    await settle(app, pilot)
    assert screen_name(app) == "RolesScreen"
    assert app.overview is not None
    order = [fit.role_id for fit in app.overview.fits]
    target = app.tracker.target_role_id()
    assert target is not None and order.index(target) > 0
    return order[order.index(target) - 1]


@pytest.mark.parametrize("leave_the_table", ["tab", "click on the detail panel"])
async def test_the_arrows_move_the_roles_and_enter_switches_after_tab_or_a_click(
    make_app: MakeApp, seeded_tracker: Tracker, leave_the_table: str
) -> None:
    app = make_app()
    shown = record_notifications(app)
    async with app.run_test(size=(100, 30)) as pilot:
        above = await open_roles(app, pilot)
        if leave_the_table == "tab":
            await pilot.press("tab")
        else:
            await pilot.click("#role-detail-box", offset=(5, 5))
        await pilot.pause()
        await pilot.press("up", "enter")
        await settle(app, pilot)
        assert app.tracker.target_role_id() == above
        assert screen_name(app) == "DashboardScreen"
    name = app.catalog.role(above).name
    assert any(name in message for message in shown), shown  # says which role


async def test_enter_on_the_current_target_says_so_and_changes_nothing(
    make_app: MakeApp, seeded_tracker: Tracker
) -> None:
    app = make_app()
    shown = record_notifications(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_roles(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert screen_name(app) == "RolesScreen"  # nothing happened: stay and choose
    assert not any("Target role set" in m for m in shown), shown
    assert any("already your target" in m for m in shown), shown


@pytest.mark.parametrize("key", ["a", "c", "h", "p", "r"])
async def test_escape_goes_back_to_the_dashboard_from_every_screen(
    make_app: MakeApp, seeded_tracker: Tracker, key: str
) -> None:
    """Defect 8."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press(key)
        await settle(app, pilot)
        assert screen_name(app) != "DashboardScreen"
        await pilot.press("escape")
        await settle(app, pilot)
        assert screen_name(app) == "DashboardScreen"


async def test_before_a_role_exists_the_screens_that_need_one_are_not_offered(
    make_app: MakeApp,
) -> None:
    """Defect 9: on a first start, c, h and p lead nowhere (no role, nothing to show):
    the welcome screen neither offers nor follows them, nor does the role picker."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert screen_name(app) == "WelcomeScreen"
        footer = footer_line(app)
        for word in ("Check", "History", "Plan"):
            assert word not in footer, footer
        await pilot.press("c", "h", "p")
        await settle(app, pilot)
        assert screen_name(app) == "WelcomeScreen"
        await pilot.press("enter")
        await settle(app, pilot)
        assert screen_name(app) == "RolesScreen"
        footer = footer_line(app)
        for word in ("Check", "History", "Plan"):
            assert word not in footer, footer
        await pilot.press("c", "h", "p")
        await settle(app, pilot)
        assert screen_name(app) == "RolesScreen"
        assert app.tracker.target_role_id() is None


async def test_the_welcome_screen_has_the_apps_header(make_app: MakeApp) -> None:
    """Low: every other screen has the header with the app's name; the first did not."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert screen_name(app) == "WelcomeScreen"
        headers = [h for h in app.screen.query("Header") if h.region.height]
        assert headers and headers[0].region.y == 0
