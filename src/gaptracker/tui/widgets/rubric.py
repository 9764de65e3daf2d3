"""A skill's six level descriptors, with the current, target and chosen levels marked."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.events import Click
from textual.message import Message
from textual.widgets import Static

from gaptracker.domain.models import LEVELS, Skill


class LevelLine(Static):
    """One level of the rubric; a click chooses it."""

    def __init__(self, level: int) -> None:
        super().__init__("", id=f"level-{level}", classes="level")
        self.level = level

    def on_click(self, event: Click) -> None:
        event.stop()
        self.post_message(Rubric.LevelChosen(self.level))


class Rubric(VerticalScroll):
    """Shows one skill; the screen sets `skill`, `current`, `target`, `chosen` via show()."""

    class LevelChosen(Message):
        def __init__(self, level: int) -> None:
            super().__init__()
            self.level = level

    def compose(self) -> ComposeResult:
        yield Static("", id="rubric-title")
        yield Static("", id="rubric-description")
        for level in LEVELS:
            yield LevelLine(level)

    def show(
        self,
        skill: Skill,
        *,
        current: int | None,
        target: int | None,
        chosen: int | None,
        hide_target: bool,
    ) -> None:
        title = Text(skill.name, style="bold")
        title.append(f"  ({skill.id})", style="dim")
        self.query_one("#rubric-title", Static).update(title)
        about = skill.description
        if skill.recommended_focus:
            about += f"\nRecommended focus: {skill.recommended_focus}"
        if target is not None and not hide_target:
            about += f"\nTarget for your role: {target}"
        elif hide_target and target is not None:
            about += "\nTarget hidden while you rate (honest rating: h shows it)"
        self.query_one("#rubric-description", Static).update(about)
        for line in self.query(LevelLine):
            marks = []
            if line.level == current:
                marks.append("now")
            if line.level == target and not hide_target:
                marks.append("target")
            if line.level == chosen:
                marks.append("chosen")
            label = Text(
                f" {line.level} ", style="bold reverse" if line.level == chosen else "bold"
            )
            label.append(" " + skill.descriptor(line.level))
            if marks:
                label.append(f"  [{', '.join(marks)}]", style="bold")
            line.update(label)
            line.set_class(line.level == chosen, "-chosen")
            line.set_class(line.level == current, "-current")
            line.set_class(line.level == target and not hide_target, "-target")
