"""Load data/*.toml into a validated, cross-checked Catalog.

A malformed or inconsistent catalog fails here, at load, with one CatalogError naming the
file and the field, so nothing downstream has to guard against a bad catalog. So does one
that cannot be read at all (missing, not UTF-8, a folder, a FIFO, a broken symlink,
unreadable): the message names the file.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from pathlib import Path
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

FILES = ("guide.toml", "roles.toml", "skills.toml", "requirements.toml", "tips.toml")


def catalog_dir() -> Path:
    """The folder of the catalog files: inside the installed package, else the repo's data/.

    A wheel ships data/ as gaptracker/data; an editable install runs from the source tree,
    where data/ sits at the repo root.
    """
    packaged = Path(str(resources.files("gaptracker"))) / "data"
    if (packaged / FILES[0]).is_file():
        return packaged
    return Path(__file__).resolve().parents[3] / "data"


@cache
def load_catalog(directory: Path | None = None, cache_dir: Path | None = None) -> Catalog:
    """Read and validate the catalog; cached, since the files do not change while running.

    With a `cache_dir` (the command line passes gaptracker's own cache folder, which is
    made 0700), a checked copy kept there from an earlier run is used when it verifies
    against the files (catalog/cache.py).
    """
    folder = directory or catalog_dir()
    if cache_dir is not None:
        from gaptracker.catalog.cache import cached_catalog

        return cached_catalog(folder, FILES, cache_dir, lambda: _load(folder))
    return _load(folder)


def _load(folder: Path) -> Catalog:
    raw = {name: _read(folder / name) for name in FILES}
    guide, roles_raw, skills_raw, reqs_raw, tips_raw = (raw[name] for name in FILES)
    skills = _build_list(Skill, skills_raw, "skills.toml", "skills")
    roles = _build_list(Role, roles_raw, "roles.toml", "roles")
    requirements = _requirements(reqs_raw)
    phases = _build_list(Phase, guide, "guide.toml", "phases")
    projects = _build_list(PortfolioProject, guide, "guide.toml", "projects")
    interview = _build(InterviewPrep, guide.get("interview"), "guide.toml", "interview")
    meta = {k: guide.get(k) for k in ("version", "title", "summary", "tags")}
    try:
        catalog = Catalog(
            **meta,
            roles=tuple(roles),
            skills=tuple(skills),
            requirements=tuple(requirements),
            phases=tuple(phases),
            projects=tuple(projects),
            interview=interview,
            tips=_tips(tips_raw),
        )
    except ValidationError as exc:
        raise CatalogError(_describe("guide.toml", "", exc)) from None
    _cross_check(catalog)
    return catalog


def _read(path: Path) -> dict[str, Any]:
    import tomllib  # only when the catalog is built, not when its cached copy is used

    data = read_catalog_file(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CatalogError(
            f"catalog file {path} is not UTF-8 text (byte {data[exc.start]:#04x} at offset "
            f"{exc.start})"
        ) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogError(f"catalog file {path.name} is not valid TOML: {exc}") from None
    except RecursionError:
        raise CatalogError(f"catalog file {path.name} is nested too deeply") from None


def read_catalog_file(path: Path) -> bytes:
    """The bytes of one catalog file, or one CatalogError naming it (missing, a broken
    symlink, a folder, a FIFO or device, unreadable); never blocks on a FIFO."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        if path.is_symlink():
            raise CatalogError(f"catalog file {path} is a broken symlink") from None
        raise CatalogError(f"catalog file missing: {path}") from None
    except IsADirectoryError:  # Windows; elsewhere a folder opens and fstat says so below
        raise CatalogError(f"catalog file {path} is a folder, not a file") from None
    except OSError as exc:
        raise CatalogError(f"cannot read catalog file {path}: {_reason(exc)}") from None
    try:
        kind = stat.S_IFMT(os.fstat(fd).st_mode)
        if kind == stat.S_IFDIR:
            raise CatalogError(f"catalog file {path} is a folder, not a file")
        if kind != stat.S_IFREG:
            raise CatalogError(f"catalog file {path} is not a regular file")
        return read_all(fd)
    except OSError as exc:
        raise CatalogError(f"cannot read catalog file {path}: {_reason(exc)}") from None
    finally:
        os.close(fd)


def read_all(fd: int, limit: int | None = None) -> bytes:
    """Everything left in the open file `fd`; with a `limit`, it stops once more than that
    was read, so that a caller can tell a file that is too long without reading it all."""
    chunks, size = [], 0
    while limit is None or size <= limit:
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _reason(exc: OSError) -> str:
    return (exc.strerror or type(exc).__name__).lower()


def _describe(file: str, prefix: str, exc: ValidationError) -> str:
    error = exc.errors()[0]
    loc = ".".join(str(part) for part in error["loc"])
    field = f"{prefix}.{loc}" if prefix and loc else prefix or loc
    return f"catalog error in {file}: {field}: {error['msg']}"


def _build(model: type[ModelT], data: object, file: str, field: str) -> ModelT:
    if not isinstance(data, Mapping):
        raise CatalogError(f"catalog error in {file}: {field}: missing or not a table")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise CatalogError(_describe(file, field, exc)) from None


def _build_list(model: type[ModelT], data: Mapping[str, Any], file: str, key: str) -> list[ModelT]:
    items = data.get(key)
    if not isinstance(items, list) or not items:
        raise CatalogError(f"catalog error in {file}: {key}: missing or empty list")
    return [_build(model, item, file, f"{key}[{i}]") for i, item in enumerate(items)]


def _requirements(data: Mapping[str, Any]) -> list[Requirement]:
    """Expand the compact {skill, targets = {role: level}} entries into one per role."""
    entries = data.get("requirements")
    if not isinstance(entries, list) or not entries:
        raise CatalogError("catalog error in requirements.toml: requirements: missing or empty")
    out: list[Requirement] = []
    for i, entry in enumerate(entries):
        where = f"requirements[{i}]"
        targets = entry.get("targets") if isinstance(entry, Mapping) else None
        if not isinstance(targets, Mapping) or not targets:
            raise CatalogError(f"catalog error in requirements.toml: {where}.targets: missing")
        common = {k: v for k, v in entry.items() if k not in ("targets", "skill")}
        for role_id, level in targets.items():
            item = {**common, "role_id": role_id, "skill_id": entry.get("skill"), "target": level}
            out.append(_build(Requirement, item, "requirements.toml", f"{where}.targets.{role_id}"))
    return out


def _tips(data: Mapping[str, Any]) -> dict[str, Any]:
    entries = data.get("tips")
    if not isinstance(entries, list):
        raise CatalogError("catalog error in tips.toml: tips: missing or not a list")
    tips: dict[str, Any] = {}
    for i, entry in enumerate(entries):
        skill = entry.get("skill") if isinstance(entry, Mapping) else None
        steps = entry.get("steps") if isinstance(entry, Mapping) else None
        if not isinstance(skill, str) or not isinstance(steps, list) or len(steps) != 5:
            raise CatalogError(
                f"catalog error in tips.toml: tips[{i}]: needs a skill and five steps"
                " (0->1 .. 4->5)"
            )
        if skill in tips:
            raise CatalogError(f"catalog error in tips.toml: tips[{i}]: duplicate id {skill!r}")
        tips[skill] = tuple(steps)
    return tips


def _fail_on_duplicates(file: str, field: str, keys: Iterable[object]) -> None:
    seen: set[object] = set()
    for key in keys:
        if key in seen:
            raise CatalogError(f"catalog error in {file}: {field}: duplicate id {key!r}")
        seen.add(key)


def _cross_check(catalog: Catalog) -> None:
    """Checks that span files: ids resolve, nothing is duplicated, every role needs the Musts."""
    _fail_on_duplicates("skills.toml", "skills.id", (s.id for s in catalog.skills))
    _fail_on_duplicates("roles.toml", "roles.id", (r.id for r in catalog.roles))
    _fail_on_duplicates("guide.toml", "projects.id", (p.id for p in catalog.projects))
    _fail_on_duplicates(
        "requirements.toml",
        "requirements",
        ((r.role_id, r.skill_id) for r in catalog.requirements),
    )
    skill_ids = {s.id for s in catalog.skills}
    role_ids = {r.id for r in catalog.roles}

    def known_skill(file: str, field: str, skill_id: str) -> None:
        if skill_id not in skill_ids:
            raise CatalogError(f"catalog error in {file}: {field}: unknown skill {skill_id!r}")

    for i, req in enumerate(catalog.requirements):
        known_skill("requirements.toml", f"requirements[{i}].skill", req.skill_id)
        if req.role_id not in role_ids:
            raise CatalogError(
                f"catalog error in requirements.toml: requirements[{i}].targets: "
                f"unknown role {req.role_id!r}"
            )
    for i, role in enumerate(catalog.roles):
        for note in role.high_leverage_notes:
            known_skill("roles.toml", f"roles[{i}].high_leverage_notes", note)
        required = {r.skill_id: r.priority for r in catalog.requirements_for(role.id)}
        for skill_id in (*catalog.must_skill_ids, *role.high_leverage_notes):
            if skill_id not in required:
                raise CatalogError(
                    f"catalog error in requirements.toml: role {role.id!r} does not require "
                    f"{skill_id!r}"
                )
        for skill_id in catalog.must_skill_ids:
            if required[skill_id] is not Priority.MUST:
                raise CatalogError(
                    f"catalog error in requirements.toml: role {role.id!r}: {skill_id!r} "
                    "must have priority 'must'"
                )
    for i, skill in enumerate(catalog.skills):
        if (skill.priority is None) != (skill.priority_source_line is None):
            raise CatalogError(
                f"catalog error in skills.toml: skills[{i}]: priority and"
                " priority_source_line go together"
            )
        for req in catalog.requirements:
            own = skill.priority
            if own is not None and req.skill_id == skill.id and req.priority is not own:
                raise CatalogError(
                    f"catalog error in requirements.toml: role {req.role_id!r}:"
                    f" {skill.id!r} must have priority {own.value!r}, the skill's own"
                )
    for i, project in enumerate(catalog.projects):
        for skill_id in project.skill_ids:
            known_skill("guide.toml", f"projects[{i}].skill_ids", skill_id)
    for skill_id in catalog.interview.review_skill_ids:
        known_skill("guide.toml", "interview.review_skill_ids", skill_id)
    if len(catalog.interview.theme_skill_ids) != len(catalog.interview.themes):
        raise CatalogError(
            "catalog error in guide.toml: interview.theme_skill_ids: one list per theme"
        )
    for group in catalog.interview.theme_skill_ids:
        for skill_id in group:
            known_skill("guide.toml", "interview.theme_skill_ids", skill_id)
    for skill_id in catalog.tips:
        known_skill("tips.toml", "tips.skill", skill_id)
    for skill_id in skill_ids - set(catalog.tips):
        raise CatalogError(f"catalog error in tips.toml: tips: no tips for skill {skill_id!r}")
    if not any(s.category is Category.EXTERNAL for s in catalog.skills):
        raise CatalogError("catalog error in skills.toml: skills: no external (Must) skill")
