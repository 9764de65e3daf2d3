"""The shipped catalog holds all of the guide, and every line reference points at it.

data/source/guide.txt is a verbatim copy of the career guide the catalog is built from.
"""

from __future__ import annotations

import re

import pytest

from gaptracker.catalog import catalog_dir
from gaptracker.domain.models import Catalog, Category, Priority

GUIDE = (catalog_dir() / "source" / "guide.txt").read_text(encoding="utf-8").splitlines()

ROLE_IDS = {
    "inference-optimization-engineer",
    "foundation-model-engineer",
    "ai-research-scientist",
    "applied-ai-scientist",
    "ai-infra-platform-engineer",
    "ai-compiler-kernel-engineer",
}
MUST_IDS = (
    "cpp-cuda-systems-profiling",
    "reproducibility-discipline",
    "distributed-compute-literacy",
)


def line(number: int) -> str:
    return GUIDE[number - 1]


def guide_notes() -> set[str]:
    """Every note name the guide mentions: the slugs in the notes table and interview line."""
    text = "\n".join(line(n) for n in (47, 50, 53, 56, 59, 62, 108))
    return set(re.findall(r"\b[a-z]+(?:-[a-z]+)+\b", text))


def test_the_six_roles_with_their_guide_rows(catalog: Catalog) -> None:
    assert {r.id for r in catalog.roles} == ROLE_IDS
    for role in catalog.roles:
        assert line(role.source_line) == role.name
        assert line(role.source_line + 1) == f"Layer {role.layer}"
        assert line(role.source_line + 2) == role.best_fit
        assert line(role.source_line + 3) == role.differentiates
        assert line(role.notes_source_line) == role.name
        notes = [n.strip() for n in line(role.notes_source_line + 1).split(",")]
        assert list(role.high_leverage_notes) == notes
        assert line(role.notes_source_line + 2) == role.notes_why


def test_every_note_of_the_guide_is_a_topic_skill(catalog: Catalog) -> None:
    topics = {s.id for s in catalog.skills if s.category is Category.TOPIC}
    assert len(topics) == 16
    assert guide_notes() == topics
    assert {n for r in catalog.roles for n in r.high_leverage_notes} == topics


def test_external_skills_are_the_three_musts_with_their_focus(catalog: Catalog) -> None:
    assert catalog.must_skill_ids == MUST_IDS
    for skill in catalog.skills:
        if skill.category is Category.EXTERNAL:
            assert line(skill.source_line) == skill.name
            assert line(skill.source_line + 1) == skill.recommended_focus
            assert line(skill.source_line + 2) == "Must"


@pytest.mark.parametrize(
    ("category", "lines"),
    [
        (Category.COMMON, (83, 84, 85)),
        (Category.DIFFERENTIATOR, (87, 88, 89)),
        (Category.SOFT, (91, 92, 93)),
    ],
)
def test_breakdown_skills_come_from_their_lines(
    catalog: Catalog, category: Category, lines: tuple[int, ...]
) -> None:
    skills = [s for s in catalog.skills if s.category is category]
    assert sorted(s.source_line for s in skills) == list(lines)


def test_every_skill_has_six_distinct_descriptors(catalog: Catalog) -> None:
    assert len(catalog.skills) == 28
    for skill in catalog.skills:
        assert len(set(skill.levels)) == 6, skill.id
        assert skill.description


def test_every_requirement_cites_a_real_line_and_a_rationale(catalog: Catalog) -> None:
    for req in catalog.requirements:
        assert 1 <= req.source_line <= len(GUIDE)
        assert line(req.source_line).strip()
        assert "judgement" in req.rationale or "line" in req.rationale


def test_musts_are_must_for_every_role_and_higher_for_infra_and_optimization(
    catalog: Catalog,
) -> None:
    for role in catalog.roles:
        reqs = {r.skill_id: r for r in catalog.requirements_for(role.id)}
        assert all(reqs[m].priority is Priority.MUST for m in MUST_IDS)
        for note in role.high_leverage_notes:
            assert reqs[note].priority is Priority.SHOULD
    cpp = {r.role_id: r.target for r in catalog.requirements if r.skill_id == MUST_IDS[0]}
    for role_id in (
        "inference-optimization-engineer",
        "ai-infra-platform-engineer",
        "ai-compiler-kernel-engineer",
    ):
        assert cpp[role_id] > cpp["ai-research-scientist"]


def test_learning_path_projects_and_interview(catalog: Catalog) -> None:
    assert [p.title for p in catalog.phases] == [
        "Foundation",
        "Shared Core",
        "Role-Specific Emphasis",
        "External Skills",
    ]
    for phase in catalog.phases:
        assert line(phase.source_line) == f"Phase {phase.number}: {phase.title}"
    for project in catalog.projects:
        assert line(project.source_line) == project.title
        assert line(project.source_line + 1) == project.description
        assert line(project.source_line + 2) == ", ".join(project.skills_demonstrated)
        assert line(project.source_line + 3) == project.difficulty
    assert len(catalog.projects) == 2
    review = line(catalog.interview.review_source_line)
    assert all(note in review for note in catalog.interview.review_skill_ids)
    themes_at = catalog.interview.themes_source_line
    assert list(catalog.interview.themes) == GUIDE[themes_at : themes_at + 3]


def test_title_tags_and_summary(catalog: Catalog) -> None:
    assert catalog.title == line(7)
    assert catalog.summary == line(8)
    assert list(catalog.tags) == GUIDE[0:6]
