"""Baseline: a bare Textual app whose only widget is Static("hello")."""

from textual.app import App, ComposeResult
from textual.widgets import Static


class HelloApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("hello")


if __name__ == "__main__":
    HelloApp().run()
