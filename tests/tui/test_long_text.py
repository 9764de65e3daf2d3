"""Text over the length limit is refused in the terminal app too, with a message the
user sees, and nothing is saved."""

from __future__ import annotations

from textual.widgets import Input

from gaptracker.domain.text import MAX_TEXT_LENGTH
from tests.fakes import FakeUnitOfWorkFactory
from tests.tui.conftest import record_notifications, settle
from tests.tui.test_assess import app_on, open_assess


async def test_a_note_over_the_limit_is_refused_on_screen() -> None:
    factory = FakeUnitOfWorkFactory()
    app = app_on(factory)
    shown = record_notifications(app)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        screen = await open_assess(app, pilot)
        screen.select_skill("model-serving")
        await pilot.press("2")
        screen.query_one("#note", Input).value = "n" * (MAX_TEXT_LENGTH + 1)
        await pilot.press("enter")
        await settle(app, pilot)
    assert any("note is 10,001 characters long, more than the 10,000 allowed" in m for m in shown)
    assert factory.store.ratings == []
