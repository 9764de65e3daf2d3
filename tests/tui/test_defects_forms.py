"""Issue 16's "Low" defects in forms and messages, at 80x24 where they were met.

- Dialog titles and the Add-project dialog did not fit 80x24, and it asked for skill
  ids, not names.
- Form labels were only placeholders (gone as soon as one types).
- Toasts covered the form at 80x24.
- Toasts mixed names and ids.
"""

from __future__ import annotations

import re

from textual.geometry import Region
from textual.widget import Widget

from gaptracker.services.tracker import Tracker
from gaptracker.tui.app import GapTrackerApp
from tests.tui.conftest import MakeApp, record_notifications, settle
from tests.tui.screen_text import drawn_lines, palette

SIZE = (80, 24)


def text_of(widget: Widget) -> str:
    return " ".join(line.strip() for line in drawn_lines(widget)).strip()


def inside(region: Region, size: tuple[int, int] = SIZE) -> bool:
    return region.x >= 0 and region.y >= 0 and region.right <= size[0] and region.bottom <= size[1]


def fields(app: GapTrackerApp) -> list[Widget]:
    return [w for w in app.screen.query("Input") if w.display]


def label_of(app: GapTrackerApp, field: Widget) -> str:
    """The text drawn just left of the field on its line, or on the line above it."""
    box = field.region
    found = []
    for widget in app.screen.query("Label, Static"):
        near = widget.region
        if not near.height or widget in field.ancestors_with_self:
            continue
        left = near.y <= box.y < near.bottom and near.right <= box.x and box.x - near.right <= 2
        above = near.bottom == box.y and near.x < box.right and box.x < near.right
        if left or above:
            found.append(text_of(widget))
    return " ".join(t for t in found if t)


async def test_the_project_dialog_fits_80x24_and_asks_for_skill_names(
    make_app: MakeApp, seeded_tracker: Tracker
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("p")
        await settle(app, pilot)
        await pilot.press("tab", "n")
        await settle(app, pilot)
        dialog = app.screen.query_one("#dialog")
        assert inside(dialog.region), dialog.region
        for widget in [*fields(app), *app.screen.query("Button")]:
            assert inside(widget.region) and widget.region.height, widget
        skills = app.screen.query_one("#field-skills")
        assert "name" in label_of(app, skills).lower(), label_of(app, skills)


async def test_a_long_dialog_title_is_shown_whole_at_80x24(
    make_app: MakeApp, seeded_tracker: Tracker
) -> None:
    """The note dialog of the longest study topic of the role says which topic."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("p")
        await settle(app, pilot)
        names = {
            s.skill_id: app.catalog.skill(s.skill_id).name
            for s in app.tracker.plan.view("inference-optimization-engineer").study
        }
        longest = max(names, key=lambda k: len(names[k]))
        for _ in range(list(names).index(longest)):
            await pilot.press("down")
        await pilot.press("l")
        await settle(app, pilot)
        title = app.screen.query_one("#dialog-title")
        assert inside(title.region)
        assert names[longest] in text_of(title), text_of(title)


async def test_every_field_keeps_its_label_once_something_is_typed(
    make_app: MakeApp, seeded_tracker: Tracker
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await palette(app, pilot, "rate: model-serving")
        seen = []
        for field in fields(app):  # the note, the evidence, the date
            await pilot.click(field)
            await pilot.press(*"2026")
            seen.append(field.id)
            assert label_of(app, field), f"#{field.id} says nothing once typed in"
        assert len(seen) == 3
        await pilot.press("escape", "x")  # back to the table; not applicable: the reason
        await settle(app, pilot)
        await pilot.press(*"owned by another team")
        (reason,) = fields(app)
        assert label_of(app, reason)
        await pilot.press("escape", "escape", "escape", "escape", "c")
        await settle(app, pilot)
        await pilot.press("4", *"a note")
        await settle(app, pilot)
        (note,) = fields(app)
        assert label_of(app, note), "the check-in note says nothing once typed in"


def toast_regions(app: GapTrackerApp) -> list[Region]:
    return [toast.region for toast in app.screen.query("Toast") if toast.region.height]


async def test_toasts_leave_the_fields_of_assess_and_checkin_visible_at_80x24(
    make_app: MakeApp, seeded_tracker: Tracker
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        await palette(app, pilot, "rate: model-serving")
        await pilot.press("3", "enter")  # "Saved: Model serving = 3"
        await settle(app, pilot)
        toasts = toast_regions(app)
        assert toasts
        for field in fields(app):
            assert not any(t.overlaps(field.region) for t in toasts), field.id
        await pilot.press("escape", "c", "space")  # check-in: "Kept: ..."
        await settle(app, pilot)
        await pilot.press("4")
        await settle(app, pilot)
        toasts = toast_regions(app)
        assert toasts
        for field in fields(app):
            assert not any(t.overlaps(field.region) for t in toasts), field.id


async def test_toasts_name_skills_and_roles_never_by_id(
    make_app: MakeApp, seeded_tracker: Tracker
) -> None:
    ids = [s.id for s in seeded_tracker.catalog.skills] + [
        r.id for r in seeded_tracker.catalog.roles
    ]
    app = make_app()
    shown = record_notifications(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await palette(app, pilot, "rate: model-serving")
        await pilot.press("3", "enter")
        await settle(app, pilot)
        await palette(app, pilot, "rate: model-serving")
        await pilot.press("x", *"platform team", "enter")
        await settle(app, pilot)
        await pilot.press("x")  # counted again
        await settle(app, pilot)
        await pilot.press("escape", "p")
        await settle(app, pilot)
        await pilot.press("s")  # a study topic's status
        await settle(app, pilot)
        await pilot.press("tab", "tab", "3")  # practice
        await settle(app, pilot)
        await palette(app, pilot, "role: AI Research Scientist")
    assert len(shown) >= 5, shown
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, ids)) + r")(?![\w-])")
    with_ids = [m for m in shown if pattern.search(m)]
    assert with_ids == [], with_ids
