"""Readiness over time: a weekly series computed from the rating history.

Each point is the role's readiness as the history stood at the end of that week (Sunday),
counting ratings by their effective date, so backfilled ratings land in the week they
describe. One sweep over the ratings sorted by date keeps this linear in history length.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from gaptracker.domain.gap import readiness_figures
from gaptracker.domain.models import ApplicabilityMark, Catalog, Frozen, Rating


class TrendPoint(Frozen):
    week_ending: dt.date
    """The Sunday that closes the week (or today, for the current week)."""
    readiness: float
    must_readiness: float


def week_end(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=6 - day.weekday())


def local_day(moment: dt.datetime) -> dt.date:
    """The day a stored moment fell on for the user. Moments are kept in UTC, but days are
    the user's own, like `Clock.today()` and the effective dates they enter: a check-in
    at 08:00 in Tokyo (23:00 UTC the day before) happened today, not yesterday."""
    return moment.astimezone().date()


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
    ordered = sorted(ratings, key=lambda r: r.order_key)
    if not ordered:
        return ()
    first = week_end(ordered[0].effective_date)
    last = week_end(today)
    weeks = (last - first).days // 7 + 1
    start = 0 if max_weeks is None else max(0, weeks - max_weeks)
    current: dict[str, Rating] = {}
    index = 0
    points = []
    for week in range(weeks):
        end = first + dt.timedelta(weeks=week)
        while index < len(ordered) and ordered[index].effective_date <= end:
            current[ordered[index].skill_id] = ordered[index]
            index += 1
        if week < start:
            continue
        readiness, must_readiness = readiness_figures(catalog, role_id, current, not_applicable)
        points.append(
            TrendPoint(
                week_ending=min(end, today),
                readiness=round(readiness, 1),
                must_readiness=round(must_readiness, 1),
            )
        )
    return tuple(points)


def weekly_levels(
    ratings: Iterable[Rating], skill_id: str, today: dt.date, weeks: int = 12
) -> tuple[int | None, ...]:
    """One skill's level at the end of each of the last `weeks` weeks (None: not rated yet)."""
    ordered = sorted((r for r in ratings if r.skill_id == skill_id), key=lambda r: r.order_key)
    last = week_end(today)
    levels: list[int | None] = []
    index, level = 0, None
    for week in range(weeks):
        end = min(last - dt.timedelta(weeks=weeks - 1 - week), today)
        while index < len(ordered) and ordered[index].effective_date <= end:
            level = ordered[index].level
            index += 1
        levels.append(level)
    return tuple(levels)
