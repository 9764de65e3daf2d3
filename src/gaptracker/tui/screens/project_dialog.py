"""Add a portfolio project of your own: its title, what it does, the skills it shows (by
name or id, with a suggestion for a near miss), and a link."""

from __future__ import annotations

from gaptracker.domain.errors import UserInputError
from gaptracker.domain.lookup import skill_named
from gaptracker.domain.models import Catalog
from gaptracker.tui.messages import PlanItemChanged, WriteRequested
from gaptracker.tui.screens.form_dialog import FormDialog, Values


class ProjectDialog(FormDialog):
    def __init__(self, catalog: Catalog) -> None:
        super().__init__(
            "Add a portfolio project",
            [
                ("title", "Title", ""),
                ("description", "What it does", ""),
                ("skills", "Skills it shows, by name, comma-separated", ""),
                ("link", "Link (a repository, a write-up)", ""),
            ],
            required=("title", "skills"),
            request=self._project,
        )
        self.catalog = catalog

    def _project(self, values: Values) -> WriteRequested:
        """The skills are checked here, so a typo is said at once and nothing is lost."""
        skills = skills_in(self.catalog, values["skills"])
        title, description, link = values["title"], values["description"], values["link"]
        return PlanItemChanged(
            self,
            lambda plan: plan.add_project(title, description, skills, link),
            f"Project added: {title}",
        )


def skills_in(catalog: Catalog, text: str) -> list[str]:
    """The skill ids in a comma-separated list of names or ids. A name may hold commas
    ("C++, CUDA, and systems profiling"), so the longest run of parts that names a skill
    is taken first."""
    parts = text.split(",")
    found: list[str] = []
    start = 0
    while start < len(parts):
        if not parts[start].strip():
            start += 1
            continue
        for end in range(len(parts), start, -1):
            try:
                found.append(skill_named(catalog, ",".join(parts[start:end])).id)
            except UserInputError:
                continue
            start = end
            break
        else:
            skill_named(catalog, parts[start])  # raises, naming the part and a suggestion
    return found
