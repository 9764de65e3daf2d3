"""A line (or a few) of the dashboard, rendered from the standing by a pure function."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.reactive import var
from textual.widgets import Static

from gaptracker.domain.overview import Overview

Render = Callable[[Overview], str | Text]


class OverviewText(Static):
    """Shows `render(overview)`; the screen binds `overview` (data_bind). A string is
    markup the app wrote; user text goes in as `Text`, which is never read as markup."""

    overview: var[Overview | None] = var(None, init=False, always_update=True)

    def __init__(self, render: Render, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self._text_of = render
        self._shown: object = None

    def watch_overview(self, overview: Overview | None) -> None:
        if overview is None:
            return
        content = self._text_of(overview)
        if content != self._shown:  # an update re-lays out the screen: only on a change
            self._shown = content
            self.update(content)
            self.display = bool(str(content))  # an empty line takes no room
