"""A mentor's review recorded straight into a mentee's rows (services.group), no files."""

from __future__ import annotations

import pytest

from gaptracker.domain.errors import StorageError, UserInputError
from gaptracker.domain.mentor import MentorLevel
from gaptracker.domain.models import Catalog
from gaptracker.services.group import member_tracker, record_review, review_request
from tests.fakes import FixedClock
from tests.group_fakes import REFUSED, ROLE, Group


def test_the_review_lands_as_the_mentees_mentor_ratings_and_their_own_ratings_stay(
    group: Group, catalog: Catalog, clock: FixedClock
) -> None:
    alice_db = group.databases["alice"]
    with alice_db.uow_factory(reading=True) as uow:
        own_before = list(uow.ratings.list())
    tracker = member_tracker(catalog, clock, group.directory("maria"), "alice")
    request = review_request(tracker, "Alice A.")
    assert request.role_id == ROLE and request.skill("cpp-cuda-systems-profiling") is not None
    assert request.skill("cpp-cuda-systems-profiling").level == 4  # type: ignore[union-attr]
    levels = [
        MentorLevel(skill_id="cpp-cuda-systems-profiling", level=3, note="needs nsight depth"),
        MentorLevel(skill_id="inference-optimization", level=2),
    ]
    assert record_review(tracker, request, "maria", levels) == 2
    with alice_db.uow_factory(reading=True) as uow:
        given = sorted((r.mentor, r.skill_id, r.level, r.note) for r in uow.mentor_ratings.list())
        assert [b.id for b in uow.bundles.list()] == [request.id]
        assert list(uow.ratings.list()) == own_before
    assert given == [
        ("maria", "cpp-cuda-systems-profiling", 3, "needs nsight depth"),
        ("maria", "inference-optimization", 2, ""),
    ]
    overview = tracker.overview()  # the mentee's dashboard now shows the second opinion
    assert [r.mentor for r in overview.mentor_reviews] == ["maria"]


def test_a_mentor_cannot_write_the_mentees_own_rows(
    group: Group, catalog: Catalog, clock: FixedClock
) -> None:
    tracker = member_tracker(catalog, clock, group.directory("maria"), "alice")
    with pytest.raises(StorageError, match=REFUSED):
        tracker.rate("gpu-cuda-programming", 5)


def test_a_mentee_without_a_target_has_nothing_to_review(
    group: Group, catalog: Catalog, clock: FixedClock
) -> None:
    tracker = member_tracker(catalog, clock, group.directory("maria"), "bob")
    with pytest.raises(UserInputError, match=r"Bob B\. has no target role yet"):
        review_request(tracker, "Bob B.")


def test_a_level_for_a_skill_outside_the_request_stores_nothing(
    group: Group, catalog: Catalog, clock: FixedClock
) -> None:
    tracker = member_tracker(catalog, clock, group.directory("maria"), "alice")
    request = review_request(tracker, "Alice A.")
    with pytest.raises(UserInputError):
        record_review(tracker, request, "maria", [MentorLevel(skill_id="not-a-skill", level=1)])
    with group.databases["alice"].uow_factory(reading=True) as uow:
        assert list(uow.mentor_ratings.list()) == [] and list(uow.bundles.list()) == []
