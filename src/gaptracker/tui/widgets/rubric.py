"""A skill's six level descriptors, with the current, target and chosen levels marked."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.events import Click
from textual.message import Message
from textual.widgets import Static

from gaptracker.domain.models import LEVELS, Skill
from gaptracker.tui.widgets.steady_static import SteadyStatic


class LevelLine(Horizontal):
    """One level of the rubric: its number, then the descriptor wrapped beside it (a
    hanging indent by layout, which is far cheaper to render than a rich grid). A click
    anywhere on it chooses it."""

    def __init__(self, level: int) -> None:
        super().__init__(id=f"level-{level}", classes="level")
        self.level = level

    def compose(self) -> ComposeResult:
        yield Static(f" {self.level} ", classes="level-number")
        yield SteadyStatic("", classes="level-text")

    def show(self, descriptor: str, marks: list[str]) -> None:
        # Marks are styled in the text, not by CSS classes: a class change restyles the
        # line and its children through the stylesheet, several times per saved rating.
        text = Text(descriptor, style="italic" if "now" in marks else "")
        if marks:
            text.append(f"  [{', '.join(marks)}]", style="bold")
        self.query_one(".level-text", SteadyStatic).update(text)

    def on_click(self, event: Click) -> None:
        event.stop()
        self.post_message(Rubric.LevelChosen(self.level))


class Rubric(VerticalScroll, can_focus=False):
    """Shows one skill; the screen sets `skill`, `current`, `target`, `chosen` via show().

    Not focusable: keys go to the screen (levels, save), the mouse wheel still scrolls.
    """

    class LevelChosen(Message):
        def __init__(self, level: int) -> None:
            super().__init__()
            self.level = level

    def compose(self) -> ComposeResult:
        # Levels come right after the title: on a small terminal they are what must show.
        yield SteadyStatic("", id="rubric-title")
        for level in LEVELS:
            yield LevelLine(level)
        yield SteadyStatic("", id="rubric-description")

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
        if target is not None and not hide_target:
            title.append(f"  target {target}", style="bold")
        elif target is not None:
            title.append("  target hidden (t shows it)", style="italic")
        about = skill.description
        if skill.recommended_focus:
            about += f"\nRecommended focus: {skill.recommended_focus}"
        self.query_one("#rubric-title", SteadyStatic).update(title)
        self.query_one("#rubric-description", SteadyStatic).update(about)
        for line in self.query(LevelLine):
            marks = []
            if line.level == current:
                marks.append("now")
            if line.level == target and not hide_target:
                marks.append("target")
            if line.level == chosen:
                marks.append("chosen")
            line.show(skill.descriptor(line.level), marks)
            line.set_class(line.level == chosen, "-chosen")
            if line.level == chosen:
                self.scroll_to_widget(line, animate=False)
