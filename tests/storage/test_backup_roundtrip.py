"""Backup, restore into a new file, backup again: the same content, for any history."""

from __future__ import annotations

import datetime as dt
import random
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gaptracker.domain.backup import parse_backup
from gaptracker.domain.models import ApplicabilityMark, Checkin, Goal, Rating, TargetChange
from gaptracker.services.backup import make_backup, restore_backup
from gaptracker.storage.schema import open_database
from tests.fakes import FixedClock

CLOCK = FixedClock(dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC))
slugs = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}", fullmatch=True)
text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=300)
moments = st.datetimes(
    min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 1, 1), timezones=st.just(dt.UTC)
)
ratings = st.builds(
    Rating,
    skill_id=slugs,
    level=st.integers(0, 5),
    note=text,
    evidence=text,
    effective_date=st.dates(dt.date(2000, 1, 1), dt.date(2100, 1, 1)),
    created_at=moments,
    catalog_version=st.text(
        st.characters(min_codepoint=33, max_codepoint=126), min_size=1, max_size=20
    ),
)
targets = st.builds(TargetChange, role_id=slugs, changed_at=moments)
goals = st.builds(
    Goal,
    skill_id=slugs,
    level=st.integers(1, 5),
    due=st.dates(dt.date(2000, 1, 1), dt.date(2100, 1, 1)),
    created_at=moments,
)
checkins = st.builds(Checkin, role_id=slugs, started_at=moments)
marks = st.builds(
    ApplicabilityMark,
    role_id=slugs,
    skill_id=slugs,
    not_applicable=st.booleans(),
    reason=text,
    created_at=moments,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rating_list=st.lists(ratings, max_size=25),
    target_list=st.lists(targets, max_size=5),
    mark_list=st.lists(marks, max_size=5),
    goal_list=st.lists(goals, max_size=4),
    checkin_list=st.lists(checkins, max_size=4),
    link=st.randoms(use_true_random=False),
)
def test_round_trip_is_lossless(
    rating_list: list[Rating],
    target_list: list[TargetChange],
    mark_list: list[ApplicabilityMark],
    goal_list: list[Goal],
    checkin_list: list[Checkin],
    link: random.Random,
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = open_database(Path(folder) / "a.sqlite")
        with source.uow_factory() as uow:
            ids = [uow.checkins.add(c).id for c in checkin_list]
            for rating in rating_list:
                # Some ratings belong to a check-in, as those made in one do.
                checkin_id = link.choice([None, *ids])
                uow.ratings.add(rating.model_copy(update={"checkin_id": checkin_id}))
            for goal in goal_list:
                uow.goals.add(goal)
            for change in target_list:
                uow.targets.add(change)
            for mark in mark_list:
                uow.marks.add(mark)
            uow.commit()
        first = make_backup(source.uow_factory, CLOCK)
        copy = open_database(Path(folder) / "b.sqlite")
        restore_backup(copy.uow_factory, parse_backup(first.to_json(), "backup.json"))
        second = make_backup(copy.uow_factory, CLOCK)
        source.close()
        copy.close()
    assert second.data() == first.data()
    assert [r.note for r in first.ratings] == [r.note for r in rating_list]
    assert len(second.ratings) == len(rating_list)
    assert len(second.checkins) == len(checkin_list) and len(second.goals) == len(goal_list)
