"""A Static that ignores an update with the content it already shows."""

from __future__ import annotations

from textual.visual import VisualType
from textual.widgets import Static


class SteadyStatic(Static):
    """Every Static update re-lays out its screen (its height may change); screens that
    re-show the same text on each key press (the rubric, the assess intro) should not pay
    for that when nothing changed."""

    def update(self, content: VisualType = "", *, layout: bool = True) -> None:
        if content == self.content:
            return
        super().update(content, layout=layout)
