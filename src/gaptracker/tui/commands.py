"""Command-palette entries, namespaced: `role: ...`, `rate: ...`, `go: ...`, `export: ...`."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from gaptracker.tui.app import GapTrackerApp


class GapTrackerCommands(Provider):
    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        app = cast("GapTrackerApp", self.app)
        commands: list[tuple[str, Callable[[], object], str]] = [
            ("go: dashboard", partial(app.switch_mode, "dashboard"), "Readiness and gaps"),
            ("go: assess", partial(app.switch_mode, "assess"), "Rate your skills"),
            ("go: roles", partial(app.switch_mode, "roles"), "Choose your target role"),
            ("go: check-in", partial(app.switch_mode, "checkin"), "Re-rate what changed"),
            ("go: history", partial(app.switch_mode, "history"), "Trends, rhythm, goals"),
            ("go: plan", partial(app.switch_mode, "plan"), "Learning path, projects, practice"),
            ("go: help", app.action_help, "Every key binding"),
            ("export: markdown", partial(app.open_export, "md"), "Gap report as Markdown"),
            ("export: html", partial(app.open_export, "html"), "Gap report as a web page"),
            ("export: json", partial(app.open_export, "json"), "Gap report as JSON"),
            ("export: csv", partial(app.open_export, "csv"), "Gap table as CSV"),
            ("backup: save a backup", app.open_backup, "Everything you entered, as JSON"),
        ]
        for role in app.catalog.roles:
            commands.append(
                (f"role: {role.name}", partial(app.choose_role, role.id), "Set as target role")
            )
        for skill in app.catalog.skills:
            commands.append((f"rate: {skill.id}", partial(app.assess_skill, skill.id), skill.name))
        return commands

    async def discover(self) -> Hits:
        for title, callback, help_text in self._commands():
            if not title.startswith("rate: "):
                yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, callback, help_text in self._commands():
            score = max(matcher.match(title), matcher.match(help_text) * 0.8)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
