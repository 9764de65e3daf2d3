"""The screenshot reader finds each character's colours where Rich's SVG export put them."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from rich.text import Text

from tests.tui.screenshot_cells import contrast_ratio, is_text, screen_cells


def _export(*lines: Text) -> str:
    console = Console(
        width=12, file=io.StringIO(), force_terminal=True, color_system="truecolor", record=True
    )
    for line in lines:
        console.print(line)
    return console.export_svg(title="t")


def test_each_cell_has_its_character_colour_and_background() -> None:
    first = Text()
    first.append("ab", style="#ff0000 on #0000ff")
    first.append(" 中", style="#00ff00 on #ffffff")  # a wide character takes two cells
    first.append("z", style="#123456 on #fedcba")
    second = Text("  x", style="bold #ffffff on #000000")
    cells = screen_cells(_export(first, second))
    assert cells[0, 0].char == "a" and cells[1, 0].char == "b"
    assert cells[0, 0].fg == (255, 0, 0) and cells[1, 0].bg == (0, 0, 255)
    assert (2, 0) not in cells  # a space shows nothing to read
    assert cells[3, 0].char == "中" and cells[3, 0].bg == (255, 255, 255)
    assert cells[5, 0].char == "z"  # after the wide character's two cells
    assert cells[5, 0].fg == (0x12, 0x34, 0x56) and cells[5, 0].bg == (0xFE, 0xDC, 0xBA)
    assert cells[2, 1].char == "x" and cells[2, 1].bg == (0, 0, 0)


def test_reverse_and_dim_are_measured_as_drawn() -> None:
    line = Text()
    line.append("r", style="reverse #ffffff on #000000")
    line.append("d", style="dim #ffffff on #000000")
    cells = screen_cells(_export(line))
    assert cells[0, 0].fg == (0, 0, 0) and cells[0, 0].bg == (255, 255, 255)
    dim = cells[1, 0].fg
    assert dim != (255, 255, 255) and contrast_ratio(dim, (0, 0, 0)) < 21


def test_text_without_a_background_is_on_the_terminal_background() -> None:
    cells = screen_cells(_export(Text("q", style="#ffffff")))
    assert cells[0, 0].bg != (255, 255, 255)  # Rich's export background, dark


@pytest.mark.parametrize(
    ("a", "b", "ratio"),
    [
        ((0, 0, 0), (255, 255, 255), 21.0),
        ((255, 255, 255), (255, 255, 255), 1.0),
        ((0x76, 0x76, 0x76), (255, 255, 255), 4.54),  # the grey that just passes AA
        ((0xFF, 0xA6, 0x2B), (0xE0, 0xE0, 0xE0), 1.49),  # issue 16's light readiness figure
    ],
)
def test_contrast_ratio_is_wcag(
    a: tuple[int, int, int], b: tuple[int, int, int], ratio: float
) -> None:
    assert contrast_ratio(a, b) == pytest.approx(ratio, abs=0.01)
    assert contrast_ratio(b, a) == pytest.approx(ratio, abs=0.01)


def test_text_is_letters_figures_and_signs_not_borders_or_bars() -> None:
    assert all(is_text(c) for c in "aZ9%.…→★⏎")
    assert not any(is_text(c) for c in "─│╭█░▁▏■ ")
