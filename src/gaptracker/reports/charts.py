"""Inline SVG charts for the HTML report: radar, bars and a line. Pure string building.

Coordinates stay exact (ints and Fractions) until they are written, to one decimal, so
the same data always gives the same bytes. Labels are never cut: a long one wraps onto
lines (one <tspan> each), and the chart makes room for them. Every label is shown the
way reports.safe_text shows user text (controls and bidi characters as escapes, markup
escaped).
"""

from __future__ import annotations

import datetime as dt
import html
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from gaptracker.domain.report import ReportGapRow
from gaptracker.domain.text import visible
from gaptracker.domain.trend import TrendPoint
from gaptracker.reports.safe_text import KEPT

TARGET_COLOUR = "#8a94a6"
CURRENT_COLOUR = "#2f7de1"
MUST_COLOUR = "#d9822b"
LABEL_FONT = 14
"""The labels' size in the charts' units. Printed, the radar and the bars sit side by
side in half a page's width (about 90 mm for 560 units): 14 units print at about 6.5 pt,
where 11 units of the 760-unit radar printed at 3.6 pt, too small to read."""
RADAR_LABEL_CHARACTERS = 16
"""Characters per line of a radar label (wider ones would run off the sides)."""
BAR_LABEL_CHARACTERS = 26
"""Characters per line of a bar label (the label column is 230 units wide)."""
LINE_HEIGHT = 16
"""Units between the lines of a wrapped label."""
TICK_SPACING = 72
"""Least distance between two date ticks: an ISO date at font size 11 is about 66 wide."""
MAX_TICKS = 8
READY_PERCENT = 80
"""The readiness the weekly chart marks with a dashed line."""


def _n(value: float | Fraction) -> str:
    return f"{float(value):.1f}"


def wrap_lines(text: str, width: int) -> list[str]:
    """The label as shown (safe_text's visible), cut into lines of at most `width`
    characters, at spaces where it can and inside a word only when the word is longer
    than a line, after a hyphen ("Distributed-" / "compute literacy") rather than inside
    a word. Each line keeps the space that ends it, so the lines joined give the whole
    text back, character for character."""
    shown = visible(text, keep=KEPT)
    lines: list[str] = []
    current = ""
    for piece in _pieces(shown):
        while len(piece.rstrip(" ")) > width:  # a word longer than a line: cut it
            if current:
                lines.append(current)
                current = ""
            lines.append(piece[:width])
            piece = piece[width:]
        if current and len(current) + len(piece.rstrip(" ")) > width:
            lines.append(current)
            current = ""
        current += piece
    lines.append(current)
    lines[-1] = lines[-1][:-1]  # the space added after the last word
    return [line for line in lines if line] or [""]


def _pieces(text: str) -> list[str]:
    """The words of `text`, each with the space after it, split after their hyphens."""
    pieces: list[str] = []
    for word in text.split(" "):
        parts = re.split(r"(?<=-)(?=.)", word)
        pieces.extend(parts[:-1])
        pieces.append(parts[-1] + " ")
    return pieces


def _tspans(lines: Sequence[str], x: float | Fraction) -> str:
    return "".join(
        f'<tspan x="{_n(x)}" dy="{0 if i == 0 else LINE_HEIGHT}">{html.escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )


CHARACTER_WIDTH = Fraction(62, 100)
"""A generous average advance of a label character, in font sizes (DejaVu Sans and the
like are about 0.55): what a label's box is estimated with to keep labels apart."""
LABEL_GAP = 4
"""Least room between two labels on the same side of the radar."""


@dataclass
class _RadarLabel:
    lines: list[str]
    x: float
    top: float
    """Of the box that holds the label's lines, in the chart's units."""
    anchor: str

    @property
    def height(self) -> float:
        """From above the first line's tallest glyph to below the last line's descenders."""
        return LINE_HEIGHT * (len(self.lines) - 1) + LABEL_FONT * 5 / 4

    @property
    def width(self) -> float:
        return float(CHARACTER_WIDTH * LABEL_FONT * max(len(line) for line in self.lines))

    @property
    def left(self) -> float:
        if self.anchor == "start":
            return self.x
        return self.x - self.width if self.anchor == "end" else self.x - self.width / 2

    @property
    def right(self) -> float:
        return self.left + self.width


def _touch(a: _RadarLabel, b: _RadarLabel) -> bool:
    return (
        a.left < b.right
        and b.left < a.right
        and a.top < b.top + b.height + LABEL_GAP
        and b.top < a.top + a.height + LABEL_GAP
    )


def _spread(labels: list[_RadarLabel], centre: float, fixed: Sequence[_RadarLabel]) -> None:
    """Move the labels of one side apart, each away from the horizontal centre line, so
    no two boxes overlap (nor one of the `fixed` labels at the top and the bottom),
    however many skills there are."""
    above = sorted((lb for lb in labels if lb.top + lb.height / 2 < centre), key=lambda lb: -lb.top)
    below = sorted((lb for lb in labels if lb.top + lb.height / 2 >= centre), key=lambda lb: lb.top)

    def clear(label: _RadarLabel, down: bool) -> None:
        while touched := [other for other in fixed if _touch(label, other)]:
            for other in touched:
                if down:
                    label.top = max(label.top, other.top + other.height + LABEL_GAP)
                else:
                    label.top = min(label.top, other.top - label.height - LABEL_GAP)

    for index, label in enumerate(below):
        if index:
            previous = below[index - 1]
            label.top = max(label.top, previous.top + previous.height + LABEL_GAP)
        clear(label, down=True)
    for index, label in enumerate(above):
        nearer = above[index - 1] if index else (below[0] if below else None)
        if nearer is not None:
            label.top = min(label.top, nearer.top - label.height - LABEL_GAP)
        clear(label, down=False)


def radar_chart(rows: Sequence[ReportGapRow], width: int = 560, height: int = 400) -> str:
    """Current (filled) against target (outline) on one axis per skill, 0-5 scale.

    Wider than tall: the labels left and right of the circle need the room. Labels on
    one side are moved apart where they would overlap, and the view box grows to hold
    every label whole.
    """
    cx, cy, radius = Fraction(width, 2), Fraction(height, 2), Fraction(height, 2) - 50
    count = len(rows)

    def point(index: int, level: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * index / count
        scale = float(radius) * level / 5
        return float(cx) + scale * math.cos(angle), float(cy) + scale * math.sin(angle)

    def polygon(levels: Sequence[float]) -> str:
        return " ".join(f"{_n(x)},{_n(y)}" for x, y in (point(i, v) for i, v in enumerate(levels)))

    labels = []
    for i, row in enumerate(rows):
        lines = wrap_lines(row.name, RADAR_LABEL_CHARACTERS)
        lx, ly = point(i, 5.5)
        rise = LINE_HEIGHT * (len(lines) - 1)
        if abs(lx - float(cx)) < 1:  # the top, or the bottom: grow away from the circle
            anchor, top = "middle", (ly - rise - LABEL_FONT * 5 / 4 if ly < float(cy) else ly)
        else:  # a side: centre the lines on the axis
            anchor = "start" if lx > float(cx) else "end"
            top = ly - (rise + LABEL_FONT * 5 / 4) / 2
        labels.append(_RadarLabel(lines, lx, top, anchor))
    fixed = [lb for lb in labels if lb.anchor == "middle"]
    _spread([lb for lb in labels if lb.anchor == "start"], float(cy), fixed)
    _spread([lb for lb in labels if lb.anchor == "end"], float(cy), fixed)
    low = min([0.0, *(lb.left for lb in labels)])
    high = max([float(width), *(lb.right for lb in labels)])
    top = min([0.0, *(lb.top for lb in labels)])
    bottom = max([float(height), *(lb.top + lb.height for lb in labels)])

    parts = [
        f'<svg class="chart radar" viewBox="{_n(low - 2)} {_n(top - 2)} {_n(high - low + 4)}'
        f' {_n(bottom - top + 4)}" role="img"'
        ' aria-label="Radar chart of current against target levels">'
    ]
    for ring in range(1, 6):
        parts.append(
            f'<polygon points="{polygon([ring] * count)}" fill="none" stroke="#d5d9e0"'
            ' stroke-width="1"/>'
        )
    for i, label in enumerate(labels):
        x, y = point(i, 5)
        parts.append(
            f'<line x1="{_n(cx)}" y1="{_n(cy)}" x2="{_n(x)}" y2="{_n(y)}" stroke="#e3e6eb"/>'
        )
        baseline = label.top + LABEL_FONT  # the first line's: no glyph rises a font size
        parts.append(
            f'<text class="label" x="{_n(label.x)}" y="{_n(baseline)}"'
            f' text-anchor="{label.anchor}" font-size="{LABEL_FONT}">'
            f"{_tspans(label.lines, label.x)}</text>"
        )
    parts.append(
        f'<polygon points="{polygon([r.target for r in rows])}" fill="none"'
        f' stroke="{TARGET_COLOUR}" stroke-width="2" stroke-dasharray="5 3"/>'
    )
    parts.append(
        f'<polygon points="{polygon([r.current or 0 for r in rows])}" fill="{CURRENT_COLOUR}"'
        f' fill-opacity="0.35" stroke="{CURRENT_COLOUR}" stroke-width="2"/>'
    )
    parts.append("</svg>")
    return "".join(parts)


def gap_bars(rows: Sequence[ReportGapRow], width: int = 520) -> str:
    """One horizontal bar per skill with a gap: its weighted gap (gap x priority weight).

    A row is as tall as its wrapped label needs, and never shorter than the bar.
    """
    rows = [r for r in rows if r.gap > 0]
    label_width = 230
    top = max((r.weighted_gap for r in rows), default=1)
    body, y = [], 5
    for row in rows:
        lines = wrap_lines(row.name, BAR_LABEL_CHARACTERS)
        row_height = max(24, LINE_HEIGHT * len(lines) + 8)
        length = Fraction((width - label_width - 50) * row.weighted_gap, top)
        colour = MUST_COLOUR if row.priority.value == "must" else CURRENT_COLOUR
        body.append(
            f'<text class="label" x="{label_width - 8}" y="{y + 16}" text-anchor="end"'
            f' font-size="{LABEL_FONT}">{_tspans(lines, label_width - 8)}</text>'
            f'<rect x="{label_width}" y="{y + 4}" width="{_n(length)}" height="15"'
            f' fill="{colour}" rx="2"/>'
            f'<text x="{_n(label_width + length + 6)}" y="{y + 16}" font-size="{LABEL_FONT}">'
            f"{row.weighted_gap}</text>"
        )
        y += row_height
    return (
        f'<svg class="chart" viewBox="0 0 {width} {y + 5}" role="img"'
        ' aria-label="Weighted gap per skill">' + "".join(body) + "</svg>"
    )


def tick_days(days: Sequence[dt.date], plot_width: int) -> list[int]:
    """Indexes of the weeks that get a date below the axis: evenly spaced, at most
    MAX_TICKS, never closer than TICK_SPACING; the first always, the last in place of
    the one before it when the two would collide."""
    if len(days) < 2:
        return list(range(len(days)))
    gap = Fraction(plot_width, len(days) - 1)
    fit = min(MAX_TICKS, int(plot_width // TICK_SPACING) + 1)
    step = max(1, math.ceil(Fraction(len(days) - 1, fit - 1)), math.ceil(TICK_SPACING / gap))
    chosen = list(range(0, len(days), step))
    last = len(days) - 1
    if chosen[-1] != last:
        if (last - chosen[-1]) * gap >= TICK_SPACING:
            chosen.append(last)
        elif len(chosen) > 1:
            chosen[-1] = last
    return chosen


def trend_line(points: Sequence[TrendPoint], width: int = 640, height: int = 220) -> str:
    """Readiness and Must readiness per week, 0-100 %, with dated ticks and the 80 % line.

    One week alone is drawn at the end of an axis that starts a week earlier, so the
    axis still reads as a span of time with a date at each end.
    """
    left, right, top, bottom = 45, 40, 10, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    days = [p.week_ending for p in points]
    if len(days) == 1:
        days = [days[0] - dt.timedelta(weeks=1), days[0]]
    offset = len(days) - len(points)  # the first point's place on the axis
    gap = Fraction(plot_w, max(1, len(days) - 1))

    def x_at(i: int) -> Fraction:
        return left + i * gap

    def y_at(value: Fraction | int) -> Fraction:
        return top + plot_h * (1 - Fraction(value) / 100)

    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img"'
        ' aria-label="Readiness per week">'
    ]
    for pct in (0, 25, 50, 75, 100):
        y = y_at(pct)
        parts.append(
            f'<line x1="{left}" y1="{_n(y)}" x2="{width - right}" y2="{_n(y)}" stroke="#e3e6eb"/>'
            f'<text x="{left - 6}" y="{_n(y + 4)}" text-anchor="end" font-size="11">{pct}%</text>'
        )
    ready = y_at(READY_PERCENT)
    parts.append(
        f'<line class="ready-line" x1="{left}" y1="{_n(ready)}" x2="{width - right}"'
        f' y2="{_n(ready)}" stroke="{MUST_COLOUR}" stroke-width="1" stroke-dasharray="4 3"/>'
        f'<text class="ready-label" x="{width - right + 4}" y="{_n(ready + 4)}"'
        f' font-size="11">{READY_PERCENT}%</text>'
    )
    for values, colour in (
        ([p.readiness for p in points], CURRENT_COLOUR),
        ([p.must_readiness for p in points], MUST_COLOUR),
    ):
        line = " ".join(
            f"{_n(x_at(offset + i))},{_n(y_at(Fraction(v)))}" for i, v in enumerate(values)
        )
        parts.append(f'<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="2"/>')
    for i in tick_days(days, plot_w):
        x = x_at(i)
        parts.append(
            f'<line x1="{_n(x)}" y1="{top + plot_h}" x2="{_n(x)}" y2="{top + plot_h + 4}"'
            ' stroke="#8a94a6"/>'
            f'<text class="tick" x="{_n(x)}" y="{height - 8}" font-size="11"'
            f' text-anchor="middle">{days[i].isoformat()}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
