"""Pilot tests: first run, rating, restart, role switch, help, palette, small terminal."""

from __future__ import annotations

from textual.command import CommandList, CommandPalette
from textual.widgets import Digits

from gaptracker.services.tracker import Tracker
from gaptracker.tui.app import GapTrackerApp
from gaptracker.tui.screens.assess import AssessScreen
from gaptracker.tui.screens.dashboard import DashboardScreen
from gaptracker.tui.screens.help import HelpScreen, HelpTable
from gaptracker.tui.screens.roles import RolesScreen, RoleTable
from gaptracker.tui.screens.welcome import WelcomeScreen
from gaptracker.tui.widgets.gap_table import GapTable
from gaptracker.tui.widgets.key_bar import KeyBar
from gaptracker.tui.widgets.must_skills_panel import MustSkillsPanel
from gaptracker.tui.widgets.skill_table import SkillTable
from tests.tui.conftest import MakeApp, settle


def readiness_text(app: GapTrackerApp) -> str:
    return str(app.screen.query_one("#readiness-figure", Digits).value)


async def test_first_run_goes_welcome_roles_musts_dashboard(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RolesScreen)
        await pilot.press("enter")  # the first role in the list
        await settle(app, pilot)
        assert isinstance(app.screen, AssessScreen)
        assert app.overview is not None and app.overview.target_role is not None
        table = app.screen.query_one(SkillTable)
        assert table.row_count == 3  # only the Must skills on the first pass
        assert app.screen.hide_targets  # targets hidden on a first assessment
        for level in ("2", "3", "1"):
            await pilot.press(level, "enter")
            await settle(app, pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert not app.first_run
        assert app.overview.rating_count == 3
        await pilot.press("a")
        await pilot.pause()
        assert app.screen.query_one(SkillTable).row_count > 3  # now the whole role


async def test_rating_updates_dashboard_and_survives_restart(
    make_app: MakeApp, seeded_tracker: Tracker
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        before = readiness_text(app)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AssessScreen)
        app.screen.select_skill("distributed-compute-literacy")
        await pilot.press("3")
        await pilot.click("#note")
        await pilot.press(*"ran NCCL all-reduce benchmarks", "enter")
        await settle(app, pilot)
        await pilot.press("escape", "d")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert readiness_text(app) != before
        after = readiness_text(app)
    restarted = make_app()
    async with restarted.run_test(size=(100, 30)) as pilot:
        await settle(restarted, pilot)
        assert readiness_text(restarted) == after
        ratings = restarted.tracker.ratings("distributed-compute-literacy")
        assert [(r.level, r.note) for r in ratings] == [(3, "ran NCCL all-reduce benchmarks")]


async def test_the_gap_table_takes_focus_and_the_dashboard_opens_at_its_top(
    make_app: MakeApp, seeded_tracker: Tracker
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 12)) as pilot:  # too short: the body scrolls
        await settle(app, pilot)
        body = app.screen.query_one("#dashboard")
        assert isinstance(app.screen.focused, GapTable)
        body.scroll_end(animate=False)
        await pilot.pause()
        assert body.scroll_y > 0
        await pilot.press("a", "d")  # away and back: at the top again, the table focused
        await pilot.pause()
        assert body.scroll_y == 0
        assert isinstance(app.screen.focused, GapTable)


async def test_a_theme_change_reaches_every_screen_first_visits_included(
    make_app: MakeApp, seeded_tracker: Tracker
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("a", "d")  # the assess screen exists, in the background
        await pilot.pause()
        app.theme = "textual-light"
        await pilot.pause()
        light = app.screen.styles.background
        for key in ("a", "h"):  # made before the change; made after it
            await pilot.press("d", key)
            await pilot.pause()
            assert app.screen.styles.background == light
        app.theme = "textual-dark"
        await pilot.pause()
        assert app.screen.styles.background != light


async def test_switching_the_target_role_shows_everywhere(
    make_app: MakeApp, seeded_tracker: Tracker
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("r")
        await pilot.pause()
        roles = app.screen
        assert isinstance(roles, RolesScreen)
        table = roles.query_one(RoleTable)
        table.move_cursor(5)
        chosen = table.cursor_key
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert app.overview is not None and app.overview.target_role is not None
        assert app.overview.target_role.id == chosen
        assert app.tracker.target_role_id() == chosen
        target_line = str(app.screen.query_one("#target-line").render())
        assert app.overview.target_role.name in target_line


async def test_help_screen_lists_bindings_and_closes(
    make_app: MakeApp, seeded_tracker: Tracker
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one(HelpTable)
        rows = [table.cell_row(i) for i in range(table.row_count)]
        assert rows[0] == ("Dashboard:", "")  # this screen's keys first
        assert any("not applicable" in row[1] for row in rows)
        assert any(row[0] == "ctrl+p" for row in rows)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_command_palette_rates_a_skill_by_name(
    make_app: MakeApp, seeded_tracker: Tracker
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"rate: model serving")
        options = app.screen.query_one(CommandList)
        for _ in range(50):  # the palette searches asynchronously; wait for its results
            if options.option_count:
                break
            await pilot.pause()
        assert "Model serving" in str(options.get_option_at_index(0).prompt)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, AssessScreen)
        assert app.screen.skill_id == "model-serving"


async def test_marking_not_applicable_takes_the_skill_out(
    make_app: MakeApp, seeded_tracker: Tracker
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AssessScreen)
        app.screen.select_skill("model-serving")
        await pilot.press("x")
        await pilot.pause()
        await pilot.press(*"platform team owns serving", "enter")
        await settle(app, pilot)
        assert app.overview is not None and "model-serving" in app.overview.not_applicable


async def test_small_terminal_shows_the_key_widgets(
    make_app: MakeApp, seeded_tracker: Tracker
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        for selector in ("#readiness-figure", "#must-panel", "#target-line"):
            widget = screen.query_one(selector)
            assert widget.region.width > 0 and widget.region.height > 0, selector
            assert widget.region.right <= 80 and widget.region.bottom <= 24, selector
        panel = screen.query_one(MustSkillsPanel)
        assert panel.region.height >= 3


async def test_a_click_on_a_key_in_the_footer_presses_it(
    make_app: MakeApp, seeded_tracker: Tracker
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        bar = app.screen.query_one(KeyBar)
        line = bar.render().plain
        assert line.startswith(" ? Help  q Quit  e Export  ⏎ Rate gap  a Assess ")
        assert line.rstrip().endswith("▏^p palette")
        await pilot.click(KeyBar, offset=(line.index("Assess"), 0))
        await pilot.pause()
        assert isinstance(app.screen, AssessScreen)
        await pilot.click(KeyBar, offset=(app.screen.size.width - 3, 0))  # "palette"
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)


async def test_enter_on_a_gap_opens_that_skill_on_assess(
    make_app: MakeApp, seeded_tracker: Tracker
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        gaps = app.screen.query_one(GapTable)
        gaps.focus()
        await pilot.press("down")
        chosen = gaps.cursor_key
        assert chosen is not None and gaps.cursor_row == 1
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, AssessScreen)
        assert app.screen.skill_id == chosen
        assert app.screen.query_one(SkillTable).cursor_key == chosen


async def test_after_the_first_run_a_gap_opens_in_the_roles_skills(make_app: MakeApp) -> None:
    """The assess screen of the first run lists the Must skills only; opening another
    skill from the dashboard must show the role's skills, not every skill."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")  # welcome
        await settle(app, pilot)
        await pilot.press("enter")  # the first role
        await settle(app, pilot)
        for level in ("2", "3", "1"):
            await pilot.press(level, "enter")
            await settle(app, pilot)
        assert isinstance(app.screen, DashboardScreen)
        analysis = app.overview.analysis  # type: ignore[union-attr]
        assert analysis is not None
        wanted = next(
            r.skill_id for r in analysis.rows if r.skill_id not in app.catalog.must_skill_ids
        )
        await app.action_rate_skill(wanted)
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, AssessScreen)
        assert screen.scope == "role"
        assert screen.skill_id == wanted
        assert screen.query_one(SkillTable).cursor_key == wanted
