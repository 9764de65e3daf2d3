"""The big readiness figures: overall, Must skills, and the gated verdict."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import Digits, Label, Static

from gaptracker.domain.gap import READY_THRESHOLD, GapAnalysis
from gaptracker.domain.numbers import percent_text


class ReadinessGauge(Vertical):
    """Readiness of the target role; `analysis` is set by the screen."""

    analysis: reactive[GapAnalysis | None] = reactive(None, init=False)

    def compose(self) -> ComposeResult:
        yield Label("Readiness", classes="caption")
        yield Digits("--", id="readiness-figure")
        yield Static("", id="must-figure")
        yield Static("", id="verdict")

    def watch_analysis(self, analysis: GapAnalysis | None) -> None:
        if analysis is None:
            self.query_one("#readiness-figure", Digits).update("--")
            self.query_one("#must-figure", Static).update("No target role yet")
            self.query_one("#verdict", Static).update("")
            return
        self.query_one("#readiness-figure", Digits).update(f"{percent_text(analysis.readiness)}%")
        self.query_one("#must-figure", Static).update(
            f"Must skills: [b]{percent_text(analysis.must_readiness)}%[/b]"
            f" ({analysis.must_met_count}/{len(analysis.must_rows)} at target)"
        )
        verdict = self.query_one("#verdict", Static)
        if analysis.ready:
            verdict.update("[b green]Ready[/] for this role")
        elif analysis.blocking_must:
            count = len(analysis.blocking_must)
            verdict.update(
                f"[b]Not ready:[/b] {count} Must skill{'s' if count > 1 else ''} below target"
            )
        else:
            verdict.update(f"[b]Not ready:[/b] readiness below {percent_text(READY_THRESHOLD)}%")
