"""The catalog's rules, written once, for two callers that want different things of them.

`load_catalog` wants the first problem, as one CatalogError, and nothing more (the
shipped guide has none, so stopping early costs nothing); `pack validate` wants every
problem at once, each as `file:field: message`, and warnings besides. Both run the same
checks below over a `Findings`: `fail_fast` raises at the first error, otherwise the
errors are collected and the checks go on with what could be built, so one broken skill
does not hide a broken role.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from gaptracker.domain.errors import CatalogError
from gaptracker.domain.models import (
    Catalog,
    Category,
    InterviewPrep,
    Phase,
    PortfolioProject,
    Priority,
    Requirement,
    Role,
    Skill,
)

ModelT = TypeVar("ModelT", bound=BaseModel)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a catalog file (or, as a warning, worth a look)."""

    file: str
    field: str
    message: str
    warning: bool = False
    error_text: str | None = None
    """The loader's own wording, where it names more than the file (a read error names
    the path the file was read from)."""

    def line(self) -> str:
        """`file:field: message` (warnings say so after the field)."""
        kind = "warning: " if self.warning else ""
        where = f"{self.file}:{self.field}" if self.field else self.file
        return f"{where}: {kind}{self.message}"

    def as_error(self) -> CatalogError:
        return CatalogError(
            self.error_text or f"catalog error in {self.file}: {self.field}: {self.message}"
        )


@dataclass
class Findings:
    """What the checks found; `fail_fast` raises the first error as a CatalogError."""

    fail_fast: bool
    problems: list[Problem] = field(default_factory=list)

    def error(self, file: str, where: str, message: str, error_text: str | None = None) -> None:
        problem = Problem(file, where, message, error_text=error_text)
        if self.fail_fast:
            raise problem.as_error()
        self.problems.append(problem)

    def warn(self, file: str, where: str, message: str) -> None:
        if not self.fail_fast:  # loading has no one to tell
            self.problems.append(Problem(file, where, message, warning=True))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]


def build_catalog(raw: Mapping[str, Mapping[str, Any]], findings: Findings) -> Catalog | None:
    """The catalog from the parsed files (by name), checked; None when it has errors.

    A file missing from `raw` could not be read (its problem is already said): what it
    holds is not checked again, and what refers to it is checked against what is there.
    """
    guide = raw.get("guide.toml")
    skills: list[tuple[int, Skill]] = []
    roles: list[tuple[int, Role]] = []
    requirements: list[tuple[int, Requirement]] = []
    phases: list[tuple[int, Phase]] = []
    projects: list[tuple[int, PortfolioProject]] = []
    interview: InterviewPrep | None = None
    tips: dict[str, Any] = {}
    if "skills.toml" in raw:
        skills = _build_list(Skill, raw["skills.toml"], "skills.toml", "skills", findings)
    if "roles.toml" in raw:
        roles = _build_list(Role, raw["roles.toml"], "roles.toml", "roles", findings)
    if "requirements.toml" in raw:
        requirements = _requirements(raw["requirements.toml"], findings)
    if guide is not None:
        phases = _build_list(Phase, guide, "guide.toml", "phases", findings)
        projects = _build_list(PortfolioProject, guide, "guide.toml", "projects", findings)
        interview = _build(
            InterviewPrep, guide.get("interview"), "guide.toml", "interview", findings
        )
    if "tips.toml" in raw:
        tips = _tips(raw["tips.toml"], findings)
    catalog: Catalog | None = None
    if guide is not None:
        meta = {k: guide.get(k) for k in ("version", "title", "summary", "tags")}
        try:
            catalog = Catalog(
                **meta,
                roles=tuple(x for _, x in roles),
                skills=tuple(x for _, x in skills),
                requirements=tuple(x for _, x in requirements),
                phases=tuple(x for _, x in phases),
                projects=tuple(x for _, x in projects),
                interview=interview or _EMPTY_INTERVIEW,
                tips=tips,
            )
        except ValidationError as exc:
            report_invalid("guide.toml", "", exc, findings)
    parts = _Parts(skills, roles, requirements, projects, interview, tips, raw)
    _cross_check(parts, findings)
    _warnings(parts, findings)
    return catalog if not findings.errors else None


_EMPTY_INTERVIEW = InterviewPrep.model_construct(
    review_skill_ids=(), review_source_line=1, themes=(), themes_source_line=1, theme_skill_ids=()
)


@dataclass(frozen=True)
class _Parts:
    """What could be built, each with its index in its file."""

    skills: list[tuple[int, Skill]]
    roles: list[tuple[int, Role]]
    requirements: list[tuple[int, Requirement]]
    projects: list[tuple[int, PortfolioProject]]
    interview: InterviewPrep | None
    tips: dict[str, Any]
    raw: Mapping[str, Mapping[str, Any]]

    def raw_ids(self, file: str, key: str, id_key: str = "id") -> set[str]:
        """Ids written in the file, also of entries that did not build (so that a broken
        skill is reported once, not again as unknown wherever it is named)."""
        items = self.raw.get(file, {}).get(key)
        if not isinstance(items, list):
            return set()
        return {
            item[id_key]
            for item in items
            if isinstance(item, Mapping) and isinstance(item.get(id_key), str)
        }


def report_invalid(file: str, prefix: str, exc: ValidationError, findings: Findings) -> None:
    for error in exc.errors() if not findings.fail_fast else exc.errors()[:1]:
        loc = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in error["loc"])
        where = f"{prefix}{loc}" if prefix else loc.removeprefix(".")
        findings.error(file, where, error["msg"])


def _build(
    model: type[ModelT], data: object, file: str, where: str, findings: Findings
) -> ModelT | None:
    if not isinstance(data, Mapping):
        findings.error(file, where, "missing or not a table")
        return None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        report_invalid(file, where, exc, findings)
        return None


def _build_list(
    model: type[ModelT], data: Mapping[str, Any], file: str, key: str, findings: Findings
) -> list[tuple[int, ModelT]]:
    items = data.get(key)
    if not isinstance(items, list) or not items:
        findings.error(file, key, "missing or empty list")
        return []
    built = (
        (i, _build(model, item, file, f"{key}[{i}]", findings)) for i, item in enumerate(items)
    )
    return [(i, item) for i, item in built if item is not None]


def _requirements(data: Mapping[str, Any], findings: Findings) -> list[tuple[int, Requirement]]:
    """Expand the compact {skill, targets = {role: level}} entries into one per role."""
    entries = data.get("requirements")
    if not isinstance(entries, list) or not entries:
        findings.error("requirements.toml", "requirements", "missing or empty")
        return []
    out: list[tuple[int, Requirement]] = []
    for i, entry in enumerate(entries):
        where = f"requirements[{i}]"
        targets = entry.get("targets") if isinstance(entry, Mapping) else None
        if not isinstance(entry, Mapping) or not isinstance(targets, Mapping) or not targets:
            findings.error("requirements.toml", f"{where}.targets", "missing")
            continue
        common = {k: v for k, v in entry.items() if k not in ("targets", "skill")}
        for role_id, level in targets.items():
            item = {**common, "role_id": role_id, "skill_id": entry.get("skill"), "target": level}
            built = _build(
                Requirement, item, "requirements.toml", f"{where}.targets.{role_id}", findings
            )
            if built is not None:
                out.append((i, built))
    return out


def _tips(data: Mapping[str, Any], findings: Findings) -> dict[str, Any]:
    entries = data.get("tips")
    if not isinstance(entries, list):
        findings.error("tips.toml", "tips", "missing or not a list")
        return {}
    tips: dict[str, Any] = {}
    for i, entry in enumerate(entries):
        skill = entry.get("skill") if isinstance(entry, Mapping) else None
        steps = entry.get("steps") if isinstance(entry, Mapping) else None
        if not isinstance(skill, str) or not isinstance(steps, list) or len(steps) != 5:
            findings.error("tips.toml", f"tips[{i}]", "needs a skill and five steps (0->1 .. 4->5)")
        elif not all(isinstance(step, str) and step.strip() for step in steps):
            findings.error("tips.toml", f"tips[{i}].steps", "every step must be text")
        elif skill in tips:
            findings.error("tips.toml", f"tips[{i}]", f"duplicate id {skill!r}")
        else:
            tips[skill] = tuple(steps)
    return tips


def _duplicates(file: str, where: Iterable[tuple[str, object]], findings: Findings) -> None:
    seen: set[object] = set()
    for place, key in where:
        if key in seen:
            findings.error(file, place, f"duplicate id {key!r}")
        seen.add(key)


def _cross_check(parts: _Parts, findings: Findings) -> None:
    """Checks that span files: ids resolve, nothing is duplicated, a role requires its
    topics, an external skill is a Must wherever it is required."""
    _duplicates("skills.toml", ((f"skills[{i}].id", s.id) for i, s in parts.skills), findings)
    _duplicates("roles.toml", ((f"roles[{i}].id", r.id) for i, r in parts.roles), findings)
    _duplicates("guide.toml", ((f"projects[{i}].id", p.id) for i, p in parts.projects), findings)
    _duplicates(
        "requirements.toml",
        ((f"requirements[{i}]", (r.role_id, r.skill_id)) for i, r in parts.requirements),
        findings,
    )
    skill_ids = {s.id for _, s in parts.skills}
    known_skills = skill_ids | parts.raw_ids("skills.toml", "skills")
    role_ids = {r.id for _, r in parts.roles} | parts.raw_ids("roles.toml", "roles")
    musts = [s.id for _, s in parts.skills if s.category is Category.EXTERNAL]

    def known_skill(file: str, where: str, skill_id: str) -> None:
        if skill_id not in known_skills and "skills.toml" in parts.raw:
            findings.error(file, where, f"unknown skill {skill_id!r}")

    for i, req in parts.requirements:
        known_skill("requirements.toml", f"requirements[{i}].skill", req.skill_id)
        if req.role_id not in role_ids and "roles.toml" in parts.raw:
            findings.error(
                "requirements.toml", f"requirements[{i}].targets", f"unknown role {req.role_id!r}"
            )
    for i, role in parts.roles:
        for note in role.high_leverage_notes:
            known_skill("roles.toml", f"roles[{i}].high_leverage_notes", note)
        required = {r.skill_id: r.priority for _, r in parts.requirements if r.role_id == role.id}
        for skill_id in dict.fromkeys(role.high_leverage_notes):
            if (
                skill_id not in required
                and skill_id in skill_ids
                and "requirements.toml" in parts.raw
            ):
                findings.error(
                    "requirements.toml",
                    "requirements",
                    f"role {role.id!r} does not require {skill_id!r}",
                )
        for skill_id in musts:
            if skill_id in required and required[skill_id] is not Priority.MUST:
                findings.error(
                    "requirements.toml",
                    "requirements",
                    f"role {role.id!r}: {skill_id!r} must have priority 'must'",
                )
    for i, skill in parts.skills:
        if (skill.priority is None) != (skill.priority_source_line is None):
            findings.error(
                "skills.toml", f"skills[{i}]", "priority and priority_source_line go together"
            )
        for j, req in parts.requirements:
            own = skill.priority
            if own is not None and req.skill_id == skill.id and req.priority is not own:
                findings.error(
                    "requirements.toml",
                    f"requirements[{j}].priority",
                    f"role {req.role_id!r}: {skill.id!r} must have priority {own.value!r},"
                    " the skill's own",
                )
    for i, project in parts.projects:
        for skill_id in project.skill_ids:
            known_skill("guide.toml", f"projects[{i}].skill_ids", skill_id)
    interview = parts.interview
    if interview is not None:
        for skill_id in interview.review_skill_ids:
            known_skill("guide.toml", "interview.review_skill_ids", skill_id)
        if len(interview.theme_skill_ids) != len(interview.themes):
            findings.error("guide.toml", "interview.theme_skill_ids", "one list per theme")
        for group in interview.theme_skill_ids:
            for skill_id in group:
                known_skill("guide.toml", "interview.theme_skill_ids", skill_id)
    for skill_id in parts.tips:
        known_skill("tips.toml", "tips.skill", skill_id)


def _warnings(parts: _Parts, findings: Findings) -> None:
    """What loads and works but is likely a slip: said, never failing."""
    required = {r.skill_id for _, r in parts.requirements}
    for i, skill in parts.skills:
        if skill.id not in required:
            findings.warn(
                "skills.toml",
                f"skills[{i}].id",
                f"no role requires {skill.id!r}: it is in no gap and no readiness",
            )
    for skill_id in sorted({s.id for _, s in parts.skills} - set(parts.tips)):
        if "tips.toml" in parts.raw:
            findings.warn(
                "tips.toml",
                "tips",
                f"no tips for skill {skill_id!r}: the plan shows its next level's descriptor",
            )
    for i, role in parts.roles:
        requirements = [r for _, r in parts.requirements if r.role_id == role.id]
        if not requirements and "requirements.toml" in parts.raw:
            findings.warn(
                "requirements.toml",
                "requirements",
                f"role {role.id!r} requires no skill: it has no target to reach and reads"
                " as ready at once",
            )
        elif all(r.priority is not Priority.MUST for r in requirements):
            findings.warn(
                "requirements.toml",
                "requirements",
                f"role {role.id!r} requires no Must skill: its readiness has no Must part",
            )
        if not role.high_leverage_notes:
            findings.warn(
                "roles.toml", f"roles[{i}].high_leverage_notes", f"role {role.id!r} has no topics"
            )
