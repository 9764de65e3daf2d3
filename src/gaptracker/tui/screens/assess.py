"""Assess: rate yourself skill by skill against the rubric, keyboard first.

Keys 0-5 (or a click on a level) choose a level; Enter (or ctrl+s) saves it with the
note and evidence, commits at once, and moves to the next skill.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import var
from textual.widgets import Header, Input

from gaptracker.domain.errors import UserInputError
from gaptracker.domain.lookup import parse_date
from gaptracker.domain.models import Category
from gaptracker.domain.numbers import percent_text
from gaptracker.domain.overview import Overview
from gaptracker.tui.screens.base import AppScreen
from gaptracker.tui.screens.not_applicable import NotApplicableDialog
from gaptracker.tui.widgets.key_bar import KeyBar
from gaptracker.tui.widgets.rubric import Rubric
from gaptracker.tui.widgets.skill_table import SkillRow, SkillTable
from gaptracker.tui.widgets.steady_static import SteadyStatic

SCOPES = ("role", "all", "must")


class AssessScreen(AppScreen):
    BINDINGS = [
        *(
            Binding(str(n), f"choose_level({n})", "Level", show=n == 0, key_display="0-5")
            for n in range(6)
        ),
        Binding("ctrl+s", "save", "Save", id="gaptracker.save-rating"),
        Binding("enter", "save", "Save", show=False),
        Binding("t", "toggle_honest", "Show/hide target", id="gaptracker.honest"),
        Binding("v", "toggle_scope", "Role/all skills", id="gaptracker.scope"),
        Binding("x", "not_applicable", "Not applicable", id="gaptracker.not-applicable"),
        Binding("escape", "back", "Back", id="gaptracker.back"),
    ]

    scope: var[str] = var("role", init=False)
    """Which skills are listed: the target role's, every skill, or the Must skills only."""
    honest: var[bool] = var(False, init=False)
    """Hide targets while rating, so the target does not anchor the answer."""
    chosen: var[int | None] = var(None, init=False)
    """The level picked for the highlighted skill, not yet saved."""

    def __init__(self) -> None:
        super().__init__()
        self.skill_id: str | None = None
        self._honest_set = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield SteadyStatic("", id="assess-intro")
        with Horizontal(id="assess-body"):
            yield SkillTable(id="skill-table")
            with Vertical(id="rate-pane"):
                yield Rubric(id="rubric")
                yield Input(placeholder="Note: what you did or can show", id="note")
                yield Input(placeholder="Evidence: a link or reference", id="evidence")
                yield Input(
                    placeholder="Date it applies to: YYYY-MM-DD (empty: today)", id="effective"
                )
        yield KeyBar()

    def on_mount(self) -> None:
        self.follow_overview(self.show)

    def on_screen_resume(self) -> None:
        if self.gap_app.first_run:
            self.scope = "must"
        elif self.scope == "must":
            self.scope = "role"  # the first pass is over: show the whole role
        self.query_one(SkillTable).focus()
        # A skill opened from elsewhere is selected now that the rows are the final ones
        # (after the first run they change here, from the Must skills to the role's).
        skill_id = self.gap_app.take_skill_to_open()
        if skill_id is not None:
            self.select_skill(skill_id)

    # State -> widgets

    def show(self, overview: Overview | None) -> None:
        if overview is None:
            return
        if not self._honest_set:
            self.honest = overview.first_assessment
            self._honest_set = True
        table = self.query_one(SkillTable)
        table.hide_targets = self.honest
        table.show(self._rows(overview), keep=self.skill_id)
        self._update_intro(overview)
        self._update_rubric()

    def _rows(self, overview: Overview) -> list[SkillRow]:
        catalog = self.gap_app.catalog
        targets = {}
        if overview.target is not None:
            targets = {r.skill_id: r.target for r in catalog.requirements_for(overview.target.id)}
        scope = self.scope if overview.target is not None or self.scope == "must" else "all"
        skills = [
            s
            for s in catalog.skills
            if scope == "all"
            or (scope == "must" and s.category is Category.EXTERNAL)
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
            )
            for s in skills
        ]

    def _update_intro(self, overview: Overview) -> None:
        honest = " · targets hidden (t shows them)" if self.honest else ""
        if self.scope == "must":
            text = (
                "First, the three Must skills. Read the levels, press [b]0-5[/b] for the one"
                " that describes what you can show today, then [b]Enter[/b]." + honest
            )
        elif self.scope == "all" or overview.target is None:
            text = "Every skill in the guide (v: only your role's)." + honest
        else:
            # The figure a rating moves, so each save shows its effect (not while rating
            # honestly: it would hint at the targets).
            figure = ""
            if overview.analysis is not None and not self.honest:
                figure = f" · readiness [b]{percent_text(overview.analysis.readiness)}%[/b]"
            text = (
                f"Skills of [b]{overview.target.name}[/b]{figure}"
                " · 0-5 choose, Enter saves (v: every skill)" + honest
            )
        self.query_one("#assess-intro", SteadyStatic).update(text)

    def _update_rubric(self) -> None:
        overview = self.gap_app.overview
        if self.skill_id is None or overview is None:
            return
        skill = self.gap_app.catalog.skill(self.skill_id)
        target = None
        if overview.target is not None:
            reqs = self.gap_app.catalog.requirements_for(overview.target.id)
            target = next((r.target for r in reqs if r.skill_id == skill.id), None)
        current = overview.current.get(skill.id)
        self.query_one(Rubric).show(
            skill,
            current=current.level if current else None,
            target=target,
            chosen=self.chosen,
            hide_target=self.honest,
        )

    def watch_chosen(self) -> None:
        self._update_rubric()

    def watch_honest(self) -> None:
        if self.gap_app.overview is not None and self._honest_set:
            self.show(self.gap_app.overview)

    def watch_scope(self) -> None:
        self.show(self.gap_app.overview)

    # User actions

    @on(SkillTable.Highlighted)
    def _skill_highlighted(self, event: SkillTable.Highlighted) -> None:
        if event.key != self.skill_id:
            self.skill_id = event.key
            self.chosen = None
            self._update_rubric()

    @on(Rubric.LevelChosen)
    def _level_clicked(self, event: Rubric.LevelChosen) -> None:
        self.chosen = event.level
        self._focus_table()  # so Enter saves, as after a digit key

    def action_choose_level(self, level: int) -> None:
        if self.skill_id is not None:
            self.chosen = level

    @on(SkillTable.Selected)
    def _enter_on_table(self, event: SkillTable.Selected) -> None:
        event.stop()
        self.action_save()

    @on(Input.Submitted)
    def _enter_in_field(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        if self.skill_id is None:
            return
        if self.chosen is None:
            self.notify("Choose a level first: press 0-5", severity="warning", timeout=3)
            return
        note = self.query_one("#note", Input)
        evidence = self.query_one("#evidence", Input)
        when = self.query_one("#effective", Input).value.strip()
        try:
            day = parse_date(when, self.gap_app.tracker.clock.today()) if when else None
        except UserInputError as exc:
            self.notify(str(exc), title="Not saved", severity="error")
            return
        skill_id, level, typed = self.skill_id, self.chosen, (note.value, evidence.value, when)
        if self.gap_app.save_rating(
            skill_id,
            level,
            note.value,
            evidence.value,
            effective_date=day,
            on_failure=lambda: self._give_back(skill_id, level, *typed),
        ):
            self._after_save()

    def _give_back(self, skill_id: str, level: int, note: str, evidence: str, when: str) -> None:
        """The commit failed: put the skill, the level and what was typed back on screen."""
        self.select_skill(skill_id)
        self.skill_id = skill_id
        self.chosen = level
        self.query_one("#note", Input).value = note
        self.query_one("#evidence", Input).value = evidence
        self.query_one("#effective", Input).value = when

    def _after_save(self) -> None:
        self.query_one("#note", Input).value = ""
        self.query_one("#evidence", Input).value = ""
        self.query_one("#effective", Input).value = ""
        self.chosen = None
        table = self._focus_table()
        overview = self.gap_app.overview
        if self.scope == "must" and overview is not None:
            musts = self.gap_app.catalog.must_skill_ids
            if all(m in overview.current for m in musts):
                self.gap_app.finish_first_run()
                return
        table.next_skill()

    def select_skill(self, skill_id: str) -> None:
        table = self.query_one(SkillTable)
        if not table.select_skill(skill_id):
            self.scope = "all"
            table.select_skill(skill_id)
        self._focus_table()

    def _focus_table(self) -> SkillTable:
        """Focus the table unless it has focus: focus() repaints every line of it."""
        table = self.query_one(SkillTable)
        if not table.has_focus:
            table.focus()
        return table

    def action_toggle_honest(self) -> None:
        self.honest = not self.honest

    def action_toggle_scope(self) -> None:
        self.scope = "all" if self.scope != "all" else "role"

    def action_not_applicable(self) -> None:
        overview = self.gap_app.overview
        skill_id = self.skill_id
        if skill_id is None or overview is None or overview.target is None:
            return
        if skill_id in overview.not_applicable:
            self.gap_app.mark_not_applicable(skill_id, "", undo=True)
            return
        if skill_id in self.gap_app.catalog.must_skill_ids:
            self.notify("Must skills apply to every role", severity="warning")
            return
        required = {r.skill_id for r in self.gap_app.catalog.requirements_for(overview.target.id)}
        if skill_id not in required:
            self.notify(f"{overview.target.name} does not require this skill", severity="warning")
            return

        def apply(reason: str | None) -> None:
            if reason:
                self.gap_app.mark_not_applicable(skill_id, reason)

        name = self.gap_app.catalog.skill(skill_id).name
        self.app.push_screen(NotApplicableDialog(name, overview.target.name), apply)

    def action_back(self) -> None:
        if self.chosen is not None:
            self.chosen = None
        elif not isinstance(self.focused, SkillTable):
            self.query_one(SkillTable).focus()
        elif self.gap_app.first_run:
            self.gap_app.finish_first_run()
        else:
            self.app.switch_mode("dashboard")
