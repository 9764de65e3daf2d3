"""Set a goal: a skill (by name or id), the level to reach, and the date to reach it by."""

from __future__ import annotations

import datetime as dt

from gaptracker.domain.lookup import parse_day, parse_level, skill_named
from gaptracker.domain.models import Catalog
from gaptracker.domain.overview import Overview
from gaptracker.tui.messages import GoalSet, WriteRequested
from gaptracker.tui.screens.form_dialog import FormDialog, Values

DEFAULT_WEEKS = 12
"""The due date the dialog suggests: a quarter ahead, the guide's rhythm of phases."""


class GoalDialog(FormDialog):
    def __init__(self, catalog: Catalog, overview: Overview | None, skill_id: str | None) -> None:
        today = overview.today if overview is not None else dt.date.today()
        name = catalog.skill(skill_id).name if skill_id else ""
        level = ""
        if skill_id and overview is not None and overview.analysis is not None:
            row = next((r for r in overview.analysis.rows if r.skill_id == skill_id), None)
            level = str(row.target) if row else ""
        due = (today + dt.timedelta(weeks=DEFAULT_WEEKS)).isoformat()
        super().__init__(
            "Set a goal",
            [
                ("skill", "Skill (name or id)", name),
                ("level", "Level to reach (1-5)", level),
                ("due", "By (YYYY-MM-DD)", due),
            ],
            required=("skill", "level", "due"),
            request=self._goal,
        )
        self.catalog = catalog

    def _goal(self, values: Values) -> WriteRequested:
        skill = skill_named(self.catalog, values["skill"])
        level = parse_level(values["level"].strip())
        return GoalSet(self, skill.id, level, parse_day(values["due"].strip()))
