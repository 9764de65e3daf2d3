"""The shape of each file of a pack, as pydantic models: the source of `pack schema`.

The loader builds the catalog item by item from the same domain models (Skill, Role,
Phase, ...), so the schema cannot drift from what loads; only the two compact file
shapes (a requirement's `targets` table, a tip's five steps) are declared here. The
schema says what each file may hold; the rules that span files (ids resolve, every role
needs the Must skills) are catalog/rules.py's and a schema cannot say them.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from gaptracker.domain.models import (
    InterviewPrep,
    Phase,
    PortfolioProject,
    Priority,
    Role,
    Skill,
    Slug,
    Text,
)
from gaptracker.domain.packs import PackManifest


class _File(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class GuideFile(_File):
    """guide.toml: the guide's title, version, learning path, projects and interview prep."""

    version: Text
    title: Text
    summary: Text
    tags: tuple[Text, ...]
    phases: Annotated[tuple[Phase, ...], Field(min_length=1)]
    projects: Annotated[tuple[PortfolioProject, ...], Field(min_length=1)]
    interview: InterviewPrep


class RolesFile(_File):
    """roles.toml: the roles."""

    roles: Annotated[tuple[Role, ...], Field(min_length=1)]


class SkillsFile(_File):
    """skills.toml: the skills, each with six level descriptors (0-5)."""

    skills: Annotated[tuple[Skill, ...], Field(min_length=1)]


class RequirementEntry(_File):
    """One skill's requirement, for every role named in `targets` (role id -> level)."""

    skill: Slug
    priority: Priority
    source_line: int = Field(ge=1)
    rationale: Text
    targets: Annotated[dict[Slug, Annotated[int, Field(ge=1, le=5)]], Field(min_length=1)]


class RequirementsFile(_File):
    """requirements.toml: what each role asks of each skill."""

    requirements: Annotated[tuple[RequirementEntry, ...], Field(min_length=1)]


class TipEntry(_File):
    """How to get from each level of one skill to the next: steps[N] is for N -> N+1."""

    skill: Slug
    steps: tuple[Text, Text, Text, Text, Text]


class TipsFile(_File):
    """tips.toml: one entry per skill."""

    tips: tuple[TipEntry, ...]


FILE_MODELS: dict[str, type[BaseModel]] = {
    "pack.toml": PackManifest,
    "guide.toml": GuideFile,
    "roles.toml": RolesFile,
    "skills.toml": SkillsFile,
    "requirements.toml": RequirementsFile,
    "tips.toml": TipsFile,
}


def pack_schema() -> dict[str, Any]:
    """The JSON Schema of every pack file, by file name (generated, never hand-written)."""
    return {name: model.model_json_schema() for name, model in FILE_MODELS.items()}
