"""Assess: rate yourself skill by skill against the rubric, keyboard first.

Keys 0-5 (or a click on a level) choose a level; Enter (or ctrl+s) saves it with the
note and evidence, and moves on to the next skill. The screen's state (which skills are
listed, which is selected, the level chosen, whether targets show) lives in reactives
that the table and the rubric bind to; saving posts `RatingConfirmed` to the app.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import var
from textual.widgets import Header, Input

from gaptracker.domain.errors import UserInputError
from gaptracker.domain.lookup import parse_date
from gaptracker.domain.numbers import percent_text
from gaptracker.domain.overview import Overview
from gaptracker.tui import commands
from gaptracker.tui.messages import (
    FirstMustsRated,
    NotApplicableChanged,
    RatingConfirmed,
    WriteEnded,
)
from gaptracker.tui.screens.base import AppScreen
from gaptracker.tui.screens.not_applicable import NotApplicableDialog
from gaptracker.tui.widgets.key_bar import KeyBar
from gaptracker.tui.widgets.named_field import named_field
from gaptracker.tui.widgets.rubric import Rubric
from gaptracker.tui.widgets.second_opinion import SecondOpinion
from gaptracker.tui.widgets.skill_table import SkillRow, SkillTable
from gaptracker.tui.widgets.steady_static import SteadyStatic

NOTE_HINT = "what you did or can show"
EVIDENCE_HINT = "a link or a reference"
DATE_HINT = "YYYY-MM-DD it applies to (empty: today)"


class AssessScreen(AppScreen):
    SCOPE = "assess"
    BINDINGS = commands.bindings(SCOPE)
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (140, "-wide")]
    """From 140 columns the table takes the longest skill names whole (app.tcss)."""

    scope: var[str] = var("role", init=False)
    """Which skills are listed: the target role's ("role"), every skill ("all"), or the
    Must skills ("must", the first run's first pass)."""
    hide_targets: var[bool] = var(False, init=False)
    """Rate without the targets in view, so they do not anchor the answer."""
    skill_id: var[str | None] = var(None, init=False)
    """The skill being rated (the table's cursor, or one opened from elsewhere)."""
    chosen: var[int | None] = var(None, init=False)
    """The level picked for that skill, not yet saved."""
    rows: var[tuple[SkillRow, ...]] = var((), init=False)

    def __init__(self) -> None:
        super().__init__()
        self._hide_targets_set = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield SteadyStatic("", id="assess-intro")
        with Horizontal(id="assess-body"):
            yield SkillTable(id="skill-table").data_bind(
                AssessScreen.rows, AssessScreen.hide_targets, selected=AssessScreen.skill_id
            )
            with Vertical(id="rate-pane"):
                yield Rubric(self.gap_app.catalog, id="rubric").data_bind(
                    AssessScreen.overview,
                    AssessScreen.skill_id,
                    AssessScreen.chosen,
                    AssessScreen.hide_targets,
                )
                yield SecondOpinion(id="second-opinion").data_bind(
                    AssessScreen.overview, AssessScreen.skill_id, AssessScreen.hide_targets
                )
                yield named_field("Note", Input(placeholder=NOTE_HINT, id="note"))
                yield named_field("Evidence", Input(placeholder=EVIDENCE_HINT, id="evidence"))
                yield named_field("Date", Input(placeholder=DATE_HINT, id="effective"))
        yield KeyBar()

    def on_screen_resume(self) -> None:
        if self.gap_app.first_run:
            self.scope = "must"
        self._focus_table()

    # State -> what is shown

    def watch_overview(self, overview: Overview | None) -> None:
        if overview is None:
            return
        if not self._hide_targets_set:
            self.hide_targets = overview.first_assessment
            self._hide_targets_set = True
        self._list_skills()

    def watch_scope(self) -> None:
        self._list_skills()

    def watch_hide_targets(self) -> None:
        self._update_intro()

    def _list_skills(self) -> None:
        overview = self.overview
        if overview is None:
            return
        if self.scope == "must" and not self.gap_app.first_run:
            self.scope = "role"  # the first pass is over: show the whole role
            return
        rows = self._rows(overview)
        wanted = self.skill_id
        if self.scope == "must" and wanted is not None and all(r.skill_id != wanted for r in rows):
            # The Must pass lists only the role's Musts: a selection made before the role
            # was known (the external skills) moves to the first of them.
            self.skill_id = wanted = rows[0].skill_id if rows else None
        if wanted is not None and all(r.skill_id != wanted for r in rows):
            role = overview.target_role
            required = (
                {r.skill_id for r in self.gap_app.catalog.requirements_for(role.id)}
                if role
                else set()
            )
            needed = "role" if wanted in required and self.scope != "role" else "all"
            if needed != self.scope:
                self.scope = needed  # list the skill asked for, with as few others as can be
                return
        self.rows = tuple(rows)
        if self.skill_id is None and rows:
            self.skill_id = rows[0].skill_id
        self._update_intro()

    def _musts(self, overview: Overview) -> tuple[str, ...]:
        """The target role's Must skills; before a role is chosen, the external skills."""
        catalog = self.gap_app.catalog
        if overview.target_role is None:
            return catalog.must_skill_ids
        return catalog.must_skills(overview.target_role.id)

    def _rows(self, overview: Overview) -> list[SkillRow]:
        catalog = self.gap_app.catalog
        targets = {}
        if overview.target_role is not None:
            reqs = catalog.requirements_for(overview.target_role.id)
            targets = {r.skill_id: r.target for r in reqs}
        scope = self.scope if overview.target_role is not None or self.scope == "must" else "all"
        musts = self._musts(overview)
        if scope == "must" and not musts:  # a pack may give a role no Must skill
            scope = "role" if overview.target_role is not None else "all"
        skills = [
            s
            for s in catalog.skills
            if scope == "all"
            or (scope == "must" and s.id in musts)
            or (scope == "role" and s.id in targets)
        ]
        skills.sort(key=lambda s: s.category.rank)  # stable: catalog order within a group
        return [
            SkillRow(
                skill_id=s.id,
                name=s.name,
                group=s.category.short,
                current=overview.current[s.id].level if s.id in overview.current else None,
                target=targets.get(s.id),
                not_applicable=s.id in overview.not_applicable,
                rubric_changed=s.id in overview.rubric_changed,
            )
            for s in skills
        ]

    def _update_intro(self) -> None:
        overview = self.overview
        if overview is None:
            return
        hidden = " · targets hidden (t shows them)" if self.hide_targets else ""
        # Text, not markup: the role's name is a pack's text, which may hold `[/x]`.
        if self.scope == "must":
            text = Text.assemble(
                "First, your role's Must skills. Read the levels, press ",
                ("0-5", "bold"),
                " for the one that describes what you can show today, then ",
                ("Enter", "bold"),
                "." + hidden,
            )
        elif self.scope == "all" or overview.target_role is None:
            text = Text("Every skill in the guide (v: only your role's)." + hidden)
        else:
            text = Text.assemble("Skills of ", (overview.target_role.name, "bold"))
            # The figure a rating moves, so each save shows its effect (not with the
            # targets hidden: it would hint at them).
            if overview.analysis is not None and not self.hide_targets:
                text.append(" · readiness ")
                text.append(f"{percent_text(overview.analysis.readiness)}%", style="bold")
            text.append(" · 0-5 choose, Enter saves (v: every skill)" + hidden)
        self.query_one("#assess-intro", SteadyStatic).update(text)

    # User actions

    @on(SkillTable.Highlighted, "#skill-table")
    def _skill_highlighted(self, event: SkillTable.Highlighted) -> None:
        self._follow_cursor()

    def _follow_cursor(self) -> str | None:
        """The skill under the table's cursor, now. Every action asks this first: the
        Highlighted message of a cursor move may still be on its way when the next keys
        are handled (down, 3, Enter typed at once rated the skill above)."""
        key = self.query_one(SkillTable).cursor_key
        if key is not None and key != self.skill_id:
            self.skill_id = key
            self.chosen = None
        return self.skill_id

    @on(Rubric.LevelChosen)
    def _level_clicked(self, event: Rubric.LevelChosen) -> None:
        self.chosen = event.level
        self._focus_table()  # so Enter saves, as after a digit key

    def action_choose_level(self, level: str) -> None:
        if self._follow_cursor() is not None:
            self.chosen = int(level)

    @on(SkillTable.Selected, "#skill-table")
    def _enter_on_table(self, event: SkillTable.Selected) -> None:
        event.stop()
        self.action_save()

    @on(Input.Submitted)
    def _enter_in_field(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        skill_id = self._follow_cursor()
        if skill_id is None:
            return
        if self.chosen is None:
            self.notify("Choose a level first: press 0-5", severity="warning", timeout=3)
            return
        note, evidence, when = (self.query_one(f"#{f}", Input).value for f in FIELDS)
        try:
            day = (
                parse_date(when.strip(), self.gap_app.tracker.clock.today())
                if when.strip()
                else None
            )
        except UserInputError as exc:
            self.notify(str(exc), title="Not saved", severity="error")
            return
        self.post_message(RatingConfirmed(self, skill_id, self.chosen, note, evidence, day))
        self._clear_and_move_on()

    def _clear_and_move_on(self) -> None:
        for field in FIELDS:
            self.query_one(f"#{field}", Input).value = ""
        self.chosen = None
        self._focus_table().next_skill()

    @on(WriteEnded)
    def _rating_ended(self, ended: WriteEnded) -> None:
        request = ended.request
        if not isinstance(request, RatingConfirmed):
            return
        if ended.error is not None:
            self._give_back(request)
        elif self.scope == "must" and self.gap_app.first_run:
            overview = self.gap_app.overview
            if overview is not None and all(m in overview.current for m in self._musts(overview)):
                self.post_message(FirstMustsRated())

    def _give_back(self, request: RatingConfirmed) -> None:
        """The rating was not saved: put the skill, the level and what was typed back."""
        self.select_skill(request.skill_id)
        self.chosen = request.level
        when = request.effective_date.isoformat() if request.effective_date else ""
        for field, value in zip(FIELDS, (request.note, request.evidence, when), strict=True):
            self.query_one(f"#{field}", Input).value = value

    def select_skill(self, skill_id: str) -> None:
        """Select this skill (listing every skill if the role's do not hold it)."""
        self.skill_id = skill_id
        self.chosen = None
        self._list_skills()
        self._focus_table()

    def _focus_table(self) -> SkillTable:
        """Focus the table unless it has focus: focus() repaints every line of it."""
        table = self.query_one(SkillTable)
        if not table.has_focus:
            table.focus()
        return table

    def action_toggle_hide_targets(self) -> None:
        self.hide_targets = not self.hide_targets

    def action_toggle_scope(self) -> None:
        self.scope = "all" if self.scope != "all" else "role"

    async def action_skill_goal(self) -> None:
        await self.gap_app.action_set_goal(self._follow_cursor())

    async def action_not_applicable(self) -> None:
        overview, skill_id, catalog = self.overview, self._follow_cursor(), self.gap_app.catalog
        if skill_id is None or overview is None or overview.target_role is None:
            return
        role = overview.target_role
        if skill_id in overview.not_applicable:
            self.post_message(NotApplicableChanged(self, skill_id, None))
            return
        if skill_id in catalog.must_skills(role.id):
            self.notify(f"A Must skill of {role.name} cannot be set aside", severity="warning")
            return
        if skill_id not in {r.skill_id for r in catalog.requirements_for(role.id)}:
            self.notify(f"{role.name} does not require this skill", severity="warning")
            return

        def apply(reason: str | None) -> None:
            if reason:
                self.post_message(NotApplicableChanged(self, skill_id, reason))

        dialog = NotApplicableDialog(catalog.skill(skill_id).name, role.name)
        await self.gap_app.open_dialog(dialog, apply)

    def action_back(self) -> None:
        if self.chosen is not None:
            self.chosen = None
        elif not isinstance(self.focused, SkillTable):
            self._focus_table()
        elif self.gap_app.first_run:
            self.notify("Rate your role's Must skills first: then your gap is ready", timeout=3)
        else:
            self.app.switch_mode("dashboard")


FIELDS = ("note", "evidence", "effective")
