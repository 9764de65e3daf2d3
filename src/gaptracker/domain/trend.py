"""Readiness over time: a weekly series computed from the rating history.

Each point is the role's readiness as the history stood at the end of that week (Sunday),
counting ratings on the day they count (`Rating.counted_day`: the effective date, or today
if it lies ahead), so backfilled ratings land in the week they describe. One sweep over
the ratings sorted by that day keeps this linear in history length.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from gaptracker.domain.gap import readiness_figures
from gaptracker.domain.models import ApplicabilityMark, Catalog, Frozen, Rating
from gaptracker.domain.numbers import Percent


class TrendPoint(Frozen):
    week_ending: dt.date
    """The Sunday that closes the week (or today, for the current week)."""
    readiness: Percent
    must_readiness: Percent


def week_end(day: dt.date) -> dt.date:
    """The Sunday closing the week of `day` (never past the last representable date)."""
    return day + dt.timedelta(days=min(6 - day.weekday(), (dt.date.max - day).days))


def weekly_readiness(
    catalog: Catalog,
    role_id: str,
    ratings: Iterable[Rating],
    not_applicable: Mapping[str, ApplicabilityMark],
    today: dt.date,
    max_weeks: int | None = None,
) -> tuple[TrendPoint, ...]:
    """One point per week from the first rating's week to this week (the last max_weeks).

    Not-applicable marks are applied as they stand now, since they say what the role
    means to the user rather than what they could do at the time.
    """
    ordered = sorted(ratings, key=lambda r: r.counted_key(today))
    if not ordered:
        return ()
    first = week_end(ordered[0].counted_day(today))
    last = week_end(today)
    weeks = (last - first).days // 7 + 1
    start = 0 if max_weeks is None else max(0, weeks - max_weeks)
    current: dict[str, Rating] = {}
    index = 0
    points = []
    for week in range(weeks):
        end = first + dt.timedelta(weeks=week)
        while index < len(ordered) and ordered[index].counted_day(today) <= end:
            current[ordered[index].skill_id] = ordered[index]
            index += 1
        if week < start:
            continue
        readiness, must_readiness = readiness_figures(catalog, role_id, current, not_applicable)
        points.append(
            TrendPoint(
                week_ending=min(end, today), readiness=readiness, must_readiness=must_readiness
            )
        )
    return tuple(points)


def weekly_levels(
    ratings: Iterable[Rating], skill_id: str, today: dt.date, weeks: int = 12
) -> tuple[int | None, ...]:
    """One skill's level at the end of each of the last `weeks` weeks (None: not rated yet)."""
    ordered = sorted(
        (r for r in ratings if r.skill_id == skill_id), key=lambda r: r.counted_key(today)
    )
    last = week_end(today)
    levels: list[int | None] = []
    index, level = 0, None
    for week in range(weeks):
        end = min(last - dt.timedelta(weeks=weeks - 1 - week), today)
        while index < len(ordered) and ordered[index].counted_day(today) <= end:
            level = ordered[index].level
            index += 1
        levels.append(level)
    return tuple(levels)
