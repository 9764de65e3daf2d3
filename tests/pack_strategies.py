"""Hypothesis strategies for skill packs: random valid packs, and one-defect mutations.

A pack is built as plain data (what the TOML files hold), written as TOML by a small
writer here, so a mutation can break the data (a duplicate id, an unknown skill, a bad
level, a bad manifest id, an unknown field) or the bytes (a missing file, a non-UTF-8
byte). Every valid pack follows the catalog's rules (an external skill is Must wherever it
is required, a role's topics are skills it requires) and uses what they leave open: a pack
with no external skill, a role without a Must or with another skill as its Must, a skill
without tips.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from gaptracker.catalog.packs import PACK_FILES

slugs = st.from_regex(r"\A[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4}){0,2}\Z")
pack_ids = st.from_regex(r"\A[a-z](-?[a-z0-9]){1,19}\Z")
versions = st.from_regex(r"\A[0-9A-Za-z][0-9A-Za-z.+_-]{0,12}\Z")
texts = st.text(min_size=1, max_size=24).filter(lambda t: t.strip() == t and t)
"""Text as the catalog keeps it (it strips the ends, so generated text has none)."""
manifest_texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40
).filter(lambda t: t.strip() == t and t)
lines = st.integers(min_value=1, max_value=10_000)
NON_EXTERNAL = ("topic", "common", "differentiator", "soft")


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):  # a JSON string is a TOML basic string, once DEL is escaped
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_toml_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(value)


def _key(key: str) -> str:
    return (
        key
        if key.replace("-", "").replace("_", "").isalnum() and key.isascii()
        else json.dumps(key)
    )


def to_toml(data: dict[str, Any]) -> str:
    """Top-level keys, then arrays of tables (`[[key]]`), then tables (`[key]`)."""
    out: list[str] = []
    for key, value in data.items():
        tables = isinstance(value, list) and value and all(isinstance(v, dict) for v in value)
        if not tables and not isinstance(value, dict):
            out.append(f"{_key(key)} = {_toml_value(value)}")
    for key, value in data.items():
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            for item in value:
                out.append(f"\n[[{_key(key)}]]")
                out.extend(f"{_key(k)} = {_toml_value(v)}" for k, v in item.items())
    for key, value in data.items():
        if isinstance(value, dict):
            out.append(f"\n[{_key(key)}]")
            out.extend(f"{_key(k)} = {_toml_value(v)}" for k, v in value.items())
    return "\n".join(out) + "\n"


@dataclass
class PackData:
    """A pack as the data of its files, by file name."""

    files: dict[str, dict[str, Any]]

    def to_bytes(self) -> dict[str, bytes]:
        return {name: to_toml(data).encode("utf-8") for name, data in self.files.items()}

    def write(self, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in self.to_bytes().items():
            (folder / name).write_bytes(data)
        return folder


@st.composite
def valid_packs(draw: st.DrawFn) -> PackData:
    skill_ids = draw(st.lists(slugs, min_size=1, max_size=6, unique=True))
    categories = [draw(st.sampled_from(("external", *NON_EXTERNAL))) for _ in skill_ids]
    role_ids = draw(st.lists(slugs, min_size=1, max_size=3, unique=True))
    skills, requirements, tips = [], [], []
    required: dict[str, list[str]] = {role: [] for role in role_ids}
    for skill_id, category in zip(skill_ids, categories, strict=True):
        skill: dict[str, Any] = {
            "id": skill_id,
            "name": draw(texts),
            "category": category,
            "description": draw(texts),
            "source_line": draw(lines),
            "levels": draw(st.lists(texts, min_size=6, max_size=6)),
        }
        if category == "external":
            skill |= {"priority": "must", "priority_source_line": draw(lines)}
            roles = draw(st.lists(st.sampled_from(role_ids), unique=True)) or role_ids
            priority = "must"
        else:
            roles = draw(st.lists(st.sampled_from(role_ids), unique=True))
            priority = draw(st.sampled_from(("must", "should", "could")))
        if skill_id == skill_ids[0]:
            roles = role_ids  # the requirements file needs one entry; every role one skill
        skills.append(skill)
        if roles:
            targets = {role: draw(st.integers(1, 5)) for role in roles}
            requirements.append(
                {
                    "skill": skill_id,
                    "priority": priority,
                    "source_line": draw(lines),
                    "rationale": draw(texts),
                    "targets": targets,
                }
            )
            for role in roles:
                required[role].append(skill_id)
        if draw(st.integers(0, 5)):  # now and then a skill without tips
            tips.append({"skill": skill_id, "steps": draw(st.lists(texts, min_size=5, max_size=5))})
    roles_data = [
        {
            "id": role,
            "name": draw(texts),
            "layer": draw(st.integers(1, 5)),
            "best_fit": draw(texts),
            "differentiates": draw(texts),
            "high_leverage_notes": draw(st.lists(st.sampled_from(required[role]), unique=True)),
            # (every role requires the first skill, so required[role] is never empty)
            "notes_why": draw(texts),
            "source_line": draw(lines),
            "notes_source_line": draw(lines),
        }
        for role in role_ids
    ]
    some_skills = st.lists(st.sampled_from(skill_ids), unique=True, max_size=3)
    themes = draw(st.lists(texts, max_size=3))
    version = draw(versions)
    guide = {
        "version": version,
        "title": draw(texts),
        "summary": draw(texts),
        "tags": draw(st.lists(texts, max_size=3)),
        "phases": [
            {"number": n, "title": draw(texts), "summary": draw(texts), "source_line": draw(lines)}
            for n in range(1, draw(st.integers(1, 4)) + 1)
        ],
        "projects": [
            {
                "id": project_id,
                "title": draw(texts),
                "description": draw(texts),
                "skills_demonstrated": draw(st.lists(texts, max_size=3)),
                "skill_ids": draw(some_skills),
                "difficulty": draw(texts),
                "source_line": draw(lines),
            }
            for project_id in draw(st.lists(slugs, min_size=1, max_size=2, unique=True))
        ],
        "interview": {
            "review_skill_ids": draw(some_skills),
            "review_source_line": draw(lines),
            "themes": themes,
            "themes_source_line": draw(lines),
            "theme_skill_ids": [draw(some_skills) for _ in themes],
        },
    }
    manifest: dict[str, Any] = {
        "id": draw(pack_ids),
        "name": draw(manifest_texts),
        "version": version,
    }
    if draw(st.booleans()):
        manifest["license"] = draw(manifest_texts)
    files = {
        "pack.toml": manifest,
        "guide.toml": guide,
        "roles.toml": {"roles": roles_data},
        "skills.toml": {"skills": skills},
        "requirements.toml": {"requirements": requirements},
        "tips.toml": {"tips": tips},
    }
    assert tuple(files) == PACK_FILES
    return PackData(files)


@dataclass
class Mutation:
    """One defect put into a valid pack, and what its report must say: the file and a
    fragment of the message."""

    kind: str
    file: str
    expected: str
    files: dict[str, bytes | None]
    """The pack's bytes after the defect (None: the file is missing)."""

    def write(self, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in self.files.items():
            if data is not None:
                (folder / name).write_bytes(data)
        return folder


MUTATIONS = (
    "duplicate skill id",
    "unknown skill in a requirement",
    "bad level",
    "missing file",
    "non-UTF-8 byte",
    "bad manifest id",
    "unknown field",
    "five level descriptors",
)


@st.composite
def mutated_packs(draw: st.DrawFn) -> Mutation:
    pack = draw(valid_packs())
    kind = draw(st.sampled_from(MUTATIONS))
    data = copy.deepcopy(pack.files)
    skills = data["skills.toml"]["skills"]
    if kind == "duplicate skill id":
        skills.append({**skills[0], "source_line": 1})
        return Mutation(kind, "skills.toml", "duplicate id", _bytes(data))
    if kind == "unknown skill in a requirement":
        data["requirements.toml"]["requirements"][0]["skill"] = "no-such-skill-x"
        return Mutation(kind, "requirements.toml", "unknown skill 'no-such-skill-x'", _bytes(data))
    if kind == "bad level":
        entry = data["requirements.toml"]["requirements"][0]
        role = next(iter(entry["targets"]))
        entry["targets"][role] = draw(st.sampled_from((0, -1, 6, 99)))
        return Mutation(kind, "requirements.toml", f"targets.{role}.target", _bytes(data))
    if kind == "bad manifest id":
        data["pack.toml"]["id"] = draw(
            st.sampled_from(("Bad", "x", "1abc", "a_b", "a--b", "ab-", "a" * 41, ""))
        )
        return Mutation(kind, "pack.toml", "String should", _bytes(data))  # match / have
    if kind == "unknown field":
        data["roles.toml"]["roles"][0]["layr"] = 3
        return Mutation(kind, "roles.toml", "layr", _bytes(data))
    if kind == "five level descriptors":
        skills[-1]["levels"] = skills[-1]["levels"][:5]
        return Mutation(kind, "skills.toml", "levels", _bytes(data))
    files: dict[str, bytes | None] = dict(pack.to_bytes())
    name = draw(st.sampled_from(PACK_FILES))
    if kind == "missing file":
        files[name] = None
        return Mutation(kind, name, "missing", files)
    original = files[name]
    assert original is not None
    at = draw(st.integers(0, len(original)))
    files[name] = original[:at] + b"\xff" + original[at:]
    return Mutation(kind, name, "not UTF-8", files)


def _bytes(data: dict[str, dict[str, Any]]) -> dict[str, bytes | None]:
    return dict(PackData(data).to_bytes())
