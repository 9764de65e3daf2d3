"""Text progress bars: deterministic to render (snapshot-friendly), readable in any theme."""

from __future__ import annotations

import math
from fractions import Fraction

from rich.text import Text


def level_bar(current: int | None, target: int, width: int = 10) -> Text:
    """A bar of `width` cells for current/target, filled in the accent colour."""
    level = current or 0
    filled = round(width * min(level, target) / target) if target else width
    bar = Text()
    bar.append("█" * filled, style="bold green" if level >= target else "bold yellow")
    bar.append("░" * (width - filled), style="dim")
    return bar


def percent_bar(value: Fraction, width: int = 20) -> Text:
    """Cells filled rounded down, like the figure beside it (79.9% never looks full)."""
    filled = math.floor(width * max(Fraction(0), min(Fraction(100), value)) / 100)
    bar = Text()
    bar.append("█" * filled, style="bold green" if value >= 80 else "bold yellow")
    bar.append("░" * (width - filled), style="dim")
    return bar


BLOCKS = "▁▂▃▄▅▆"


def spark(levels: tuple[int | None, ...]) -> Text:
    """A level (0-5) per week as one block each; a space for weeks before the first rating."""
    return Text("".join(" " if v is None else BLOCKS[v] for v in levels), style="cyan")
