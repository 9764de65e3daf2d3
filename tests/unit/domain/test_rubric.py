"""Rubric drift: any change of any level descriptor flags the ratings made against the old
rubric; a skill only renamed (same descriptors) is not flagged; a rating without a digest
(made before digests were kept) never is."""

from __future__ import annotations

import hashlib

from hypothesis import given
from hypothesis import strategies as st

from gaptracker.domain.active_pack import ActivePack
from gaptracker.domain.gap import analyse_role, latest_ratings
from gaptracker.domain.models import Catalog, Rating, Skill
from gaptracker.domain.rubric import changed_rubrics, is_digest, rubric_changed, rubric_digest
from gaptracker.domain.skill_changes import SkillChanges
from tests.strategies import CATALOG, NOW, ROLES, ratings
from tests.unit.domain.test_skill_changes import V1, V2, renamed_catalog

TODAY = NOW.date()
descriptors = st.text(min_size=1, max_size=40).filter(lambda t: t.strip() == t)
"""A descriptor as the catalog keeps it (its ends stripped)."""


def stamped(rating: Rating, catalog: Catalog = CATALOG) -> Rating:
    """The rating as the commands make it: with the digest of its skill's rubric now."""
    digest = rubric_digest(catalog.skill(rating.skill_id))
    return rating.model_copy(update={"rubric_digest": digest})


def with_levels(catalog: Catalog, skill_id: str, levels: tuple[str, ...]) -> Catalog:
    skills = tuple(
        s.model_copy(update={"levels": levels}) if s.id == skill_id else s for s in catalog.skills
    )
    return catalog.model_copy(update={"skills": skills})


def flagged_rows(catalog: Catalog, role_id: str, rated: list[Rating]) -> set[str]:
    current = latest_ratings(rated, TODAY)
    return {r.skill_id for r in analyse_role(catalog, role_id, current).rows if r.rubric_changed}


@st.composite
def edited_rubrics(draw: st.DrawFn) -> tuple[Skill, Skill]:
    """A catalog skill, and the same skill with one descriptor changed (to anything)."""
    skill = draw(st.sampled_from(CATALOG.skills))
    level = draw(st.integers(0, 5))
    new = draw(descriptors.filter(lambda t: t != skill.levels[level]))
    levels = list(skill.levels)
    levels[level] = new
    return skill, skill.model_copy(update={"levels": tuple(levels)})


def test_the_digest_is_sha256_of_the_descriptors_as_a_json_array() -> None:
    """Pinned: a change of the encoding would flag every rating ever made."""
    skill = CATALOG.skills[0].model_copy(update={"levels": ("a", "b", "c", "d", "e", 'é "f"')})
    expected = hashlib.sha256('["a","b","c","d","e","é \\"f\\""]'.encode()).hexdigest()
    assert rubric_digest(skill) == expected
    assert all(is_digest(rubric_digest(s)) for s in CATALOG.skills)


@given(edited_rubrics(), ratings(), st.lists(ratings(), max_size=12), st.sampled_from(ROLES))
def test_any_change_of_any_descriptor_flags_that_skill_only(
    edit: tuple[Skill, Skill], latest: Rating, rated: list[Rating], role_id: str
) -> None:
    before, after = edit
    rating = stamped(latest.model_copy(update={"skill_id": before.id, "id": 1_000}))
    assert rubric_digest(after) != rubric_digest(before)
    assert rubric_changed(rating, after) and not rubric_changed(rating, before)
    history = [stamped(r) for r in rated if r.skill_id != before.id] + [rating]
    catalog = with_levels(CATALOG, before.id, after.levels)
    required = {r.skill_id for r in CATALOG.requirements_for(role_id)}
    assert flagged_rows(catalog, role_id, history) == ({before.id} & required)
    assert changed_rubrics(catalog, latest_ratings(history, TODAY)) == {before.id}
    assert flagged_rows(CATALOG, role_id, history) == set()


@given(st.sampled_from(CATALOG.skills), st.integers(0, 4), st.integers(1, 3))
def test_text_moved_between_two_descriptors_changes_the_digest(
    skill: Skill, level: int, cut: int
) -> None:
    """Not a concatenation: "ab" + "c" and "a" + "bc" are different rubrics."""
    levels = list(skill.levels)
    first, second = levels[level], levels[level + 1]
    cut = min(cut, len(first) - 1)
    if cut < 1 or first[:cut] != first[:cut].strip() or first[cut:] != first[cut:].strip():
        return
    levels[level], levels[level + 1] = first[:cut], first[cut:] + second
    moved = skill.model_copy(update={"levels": tuple(levels)})
    assert rubric_digest(moved) != rubric_digest(skill)


@given(st.lists(ratings(), max_size=20), st.sampled_from(ROLES), st.data())
def test_a_skill_only_renamed_keeps_its_digest_and_is_not_flagged(
    rated: list[Rating], role_id: str, data: st.DataObject
) -> None:
    old = data.draw(st.sampled_from([r.skill_id for r in CATALOG.requirements_for(role_id)]))
    new = f"{old}-renamed"
    history = [stamped(r).model_copy(update={"catalog_version": V1}) for r in rated]
    after = renamed_catalog(CATALOG, old, new)
    renamed = after.skill(new).model_copy(update={"name": "Another name", "description": "New."})
    assert rubric_digest(renamed) == rubric_digest(CATALOG.skill(old))
    pack = ActivePack(
        "research-infra", V2, (SkillChanges(from_version=V1, to_version=V2, renamed={old: new}),)
    )
    counted = pack.counted(history)
    assert flagged_rows(after, role_id, counted) == set()
    current = latest_ratings(counted, TODAY)
    if any(r.skill_id == old for r in history):
        assert new in current and not rubric_changed(current[new], renamed)


@given(edited_rubrics(), st.lists(ratings(), max_size=20), st.sampled_from(ROLES))
def test_a_rating_without_a_digest_is_never_flagged(
    edit: tuple[Skill, Skill], rated: list[Rating], role_id: str
) -> None:
    before, after = edit
    rated = [r.model_copy(update={"rubric_digest": None}) for r in rated]  # as 0006 leaves them
    catalog = with_levels(CATALOG, before.id, after.levels)
    assert flagged_rows(catalog, role_id, rated) == set()
    assert changed_rubrics(catalog, latest_ratings(rated, TODAY)) == frozenset()
    assert not rubric_changed(None, after)


@given(st.text(max_size=70))
def test_only_64_lowercase_hex_digits_are_a_digest(text: str) -> None:
    hex_only = all(c in "0123456789abcdef" for c in text)
    assert is_digest(text) == (len(text) == 64 and hex_only)
