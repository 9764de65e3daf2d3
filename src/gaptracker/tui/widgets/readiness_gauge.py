"""The big readiness figures: overall, Must skills, and the gated verdict."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import var
from textual.widgets import Digits, Label, Static

from gaptracker.domain.gap import READY_THRESHOLD
from gaptracker.domain.numbers import percent_text
from gaptracker.domain.overview import Overview


class ReadinessGauge(Vertical):
    """Readiness of the target role; the screen binds `overview`."""

    overview: var[Overview | None] = var(None, init=False, always_update=True)

    def compose(self) -> ComposeResult:
        yield Label("Readiness", classes="caption")
        yield Digits("--", id="readiness-figure")
        yield Static("", id="must-figure")
        yield Static("", id="verdict")

    def watch_overview(self, overview: Overview | None) -> None:
        analysis = overview.analysis if overview is not None else None
        figure = self.query_one("#readiness-figure", Digits)
        must = self.query_one("#must-figure", Static)
        verdict = self.query_one("#verdict", Static)
        if analysis is None:
            figure.update("--")
            must.update("No target role yet")
            verdict.update("")
            return
        figure.update(f"{percent_text(analysis.readiness)}%")
        must.update(
            f"Must skills: [b]{percent_text(analysis.must_readiness)}%[/b]"
            f" ({analysis.must_met_count}/{len(analysis.must_rows)} at target)"
        )
        if analysis.ready:
            verdict.update("[b]Ready[/b] for this role")
        elif analysis.blocking_must:
            count = len(analysis.blocking_must)
            verdict.update(
                f"[b]Not ready:[/b] {count} Must skill{'s' if count > 1 else ''} below target"
            )
        else:
            verdict.update(f"[b]Not ready:[/b] readiness below {percent_text(READY_THRESHOLD)}%")
