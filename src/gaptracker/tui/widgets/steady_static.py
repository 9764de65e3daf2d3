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
        # The same length (a figure 16% -> 18%) keeps the height: repaint without laying
        # the screen out again, so the change shows in the frame of the key press.
        same_size = isinstance(content, str) and len(content) == len(str(self.content))
        super().update(content, layout=layout and not same_size)
