"""Inline SVG charts for the HTML report: radar, bars and a line. Pure string building.

Coordinates are formatted to one decimal so the same data always gives the same bytes.
Every label goes through reports.safe_text's html_text.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from gaptracker.domain.report import ReportGapRow
from gaptracker.domain.trend import TrendPoint
from gaptracker.reports.safe_text import html_text as escape

TARGET_COLOUR = "#8a94a6"
CURRENT_COLOUR = "#2f7de1"
MUST_COLOUR = "#d9822b"


def _n(value: float) -> str:
    return f"{value:.1f}"


def _short(text: str, width: int = 24) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def radar_chart(rows: Sequence[ReportGapRow], width: int = 760, height: int = 500) -> str:
    """Current (filled) against target (outline) on one axis per skill, 0-5 scale.

    Wider than tall: the labels left and right of the circle need the room.
    """
    cx, cy, radius = width / 2, height / 2, height / 2 - 50
    count = len(rows)

    def point(index: int, level: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * index / count
        scale = radius * level / 5
        return cx + scale * math.cos(angle), cy + scale * math.sin(angle)

    def polygon(levels: Sequence[float]) -> str:
        return " ".join(f"{_n(x)},{_n(y)}" for x, y in (point(i, v) for i, v in enumerate(levels)))

    parts = [
        f'<svg class="chart radar" viewBox="0 0 {width} {height}" role="img"'
        ' aria-label="Radar chart of current against target levels">'
    ]
    for ring in range(1, 6):
        parts.append(
            f'<polygon points="{polygon([ring] * count)}" fill="none" stroke="#d5d9e0"'
            ' stroke-width="1"/>'
        )
    for i, row in enumerate(rows):
        x, y = point(i, 5)
        parts.append(
            f'<line x1="{_n(cx)}" y1="{_n(cy)}" x2="{_n(x)}" y2="{_n(y)}" stroke="#e3e6eb"/>'
        )
        lx, ly = point(i, 5.5)
        anchor = "middle" if abs(lx - cx) < 20 else ("start" if lx > cx else "end")
        ly += 4 if abs(lx - cx) >= 20 else (-2 if ly < cy else 12)
        parts.append(
            f'<text x="{_n(lx)}" y="{_n(ly)}" text-anchor="{anchor}" font-size="11">'
            f"{escape(_short(row.name))}</text>"
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


def gap_bars(rows: Sequence[ReportGapRow], width: int = 640) -> str:
    """One horizontal bar per skill with a gap: its weighted gap (gap x priority weight)."""
    rows = [r for r in rows if r.gap > 0]
    row_height, label_width = 22, 250
    top = max((r.weighted_gap for r in rows), default=1)
    height = row_height * len(rows) + 10
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img"'
        ' aria-label="Weighted gap per skill">'
    ]
    for i, row in enumerate(rows):
        y = 5 + i * row_height
        length = (width - label_width - 50) * row.weighted_gap / top
        colour = MUST_COLOUR if row.priority.value == "must" else CURRENT_COLOUR
        parts.append(
            f'<text x="{label_width - 8}" y="{_n(y + 15)}" text-anchor="end" font-size="12">'
            f"{escape(_short(row.name, 34))}</text>"
            f'<rect x="{label_width}" y="{y + 3}" width="{_n(length)}" height="15"'
            f' fill="{colour}" rx="2"/>'
            f'<text x="{_n(label_width + length + 6)}" y="{_n(y + 15)}" font-size="12">'
            f"{row.weighted_gap}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def trend_line(points: Sequence[TrendPoint], width: int = 640, height: int = 220) -> str:
    """Readiness and Must readiness per week, 0-100 %."""
    left, right, top, bottom = 40, 10, 10, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    step = plot_w / max(1, len(points) - 1)

    def xy(i: int, value: float) -> str:
        return f"{_n(left + i * step)},{_n(top + plot_h * (1 - value / 100))}"

    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img"'
        ' aria-label="Readiness per week">'
    ]
    for pct in (0, 25, 50, 75, 100):
        y = top + plot_h * (1 - pct / 100)
        parts.append(
            f'<line x1="{left}" y1="{_n(y)}" x2="{width - right}" y2="{_n(y)}" stroke="#e3e6eb"/>'
            f'<text x="{left - 6}" y="{_n(y + 4)}" text-anchor="end" font-size="11">{pct}%</text>'
        )
    for values, colour in (
        ([float(p.readiness) for p in points], CURRENT_COLOUR),
        ([float(p.must_readiness) for p in points], MUST_COLOUR),
    ):
        line = " ".join(xy(i, v) for i, v in enumerate(values))
        parts.append(f'<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="2"/>')
    if points:
        parts.append(
            f'<text x="{left}" y="{height - 8}" font-size="11">'
            f"{points[0].week_ending.isoformat()}</text>"
            f'<text x="{width - right}" y="{height - 8}" font-size="11" text-anchor="end">'
            f"{points[-1].week_ending.isoformat()}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
