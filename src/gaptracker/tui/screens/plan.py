"""The plan: the learning path's phases, the role's topics to study, portfolio projects,
interview practice, and the next steps.

`s` and `l` act on the study item or project highlighted in the table that has focus;
`n` (a new project), `e` (attach a project) and `0`-`5` (practice) work from anywhere on
the screen, on the projects' and the practice table's own cursors. A change shows at once
(the next `s` moves on from it) and is saved as a `PlanItemChanged` request.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.reactive import var
from textual.widgets import Header, Static

from gaptracker.domain.errors import GapTrackerError
from gaptracker.domain.models import Status
from gaptracker.domain.numbers import percent_text
from gaptracker.domain.overview import Overview
from gaptracker.domain.text import one_line
from gaptracker.reports.plan_text import next_step_lines
from gaptracker.services.plan import PlanView
from gaptracker.tui import commands
from gaptracker.tui.messages import PlanItemChanged, WriteEnded
from gaptracker.tui.screens.base import AppScreen
from gaptracker.tui.screens.form_dialog import FormDialog
from gaptracker.tui.screens.project_dialog import ProjectDialog
from gaptracker.tui.widgets.bars import percent_bar
from gaptracker.tui.widgets.key_bar import KeyBar
from gaptracker.tui.widgets.row_table import RowTable


class StudyTable(RowTable):
    LABELS = ("Topic", "Status", "Note or link", "Changed")
    FLEX = 2


class ProjectTable(RowTable):
    LABELS = ("Project", "Status", "Shows", "Link")
    FLEX = 2


class PracticeTable(RowTable):
    LABELS = ("Practice", "Last", "Confidence")
    FLEX = 0


class PlanScreen(AppScreen):
    SCOPE = "plan"
    BINDINGS = commands.bindings(SCOPE)

    view: var[PlanView | None] = var(None, init=False, always_update=True)
    """Always updated: a read that finds no plan (no target role) must still say so."""

    def compose(self) -> ComposeResult:
        yield Header()
        whose = "your" if self.who is None else f"{self.who}'s"
        keys = " (0-5: how it went)" if self.who is None else ""  # no keys on a mentee's
        with VerticalScroll(id="plan"):
            yield Static("", id="phases")
            yield Static(
                Text(f"Study: the high-leverage topics of {whose} role"), classes="caption"
            )
            yield StudyTable(id="study")
            yield Static("Portfolio projects", classes="caption")
            yield ProjectTable(id="projects")
            yield Static(
                f"Interview practice, least recently practised first{keys}", classes="caption"
            )
            yield PracticeTable(id="practice")
            yield Static("", id="plan-next-steps")
        yield KeyBar()

    def on_screen_resume(self) -> None:
        self.query_one(StudyTable).focus()

    def watch_overview(self, overview: Overview | None) -> None:
        self._read_view()

    @work(thread=True, exclusive=True, group="plan")
    def _read_view(self) -> None:
        tracker = self.shown_tracker
        try:
            role_id = tracker.target_role_id()
            view = tracker.plan.view(role_id) if role_id else None
        except GapTrackerError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        self.app.call_from_thread(setattr, self, "view", view)

    def watch_view(self, view: PlanView | None) -> None:
        phases = self.query_one("#phases", Static)
        if view is None and self.who is not None:
            phases.update(Text(f"{self.who} has no target role yet: the plan follows the role."))
            return
        if view is None:
            phases.update("Choose a target role first (r): the plan follows your role.")
            return
        text = Text()
        text.append("Learning path\n", style="bold")
        for p in view.phases:
            here = p.number == view.current_phase
            text.append(
                f"{'▶' if here else ' '} Phase {p.number}: {p.title:<23}",
                style="bold" if here else "",
            )
            text.append_text(percent_bar(p.percent, 12))
            text.append(f" {percent_text(p.percent):>3}%  ({self._whose(p.basis)})\n", style="dim")
        phases.update(text)
        catalog = self.shown_catalog
        mine = " (yours)" if self.who is None else f" ({self.who}'s)"
        self._fill(
            StudyTable,
            [
                (
                    i.skill_id,
                    (
                        catalog.skill(i.skill_id).name,
                        i.status.value,
                        one_line(i.text),
                        str(i.changed_on or ""),
                    ),
                )
                for i in view.study
            ],
        )
        self._fill(
            ProjectTable,
            [
                (
                    p.id,
                    (
                        one_line(p.title + (mine if p.user_added else "")),
                        p.status.value,
                        one_line(", ".join(p.skills_demonstrated)),
                        one_line(p.link),
                    ),
                )
                for p in view.projects
            ],
        )
        self._fill(
            PracticeTable,
            [
                (
                    i.id,
                    (
                        i.label,
                        str(i.last_practised or "never"),
                        "" if i.confidence is None else f"{i.confidence}/5",
                    ),
                )
                for i in view.practice
            ],
        )
        steps = Text()
        steps.append("Next steps\n", style="bold")
        steps.append("\n".join(next_step_lines(view.next_steps)))
        self.query_one("#plan-next-steps", Static).update(steps)

    def _whose(self, basis: str) -> str:
        """A phase's basis says `your check mark`: on a mentee's plan it is theirs."""
        return basis if self.who is None else basis.replace("your ", f"{self.who}'s ")

    def _fill(self, table: type[RowTable], rows: list[tuple[str, tuple[str, ...]]]) -> None:
        """The rows, the cursor staying on the same item (not the same line): practice
        re-sorts as it is recorded, and the next key must not rate another item."""
        widget = self.query_one(table)
        widget.set_rows(
            [key for key, _ in rows], [cells for _, cells in rows], keep=widget.cursor_key
        )

    # Acting on items

    def _change(self, change, label: str) -> None:  # type: ignore[no-untyped-def]
        self.post_message(PlanItemChanged(self, change, label))

    @on(WriteEnded)
    def _changed(self, ended: WriteEnded) -> None:
        if isinstance(ended.request, PlanItemChanged) and ended.error is not None:
            self._read_view()  # takes back what was shown before the commit

    def _focused_item(self) -> tuple[str, str] | None:
        """(study or project, its id) for the table with focus, else None with a hint."""
        focused = self.focused
        if isinstance(focused, StudyTable | ProjectTable) and focused.cursor_key is not None:
            return ("study" if isinstance(focused, StudyTable) else "project", focused.cursor_key)
        self.notify("Move to a study topic or a project first (Tab, or a click)", timeout=3)
        return None

    def action_cycle_status(self) -> None:
        view, item = self.view, self._focused_item()
        if view is None or item is None:
            return
        kind, key = item
        if kind == "study":
            study = next(i for i in view.study if i.skill_id == key)
            status, text = study.status.next(), study.text
            self._shown(
                study=[
                    s.model_copy(update={"status": status}) if s is study else s for s in view.study
                ]
            )
            name = self.gap_app.catalog.skill(key).name
            self._change(lambda plan: plan.set_study(key, status, text), f"{name}: {status}")
        else:
            project = next(p for p in view.projects if p.id == key)
            status, link = project.status.next(), project.link
            self._shown(
                projects=[
                    p.model_copy(update={"status": status}) if p is project else p
                    for p in view.projects
                ]
            )
            self._change(
                lambda plan: plan.set_project(key, status, link), f"{project.title}: {status}"
            )

    def _shown(self, **changes: Sequence[object]) -> None:
        """The view as it will be once saved, at once: a second `s` moves on from it."""
        if self.view is not None:
            self.view = self.view.model_copy(update={k: tuple(v) for k, v in changes.items()})

    async def action_edit_link(self) -> None:
        view, item = self.view, self._focused_item()
        if view is None or item is None:
            return
        kind, key = item
        if kind == "study":
            study = next(i for i in view.study if i.skill_id == key)
            status = study.status
            title = f"Note or link for {self.gap_app.catalog.skill(key).name}"
            await self.gap_app.open_dialog(
                FormDialog(
                    title,
                    [("text", "Note or link", study.text)],
                    request=lambda v: PlanItemChanged(
                        None, lambda plan: plan.set_study(key, status, v["text"]), "Saved"
                    ),
                )
            )
        else:
            project = next(p for p in view.projects if p.id == key)
            status = project.status
            await self.gap_app.open_dialog(
                FormDialog(
                    f"Link for {one_line(project.title)}",
                    [("link", "Link", project.link)],
                    request=lambda v: PlanItemChanged(
                        None, lambda plan: plan.set_project(key, status, v["link"]), "Saved"
                    ),
                )
            )

    async def action_new_project(self) -> None:
        if self.view is None:
            self.notify("Choose a target role first (r)", severity="warning")
            return
        await self.gap_app.open_dialog(ProjectDialog(self.gap_app.catalog))

    def action_attach(self) -> None:
        key = self.query_one(ProjectTable).cursor_key
        view = self.view
        if key is None or view is None:
            return
        project = next(p for p in view.projects if p.id == key)
        if project.status is not Status.DONE:
            self.notify(
                f"'{one_line(project.title)}' is not done yet: s sets its status",
                severity="warning",
            )
            return
        self._change(lambda plan: plan.attach_project(key), "Attached as evidence to your ratings")

    def action_practise(self, confidence: str) -> None:
        key, view = self.query_one(PracticeTable).cursor_key, self.view
        if key is None or view is None:
            return
        level = int(confidence)
        label = next(p.label for p in view.practice if p.id == key)
        self._change(lambda plan: plan.practise(key, level), f"Practised: {label} ({level}/5)")

    def action_toggle_foundation(self) -> None:
        if self.view is None:
            return
        done = self.view.phases[0].complete
        label = "Phase 1 marked not done" if done else "Phase 1 marked done"
        self._change(lambda plan: plan.set_foundation_done(not done), label)

    def action_back(self) -> None:
        self.app.switch_mode("dashboard")
