"""Hypothesis strategies for what a user can enter: every record valid by the commands'
own rules (`domain.backup_rules`), from the first allowed date to `NOW`, with the ids and
texts a long history holds. Hostile variants are built from these by breaking one field."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from gaptracker.catalog import load_catalog
from gaptracker.domain.backup import BackupDocument
from gaptracker.domain.backup_rules import MAX_ID
from gaptracker.domain.days import (
    CLOCK_SKEW,
    EARLIEST_DATE,
    EARLIEST_MOMENT,
    GOAL_YEARS,
    earliest_day_at,
    latest_day_at,
    years_after,
)
from gaptracker.domain.models import (
    ApplicabilityMark,
    Checkin,
    Goal,
    PlanEvent,
    PlanKind,
    Rating,
    Status,
    TargetChange,
)
from gaptracker.domain.plan import practice_items
from gaptracker.domain.rubric import rubric_digest

CATALOG = load_catalog()
NOW = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)
SKILLS = [s.id for s in CATALOG.skills]
ROLES = [r.id for r in CATALOG.roles]
MUST = set(CATALOG.must_skill_ids)

texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=200)


def moments(now: dt.datetime) -> st.SearchStrategy[dt.datetime]:
    """Any moment a restore accepts as of `now`: mostly recent ones (the weeks a report and
    the dashboard show), any since 2000, and the bounds themselves (the first moment, and
    a clock up to CLOCK_SKEW ahead)."""

    def between(first: dt.datetime, last: dt.datetime) -> st.SearchStrategy[dt.datetime]:
        return st.datetimes(
            min_value=first.replace(tzinfo=None),
            max_value=last.astimezone(dt.UTC).replace(tzinfo=None),
            timezones=st.just(dt.UTC),
        )

    return st.one_of(
        between(now - dt.timedelta(weeks=30), now),
        between(EARLIEST_MOMENT, now),
        st.sampled_from([EARLIEST_MOMENT, now + CLOCK_SKEW]),
    )


@st.composite
def ratings(draw: st.DrawFn, now: dt.datetime = NOW) -> Rating:
    created = draw(moments(now))
    latest = latest_day_at(created)
    lag = st.integers(0, 60).map(lambda days: max(EARLIEST_DATE, latest - dt.timedelta(days)))
    day = draw(st.one_of(lag, st.dates(EARLIEST_DATE, latest)))
    skill_id = draw(st.sampled_from(SKILLS))
    return Rating(
        skill_id=skill_id,
        level=draw(st.integers(0, 5)),
        note=draw(texts),
        evidence=draw(texts),
        effective_date=day,
        created_at=created,
        catalog_version=draw(st.sampled_from([CATALOG.version, "0.9", "x" * 40])),
        rubric_digest=draw(rubric_digests(skill_id)),
    )


def rubric_digests(skill_id: str) -> st.SearchStrategy[str | None]:
    """None (made before digests were kept), the skill's digest now, or another rubric's."""
    now = rubric_digest(CATALOG.skill(skill_id))
    return st.one_of(st.none(), st.just(now), st.from_regex(r"\A[0-9a-f]{64}\Z"))


@st.composite
def marks(draw: st.DrawFn, now: dt.datetime = NOW) -> ApplicabilityMark:
    role = draw(st.sampled_from(ROLES))
    skill = draw(st.sampled_from([r.skill_id for r in CATALOG.requirements_for(role)]))
    undo = skill in MUST or draw(st.booleans())
    return ApplicabilityMark(
        role_id=role,
        skill_id=skill,
        not_applicable=not undo,
        reason="" if undo else draw(texts.filter(lambda t: t.strip())),
        created_at=draw(moments(now)),
    )


@st.composite
def goals(draw: st.DrawFn, now: dt.datetime = NOW) -> Goal:
    created = draw(moments(now))
    first, last = earliest_day_at(created), years_after(latest_day_at(created), GOAL_YEARS)
    return Goal(
        skill_id=draw(st.sampled_from(SKILLS)),
        level=draw(st.integers(1, 5)),
        due=draw(st.dates(first, last)),
        created_at=created,
    )


PRACTICE = [p.id for p in practice_items(CATALOG, {})]
PROJECTS = [p.id for p in CATALOG.projects]


@st.composite
def plan_events(draw: st.DrawFn, now: dt.datetime = NOW) -> PlanEvent:
    kind = draw(st.sampled_from(list(PlanKind)))
    created = draw(moments(now))
    if kind is PlanKind.PHASE:
        status = draw(st.sampled_from([Status.TODO, Status.DONE]))
        return PlanEvent(kind=kind, item_id="1", status=status, created_at=created)
    if kind is PlanKind.STUDY:
        return PlanEvent(
            kind=kind,
            item_id=draw(st.sampled_from(SKILLS)),
            status=draw(st.sampled_from(list(Status))),
            text=draw(texts),
            created_at=created,
        )
    if kind is PlanKind.PRACTICE:
        return PlanEvent(
            kind=kind,
            item_id=draw(st.sampled_from(PRACTICE)),
            status=Status.DONE,
            confidence=draw(st.integers(0, 5)),
            created_at=created,
        )
    own = draw(st.sampled_from([1, 2, 3, 1000, MAX_ID]).map(lambda n: f"own-{n}"))
    item = draw(st.sampled_from([*PROJECTS, own]))
    mine = item.startswith("own-")
    return PlanEvent(
        kind=kind,
        item_id=item,
        status=draw(st.sampled_from(list(Status))),
        text=draw(texts),
        title=draw(texts.filter(lambda t: t.strip())) if mine else "",
        skill_ids=tuple(draw(st.lists(st.sampled_from(SKILLS), min_size=1, max_size=3)))
        if mine
        else (),
        created_at=created,
    )


@st.composite
def backups(draw: st.DrawFn, now: dt.datetime = NOW, max_ratings: int = 30) -> BackupDocument:
    """A backup of a valid history as of `now`: ids from 1 (or spread out, up to the
    largest allowed), ratings linked to check-ins, in any order in the file."""
    checkin_spread = draw(st.sampled_from([1, 1, 13, MAX_ID // 5]))
    checkin_list = [
        Checkin(
            id=checkin_spread * (i + 1),
            role_id=draw(st.sampled_from(ROLES)),
            started_at=draw(moments(now)),
        )
        for i in range(draw(st.integers(0, 4)))
    ]
    spread = draw(st.sampled_from([1, 1, 997, MAX_ID // (max_ratings + 1)]))
    rating_list = [
        r.model_copy(
            update={
                "id": spread * (i + 1),
                "checkin_id": draw(st.sampled_from([None, *(c.id for c in checkin_list)])),
            }
        )
        for i, r in enumerate(draw(st.lists(ratings(now), max_size=max_ratings)))
    ]
    return BackupDocument(
        app_version="test",
        created_at=NOW,
        ratings=tuple(draw(st.permutations(rating_list))),
        target_changes=tuple(
            draw(
                st.lists(
                    st.builds(
                        TargetChange, role_id=st.sampled_from(ROLES), changed_at=moments(now)
                    ),
                    max_size=3,
                )
            )
        ),
        applicability_marks=tuple(draw(st.lists(marks(now), max_size=4))),
        checkins=tuple(draw(st.permutations(checkin_list))),
        goals=tuple(draw(st.lists(goals(now), max_size=3))),
        plan_events=tuple(draw(st.lists(plan_events(now), max_size=6))),
    )
