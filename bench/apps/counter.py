"""Baseline for key latency: shows "count: N"; the key "a" increments N."""

from textual.app import App, ComposeResult
from textual.widgets import Static


class CounterApp(App[None]):
    BINDINGS = [("a", "increment", "Increment")]  # noqa: RUF012 (Textual convention)
    count = 0

    def compose(self) -> ComposeResult:
        yield Static("count: 0", id="count")

    def action_increment(self) -> None:
        self.count += 1
        self.query_one("#count", Static).update(f"count: {self.count}")


if __name__ == "__main__":
    CounterApp().run()
