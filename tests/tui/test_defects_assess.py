"""Issue 16's defects on the assess screen, as a new user met them (keys as typed).

1. The palette rated the wrong skill after a role switch.
5. Names vanished: the Must panel at 80x24 with stale ratings, assess's names cut to a
   few characters even at 160 columns.
12. A double-click on a dashboard gap opened assess, then chose a level.
"""

from __future__ import annotations

from textual import events
from textual.geometry import Offset

from gaptracker.services.tracker import Tracker
from gaptracker.tui.app import GapTrackerApp
from tests.fakes import FixedClock
from tests.tui.conftest import MakeApp, settle
from tests.tui.screen_text import burst, drawn_lines, palette


async def test_the_palette_rates_the_skill_it_named_after_a_role_switch(
    make_app: MakeApp, seeded_tracker: Tracker
) -> None:
    """Defect 1: assess visited under role A, the target switched to role B, then
    ctrl+p `rate: continual-learning`: a digit and Enter must rate continual learning."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("a")  # assess, while the target is the inference role
        await settle(app, pilot)
        await pilot.press("escape", "d")
        await settle(app, pilot)
        await palette(app, pilot, "role: Foundation Model Engineer")
        assert app.tracker.target_role_id() == "foundation-model-engineer"
        for skill_id in ("model-serving", "cpp-cuda-systems-profiling", "continual-learning"):
            # by id, as the command line spells it: in role A only, in both, in B only
            await palette(app, pilot, f"rate: {skill_id}")
            assert app.screen.__class__.__name__ == "AssessScreen"
            assert app.screen.query_one("#skill-table").cursor_key == skill_id
        await pilot.press("3", "enter")
        await settle(app, pilot)
    assert [r.level for r in app.tracker.ratings("continual-learning")] == [3]
    assert len(app.tracker.ratings()) == 4  # the three seeded, and this one only


async def test_a_digit_and_enter_typed_at_once_after_a_move_rate_the_highlighted_skill(
    make_app: MakeApp, seeded_tracker: Tracker
) -> None:
    """Defect 1's other road to the wrong skill: the table's cursor moves at once, the
    screen heard of it later, so `down 3 Enter` typed in one burst rated the skill above."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("a")
        await settle(app, pilot)
        assert app.screen.query_one("#skill-table").cursor_key == "cpp-cuda-systems-profiling"
        burst(app, "down", "down", "4", "enter")  # the third Must skill
        await settle(app, pilot)
    new = app.tracker.ratings()[3:]
    assert [(r.skill_id, r.level) for r in new] == [("distributed-compute-literacy", 4)]


def name_cells(lines: list[str], skill_names: list[str]) -> list[str]:
    """The text each visible row shows of a skill's name (the row's line, up to the
    figures), for lines that start a name."""
    shown = []
    for line in lines[1:]:  # the header first
        text = line.strip()
        if not text:
            continue
        words = text.split("  ")[0].strip()  # the name ends where the figures' gap starts
        shown.append(words)
    return shown


async def assess_rows_shown(app: GapTrackerApp, pilot) -> list[str]:  # type: ignore[no-untyped-def]
    await pilot.press("a")
    await settle(app, pilot)
    table = app.screen.query_one("#skill-table")
    return name_cells(drawn_lines(table), [s.name for s in app.catalog.skills])


async def test_assess_shows_skill_names_at_80_and_160_columns(
    make_app: MakeApp, seeded_tracker: Tracker
) -> None:
    """Defect 5: `C++, …` and `Perform…` twice told the user nothing. Each visible name
    shows enough to know it (whole, or at least 20 characters at 80 columns and 40 at
    160), and no two rows look alike."""
    names = [s.name for s in seeded_tracker.catalog.skills]
    for size, least in (((80, 24), 20), ((160, 50), 40)):
        app = make_app()
        async with app.run_test(size=size) as pilot:
            await settle(app, pilot)
            shown = await assess_rows_shown(app, pilot)
        assert len(shown) >= 5, (size, shown)
        assert len(set(shown)) == len(shown), (size, shown)  # no two rows alike
        for text in shown:
            stem = text.rstrip("…").rstrip()
            name = next((n for n in names if n.startswith(stem)), None)
            assert name is not None, (size, text)
            assert stem == name or len(stem) >= least, (size, text)


async def test_the_must_panel_names_every_must_skill_at_80x24_when_stale(
    make_app: MakeApp, seeded_tracker: Tracker, clock: FixedClock
) -> None:
    """Defect 5: with stale ratings the Must panel at 80x24 showed no names at all."""
    seeded_tracker.rate("distributed-compute-literacy", 2)
    clock.advance(days=200)  # every rating is stale now
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        panel = app.screen.query_one("#must-panel")
        assert panel.region.right <= 80 and panel.region.bottom <= 24
        text = "\n".join(drawn_lines(panel))
    for skill_id in seeded_tracker.catalog.must_skill_ids:
        assert seeded_tracker.catalog.skill(skill_id).name in text, text
    assert "stale" in text


def mouse(kind: type[events.MouseEvent], at: Offset) -> events.MouseEvent:
    return kind(None, at.x, at.y, 0, 0, 1, False, False, False, screen_x=at.x, screen_y=at.y)


async def test_a_double_click_on_a_gap_opens_assess_without_choosing_a_level(
    make_app: MakeApp, seeded_tracker: Tracker
) -> None:
    """Defect 12: the second click of a double-click lands on the assess screen, on a
    level of the rubric; it must not choose that level (Enter would then save it).

    The clicks go to the app as the terminal sends them (mouse down and up, the app
    makes the clicks and their chain), the second pair once assess is showing, as
    happens when a person double-clicks."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        gaps = app.screen.query_one("#gap-table")
        found = None
        for row in range(gaps.row_count):  # a gap whose line, on assess, is on a level
            gaps.move_cursor(row)
            await pilot.pause()
            at = Offset(100, gaps.region.y + 1 + row - gaps.scroll_offset.y)
            down, up = mouse(events.MouseDown, at), mouse(events.MouseUp, at)
            second = mouse(events.MouseDown, at), mouse(events.MouseUp, at)
            app.post_message(down)
            app.post_message(up)
            await settle(app, pilot)
            assert app.screen.__class__.__name__ == "AssessScreen"
            widget, _ = app.get_widget_at(*at)
            if any("level" in node.classes for node in widget.ancestors_with_self):
                found = second
                break
            await pilot.press("escape", "d")
            await settle(app, pilot)
        assert found is not None, "no gap row lies over a rubric level at this size"
        before = len(app.tracker.ratings())
        for event in found:
            event.time = up.time  # within the double-click threshold, however slow
            app.post_message(event)
        await settle(app, pilot)
        assert app.screen.chosen is None
        await pilot.press("enter")  # nothing chosen: nothing to save
        await settle(app, pilot)
        assert len(app.tracker.ratings()) == before
