"""Text from a skill pack or a review bundle in the terminal app: a pack anyone can share
(`pack import`) and a bundle anyone can send name their roles and skills as they like, so
every name, description and focus line is shown as typed, never read as markup (`[/x]`
would crash the screen, `[b]` or `[link=...]` would restyle it)."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandList
from textual.widgets import Label, Static

from gaptracker.catalog import load_catalog
from gaptracker.domain.models import Catalog
from gaptracker.services.tracker import Tracker
from gaptracker.storage.schema import open_database
from gaptracker.tui.app import GapTrackerApp
from gaptracker.tui.review_app import ReviewApp
from gaptracker.tui.screens.not_applicable import NotApplicableDialog
from tests.fakes import FixedClock
from tests.strategies import NOW
from tests.tui.conftest import settle
from tests.tui.test_review_mode import bundle

MARKUP = "[/x][b][link=https://evil.test]"
"""Opens and closes tags that match nothing: as markup it raises MarkupError."""


def hostile_catalog() -> Catalog:
    """The built-in catalog with MARKUP in every role's and skill's shown text."""
    catalog = load_catalog()
    roles = tuple(r.model_copy(update={"name": f"{r.name} {MARKUP}"}) for r in catalog.roles)
    skills = tuple(
        s.model_copy(
            update={
                "name": f"{s.name} {MARKUP}",
                "description": f"{s.description} {MARKUP}",
                "recommended_focus": f"focus {MARKUP}",
            }
        )
        for s in catalog.skills
    )
    return catalog.model_copy(update={"roles": roles, "skills": skills})


def shown_text(app: GapTrackerApp | ReviewApp) -> str:
    return "\n".join(str(w.render()) for w in app.screen.query(Static))


async def test_pack_text_with_markup_is_shown_as_typed_on_every_screen(
    db_path: Path, clock: FixedClock, tmp_path: Path
) -> None:
    catalog = hostile_catalog()
    tracker = Tracker(catalog, open_database(db_path).uow_factory, clock)
    tracker.set_target("inference-optimization-engineer")
    tracker.rate("cpp-cuda-systems-profiling", 3, note="a note")
    tracker.rate("gpu-cuda-programming", 2)
    app = GapTrackerApp(tracker, export_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        for key in ("a", "escape", "h", "escape", "p", "escape", "r", "escape", "c", "escape"):
            await pilot.press(key)
            await settle(app, pilot)
            assert app.return_code is None, f"the app stopped after {key!r}"
        await pilot.press("a")
        await settle(app, pilot)
        assert MARKUP in shown_text(app)  # the intro's role name and the rubric, as typed
        await pilot.press("down", "down", "down", "x")  # a skill that may be set aside
        await settle(app, pilot)
        assert isinstance(app.screen, NotApplicableDialog)
        question = str(app.screen.query(Label).first().render())
        assert question.count(MARKUP) == 2
    assert app.return_code in (None, 0)


async def test_a_bundle_and_a_mentor_name_with_markup_are_shown_as_typed(tmp_path: Path) -> None:
    request = bundle().model_copy(update={"who": f"Ada {MARKUP}", "role_name": f"Role {MARKUP}"})
    mentor = f"Grace [/b]{MARKUP}"
    app = ReviewApp(request, mentor, tmp_path / "review.json", protected=(), clock=FixedClock(NOW))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        intro = str(app.screen.query_one("#review-intro", Static).render())
    assert f"Ada {MARKUP}" in intro and f"Role {MARKUP}" in intro and mentor in intro


async def test_the_palette_lists_roles_and_skills_named_with_markup_as_typed(
    db_path: Path, clock: FixedClock, tmp_path: Path
) -> None:
    tracker = Tracker(hostile_catalog(), open_database(db_path).uow_factory, clock)
    tracker.set_target("inference-optimization-engineer")
    app = GapTrackerApp(tracker, export_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")  # what it lists before a query, then a search
        await settle(app, pilot)
        await pilot.press(*"role")
        await settle(app, pilot)
        shown = [str(option.prompt) for option in app.screen.query_one(CommandList).options]
        assert any(f"{MARKUP}" in prompt for prompt in shown), shown
        await pilot.press("escape")
    assert app.return_code in (None, 0)
