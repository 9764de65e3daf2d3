"""Baseline: the bare Textual app plus what any gaptracker start must import before it
can show real data (SQLAlchemy's ORM and pydantic). Nothing else: it is the floor."""

import pydantic  # noqa: F401
import sqlalchemy.orm  # noqa: F401
from textual.app import App, ComposeResult
from textual.widgets import Static


class StackFloorApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("hello")


if __name__ == "__main__":
    StackFloorApp().run()
