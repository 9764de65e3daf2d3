"""Every text the app draws reads in both built-in themes: WCAG 2.x AA, measured on what
is rendered.

Each screen is reached with Pilot at 80x24 and its SVG screenshot read back cell by cell
(`screenshot_cells`): the colour of every character against the colour actually under
it, after Textual resolved the theme's variables, alphas and tints. Text must reach
4.5:1; the big readiness figure (a Digits widget, drawn with box characters) 3:1, the
rule for large text. Borders and bars are graphics, not text; a disabled field's text is
exempt, as WCAG exempts inactive controls; under a dialog only the dialog is read (what
is behind it is dimmed on purpose).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from textual.geometry import Region
from textual.screen import ModalScreen
from textual.widgets import Digits

from gaptracker.catalog import load_catalog
from gaptracker.services.tracker import Tracker
from gaptracker.storage.schema import open_database
from gaptracker.tui.app import GapTrackerApp
from tests.fakes import FixedClock
from tests.tui import tour
from tests.tui.screenshot_cells import Cell, contrast_ratio, is_text, screen_cells

THEMES = ("textual-dark", "textual-light")
TEXT = 4.5
LARGE = 3.0


def measured_area(app: GapTrackerApp) -> Region:
    """The whole screen, or the dialog in front of it."""
    screen = app.screen
    if isinstance(screen, ModalScreen):
        dialog = screen.query_one("#dialog, #help, #pack-picker, #pack-diff")
        return dialog.region
    return Region(0, 0, *app.size)


def shortfalls(app: GapTrackerApp, svg: str) -> list[tuple[float, float, Cell, tuple[int, int]]]:
    """(ratio, the ratio required, the cell, where) for each cell below its rule."""
    area = measured_area(app)
    large = [d.region for d in app.screen.query(Digits)]
    exempt = [w.region for w in app.screen.query("*") if w.disabled]
    found = []
    for (x, y), cell in screen_cells(svg).items():
        if not area.contains(x, y) or any(r.contains(x, y) for r in exempt):
            continue
        in_large = any(r.contains(x, y) for r in large)
        if not (in_large or is_text(cell.char)):
            continue
        required = LARGE if in_large else TEXT
        ratio = contrast_ratio(cell.fg, cell.bg)
        if ratio < required:
            found.append((ratio, required, cell, (x, y)))
    return sorted(found, key=lambda f: f[0])


def describe(
    app: GapTrackerApp, svg: str, found: list[tuple[float, float, Cell, tuple[int, int]]]
) -> str:
    cells = screen_cells(svg)
    pairs: Counter[tuple[str, str]] = Counter()
    examples: dict[tuple[str, str], str] = {}
    for ratio, required, cell, (_, y) in found:
        key = (f"#{bytes(cell.fg).hex()} on #{bytes(cell.bg).hex()}", f"{ratio:.2f} < {required}")
        pairs[key] += 1
        if key not in examples:
            row = "".join(
                cells[c, y].char if (c, y) in cells else " " for c in range(app.size.width)
            )
            examples[key] = row.strip()
    return "\n".join(
        f"{colours} {ratio}: {n} cells, e.g. row {examples[(colours, ratio)]!r}"
        for (colours, ratio), n in pairs.most_common()
    )


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("place", list(tour.STEPS))
async def test_text_reaches_wcag_aa(
    place: str, theme: str, db_path: Path, clock: FixedClock, tmp_path: Path
) -> None:
    tracker = Tracker(load_catalog(), open_database(db_path).uow_factory, clock)
    if place not in tour.EMPTY_DATABASE:
        tour.seed(tracker, clock)
    app = tour.app_for(place, tracker, tmp_path)
    app.theme = theme
    async with app.run_test(size=(80, 24), notifications=place in tour.WITH_NOTIFICATIONS) as pilot:
        await tour.STEPS[place](app, pilot)
        await tour.hold_still(app, pilot)
        svg = app.export_screenshot()
        found = shortfalls(app, svg)
        assert not found, f"{place} in {theme}:\n{describe(app, svg, found)}"
