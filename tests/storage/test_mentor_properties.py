"""Property tests: any review a file can hold is imported whole or refused with nothing
stored; any bundle carries no more than `share` was told to."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gaptracker.domain.errors import UserInputError
from gaptracker.domain.mentor import MentorLevel, review_digest
from gaptracker.domain.models import MAX_LEVEL, Rating
from gaptracker.domain.review_files import build_request, build_review, parse_request, parse_review
from gaptracker.services.mentor import import_review, share
from gaptracker.services.tracker import Tracker
from tests.strategies import CATALOG, NOW

ROLE = "inference-optimization-engineer"
ROLE_SKILLS = [r.skill_id for r in CATALOG.requirements_for(ROLE)]
OTHER_SKILLS = sorted({s.id for s in CATALOG.skills} - set(ROLE_SKILLS))
entries = st.fixed_dictionaries(
    {
        "skill_id": st.sampled_from([*ROLE_SKILLS, *OTHER_SKILLS[:2], "no-such-skill"]),
        "level": st.one_of(st.integers(-2, 7), st.just("3")),
        "note": st.one_of(st.just(""), st.text(max_size=20), st.just("\ud800")),
    }
)


def valid(levels: list[dict[str, object]]) -> bool:
    skills = [e["skill_id"] for e in levels]
    return (
        bool(levels)
        and len(set(skills)) == len(skills)
        and all(e["skill_id"] in ROLE_SKILLS for e in levels)
        and all(type(e["level"]) is int and 0 <= e["level"] <= MAX_LEVEL for e in levels)  # type: ignore[operator]
        and all("\ud800" not in str(e["note"]) for e in levels)
    )


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(entries, max_size=5))
def test_a_review_is_imported_whole_or_not_at_all(
    tracker: Tracker, levels: list[dict[str, object]]
) -> None:
    request = share(
        tracker.catalog, tracker.uow_factory, tracker.clock, ROLE, "Ada", lambda r: None
    )
    first = MentorLevel(skill_id=ROLE_SKILLS[0], level=1)
    data = json.loads(build_review(request, "Grace", [first], NOW, NOW.date()).to_json())
    data["levels"] = levels
    data["digest"] = review_digest(data)
    with tracker.uow_factory(reading=True) as uow:
        before = len(uow.mentor_ratings.list())
    try:
        text = json.dumps(data)
        review = parse_review(text, "r.json")
        import_review(tracker.catalog, tracker.uow_factory, tracker.clock, review, "r.json")
        stored = True
    except (UserInputError, UnicodeEncodeError):
        stored = False
    with tracker.uow_factory(reading=True) as uow:
        after = len(uow.mentor_ratings.list())
    assert stored is valid(levels)
    assert after - before == (len(levels) if stored else 0)


@given(
    st.dictionaries(
        st.sampled_from(ROLE_SKILLS), st.tuples(st.integers(0, 5), st.text(max_size=30))
    ),
    st.booleans(),
    st.booleans(),
)
def test_a_bundle_carries_only_what_share_was_told_to(
    levels: dict[str, tuple[int, str]], hide_targets: bool, share_notes: bool
) -> None:
    current = {
        skill: Rating(
            skill_id=skill,
            level=level,
            note=note,
            effective_date=NOW.date(),
            created_at=NOW,
            catalog_version=CATALOG.version,
        )
        for skill, (level, note) in levels.items()
    }
    try:
        request = build_request(
            CATALOG,
            ROLE,
            "research-infra",
            "Ada",
            current,
            NOW,
            hide_targets=hide_targets,
            share_notes=share_notes,
        )
    except UserInputError:
        return
    again = parse_request(request.to_json(), "b.json")
    assert again == request and again.content_hash == request.content_hash
    for skill in again.skills:
        if hide_targets:
            assert skill.level is None and skill.target is None and skill.note is None
        else:
            assert skill.level == (levels[skill.id][0] if skill.id in levels else None)
        if not share_notes:
            assert skill.note is None
        elif not hide_targets and skill.id in levels:
            assert skill.note == levels[skill.id][1]
