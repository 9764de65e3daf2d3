"""What a backup's rows must mean, beyond their shape: the rules the commands enforce.

A restored backup becomes the user's history, so every row passes the same rules as the
command that would have made it, judged at the moment the row says it was made, against
the pack it names (`KnownPack`: a skill id of an earlier version that the pack's changes
renamed, merged or retired is still known, as history): catalog ids, a Must skill never
marked not applicable, dates between EARLIEST_DATE and the day of entry, levels, ids in
range, text no longer than the commands take. The first row that breaks a rule is named
(`ratings[12].effective_date: 9999-12-31 is after the day it was entered (2026-03-02)`),
so the user can find it in the file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from gaptracker.domain.backup_ids import own_project_number
from gaptracker.domain.days import (
    CLOCK_SKEW,
    EARLIEST_DATE,
    EARLIEST_MOMENT,
    GOAL_YEARS,
    earliest_day_at,
    latest_day_at,
    years_after,
)
from gaptracker.domain.models import BUILT_IN_PACK_ID, Catalog, PlanEvent, PlanKind, Status
from gaptracker.domain.plan import practice_items
from gaptracker.domain.rubric import is_digest
from gaptracker.domain.text import MAX_TEXT_LENGTH

if TYPE_CHECKING:
    from gaptracker.domain.backup import BackupDocument
    from gaptracker.domain.skill_changes import SkillChanges

MAX_ID = 2**31 - 1
"""The largest id a backup may carry: far above any real history. Restore renumbers the
rows from 1 (`backup_ids`), so the bound only keeps a hand-made file's numbers sane; the
database's ids never come near it."""
MAX_VERSION_LENGTH = 40
"""The longest catalog version a rating may name (its column's length)."""


@dataclass(frozen=True)
class KnownPack:
    """A pack as a restored backup's rows will be read under it: its catalog, and its
    `[[changes]]`, whose old skill ids stay known (ratings are never rewritten)."""

    catalog: Catalog
    steps: tuple[SkillChanges, ...] = field(default=())

    @cached_property
    def skills(self) -> frozenset[str]:
        """The skill ids a row may name: this version's, and every one a change took out."""
        gone = {skill_id for step in self.steps for skill_id in step.gone_ids()}
        return frozenset({s.id for s in self.catalog.skills} | gone)

    @cached_property
    def roles(self) -> frozenset[str]:
        return frozenset(r.id for r in self.catalog.roles)


def first_problem(
    document: BackupDocument, packs: Mapping[str, KnownPack], now: dt.datetime
) -> str | None:
    """`where: what` for the first row that breaks a rule, or None if every row holds;
    `packs`: every pack a row may name (the built-in one and those the backup carries)."""
    return next(_problems(document, packs, now), None)


def _problems(
    document: BackupDocument, packs: Mapping[str, KnownPack], now: dt.datetime
) -> Iterator[str]:
    yield from pack_list_problems(document)
    latest_moment = now + CLOCK_SKEW

    def moment(where: str, value: dt.datetime) -> Iterator[str]:
        if value.utcoffset() is None:
            yield f"{where}: {value.isoformat()} has no time zone"
        elif value < EARLIEST_MOMENT:
            yield f"{where}: {value.isoformat()} is before {EARLIEST_DATE.isoformat()}"
        elif value > latest_moment:
            yield f"{where}: {value.isoformat()} is in the future"

    def texts(where: str, **fields: str) -> Iterator[str]:
        for name, value in fields.items():
            if len(value) > MAX_TEXT_LENGTH:
                yield (
                    f"{where}.{name}: {len(value):,} characters, more than the"
                    f" {MAX_TEXT_LENGTH:,} allowed"
                )

    def row_id(where: str, value: int | None, seen: set[int | None]) -> Iterator[str]:
        if value is None:
            yield f"{where}: an id is needed"
        elif not 1 <= value <= MAX_ID:
            yield f"{where}: {value} is not an id from 1 to {MAX_ID}"
        elif value in seen:
            yield f"{where}: {value} is used twice"
        seen.add(value)

    for i, choice in enumerate(document.pack_choices):
        where = f"pack_choices[{i}]"
        if choice.pack_id not in packs:
            yield unknown_pack(where, choice.pack_id)
        if not 1 <= len(choice.version) <= MAX_VERSION_LENGTH:
            yield f"{where}.version: 1 to {MAX_VERSION_LENGTH} characters"
        yield from moment(f"{where}.chosen_at", choice.chosen_at)

    checkin_ids: set[int | None] = set()
    for i, checkin in enumerate(document.checkins):
        where = f"checkins[{i}]"
        yield from row_id(f"{where}.id", checkin.id, checkin_ids)
        pack = packs.get(checkin.pack_id)
        if pack is None:
            yield unknown_pack(where, checkin.pack_id)
            continue
        if checkin.role_id not in pack.roles:
            yield f"{where}.role_id: unknown role {checkin.role_id!r}"
        yield from moment(f"{where}.started_at", checkin.started_at)

    rating_ids: set[int | None] = set()
    for i, rating in enumerate(document.ratings):
        where = f"ratings[{i}]"
        yield from row_id(f"{where}.id", rating.id, rating_ids)
        yield from texts(where, note=rating.note, evidence=rating.evidence)
        pack = packs.get(rating.pack_id)
        if pack is None:
            yield unknown_pack(where, rating.pack_id)
            continue
        if rating.skill_id not in pack.skills:
            yield f"{where}.skill_id: unknown skill {rating.skill_id!r}"
        yield from moment(f"{where}.created_at", rating.created_at)
        entered = latest_day_at(rating.created_at)
        if rating.effective_date < EARLIEST_DATE:
            yield (
                f"{where}.effective_date: {rating.effective_date.isoformat()} is before"
                f" {EARLIEST_DATE.isoformat()}"
            )
        elif rating.effective_date > entered:
            yield (
                f"{where}.effective_date: {rating.effective_date.isoformat()} is after the day"
                f" it was entered ({rating.created_at.date().isoformat()})"
            )
        if not 1 <= len(rating.catalog_version) <= MAX_VERSION_LENGTH:
            yield f"{where}.catalog_version: 1 to {MAX_VERSION_LENGTH} characters"
        if rating.rubric_digest is not None and not is_digest(rating.rubric_digest):
            yield f"{where}.rubric_digest: not a rubric digest (64 lowercase hex digits)"
        if rating.checkin_id is not None and rating.checkin_id not in checkin_ids:
            yield f"{where}.checkin_id: unknown check-in {rating.checkin_id}"

    for i, change in enumerate(document.target_changes):
        where = f"target_changes[{i}]"
        pack = packs.get(change.pack_id)
        if pack is None:
            yield unknown_pack(where, change.pack_id)
            continue
        if change.role_id not in pack.roles:
            yield f"{where}.role_id: unknown role {change.role_id!r}"
        yield from moment(f"{where}.changed_at", change.changed_at)

    for i, mark in enumerate(document.applicability_marks):
        where = f"applicability_marks[{i}]"
        yield from texts(where, reason=mark.reason)
        pack = packs.get(mark.pack_id)
        if pack is None:
            yield unknown_pack(where, mark.pack_id)
            continue
        catalog = pack.catalog
        if mark.role_id not in pack.roles:
            yield f"{where}.role_id: unknown role {mark.role_id!r}"
        elif not _required_or_history(pack, mark.role_id, mark.skill_id):
            yield f"{where}.skill_id: {mark.role_id!r} does not require {mark.skill_id!r}"
        elif mark.not_applicable and mark.skill_id in catalog.must_skills(mark.role_id):
            yield f"{where}.skill_id: {mark.skill_id!r} is a Must skill for {mark.role_id!r}"
        elif mark.not_applicable and not mark.reason.strip():
            yield f"{where}.reason: a reason is needed to mark a skill not applicable"
        yield from moment(f"{where}.created_at", mark.created_at)

    for i, goal in enumerate(document.goals):
        where = f"goals[{i}]"
        pack = packs.get(goal.pack_id)
        if pack is None:
            yield unknown_pack(where, goal.pack_id)
            continue
        if goal.skill_id not in pack.skills:
            yield f"{where}.skill_id: unknown skill {goal.skill_id!r}"
        yield from moment(f"{where}.created_at", goal.created_at)
        set_on = earliest_day_at(goal.created_at)
        if goal.due < set_on:
            yield f"{where}.due: {goal.due.isoformat()} is before the day the goal was set"
        elif goal.due > years_after(latest_day_at(goal.created_at), GOAL_YEARS):
            yield f"{where}.due: {goal.due.isoformat()} is more than {GOAL_YEARS} years away"

    for i, event in enumerate(document.plan_events):
        where = f"plan_events[{i}]"
        yield from texts(where, text=event.text, title=event.title, description=event.description)
        pack = packs.get(event.pack_id)
        if pack is None:
            yield unknown_pack(where, event.pack_id)
            continue
        yield from _plan_event(where, event, pack)
        yield from moment(f"{where}.created_at", event.created_at)

    # A mentor's side holds to the same rules as the user's own rows: aware times in the
    # possible range, known packs and skills, days that were today somewhere.
    shared_on: dict[str, dt.date] = {}
    for i, bundle in enumerate(document.review_bundles):
        where = f"review_bundles[{i}]"
        yield from moment(f"{where}.created_at", bundle.created_at)
        pack = packs.get(bundle.pack_id)
        if pack is None:
            yield unknown_pack(where, bundle.pack_id)
            continue
        if bundle.role_id not in pack.roles:
            yield f"{where}.role_id: unknown role {bundle.role_id!r}"
        if len(set(bundle.skill_ids)) != len(bundle.skill_ids):
            yield f"{where}.skill_ids: a skill appears twice"
        for skill_id in bundle.skill_ids:
            if skill_id not in pack.skills:
                yield f"{where}.skill_ids: unknown skill {skill_id!r}"
        if bundle.created_at.utcoffset() is not None:
            shared_on[bundle.id] = earliest_day_at(bundle.created_at)

    reviewed: set[tuple[str, str]] = set()  # a review rates each of its skills once
    for i, given in enumerate(document.mentor_ratings):
        where = f"mentor_ratings[{i}]"
        if (given.review_id, given.skill_id) in reviewed:
            yield f"{where}: review {given.review_id} rates {given.skill_id!r} twice"
        reviewed.add((given.review_id, given.skill_id))
        yield from moment(f"{where}.imported_at", given.imported_at)
        pack = packs.get(given.pack_id)
        if pack is None:
            yield unknown_pack(where, given.pack_id)
            continue
        if given.skill_id not in pack.skills:
            yield f"{where}.skill_id: unknown skill {given.skill_id!r}"
        earliest = shared_on.get(given.bundle_id, EARLIEST_DATE)
        if given.reviewed_on < earliest:
            yield f"{where}.reviewed_on: {given.reviewed_on.isoformat()} is before its bundle"
        elif given.imported_at.utcoffset() is not None and given.reviewed_on > latest_day_at(
            given.imported_at
        ):
            yield (
                f"{where}.reviewed_on: {given.reviewed_on.isoformat()} is after the day it was"
                " imported"
            )


def unknown_pack(where: str, pack_id: str) -> str:
    return f"{where}.pack_id: the backup carries no pack {pack_id!r}"


def _required_or_history(pack: KnownPack, role_id: str, skill_id: str) -> bool:
    """A mark names a skill the role requires, or one a change of the pack took out (the
    mark is history then, as a rating of it is)."""
    if skill_id in {r.skill_id for r in pack.catalog.requirements_for(role_id)}:
        return True
    return skill_id in pack.skills and skill_id not in {s.id for s in pack.catalog.skills}


def pack_list_problems(document: BackupDocument) -> Iterator[str]:
    """The packs carried: each once, none the built-in one (it ships with gaptracker),
    and each named by a row or a choice (a backup carries nothing it does not need)."""
    named = document.pack_ids()
    seen: set[str] = set()
    for i, pack in enumerate(document.packs):
        where = f"packs[{i}].id"
        if pack.id == BUILT_IN_PACK_ID:
            yield f"{where}: the built-in pack {pack.id!r} ships with gaptracker, not in a backup"
        elif pack.id in seen:
            yield f"{where}: {pack.id!r} is carried twice"
        elif pack.id not in named:
            yield f"{where}: no row or pack choice names {pack.id!r}"
        seen.add(pack.id)


def _plan_event(where: str, event: PlanEvent, pack: KnownPack) -> Iterator[str]:
    catalog = pack.catalog
    skills = pack.skills
    unknown = [s for s in event.skill_ids if s not in skills]
    if unknown:
        yield f"{where}.skill_ids: unknown skill {unknown[0]!r}"
    if event.kind is not PlanKind.PRACTICE and event.confidence is not None:
        yield f"{where}.confidence: only interview practice records a confidence"
    match event.kind:
        case PlanKind.PHASE:
            if event.item_id != "1":
                yield f"{where}.item_id: only phase 1 is checked off by hand, not {event.item_id!r}"
            elif event.status is Status.IN_PROGRESS:
                yield f"{where}.status: phase 1 is todo or done"
        case PlanKind.STUDY:
            if event.item_id not in skills:
                yield f"{where}.item_id: unknown skill {event.item_id!r}"
        case PlanKind.PROJECT:
            yield from _project(where, event, {p.id for p in catalog.projects})
        case PlanKind.PRACTICE:
            yield from _practice(where, event, [p.id for p in practice_items(catalog, {})])


def _project(where: str, event: PlanEvent, guide_projects: set[str]) -> Iterator[str]:
    if event.item_id in guide_projects:
        return
    number = own_project_number(event.item_id)
    if number is None:
        yield f"{where}.item_id: unknown project {event.item_id!r}"
    elif not 1 <= number <= MAX_ID:
        yield f"{where}.item_id: {event.item_id!r} is not a project number from 1 to {MAX_ID}"
    elif not event.title.strip():
        yield f"{where}.title: a project needs a title"
    elif not event.skill_ids:
        yield f"{where}.skill_ids: a project demonstrates at least one skill"


def _practice(where: str, event: PlanEvent, known: Sequence[str]) -> Iterator[str]:
    if event.item_id not in known:
        yield f"{where}.item_id: unknown practice item {event.item_id!r}"
    elif event.confidence is None:
        yield f"{where}.confidence: a practice session records a confidence from 0 to 5"
    elif not 0 <= event.confidence <= 5:
        yield f"{where}.confidence: {event.confidence} is not from 0 to 5"
