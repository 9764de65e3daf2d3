"""What a new version of a skill pack changed for the ratings made under an older one.

Ratings are never rewritten: a rating keeps the skill id and level it was saved with, and
the version of the pack it was made under (`Rating.catalog_version`). A newer version
says in its manifest how those read now: a skill `renamed` (old id -> new id), several
`merged` into one (the latest of their ratings counts, as for any skill), one `retired`
(kept in history, out of readiness), and a `levels` map when a rubric was rescaled (old
level -> new level, for ratings made before that version). Reading applies the steps
from the rating's version up to the pack's current one, in order.

Ids never change silently: `check_steps` refuses a version that drops a skill without
saying what became of it, or that reuses an id it renamed, merged or retired.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from pydantic import Field

from gaptracker.domain.models import Frozen, PackLevel, Rating, Slug, Text

LevelMap = tuple[PackLevel, PackLevel, PackLevel, PackLevel, PackLevel, PackLevel]


class SkillChanges(Frozen):
    """One step: what version `to_version` changed since `from_version`."""

    from_version: Text
    to_version: Text
    renamed: dict[Slug, Slug] = Field(default_factory=dict)
    """Old id -> new id."""
    merged: dict[Slug, tuple[Slug, ...]] = Field(default_factory=dict)
    """New id -> the old ids it takes the place of."""
    retired: tuple[Slug, ...] = ()
    levels: dict[Slug, LevelMap] = Field(default_factory=dict)
    """New id -> the level each old level 0-5 reads as (a rescaled rubric)."""

    def new_id(self, skill_id: str) -> str:
        if skill_id in self.renamed:
            return self.renamed[skill_id]
        for new, olds in self.merged.items():
            if skill_id in olds:
                return new
        return skill_id

    def gone_ids(self) -> list[str]:
        """Every id this step takes out of use (renamed from, merged from, retired)."""
        return [*self.renamed, *(i for olds in self.merged.values() for i in olds), *self.retired]


@dataclass(frozen=True)
class ResolvedRating:
    """A rating as the current version reads it, and the one it was saved as."""

    rating: Rating
    saved: Rating
    retired: bool


def resolve(
    ratings: Iterable[Rating], steps: Sequence[SkillChanges], current_version: str
) -> list[ResolvedRating]:
    """Every rating read through the steps after the version it was made under. A rating
    of a version the steps do not know (made before the pack recorded its changes) has
    its id followed through every step (ids are never reused, so this is unambiguous)
    and its level kept as rated."""
    index = {step.from_version: position for position, step in enumerate(steps)}
    resolved = []
    for rating in ratings:
        if rating.catalog_version == current_version:
            resolved.append(ResolvedRating(rating, rating, retired=False))
            continue
        known = rating.catalog_version in index
        start = index.get(rating.catalog_version, 0)
        skill_id, level, retired = rating.skill_id, rating.level, False
        for step in steps[start:]:
            if skill_id in step.retired:
                retired = True
                break
            skill_id = step.new_id(skill_id)
            if known and skill_id in step.levels:
                level = step.levels[skill_id][level]
        update = {"skill_id": skill_id, "level": level}
        resolved.append(ResolvedRating(rating.model_copy(update=update), rating, retired))
    return resolved


def counted_ratings(
    ratings: Iterable[Rating], steps: Sequence[SkillChanges], current_version: str
) -> list[Rating]:
    """The ratings that count for readiness now: resolved, the retired ones left out."""
    return [r.rating for r in resolve(ratings, steps, current_version) if not r.retired]


def check_steps(
    steps: Sequence[SkillChanges],
    current_version: str,
    skills_before: Mapping[str, Iterable[str]],
    skills_now: Iterable[str],
) -> list[tuple[str, str]]:
    """(field, message) for every problem in a pack's list of changes.

    `skills_before`: the skill ids of earlier versions that are at hand (the pack a fork
    came from), by version; a step from a version not at hand is checked on its own."""
    problems: list[tuple[str, str]] = []
    now = set(skills_now)
    if steps and steps[-1].to_version != current_version:
        problems.append(
            (
                f"changes[{len(steps) - 1}].to_version",
                f"the last step must lead to this version, {current_version!r}",
            )
        )
    gone: set[str] = set()
    for position, step in enumerate(steps):
        where = f"changes[{position}]"
        if position and step.from_version != steps[position - 1].to_version:
            problems.append(
                (f"{where}.from_version", "must be the version the step before leads to")
            )
        if step.from_version == step.to_version:
            problems.append((f"{where}.to_version", "must differ from from_version"))
        problems += _check_step(step, where, now, gone)
        before = skills_before.get(step.from_version)
        if before is not None:
            problems += _check_nothing_lost(step, where, set(before), now)
        gone.update(step.gone_ids())
    return problems


def unaccounted(
    before: Iterable[str], now: Iterable[str], steps: Sequence[SkillChanges]
) -> list[str]:
    """The skills of an earlier version (the pack a fork came from) that are gone from
    this one without any step saying what became of them."""
    gone = {skill_id for step in steps for skill_id in step.gone_ids()}
    return sorted(set(before) - set(now) - gone)


def _check_step(
    step: SkillChanges, where: str, now: set[str], gone_before: set[str]
) -> list[tuple[str, str]]:
    problems = []
    seen: set[str] = set()
    for field, old in _olds(step):
        if old in seen:
            problems.append((f"{where}.{field}", f"'{old}' is named twice in one step"))
        seen.add(old)
        if old in now:
            problems.append((f"{where}.{field}", f"'{old}' is still a skill: ids are never reused"))
        if old in gone_before:
            problems.append((f"{where}.{field}", f"'{old}' was already taken out of use"))
    for field, new in [
        *(("renamed", n) for n in step.renamed.values()),
        *(("merged", n) for n in step.merged),
    ]:
        if new not in now:
            problems.append((f"{where}.{field}", f"'{new}' is not a skill of this version"))
    for skill_id, levels in step.levels.items():
        if skill_id not in now:
            problems.append((f"{where}.levels.{skill_id}", "not a skill of this version"))
        if list(levels) != sorted(levels):
            problems.append((f"{where}.levels.{skill_id}", "a higher old level may not read lower"))
    return problems


def _olds(step: SkillChanges) -> list[tuple[str, str]]:
    return [
        *(("renamed", old) for old in step.renamed),
        *((f"merged.{new}", old) for new, olds in step.merged.items() for old in olds),
        *(("retired", old) for old in step.retired),
    ]


def _check_nothing_lost(
    step: SkillChanges, where: str, before: set[str], now: set[str]
) -> list[tuple[str, str]]:
    accounted = set(step.gone_ids())
    return [
        (
            where,
            f"skill '{skill_id}' of version {step.from_version} is gone without"
            " a renamed, merged or retired entry",
        )
        for skill_id in sorted(before - now - accounted)
    ]
