"""The plan: the learning path's phases, the role's notes to study, portfolio projects,
interview practice, and the next steps. Keys act on the table that has focus."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Header, Static

from gaptracker.domain.errors import GapTrackerError
from gaptracker.domain.numbers import percent_text
from gaptracker.domain.text import one_line
from gaptracker.reports.plan_text import next_step_lines
from gaptracker.services.plan import PlanView
from gaptracker.tui.screens.base import AppScreen
from gaptracker.tui.screens.form_dialog import FormDialog
from gaptracker.tui.user_text import plain
from gaptracker.tui.widgets.bars import percent_bar
from gaptracker.tui.widgets.key_bar import KeyBar

TABLES = ("study", "projects", "practice")


class PlanScreen(AppScreen):
    BINDINGS = [
        Binding("s", "cycle_status", "Status", id="gaptracker.plan-status"),
        Binding("l", "edit_link", "Note/link", id="gaptracker.plan-link"),
        Binding("n", "new_project", "New project", id="gaptracker.plan-new-project"),
        Binding("e", "attach", "Attach as evidence", id="gaptracker.plan-attach"),
        *(
            Binding(str(n), f"practise({n})", "Practised", show=n == 0, key_display="0-5")
            for n in range(6)
        ),
        Binding("f", "toggle_foundation", "Phase 1 done", id="gaptracker.plan-foundation"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.view: PlanView | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="plan"):
            yield Static("", id="phases")
            yield Static("Study items: the high-leverage notes of your role", classes="caption")
            yield DataTable(id="study", cursor_type="row")
            yield Static("Portfolio projects", classes="caption")
            yield DataTable(id="projects", cursor_type="row")
            yield Static(
                "Interview practice: least recently practised first (0-5: how it went)",
                classes="caption",
            )
            yield DataTable(id="practice", cursor_type="row")
            yield Static("", id="plan-next-steps")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#study", DataTable).add_columns("Note", "Status", "Note or link", "Changed")
        self.query_one("#projects", DataTable).add_columns("Project", "Status", "Shows", "Link")
        self.query_one("#practice", DataTable).add_columns("Item", "Last practised", "Confidence")

    def on_screen_resume(self) -> None:
        self.load()
        self.query_one("#study", DataTable).focus()

    @work(thread=True, exclusive=True, group="plan")
    def load(self) -> None:
        tracker = self.gap_app.tracker
        try:
            role_id = tracker.target_role_id()
            view = tracker.plan.view(role_id) if role_id else None
        except GapTrackerError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        self.app.call_from_thread(self._show, view)

    def _show(self, view: PlanView | None) -> None:
        self.view = view
        phases = self.query_one("#phases", Static)
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
            text.append(f" {percent_text(p.percent):>3}%  ({p.basis})\n", style="dim")
        phases.update(text)
        self._fill(
            "study",
            [
                (i.skill_id, (i.skill_id, i.status.value, plain(i.text), str(i.changed_on or "")))
                for i in view.study
            ],
        )
        self._fill(
            "projects",
            [
                (
                    p.id,
                    (
                        plain(p.title + (" (yours)" if p.user_added else "")),
                        p.status.value,
                        plain(", ".join(p.skills_demonstrated)),
                        plain(p.link),
                    ),
                )
                for p in view.projects
            ],
        )
        self._fill(
            "practice",
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

    def _fill(self, table_id: str, rows: list[tuple[str, tuple[str | Text, ...]]]) -> None:
        table = self.query_one(f"#{table_id}", DataTable)
        keep = table.cursor_row
        table.clear()
        for key, cells in rows:
            table.add_row(*cells, key=key)
        if rows:
            table.move_cursor(row=min(keep, len(rows) - 1))

    def _selected(self, table_id: str) -> str | None:
        table = self.query_one(f"#{table_id}", DataTable)
        if self.focused is not table or table.row_count == 0:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        focused = self.focused.id if self.focused else None
        wanted = {
            "cycle_status": ("study", "projects"),
            "edit_link": ("study", "projects"),
            "new_project": ("projects",),
            "attach": ("projects",),
            "practise": ("practice",),
        }.get(action)
        return True if wanted is None or focused in wanted else None

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def _write(self, change, done: str) -> None:  # type: ignore[no-untyped-def]
        self.gap_app.run_write(change, done, then=self.load)

    def action_cycle_status(self) -> None:
        plan = self.gap_app.tracker.plan
        if self.view is None:
            return
        if (note := self._selected("study")) is not None:
            item = next(i for i in self.view.study if i.skill_id == note)
            status = item.status.next()
            self._write(lambda: plan.set_study(note, status, item.text), f"{note}: {status}")
        elif (project_id := self._selected("projects")) is not None:
            project = next(p for p in self.view.projects if p.id == project_id)
            status = project.status.next()
            self._write(
                lambda: plan.set_project(project_id, status, project.link),
                f"{one_line(project.title)}: {status}",
            )

    def action_edit_link(self) -> None:
        plan = self.gap_app.tracker.plan
        if self.view is None:
            return
        if (note := self._selected("study")) is not None:
            item = next(i for i in self.view.study if i.skill_id == note)

            def save_note(values: dict[str, str] | None) -> None:
                if values is not None:
                    self._write(lambda: plan.set_study(note, item.status, values["text"]), "Saved")

            dialog = FormDialog(f"Note or link for {note}", [("text", "Note or link", item.text)])
            self.app.push_screen(dialog, save_note)
        elif (project_id := self._selected("projects")) is not None:
            project = next(p for p in self.view.projects if p.id == project_id)

            def save_link(values: dict[str, str] | None) -> None:
                if values is not None:
                    self._write(
                        lambda: plan.set_project(project_id, project.status, values["link"]),
                        "Saved",
                    )

            title = f"Link for {one_line(project.title)}"
            dialog = FormDialog(title, [("link", "Link", project.link)])
            self.app.push_screen(dialog, save_link)

    def action_new_project(self) -> None:
        plan = self.gap_app.tracker.plan

        def add(values: dict[str, str] | None) -> None:
            if values is not None:
                skills = values["skills"].replace(",", " ").split()
                self._write(
                    lambda: plan.add_project(
                        values["title"], values["description"], skills, values["link"]
                    ),
                    f"Project added: {one_line(values['title'])}",
                )

        fields = [
            ("title", "Title", ""),
            ("description", "What it does", ""),
            ("skills", "Skills it demonstrates (ids, e.g. gpu-cuda-programming model-serving)", ""),
            ("link", "Link (e.g. a repository)", ""),
        ]
        self.app.push_screen(
            FormDialog("Add a portfolio project", fields, ("title", "skills")), add
        )

    def action_attach(self) -> None:
        project_id = self._selected("projects")
        if project_id is None:
            return
        plan = self.gap_app.tracker.plan
        self._write(lambda: plan.attach_project(project_id), "Attached as evidence to your ratings")

    def action_practise(self, confidence: int) -> None:
        item_id = self._selected("practice")
        if item_id is not None:
            plan = self.gap_app.tracker.plan
            self._write(lambda: plan.practise(item_id, confidence), f"Practised ({confidence}/5)")

    def action_toggle_foundation(self) -> None:
        if self.view is None:
            return
        done = self.view.phases[0].complete
        plan = self.gap_app.tracker.plan
        label = "Phase 1 marked not done" if done else "Phase 1 marked done"
        self._write(lambda: plan.set_foundation_done(not done), label)
