"""A skill's six level descriptors, with the current, target and chosen levels marked."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.events import Click
from textual.message import Message
from textual.reactive import var
from textual.widgets import Static

from gaptracker.domain.models import LEVELS, Catalog, Skill
from gaptracker.domain.overview import Overview
from gaptracker.domain.rubric import RUBRIC_CHANGED, RUBRIC_MARK
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
        """A single click chooses; the rest of a double click (which may have opened
        this screen from a table row) does nothing."""
        event.stop()
        if event.chain == 1:
            self.post_message(Rubric.LevelChosen(self.level))


class Rubric(VerticalScroll, can_focus=False):
    """Shows one skill against the target role's level for it; the screen binds
    `overview`, `skill_id`, `chosen` and `hide_targets`.

    Not focusable: keys go to the screen (levels, save), the mouse wheel still scrolls.
    """

    overview: var[Overview | None] = var(None, init=False, always_update=True)
    skill_id: var[str | None] = var(None, init=False)
    chosen: var[int | None] = var(None, init=False)
    hide_targets: var[bool] = var(False, init=False)

    def __init__(self, catalog: Catalog, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.catalog = catalog
        self._shown_skill: str | None = None

    def on_mount(self) -> None:
        self._render_state()

    def watch_overview(self) -> None:
        self._render_state()

    def watch_skill_id(self) -> None:
        self._render_state()

    def watch_chosen(self) -> None:
        self._render_state()

    def watch_hide_targets(self) -> None:
        self._render_state()

    def _render_state(self) -> None:
        overview, skill_id = self.overview, self.skill_id
        if overview is None or skill_id is None or not self.is_mounted:
            return
        skill = self.catalog.skill(skill_id)
        target = None
        if overview.target_role is not None:
            reqs = self.catalog.requirements_for(overview.target_role.id)
            target = next((r.target for r in reqs if r.skill_id == skill_id), None)
        current = overview.current.get(skill_id)
        self.show(
            skill,
            current=current.level if current else None,
            target=target,
            chosen=self.chosen,
            hide_targets=self.hide_targets,
            rubric_changed=skill_id in overview.rubric_changed,
        )

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
        hide_targets: bool,
        rubric_changed: bool = False,
    ) -> None:
        """`rubric_changed`: the current rating was made against other descriptors than
        these, which the title says (the check-in and assess screens both show it here)."""
        title = Text(skill.name, style="bold")
        title.append(f"  {skill.category.short} · {skill.id}", style="dim")
        if target is not None and not hide_targets:
            title.append(f"  target {target}", style="bold")
        elif target is not None:
            title.append("  target hidden (t shows it)", style="italic")
        if rubric_changed:
            title.append(f"\n{RUBRIC_MARK} {RUBRIC_CHANGED}", style="bold")
        about = skill.description
        if skill.recommended_focus:
            about += f"\nRecommended focus: {skill.recommended_focus}"
        self.query_one("#rubric-title", SteadyStatic).update(title)
        self.query_one("#rubric-description", SteadyStatic).update(Text(about))
        for line in self.query(LevelLine):
            marks = []
            if line.level == current:
                marks.append("now")
            if line.level == target and not hide_targets:
                marks.append("target")
            if line.level == chosen:
                marks.append("chosen")
            line.show(skill.descriptor(line.level), marks)
            line.set_class(line.level == chosen, "-chosen")
            if line.level == chosen:
                self.scroll_to_widget(line, animate=False)
        if chosen is None and skill.id != self._shown_skill:
            self.scroll_home(animate=False)  # a new skill starts at its level 0
        self._shown_skill = skill.id
