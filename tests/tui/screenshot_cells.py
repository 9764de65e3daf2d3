"""Read back, cell by cell, what an app's SVG screenshot shows, and how well it reads.

`App.export_screenshot()` is Rich's `Console.export_svg`: each run of styled text is a
`<text>` whose class sets its fill (a dim style already blended into it, a reversed one
already swapped), and each run with a background is a `<rect>` under it. So the colours
here are the colours the theme actually rendered, after Textual resolved every variable,
alpha and tint: what a contrast rule must be checked against, not the stylesheet.

The cell size is Rich's (a 20 px font at 0.61 aspect ratio, lines 1.22 high); the unit
test reads a Rich export with known cells, so a change there shows as a failing test.
"""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from rich.cells import cell_len

CHAR_WIDTH = 20 * 0.61
LINE_HEIGHT = 20 * 1.22
TEXT_BASELINE = 20
RECT_TOP = 1.5
SVG = "{http://www.w3.org/2000/svg}"

RGB = tuple[int, int, int]


@dataclass(frozen=True)
class Cell:
    char: str
    fg: RGB
    bg: RGB


def _rgb(hex_colour: str) -> RGB:
    value = hex_colour.strip().lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))


def _class_fills(style_text: str) -> dict[str, RGB]:
    return {
        name: _rgb(fill)
        for name, fill in re.findall(
            r"\.([\w-]+)\s*\{[^}]*?fill:\s*(#[0-9a-fA-F]{3,6})", style_text
        )
    }


def screen_cells(svg: str) -> dict[tuple[int, int], Cell]:
    """(column, row) -> the character shown there with its colour and the colour under it,
    for every cell that shows a character other than a space."""
    root = ET.fromstring(svg)
    fills = _class_fills("".join(s.text or "" for s in root.iter(f"{SVG}style")))
    terminal = next(r for r in root.iter(f"{SVG}rect") if r.get("rx") is not None)
    default_bg = _rgb(terminal.get("fill", "#000000"))
    backgrounds: dict[tuple[int, int], RGB] = {}
    for rect in root.iter(f"{SVG}rect"):
        if rect.get("shape-rendering") != "crispEdges":
            continue  # the window chrome and the clip paths
        x = round(float(rect.get("x", 0)) / CHAR_WIDTH)
        y = round((float(rect.get("y", 0)) - RECT_TOP) / LINE_HEIGHT)
        for column in range(x, x + round(float(rect.get("width", 0)) / CHAR_WIDTH)):
            backgrounds[column, y] = _rgb(rect.get("fill", "#000000"))
    cells: dict[tuple[int, int], Cell] = {}
    for text in root.iter(f"{SVG}text"):
        css_class = text.get("class", "")
        if css_class not in fills:
            continue  # the window title
        column = round(float(text.get("x", 0)) / CHAR_WIDTH)
        row = round((float(text.get("y", 0)) - TEXT_BASELINE) / LINE_HEIGHT)
        for char in (text.text or "").replace("\xa0", " "):
            if not char.isspace():
                cells[column, row] = Cell(
                    char, fills[css_class], backgrounds.get((column, row), default_bg)
                )
            column += max(1, cell_len(char))
    return cells


def relative_luminance(colour: RGB) -> float:
    """WCAG 2.x relative luminance of an sRGB colour."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: RGB, b: RGB) -> float:
    """WCAG 2.x contrast ratio, 1 (none) to 21 (black on white)."""
    light, dark = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


GRAPHICS = (
    (0x2500, 0x25FF),  # box drawing, block elements, geometric shapes: borders, bars
    (0x2800, 0x28FF),  # braille patterns (charts)
)


def is_text(char: str) -> bool:
    """Letters, figures, punctuation and symbols; not the borders, bars and scrollbars
    drawn with box and block characters (those are graphics, held to no text rule)."""
    code = ord(char)
    if any(low <= code <= high for low, high in GRAPHICS):
        return False
    return unicodedata.category(char)[0] in "LNPS"


def screen_lines(svg: str, width: int, height: int) -> list[str]:
    """The screenshot as lines of text, a space where nothing shows."""
    cells = screen_cells(svg)
    lines = []
    for y in range(height):
        line, x = "", 0
        while x < width:
            cell = cells.get((x, y))
            line += cell.char if cell else " "
            x += max(1, cell_len(cell.char)) if cell else 1
        lines.append(line)
    return lines
