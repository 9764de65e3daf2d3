"""Weekly readiness as bars on a fixed 0-100 % scale, with the 80 % line and an axis.

A sparkline scales its bars between the smallest and largest value, so 19 % can fill the
whole height; these bars always mean the same share of the way to 100 %.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

from rich.text import Text
from textual.reactive import var
from textual.widgets import Static

from gaptracker.domain.gap import READY_THRESHOLD

BLOCKS = " ▁▂▃▄▅▆▇█"
HEIGHT = 5
"""Rows of bars, 20 points each (in eighths): the top row is the ready zone, 80-100 %."""


def chart_text(values: Sequence[Fraction], height: int = HEIGHT) -> Text:
    """The bars, oldest on the left, each row labelled with the share it starts at; the
    top row (from 80 %, where readiness counts as ready) is dotted where no bar is."""
    step = Fraction(100, height)
    # A ready week (80 % or more, exactly) always shows in the top row.
    eighths = [
        max(math.floor(v * 8 / step), (height - 1) * 8 + 1 if v >= READY_THRESHOLD else 0)
        for v in values
    ]
    text = Text()
    for row in range(height):
        floor = (height - 1 - row) * 8
        start = step * (height - 1 - row)
        label = f"{math.floor(start):>3}%" if row in (0, height // 2, height - 1) else "    "
        text.append(f"{label} ┤", style="dim")
        ready_zone = start >= READY_THRESHOLD
        for value in eighths:
            cell = BLOCKS[max(0, min(8, value - floor))]
            if cell == " " and ready_zone:
                text.append("·", style="dim")
            else:
                text.append(cell, style="bold")
        if row < height - 1:
            text.append("\n")
    return text


class ReadinessChart(Static):
    values: var[tuple[Fraction, ...]] = var((), init=False)

    def watch_values(self, values: tuple[Fraction, ...]) -> None:
        self.update(chart_text(values) if values else "")
