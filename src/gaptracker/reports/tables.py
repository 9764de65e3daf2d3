"""Plain-text tables for the terminal (the CLI's human output).

Every cell is shown on one line with control and bidi characters as visible escapes
(domain.text), and clipped, so one long or hostile note can neither drive the terminal
nor pad every row of the table to its width; `--json` has the full, exact text.
"""

from __future__ import annotations

from collections.abc import Sequence

from gaptracker.domain.text import clip

NOTE_WIDTH = 40
"""How much of a note or evidence a table row shows (gap and history alike)."""
CELL_WIDTH = 60
"""No cell is wider than this, whatever it holds."""


def text_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """Left-aligned columns separated by two spaces; numbers right-aligned."""
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in cells:
        for i, value in enumerate(row):
            widths[i] = max(widths[i], len(value))
    numeric = [
        bool(rows) and all(isinstance(r[i], int | float) or r[i] is None for r in rows)
        for i in range(len(headers))
    ]

    def fmt(values: Sequence[str]) -> str:
        parts = [
            v.rjust(widths[i]) if numeric[i] else v.ljust(widths[i]) for i, v in enumerate(values)
        ]
        return "  ".join(parts).rstrip()

    lines = [fmt(headers), fmt(["-" * w for w in widths])]
    lines.extend(fmt(row) for row in cells)
    return "\n".join(lines)


def _cell(value: object) -> str:
    if value is None:
        return "-"
    return clip(str(value), CELL_WIDTH)  # one safe line per row, whatever the note holds
