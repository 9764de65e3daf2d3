"""The review request and review files, their checks, and the calibration figures."""

from __future__ import annotations

import datetime as dt
import json
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gaptracker.domain.calibration import Lean, calibrate, latest_reviews
from gaptracker.domain.errors import UserInputError
from gaptracker.domain.mentor import MentorLevel, MentorRating, ReviewRequest
from gaptracker.domain.models import Catalog, Rating
from gaptracker.domain.review_files import (
    build_request,
    build_review,
    bundle_record,
    check_review,
    parse_request,
    parse_review,
)
from tests.hostile import BIDI
from tests.strategies import CATALOG, NOW

ROLE = "inference-optimization-engineer"
TODAY = NOW.date()


def rating(skill_id: str, level: int, note: str = "") -> Rating:
    return Rating(
        skill_id=skill_id,
        level=level,
        note=note,
        effective_date=TODAY,
        created_at=NOW,
        catalog_version=CATALOG.version,
    )


def request(catalog: Catalog = CATALOG, **flags: bool) -> ReviewRequest:
    current = {"reproducibility-discipline": rating("reproducibility-discipline", 2, "a note")}
    return build_request(catalog, ROLE, "research-infra", "Ada", current, NOW, **flags)


def test_a_request_carries_the_rubric_and_what_the_user_shares() -> None:
    bundle = request()
    skill = bundle.skill("reproducibility-discipline")
    assert skill is not None
    assert skill.levels == CATALOG.skill("reproducibility-discipline").levels
    assert (skill.level, skill.note) == (2, "a note")
    assert all(s.target is not None for s in bundle.skills)
    assert parse_request(bundle.to_json(), "b.json") == bundle


def test_hide_targets_and_no_notes_leave_them_out_of_the_file() -> None:
    blind = request(hide_targets=True)
    assert all(s.target is None and s.level is None and s.note is None for s in blind.skills)
    quiet = request(share_notes=False)
    assert all(s.note is None for s in quiet.skills)
    assert '"a note"' not in quiet.to_json()


def test_a_bundle_claiming_hidden_targets_but_holding_levels_is_refused() -> None:
    data = json.loads(request().to_json())
    data["targets_hidden"] = True
    with pytest.raises(UserInputError, match="targets are hidden"):
        parse_request(json.dumps(data), "b.json")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(schema_version=9), "schema 9"),
        (lambda d: d.update(format="x"), "no 'format' marker"),
        (lambda d: d.update(extra=1), "extra"),
        (lambda d: d["skills"][0].update(target="3"), "target"),
        (lambda d: d.update(who="Ada\x1b[2J"), "printable"),
        (lambda d: d.update(who="Eve" + BIDI[5]), "printable"),
        (lambda d: d["skills"][0]["levels"].__setitem__(0, "x\u202e"), "printable"),
        (lambda d: d.update(skills=[]), "skills"),
        (lambda d: d.update(skills=d["skills"] * 2), "twice"),
    ],
)
def test_a_hostile_or_malformed_bundle_is_refused_in_one_line(change: object, message: str) -> None:
    data = json.loads(request().to_json())
    change(data)  # type: ignore[operator]
    with pytest.raises(UserInputError, match=message) as info:
        parse_request(json.dumps(data), "b.json")
    assert "\n" not in str(info.value)


def review_of(bundle: ReviewRequest, *levels: tuple[str, int]) -> str:
    given_levels = [MentorLevel(skill_id=s, level=n, note="seen it") for s, n in levels]
    return build_review(bundle, "Grace", given_levels, NOW, TODAY).to_json()


def test_a_review_round_trips_and_names_its_bundle() -> None:
    bundle = request()
    review = parse_review(review_of(bundle, ("reproducibility-discipline", 3)), "r.json")
    assert (review.bundle_id, review.bundle_hash) == (bundle.id, bundle.content_hash)
    check_review(review, bundle_record(bundle), lambda s: True, "r.json")


def test_a_hand_edited_review_fails_its_digest() -> None:
    data = json.loads(review_of(request(), ("reproducibility-discipline", 3)))
    data["levels"][0]["level"] = 5
    with pytest.raises(UserInputError, match="changed after"):
        parse_review(json.dumps(data), "r.json")


def test_a_review_of_another_or_a_changed_bundle_is_refused() -> None:
    bundle = request()
    review = parse_review(review_of(bundle, ("reproducibility-discipline", 3)), "r.json")
    with pytest.raises(UserInputError, match="never made"):
        check_review(review, None, lambda s: True, "r.json")
    edited = bundle.model_copy(update={"who": "Mallory"})
    with pytest.raises(UserInputError, match="changed after 'gaptracker share'"):
        check_review(review, bundle_record(edited), lambda s: True, "r.json")
    with pytest.raises(UserInputError, match="unknown skill"):
        check_review(review, bundle_record(bundle), lambda s: False, "r.json")


def test_a_review_may_rate_only_the_bundle_s_skills() -> None:
    with pytest.raises(UserInputError, match="no skill 'nope'"):
        review_of(request(), ("nope", 3))


@given(st.integers(-3, 8))
def test_a_level_outside_0_to_5_never_makes_a_review(level: int) -> None:
    data = json.loads(review_of(request(), ("reproducibility-discipline", 3)))
    data["levels"][0]["level"] = level
    if 0 <= level <= 5:
        return
    with pytest.raises(UserInputError):
        parse_review(json.dumps(data), "r.json")


LEVELS = st.dictionaries(st.sampled_from(sorted(CATALOG.must_skill_ids)), st.integers(0, 5))


@given(LEVELS, LEVELS)
def test_calibration_is_exact_and_leans_by_the_signed_sum(
    own: dict[str, int], theirs: dict[str, int]
) -> None:
    result = calibrate("Grace", own, theirs)
    both = own.keys() & theirs.keys()
    assert result.both_rated == len(both)
    if not both:
        assert result.lean is None and result.mean_absolute_difference is None
        return
    total = sum(own[s] - theirs[s] for s in both)
    assert result.mean_absolute_difference == Fraction(
        sum(abs(own[s] - theirs[s]) for s in both), len(both)
    )
    assert result.lean is (Lean.OVER if total > 0 else Lean.UNDER if total < 0 else Lean.EVEN)


def test_a_mean_of_two_thirds_shows_rounded_only_when_displayed() -> None:
    result = calibrate("Grace", {"a": 1, "b": 2, "c": 3}, {"a": 2, "b": 2, "c": 4})
    assert result.mean_absolute_difference == Fraction(2, 3)
    assert result.mean_absolute_text == "0.67"
    assert result.lean is Lean.UNDER


def mentor_row(mentor: str, review: str, day: int, skill: str, row_id: int) -> MentorRating:
    return MentorRating(
        review_id=review * 32,
        bundle_id="b" * 32,
        mentor=mentor,
        reviewed_on=dt.date(2026, 3, day),
        skill_id=skill,
        level=3,
        imported_at=NOW,
        pack_id="research-infra",
        id=row_id,
    )


def test_the_latest_review_of_each_mentor_counts_whole() -> None:
    rows = [
        mentor_row("Grace", "a", 1, "x", 1),
        mentor_row("Grace", "a", 1, "y", 2),
        mentor_row("Linus", "c", 1, "x", 3),
        mentor_row("Grace", "d", 2, "x", 4),
    ]
    latest = latest_reviews(rows)
    assert list(latest) == ["Grace", "Linus"]
    assert set(latest["Grace"]) == {"x"}  # review d left y out: not rated this time
    assert latest["Linus"]["x"].id == 3


def test_the_pack_version_rule_is_the_packs_own() -> None:
    from gaptracker.domain.mentor import PACK_VERSION
    from gaptracker.domain.packs import VERSION_PATTERN

    assert PACK_VERSION == VERSION_PATTERN
