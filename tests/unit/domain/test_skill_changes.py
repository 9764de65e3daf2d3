"""A newer pack version's renames, merges, retirements and level maps, read through at read
time: readiness and history stay what they were, ratings are never rewritten."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from gaptracker.domain.gap import latest_ratings, readiness_figures
from gaptracker.domain.models import Catalog, Rating
from gaptracker.domain.pack_diff import diff_packs
from gaptracker.domain.skill_changes import SkillChanges, check_steps, counted_ratings, resolve
from tests.strategies import CATALOG, NOW, ratings

V1, V2 = CATALOG.version, "2027.1.0"
TODAY = NOW.date()
ROLES = [r.id for r in CATALOG.roles]


def renamed_catalog(catalog: Catalog, old: str, new: str, version: str = V2) -> Catalog:
    skills = tuple(s.model_copy(update={"id": new}) if s.id == old else s for s in catalog.skills)
    requirements = tuple(
        r.model_copy(update={"skill_id": new}) if r.skill_id == old else r
        for r in catalog.requirements
    )
    return catalog.model_copy(
        update={"skills": skills, "requirements": requirements, "version": version}
    )


def without_skill(catalog: Catalog, skill_id: str, version: str = V2) -> Catalog:
    return catalog.model_copy(
        update={
            "skills": tuple(s for s in catalog.skills if s.id != skill_id),
            "requirements": tuple(r for r in catalog.requirements if r.skill_id != skill_id),
            "version": version,
        }
    )


def under(version: str) -> st.SearchStrategy[list[Rating]]:
    return st.lists(ratings().map(lambda r: r.model_copy(update={"catalog_version": version})))


def figures(catalog: Catalog, role_id: str, counted: list[Rating]) -> tuple[object, object]:
    return readiness_figures(catalog, role_id, latest_ratings(counted, TODAY))


def required_skill(role_id: str) -> st.SearchStrategy[str]:
    return st.sampled_from([r.skill_id for r in CATALOG.requirements_for(role_id)])


@given(st.data(), under(V1))
def test_a_rename_keeps_readiness_and_history_identical(
    data: st.DataObject, rated: list[Rating]
) -> None:
    role_id = data.draw(st.sampled_from(ROLES))
    old = data.draw(required_skill(role_id))
    new = f"{old}-renamed"
    steps = [SkillChanges(from_version=V1, to_version=V2, renamed={old: new})]
    after = renamed_catalog(CATALOG, old, new)
    assert figures(CATALOG, role_id, rated) == figures(
        after, role_id, counted_ratings(rated, steps, V2)
    )
    read = resolve(rated, steps, V2)
    assert [r.saved for r in read] == rated  # never rewritten
    assert [r.rating.skill_id for r in read] == [
        new if r.skill_id == old else r.skill_id for r in rated
    ]
    assert [(r.rating.level, r.rating.effective_date) for r in read] == [
        (r.level, r.effective_date) for r in rated
    ]


@given(st.data(), under(V1))
def test_a_retired_skill_keeps_its_history_and_leaves_readiness(
    data: st.DataObject, rated: list[Rating]
) -> None:
    role_id = data.draw(st.sampled_from(ROLES))
    gone = data.draw(required_skill(role_id))
    steps = [SkillChanges(from_version=V1, to_version=V2, retired=(gone,))]
    after = without_skill(CATALOG, gone)
    counted = counted_ratings(rated, steps, V2)
    assert all(r.skill_id != gone for r in counted)
    others = [r for r in rated if r.skill_id != gone]
    assert figures(after, role_id, counted) == figures(after, role_id, others)
    read = resolve(rated, steps, V2)
    assert [r.saved for r in read if r.retired] == [r for r in rated if r.skill_id == gone]


@given(st.data(), under(V1))
def test_merged_skills_count_the_latest_of_their_ratings(
    data: st.DataObject, rated: list[Rating]
) -> None:
    first, second = data.draw(
        st.lists(
            st.sampled_from([s.id for s in CATALOG.skills]), min_size=2, max_size=2, unique=True
        )
    )
    rated = [r.model_copy(update={"id": i + 1}) for i, r in enumerate(rated)]
    steps = [SkillChanges(from_version=V1, to_version=V2, merged={f"{first}-x": (first, second)})]
    current = latest_ratings(counted_ratings(rated, steps, V2), TODAY)
    theirs = [r for r in rated if r.skill_id in (first, second)]
    if not theirs:
        assert f"{first}-x" not in current
        return
    latest = max(theirs, key=lambda r: r.counted_key(TODAY))
    assert current[f"{first}-x"].level == latest.level
    assert current[f"{first}-x"].id == latest.id


@given(
    st.lists(st.integers(0, 5), min_size=6, max_size=6).map(sorted),
    st.integers(0, 5),
    st.sampled_from([V1, V2, "unknown-version"]),
)
def test_a_level_map_applies_only_to_ratings_made_before_it(
    levels: list[int], level: int, version: str
) -> None:
    skill = CATALOG.skills[0].id
    steps = [SkillChanges(from_version=V1, to_version=V2, levels={skill: tuple(levels)})]
    rating = Rating(
        skill_id=skill,
        level=level,
        effective_date=dt.date(2026, 1, 5),
        created_at=NOW,
        catalog_version=version,
    )
    (read,) = resolve([rating], steps, V2)
    assert read.rating.level == (levels[level] if version == V1 else level)


def test_steps_chain_through_versions_in_order() -> None:
    skill = CATALOG.skills[0].id
    steps = [
        SkillChanges(from_version=V1, to_version="2", renamed={skill: "b"}),
        SkillChanges(
            from_version="2", to_version="3", renamed={"b": "c"}, levels={"c": (0, 0, 1, 2, 3, 4)}
        ),
    ]
    made = {
        v: Rating(
            skill_id=i,
            level=3,
            effective_date=dt.date(2026, 1, 5),
            created_at=NOW,
            catalog_version=v,
        )
        for v, i in ((V1, skill), ("2", "b"), ("3", "c"))
    }
    assert [(r.rating.skill_id, r.rating.level) for r in resolve(made.values(), steps, "3")] == [
        ("c", 2),
        ("c", 2),
        ("c", 3),
    ]


# check_steps: ids never change silently


SKILL_IDS = [s.id for s in CATALOG.skills]


@given(st.sampled_from(SKILL_IDS))
def test_a_skill_dropped_without_an_entry_is_a_problem_and_with_one_is_not(gone: str) -> None:
    now = [s for s in SKILL_IDS if s != gone]
    bare = [SkillChanges(from_version=V1, to_version=V2)]
    problems = check_steps(bare, V2, {V1: SKILL_IDS}, now)
    assert len(problems) == 1 and gone in problems[0][1]
    for step in (
        SkillChanges(from_version=V1, to_version=V2, retired=(gone,)),
        SkillChanges(from_version=V1, to_version=V2, renamed={gone: now[0]}),
        SkillChanges(from_version=V1, to_version=V2, merged={now[0]: (gone,)}),
    ):
        assert check_steps([step], V2, {V1: SKILL_IDS}, now) == []


@given(st.sampled_from(SKILL_IDS), st.sampled_from(SKILL_IDS))
def test_reusing_an_id_or_pointing_at_a_missing_skill_is_a_problem(kept: str, other: str) -> None:
    reused = SkillChanges(from_version=V1, to_version=V2, retired=(kept,))
    assert any("never reused" in m for _, m in check_steps([reused], V2, {}, SKILL_IDS))
    nowhere = SkillChanges(
        from_version=V1, to_version=V2, renamed={f"{other}-old": "no-such-skill"}
    )
    assert any("not a skill" in m for _, m in check_steps([nowhere], V2, {}, SKILL_IDS))
    twice = SkillChanges(
        from_version=V1, to_version=V2, renamed={"a-old": kept}, retired=("a-old",)
    )
    assert any("twice" in m for _, m in check_steps([twice], V2, {}, SKILL_IDS))


def test_a_broken_chain_and_a_falling_level_map_are_problems() -> None:
    skill = SKILL_IDS[0]
    steps = [
        SkillChanges(from_version=V1, to_version="2"),
        SkillChanges(from_version="9", to_version=V2, levels={skill: (0, 2, 1, 3, 4, 5)}),
    ]
    fields = [field for field, _ in check_steps(steps, "3", {}, SKILL_IDS)]
    assert fields == [
        "changes[1].to_version",
        "changes[1].from_version",
        f"changes[1].levels.{skill}",
    ]


# diff


@given(st.sampled_from(SKILL_IDS))
def test_the_diff_names_a_rename_as_a_rename_and_nothing_else(old: str) -> None:
    after = renamed_catalog(CATALOG, old, f"{old}-v2")
    steps = [SkillChanges(from_version=V1, to_version=V2, renamed={old: f"{old}-v2"})]
    diff = diff_packs(CATALOG, after, steps)
    assert diff.renamed == ((old, f"{old}-v2"),)
    assert (diff.skills_added, diff.skills_removed, diff.requirements) == ((), (), ())
    unrelated = diff_packs(CATALOG, after)
    assert (unrelated.skills_added, unrelated.skills_removed) == ((f"{old}-v2",), (old,))


def test_the_diff_of_a_pack_with_itself_is_empty_and_targets_show() -> None:
    assert diff_packs(CATALOG, CATALOG).is_empty
    first = CATALOG.requirements[0]
    moved = CATALOG.model_copy(
        update={
            "requirements": (
                first.model_copy(update={"target": 1 if first.target != 1 else 2}),
                *CATALOG.requirements[1:],
            )
        }
    )
    (change,) = diff_packs(CATALOG, moved).requirements
    assert (change.role_id, change.skill_id, change.field, change.before) == (
        first.role_id,
        first.skill_id,
        "target",
        str(first.target),
    )
