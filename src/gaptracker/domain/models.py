"""Domain models: the catalog (roles, skills, requirements, plan) and what the user enters.

All frozen pydantic models, so a value that crossed a layer boundary cannot be changed
behind the back of the code that holds it.

Glossary: one name per concept, in every layer (domain, services, tui, reports).
- target role: the role the user aims for (`TargetChange`, `Overview.target_role`).
- target: a level, what a role asks of one skill (`Requirement.target`); never a role.
- level: 0-5 on a skill's rubric; a rating's level, a goal's level.
- rating: one self-assessment of a skill (append-only); the current rating is the latest
  (`Rating.counted_key`). Its note and evidence are the user's own text.
- note: only ever the user's free text on a rating. The guide's high-leverage "notes"
  are called topics here (skills of the `topic` category; `Role.high_leverage_notes`
  keeps the guide's word because the JSON output carries it).
- plan: the guide's learning plan only (phases, study topics, projects, practice;
  `PlanService`, `PlanView`, `PlanEvent`). A check-in's list of skills is its walk
  (`CheckinWalk`), not a plan.
- hide targets: rating without the targets in view, so they do not anchor the answer.
- readiness: the weighted share of a role's targets met, exact (domain.numbers).
- standing: everything the user's data says right now (`services.standing.Standing`,
  shown as the `Overview`).
"""

from __future__ import annotations

import datetime as dt
import sys
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, Strict, StringConstraints

from gaptracker.domain.text import storable_text

MIN_LEVEL = 0
MAX_LEVEL = 5
LEVELS = range(MIN_LEVEL, MAX_LEVEL + 1)

Level = Annotated[int, Field(ge=MIN_LEVEL, le=MAX_LEVEL)]
WholeNumber = Annotated[int, Strict()]
"""A number in a catalog or pack file: an integer as written, never TOML's `true`, `4.0`
or `"4"` (which pydantic would read as 1 and 4, so a pack's target of `true` was 1)."""
PackLevel = Annotated[int, Strict(), Field(ge=MIN_LEVEL, le=MAX_LEVEL)]
"""A level as a pack file writes it (a `[changes.levels]` map): an integer, as above."""
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
UserText = Annotated[str, AfterValidator(storable_text)]
"""What the user typed (a note, evidence, a reason): kept exactly, never stripped, but
refused when it is not valid UTF-8 (domain.text), whichever path it comes by."""


class Frozen(BaseModel):
    """Base for immutable models that reject unknown fields (typos in data files fail)."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Priority(StrEnum):
    """MoSCoW priority of a requirement; the guide itself only uses Must."""

    MUST = "must"
    SHOULD = "should"
    COULD = "could"

    @property
    def weight(self) -> int:
        """Weight in the readiness fraction and the weighted gap: must 3, should 2, could 1."""
        return {Priority.MUST: 3, Priority.SHOULD: 2, Priority.COULD: 1}[self]


class Category(StrEnum):
    """Where a skill comes from in the guide; also the order skills are listed in."""

    EXTERNAL = "external"
    TOPIC = "topic"
    COMMON = "common"
    DIFFERENTIATOR = "differentiator"
    SOFT = "soft"

    @property
    def heading(self) -> str:
        return {
            Category.EXTERNAL: "External skills (Must)",
            Category.TOPIC: "High-leverage notes",
            Category.COMMON: "Common technical skills",
            Category.DIFFERENTIATOR: "Differentiators by role",
            Category.SOFT: "Soft skills",
        }[self]

    @property
    def short(self) -> str:
        """A label narrow enough for a table column."""
        return {
            Category.EXTERNAL: "Must",
            Category.TOPIC: "Notes",
            Category.COMMON: "Common",
            Category.DIFFERENTIATOR: "Role",
            Category.SOFT: "Soft",
        }[self]

    @property
    def rank(self) -> int:
        return list(Category).index(self)


class Skill(Frozen):
    """A skill with a descriptor per level (0-5) saying what a person at that level shows."""

    id: Slug
    name: Text
    category: Category
    description: Text
    source_line: WholeNumber = Field(ge=1)
    levels: tuple[Text, Text, Text, Text, Text, Text]
    recommended_focus: str | None = None
    priority: Priority | None = None
    """The skill's own priority where the guide gives one (the external skills: Must),
    whatever role asks for it; a role's requirement gives the priority of the others."""
    priority_source_line: WholeNumber | None = Field(default=None, ge=1)

    def descriptor(self, level: int) -> str:
        return self.levels[level]


class Role(Frozen):
    """A target role of the guide with its place in the stack and its high-leverage notes."""

    id: Slug
    name: Text
    layer: WholeNumber = Field(ge=1)
    best_fit: Text
    differentiates: Text
    high_leverage_notes: tuple[Slug, ...]
    notes_why: Text
    source_line: WholeNumber = Field(ge=1)
    notes_source_line: WholeNumber = Field(ge=1)


class Requirement(Frozen):
    """What a role asks of one skill; the level says where it comes from (line or judgement)."""

    role_id: Slug
    skill_id: Slug
    target: WholeNumber = Field(ge=1, le=MAX_LEVEL)
    priority: Priority
    source_line: WholeNumber = Field(ge=1)
    rationale: Text


class Phase(Frozen):
    """A phase of the guide's learning path."""

    number: WholeNumber = Field(ge=1)
    title: Text
    summary: Text
    source_line: WholeNumber = Field(ge=1)


class PortfolioProject(Frozen):
    """A portfolio project idea from the guide."""

    id: Slug
    title: Text
    description: Text
    skills_demonstrated: tuple[Text, ...]
    skill_ids: tuple[Slug, ...]
    difficulty: Text
    source_line: WholeNumber = Field(ge=1)


class InterviewPrep(Frozen):
    """The guide's interview preparation: note topics to review and the common themes."""

    review_skill_ids: tuple[Slug, ...]
    review_source_line: WholeNumber = Field(ge=1)
    themes: tuple[Text, ...]
    themes_source_line: WholeNumber = Field(ge=1)
    theme_skill_ids: tuple[tuple[Slug, ...], ...]
    """Per theme, the skills it exercises (project judgement)."""


class Catalog(Frozen):
    """Everything the guide says, validated and cross-checked (see catalog.loader)."""

    version: Text
    title: Text
    summary: Text
    tags: tuple[Text, ...]
    roles: tuple[Role, ...]
    skills: tuple[Skill, ...]
    requirements: tuple[Requirement, ...]
    phases: tuple[Phase, ...]
    projects: tuple[PortfolioProject, ...]
    interview: InterviewPrep
    tips: dict[str, tuple[Text, Text, Text, Text, Text]]
    """Per skill, how to get from level N to N+1 (index N), for N = 0..4. A pack may
    leave a skill without tips (a warning, not an error): see `next_level_tip`."""

    def next_level_tip(self, skill_id: str, level: int) -> str:
        """How to get from `level` to the next one (level 5: how to keep level 5). A
        skill without tips gets what the next level's descriptor asks a person to show,
        which is what a tip leads to."""
        step = min(level, 4)
        steps = self.tips.get(skill_id)
        if steps is not None:
            return steps[step]
        return f"show level {step + 1}: {self.skill(skill_id).descriptor(step + 1)}"

    def role(self, role_id: str) -> Role:
        for role in self.roles:
            if role.id == role_id:
                return role
        raise KeyError(role_id)

    def skill(self, skill_id: str) -> Skill:
        for skill in self.skills:
            if skill.id == skill_id:
                return skill
        raise KeyError(skill_id)

    def requirements_for(self, role_id: str) -> tuple[Requirement, ...]:
        return tuple(r for r in self.requirements if r.role_id == role_id)

    @property
    def must_skill_ids(self) -> tuple[str, ...]:
        """The external skills, which are Must for whoever requires them (the guide's
        three, in the built-in pack, for every role)."""
        return tuple(s.id for s in self.skills if s.category is Category.EXTERNAL)

    def must_skills(self, role_id: str) -> tuple[str, ...]:
        """The skills `role_id` requires at priority Must: the external skills it requires,
        then any other skill a pack makes a Must for it, each in catalog order."""
        musts = {r.skill_id for r in self.requirements_for(role_id) if r.priority is Priority.MUST}
        ordered = sorted(
            (s for s in self.skills if s.id in musts),
            key=lambda s: s.category is not Category.EXTERNAL,
        )
        return tuple(s.id for s in ordered)


BUILT_IN_PACK_ID = "research-infra"
"""The id of the guide shipped in data/ (its pack.toml says so too): the pack of every row
made before packs existed."""

UNSAVED = sys.maxsize
"""The entry order of a rating that has no id yet: it was entered after every saved one."""


class Rating(Frozen):
    """One self-rating event. Ratings are append-only; the latest by effective date wins."""

    skill_id: Slug
    level: Level
    note: UserText = ""
    evidence: UserText = ""
    effective_date: dt.date
    created_at: dt.datetime
    catalog_version: str
    id: int | None = None
    checkin_id: int | None = None
    """The check-in this rating was made in, if any."""
    pack_id: Slug = BUILT_IN_PACK_ID
    """The pack the rating was made under (`catalog_version` is that pack's version)."""
    rubric_digest: str | None = None
    """The digest of the skill's level descriptors as they read when the rating was made
    (`domain.rubric`), so a later change of the rubric can be flagged. None: made before
    digests were kept; such a rating is never flagged (nothing says what it was made
    against). A backup's digests are checked by `domain.backup_rules`."""

    @property
    def entry_order(self) -> int:
        """Insertion order (the id); a rating not saved yet comes after every saved one."""
        return self.id if self.id is not None else UNSAVED

    @property
    def order_key(self) -> tuple[dt.date, int]:
        """As stored: effective date first (backfills slot in), then entry order."""
        return (self.effective_date, self.entry_order)

    def counted_day(self, today: dt.date) -> dt.date:
        """The day the rating counts on: its effective date, or today if that lies ahead
        (made where it was already tomorrow, or before the clock was set back)."""
        return min(self.effective_date, today)

    def counted_key(self, today: dt.date) -> tuple[dt.date, int]:
        """Which rating is the latest: the later counted day, then the later entry. A
        date ahead of today counts as today, so it never hides a rating entered after it.
        Entry order is the id, not the entry time, so a clock set back cannot reorder."""
        return (self.counted_day(today), self.entry_order)


class Checkin(Frozen):
    """One check-in: the ratings made in it point to it (`Rating.checkin_id`).

    Nothing marks it finished: it is complete when every skill of its walk has a rating
    in it, which keeps the table append-only like everything else.
    """

    id: int | None = None
    role_id: Slug
    started_at: dt.datetime
    pack_id: Slug = BUILT_IN_PACK_ID


class Goal(Frozen):
    """Reach `level` on a skill by `due`. Append-only: the latest goal per skill counts."""

    skill_id: Slug
    level: int = Field(ge=1, le=MAX_LEVEL)
    due: dt.date
    created_at: dt.datetime
    pack_id: Slug = BUILT_IN_PACK_ID


class TargetChange(Frozen):
    """The user chose a target role; kept as history, the latest is the current target."""

    role_id: Slug
    changed_at: dt.datetime
    pack_id: Slug = BUILT_IN_PACK_ID


class ApplicabilityMark(Frozen):
    """A skill marked not applicable for a role (or the mark undone); the latest one counts."""

    role_id: Slug
    skill_id: Slug
    not_applicable: bool
    reason: UserText = ""
    created_at: dt.datetime
    pack_id: Slug = BUILT_IN_PACK_ID


class PackChoice(Frozen):
    """`gaptracker pack use`: kept as history, the latest is the active pack."""

    pack_id: Slug
    version: str
    chosen_at: dt.datetime


class PlanKind(StrEnum):
    PHASE = "phase"
    STUDY = "study"
    PROJECT = "project"
    PRACTICE = "practice"


class Status(StrEnum):
    TODO = "todo"
    IN_PROGRESS = "in progress"
    DONE = "done"

    def next(self) -> Status:
        order = list(Status)
        return order[(order.index(self) + 1) % len(order)]


class PlanEvent(Frozen):
    """One change to one plan item; user projects carry their title, description, skills."""

    kind: PlanKind
    item_id: str
    status: Status = Status.TODO
    text: UserText = ""
    """A link or a note (study items, projects)."""
    confidence: int | None = None
    """Interview practice: how confident the user felt, 0-5."""
    title: UserText = ""
    description: UserText = ""
    skill_ids: tuple[str, ...] = ()
    created_at: dt.datetime
    pack_id: Slug = BUILT_IN_PACK_ID
