"""Progress over weeks: what moved since a check-in, staleness, goals, rhythm, projection.

All pure functions over the rating history and a `today`, so tests set the date.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum
from fractions import Fraction

from gaptracker.domain.days import local_day, years_after
from gaptracker.domain.gap import READY_THRESHOLD, latest_ratings
from gaptracker.domain.models import Checkin, Frozen, Goal, Rating
from gaptracker.domain.numbers import Rate
from gaptracker.domain.trend import TrendPoint, week_end

DEFAULT_STALE_DAYS = 90
NUDGE_DAYS = 14
"""A check-in older than this gets a gentle reminder on the dashboard."""
RESUME_DAYS = 7
"""An unfinished check-in younger than this is resumed rather than started anew."""


class Move(Frozen):
    skill_id: str
    before: int | None
    """Level before the last check-in started (None: not rated then)."""
    after: int

    @property
    def kind(self) -> str:
        if self.before is None:
            return "new"
        return "up" if self.after > self.before else "down"


def moves_since(ratings: Iterable[Rating], checkin: Checkin, today: dt.date) -> tuple[Move, ...]:
    """Skills whose level changed since the check-in started (its own changes included).

    "Before" is what was entered up to the check-in's start and is not part of it.
    """
    ratings = list(ratings)
    before = latest_ratings(
        (r for r in ratings if r.created_at <= checkin.started_at and r.checkin_id != checkin.id),
        today,
    )
    return moves_between(before, latest_ratings(ratings, today))


def moves_between(before: Mapping[str, Rating], now: Mapping[str, Rating]) -> tuple[Move, ...]:
    """The skills whose current level differs from `before` (or that were not rated then)."""
    moves = []
    for skill_id, rating in now.items():
        old = before.get(skill_id)
        if old is None or old.level != rating.level:
            moves.append(
                Move(skill_id=skill_id, before=old.level if old else None, after=rating.level)
            )
    return tuple(sorted(moves, key=lambda m: (m.kind, m.skill_id)))


def is_stale(rating: Rating, today: dt.date, stale_days: int = DEFAULT_STALE_DAYS) -> bool:
    """A self-assessment older than stale_days should not pass for a current one."""
    return (today - rating.counted_day(today)).days > stale_days


def latest_checkin(checkins: Sequence[Checkin]) -> Checkin | None:
    return max(checkins, key=lambda c: (c.started_at, c.id or 0), default=None)


class GoalStatus(StrEnum):
    DONE = "done"
    ON_TRACK = "on track"
    AT_RISK = "at risk"
    OVERDUE = "overdue"


class GoalProgress(Frozen):
    goal: Goal
    current: int
    status: GoalStatus
    pace_per_week: Rate
    """Levels gained per week on this skill so far (0 without two ratings apart in time)."""


def skill_pace(first: Rating | None, latest: Rating | None, today: dt.date) -> Fraction:
    """Levels per week from the skill's first rating to its latest, by counted day."""
    if first is None or latest is None:
        return Fraction(0)
    days = (latest.counted_day(today) - first.counted_day(today)).days
    if days <= 0:
        return Fraction(0)
    return Fraction(7 * (latest.level - first.level), days)


def goal_progress(
    goal: Goal, first: Rating | None, current: Rating | None, today: dt.date
) -> GoalProgress:
    """Done, overdue, or on track / at risk by projecting the user's own pace to the due date.

    Only the skill's first and current ratings matter, so years of history need not be read.
    The projection is exact: a pace that lands on the goal's level on the due day is on track.
    """
    level = current.level if current else 0
    pace = skill_pace(first, current, today)
    if level >= goal.level:
        status = GoalStatus.DONE
    elif today > goal.due:
        status = GoalStatus.OVERDUE
    else:
        projected = level + pace * Fraction((goal.due - today).days, 7)
        status = GoalStatus.ON_TRACK if projected >= goal.level else GoalStatus.AT_RISK
    return GoalProgress(goal=goal, current=level, status=status, pace_per_week=pace)


def goals_progress(
    goals: Iterable[Goal],
    first: Mapping[str, Rating],
    current: Mapping[str, Rating],
    today: dt.date,
) -> tuple[GoalProgress, ...]:
    """Each skill's latest goal, by skill id, from each skill's first and current rating."""
    return tuple(
        goal_progress(goal, first.get(skill_id), current.get(skill_id), today)
        for skill_id, goal in sorted(latest_goals(goals).items())
    )


def latest_goals(goals: Iterable[Goal]) -> dict[str, Goal]:
    current: dict[str, Goal] = {}
    for goal in sorted(goals, key=lambda g: g.created_at):
        current[goal.skill_id] = goal
    return current


FORECAST_YEARS = 3
"""How far ahead the 80% forecast looks: a date further out is no forecast at all."""
FORECAST_WEEKS = 12
"""The forecast draws its line through this many recent weeks of readiness."""
FORECAST_MIN_SPAN = dt.timedelta(weeks=2)
"""The weekly points must span at least this long before a line means anything: two
points a week apart (a rating on Saturday, another on Monday) are two days of history."""


class ForecastStatus(StrEnum):
    """What the forecast can say; each is its own value in JSON (`forecast.status`)."""

    REACHED = "reached"
    """Readiness is at the threshold already (the role may still not be ready: that also
    needs every Must skill at its target)."""
    ON_PACE = "on_pace"
    """At the recent pace the threshold is reached on `date`, within the horizon."""
    BEYOND_HORIZON = "beyond_horizon"
    """Rising, but too slowly to reach the threshold within FORECAST_YEARS."""
    NOT_RISING = "not_rising"
    """Flat or falling over the recent weeks: no date at this pace."""
    TOO_LITTLE_HISTORY = "too_little_history"
    """The weekly points span less than two weeks (FORECAST_MIN_SPAN): no line yet."""


class Forecast(Frozen):
    """When readiness reaches the threshold at the recent pace, and what else it can say."""

    status: ForecastStatus
    date: dt.date | None = None
    """The day readiness reaches the threshold (only when on pace)."""
    pace_per_week: Rate = Fraction(0)
    """Readiness points gained per week over the recent weeks (the line's slope)."""
    horizon_years: int = FORECAST_YEARS

    @property
    def reached(self) -> bool:
        return self.status is ForecastStatus.REACHED


def forecast_readiness(
    trend: Sequence[TrendPoint],
    today: dt.date,
    readiness: Fraction,
    weeks: int = FORECAST_WEEKS,
    threshold: Fraction = READY_THRESHOLD,
) -> Forecast:
    """A straight line (least squares, exact) through the last `weeks` points, extended to
    the threshold from today's readiness. No date is computed beyond the horizon, so no
    pace, however small, can overflow a date."""
    if readiness >= threshold:
        return Forecast(status=ForecastStatus.REACHED)
    points = list(trend)[-weeks:]
    if len(points) < 2 or points[-1].week_ending - points[0].week_ending < FORECAST_MIN_SPAN:
        return Forecast(status=ForecastStatus.TOO_LITTLE_HISTORY)
    xs = [Fraction((p.week_ending - points[0].week_ending).days, 7) for p in points]
    ys = [p.readiness for p in points]
    mean_x, mean_y = sum(xs, Fraction(0)) / len(xs), sum(ys, Fraction(0)) / len(ys)
    spread = sum(((x - mean_x) ** 2 for x in xs), Fraction(0))
    if spread == 0:
        return Forecast(status=ForecastStatus.TOO_LITTLE_HISTORY)
    slope = sum(((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)), Fraction(0))
    slope /= spread
    if slope <= 0:
        return Forecast(status=ForecastStatus.NOT_RISING, pace_per_week=slope)
    days = math.ceil(7 * (threshold - readiness) / slope)
    if days > (years_after(today, FORECAST_YEARS) - today).days:
        return Forecast(status=ForecastStatus.BEYOND_HORIZON, pace_per_week=slope)
    return Forecast(
        status=ForecastStatus.ON_PACE,
        date=today + dt.timedelta(days=days),
        pace_per_week=slope,
    )


def activity_weeks(days: Iterable[dt.date]) -> set[dt.date]:
    """Week-ending dates (Sundays) of the weeks that hold any of `days`."""
    return {week_end(day) for day in days}


def active_weeks(ratings: Iterable[Rating], checkins: Iterable[Checkin]) -> set[dt.date]:
    """The weeks with a rating entered or taking effect, or a check-in started, from the
    whole history (the storage reads these days directly: Tracker.active_weeks)."""
    ratings = list(ratings)
    days = {local_day(r.created_at) for r in ratings} | {r.effective_date for r in ratings}
    return activity_weeks(days | {local_day(c.started_at) for c in checkins})


def streak(weeks: set[dt.date], today: dt.date) -> int:
    """Consecutive active weeks up to this one (this week may still be empty)."""
    current = week_end(today)
    if current not in weeks:
        current -= dt.timedelta(weeks=1)
    count = 0
    while current in weeks:
        count += 1
        current -= dt.timedelta(weeks=1)
    return count


def heatmap(weeks: set[dt.date], today: dt.date, count: int = 52) -> tuple[bool, ...]:
    """Activity for the last `count` weeks, oldest first (this week last)."""
    last = week_end(today)
    return tuple(last - dt.timedelta(weeks=count - 1 - i) in weeks for i in range(count))


class Rhythm(Frozen):
    """The weeks with activity: the last weeks as cells (oldest first) and the streak."""

    cells: tuple[bool, ...]
    streak: int


class CheckinWalk(Frozen):
    """A check-in in progress: the skills it walks, in order, and those still to answer;
    its id once something was confirmed."""

    checkin_id: int | None
    role_id: str
    skills: tuple[str, ...]
    remaining: tuple[str, ...]

    @property
    def done_count(self) -> int:
        return len(self.skills) - len(self.remaining)


def checkin_walk(must: Sequence[str], role_skills: Sequence[str]) -> tuple[str, ...]:
    """The order a check-in walks: the Must skills, then the role's other skills."""
    return (*must, *(s for s in role_skills if s not in must))


def remaining_in(
    walk: Sequence[str], checkin_id: int | None, ratings: Iterable[Rating]
) -> tuple[str, ...]:
    """The skills of `walk` not answered in the check-in, starting where it stopped: after
    the skill answered last, then (wrapping round) those skipped before it."""
    answered = sorted(
        (r for r in ratings if checkin_id is not None and r.checkin_id == checkin_id),
        key=lambda r: r.entry_order,
    )
    done = {r.skill_id for r in answered}
    start = 0
    if answered and answered[-1].skill_id in walk:
        start = list(walk).index(answered[-1].skill_id) + 1
    ordered = [*walk[start:], *walk[:start]]
    return tuple(s for s in ordered if s not in done)


def stale_skills(
    current: Mapping[str, Rating], today: dt.date, stale_days: int = DEFAULT_STALE_DAYS
) -> frozenset[str]:
    return frozenset(s for s, r in current.items() if is_stale(r, today, stale_days))
