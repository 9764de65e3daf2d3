"""The one wording of a pack switch (`pack diff`, `pack use`, the TUI's diff screen): one
line per fact, in a fixed order, "no differences" only when there are none."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gaptracker.domain.pack_diff import PackDiff, PackPreview, RequirementChange, diff_lines

EMPTY: dict[str, Any] = {
    "skills_added": (),
    "skills_removed": (),
    "renamed": (),
    "merged": (),
    "retired": (),
    "roles_added": (),
    "roles_removed": (),
    "requirements": (),
}
ROLE = "inference-optimization-engineer"


def change(field: str, before: str, after: str) -> RequirementChange:
    return RequirementChange(
        role_id=ROLE, skill_id="model-serving", field=field, before=before, after=after
    )


@pytest.mark.parametrize(
    ("facts", "line"),
    [
        ({"renamed": (("a-skill", "b-skill"),)}, "renamed: a-skill -> b-skill"),
        ({"merged": (("c-skill", ("a-skill", "b-skill")),)}, "merged: a-skill, b-skill -> c-skill"),
        ({"retired": ("a-skill",)}, "retired: a-skill"),
        ({"skills_added": ("a-skill",)}, "skill added: a-skill"),
        ({"skills_removed": ("a-skill",)}, "skill removed: a-skill"),
        ({"roles_added": ("a-role",)}, "role added: a-role"),
        ({"roles_removed": ("a-role",)}, "role removed: a-role"),
        (
            {"requirements": (change("added", "", "should 3"),)},
            f"requirement added: {ROLE} model-serving (should 3)",
        ),
        (
            {"requirements": (change("removed", "could 2", ""),)},
            f"requirement removed: {ROLE} model-serving (could 2)",
        ),
        ({"requirements": (change("target", "3", "4"),)}, f"target: {ROLE} model-serving 3 -> 4"),
        (
            {"requirements": (change("priority", "could", "must"),)},
            f"priority: {ROLE} model-serving could -> must",
        ),
    ],
)
def test_each_fact_has_its_line(facts: dict[str, Any], line: str) -> None:
    diff = PackDiff(**{**EMPTY, **facts})
    assert diff_lines("a@1", "b@2", diff) == ["a@1 -> b@2", line]


def test_no_differences_is_said() -> None:
    assert diff_lines("a@1", "b@1", PackDiff(**EMPTY)) == ["a@1 -> b@1", "no differences"]


SLUGS = st.from_regex(r"[a-z][a-z0-9-]{0,20}", fullmatch=True)


@given(
    added=st.lists(SLUGS, max_size=4, unique=True),
    retired=st.lists(SLUGS, max_size=4, unique=True),
    roles=st.lists(SLUGS, max_size=3, unique=True),
)
def test_one_line_per_fact_and_no_differences_only_without_facts(
    added: list[str], retired: list[str], roles: list[str]
) -> None:
    diff = PackDiff(
        **{
            **EMPTY,
            "skills_added": tuple(added),
            "retired": tuple(retired),
            "roles_removed": tuple(roles),
        }
    )
    lines = diff_lines("a@1", "b@2", diff)
    facts = len(added) + len(retired) + len(roles)
    assert len(lines) == 1 + (facts or 1)
    assert ("no differences" in lines) == (facts == 0)
    assert all("\n" not in line for line in lines)


def test_the_chosen_line_names_the_pack_and_its_name() -> None:
    preview = PackPreview("mine", "2026.12.0", "My\ninference track", ())
    assert preview.ref == "mine@2026.12.0"
    assert preview.chosen_line == "active pack: mine@2026.12.0 (My inference track)"
