"""Informational baseline: the stack floor, plus what using pydantic costs.

`import pydantic` alone loads almost nothing (pydantic 2 imports its parts lazily); the
first `BaseModel` loads the validation machinery, about 45 ms here, which any program
with a pydantic model pays. tui_startup.py prints gaptracker's ratio to this app without
a target, beside the issue's floor."""

import sqlalchemy.orm  # noqa: F401
from pydantic import BaseModel
from textual.app import App, ComposeResult
from textual.widgets import Static


class Point(BaseModel):
    x: int


class StackFloorModelsApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("hello")


if __name__ == "__main__":
    StackFloorModelsApp().run()
