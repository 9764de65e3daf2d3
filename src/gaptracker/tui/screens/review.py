"""Review mode: a mentor rates a person's skills against the rubric in their bundle.

The screen holds the mentor's levels and notes; nothing is written until ctrl+s, when it
posts `SaveRequested` and the app writes the review file. The bundle is all it reads: the
person's own level and note show only if they shared them.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from gaptracker.domain.mentor import MentorLevel, ReviewRequest, SharedSkill
from gaptracker.domain.models import LEVELS
from gaptracker.domain.text import clip, one_line


def rubric_text(skill: SharedSkill, chosen: int | None) -> Text:
    """The skill, its six descriptors, the person's level (if shared) and the one chosen."""
    text = Text(skill.name, style="bold")
    if skill.target is not None:
        text.append(f"  target {skill.target}", style="bold")
    text.append(f"\n{skill.description}\n", style="dim")
    for level in LEVELS:
        marks = [m for m, on_it in (("theirs", skill.level), ("yours", chosen)) if on_it == level]
        line = Text(f"\n {level}  {skill.levels[level]}")
        if marks:
            line.append(f"  [{', '.join(marks)}]", style="bold")
        if level == chosen:
            line.stylize("reverse", 1, 4)
        text.append_text(line)
    if skill.note:
        text.append("\n\nTheir note: ", style="bold")
        text.append(one_line(skill.note), style="italic")
    return text


class ReviewScreen(Screen[None]):
    """The bundle's skills on the left, the rubric of the highlighted one on the right."""

    BINDINGS = [
        *(
            Binding(str(n), f"choose({n})", f"level {n}", show=False, id=f"gaptracker.review-{n}")
            for n in LEVELS
        ),
        Binding("ctrl+s", "save", "save the review", id="gaptracker.review-save"),
        Binding("n", "focus_note", "note", id="gaptracker.review-note"),
        Binding("escape", "leave", "quit", id="gaptracker.review-quit"),
    ]

    class SaveRequested(Message):
        """The mentor asked to save: these levels, in the bundle's order."""

        def __init__(self, levels: list[MentorLevel]) -> None:
            super().__init__()
            self.levels = levels

    def __init__(self, request: ReviewRequest, mentor: str) -> None:
        super().__init__()
        self.request = request
        self.mentor = mentor
        self.levels: dict[str, int] = {}
        self.notes: dict[str, str] = {}
        self.skill_id = request.skills[0].id
        self._warned = False

    def compose(self) -> ComposeResult:
        yield Header()
        blind = (
            " · a blind review: their levels are not shown" if self.request.targets_hidden else ""
        )
        # Text, not markup: the names come from the bundle and the mentor's preferences.
        intro = Text.assemble(
            (one_line(self.mentor), "bold"),
            " reviewing ",
            (one_line(self.request.who), "bold"),
            f" for {one_line(self.request.role_name)} · 0-5 choose, n note, ctrl+s saves{blind}",
        )
        yield Static(intro, id="review-intro")
        with Horizontal(id="review-body"):
            yield OptionList(*self._options(), id="review-skills")
            with Vertical(id="review-pane"):
                with VerticalScroll(id="review-rubric"):
                    yield Static("", id="review-text")
                yield Input(placeholder="your note on this skill", id="review-note")
        yield Footer()

    def on_mount(self) -> None:
        self._show()
        self.query_one(OptionList).focus()

    def _options(self) -> list[Option]:
        return [Option(self._label(s), id=s.id) for s in self.request.skills]

    def _label(self, skill: SharedSkill) -> Text:
        chosen = self.levels.get(skill.id)
        label = Text(f"{'·' if chosen is None else chosen} ", style="bold")
        label.append(clip(skill.name, 26))
        return label

    def _skill(self) -> SharedSkill:
        found = self.request.skill(self.skill_id)
        assert found is not None  # skill_id is always one of the bundle's
        return found

    def _show(self) -> None:
        self.query_one("#review-text", Static).update(
            rubric_text(self._skill(), self.levels.get(self.skill_id))
        )

    @on(OptionList.OptionHighlighted, "#review-skills")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._keep_note()
        self.skill_id = event.option.id or self.skill_id
        self.query_one("#review-note", Input).value = self.notes.get(self.skill_id, "")
        self._show()

    @on(OptionList.OptionSelected, "#review-skills")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._next()

    @on(Input.Submitted, "#review-note")
    def _note_done(self, event: Input.Submitted) -> None:
        event.stop()
        self._keep_note()
        self.query_one(OptionList).focus()
        self._next()

    def _keep_note(self) -> None:
        note = self.query_one("#review-note", Input).value
        if note:
            self.notes[self.skill_id] = note
        else:
            self.notes.pop(self.skill_id, None)

    def _next(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None and options.highlighted < options.option_count - 1:
            options.highlighted += 1

    def action_choose(self, level: int) -> None:
        if isinstance(self.focused, Input):
            return  # a digit typed into the note
        self.levels[self.skill_id] = level
        options = self.query_one(OptionList)
        options.replace_option_prompt(self.skill_id, self._label(self._skill()))
        self._warned = False
        self._show()

    def action_focus_note(self) -> None:
        self.query_one("#review-note", Input).focus()

    def action_save(self) -> None:
        self._keep_note()
        if not self.levels:
            self.notify("Rate at least one skill first: press 0-5", severity="warning")
            return
        levels = [
            MentorLevel(skill_id=s.id, level=self.levels[s.id], note=self.notes.get(s.id, ""))
            for s in self.request.skills
            if s.id in self.levels
        ]
        self.post_message(self.SaveRequested(levels))

    def action_leave(self) -> None:
        if isinstance(self.focused, Input):
            self.query_one(OptionList).focus()
        elif self.levels and not self._warned:
            self._warned = True
            self.notify("Your levels are not saved: ctrl+s saves, escape again quits")
        else:
            self.app.exit(1)
