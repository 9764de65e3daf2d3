"""Review mode: the mentor rates the bundle's skills in the terminal app and saves the file."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, OptionList, Static

from gaptracker.domain.mentor import ReviewRequest
from gaptracker.domain.models import Rating
from gaptracker.domain.review_files import build_request, parse_review
from gaptracker.tui.review_app import ReviewApp
from gaptracker.tui.screens.review import ReviewScreen
from tests.fakes import FixedClock
from tests.strategies import CATALOG, NOW

ROLE = "inference-optimization-engineer"


def bundle(*, hide_targets: bool = False) -> ReviewRequest:
    rating = Rating(
        skill_id=CATALOG.requirements_for(ROLE)[0].skill_id,
        level=2,
        note="my own note",
        effective_date=NOW.date(),
        created_at=NOW,
        catalog_version=CATALOG.version,
    )
    current = {rating.skill_id: rating}
    return build_request(
        CATALOG, ROLE, "research-infra", "Ada", current, NOW, hide_targets=hide_targets
    )


def app_for(request: ReviewRequest, out: Path, protected: tuple[Path, ...] = ()) -> ReviewApp:
    return ReviewApp(request, "Grace", out, protected=protected, clock=FixedClock(NOW))


async def test_the_mentor_rates_two_skills_with_a_note_and_saves(tmp_path: Path) -> None:
    request = bundle()
    out = tmp_path / "review.json"
    app = app_for(request, out)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("4", "n", *"solid", "enter")  # the note, then on to the next skill
        await pilot.press("1", "ctrl+s")
        await pilot.pause()
    assert app.return_value == 0 and app.written == out
    review = parse_review(out.read_text(), str(out))
    first, second = (s.id for s in request.skills[:2])
    assert [(m.skill_id, m.level, m.note) for m in review.levels] == [
        (first, 4, "solid"),
        (second, 1, ""),
    ]
    assert (review.bundle_id, review.bundle_hash) == (request.id, request.content_hash)
    assert review.mentor == "Grace"


async def test_the_rubric_shows_their_shared_level_and_note_but_not_in_a_blind_review(
    tmp_path: Path,
) -> None:
    for blind in (False, True):
        app = app_for(bundle(hide_targets=blind), tmp_path / "r.json")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            shown = str(app.screen.query_one("#review-text", Static).render())
            assert ("[theirs]" in shown) is not blind
            assert ("my own note" in shown) is not blind
            assert ("target " in shown) is not blind


async def test_digits_typed_in_the_note_are_text_not_levels(tmp_path: Path) -> None:
    app = app_for(bundle(), tmp_path / "r.json")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n", "3", "x")
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        assert screen.levels == {}
        assert screen.query_one("#review-note", Input).value == "3x"


async def test_saving_with_nothing_rated_or_over_the_database_writes_nothing(
    tmp_path: Path,
) -> None:
    database = tmp_path / "gt.sqlite"
    database.write_bytes(b"SQLite format 3\x00")
    app = app_for(bundle(), database, protected=(database,))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")  # nothing rated yet
        await pilot.press("3", "ctrl+s")  # the database is never replaced
        await pilot.pause()
        assert app.is_running and app.written is None
    assert database.read_bytes() == b"SQLite format 3\x00"


async def test_leaving_with_unsaved_levels_asks_once(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    app = app_for(bundle(), out)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("2", "escape")
        assert app.is_running
        await pilot.press("escape")
        await pilot.pause()
    assert app.return_value == 1 and not out.exists()


async def test_a_chosen_level_shows_in_the_list(tmp_path: Path) -> None:
    app = app_for(bundle(), tmp_path / "r.json")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("5")
        options = app.screen.query_one(OptionList)
        assert str(options.get_option_at_index(0).prompt).startswith("5 ")
