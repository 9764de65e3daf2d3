"""One rule for time: which dates a user may give, and where a stored moment falls.

Dates a person enters (`rate --at`, a check-in's day, a goal's due date) are days on their
own clock, and moments are stored in UTC. A rating made in UTC+14 at 00:30 on its local
2 December is a 1 December moment in UTC and a 30 November one in UTC-12: so a stored
date may lie up to two days ahead of another zone's today. The domain never lets that
hide a later rating or give a negative "days ago" (`Rating.counted_day`), and what may be
stored at all is bounded here, the same for a command and for a restored backup.
"""

from __future__ import annotations

import datetime as dt

EARLIEST_DATE = dt.date(2000, 1, 1)
"""No date before this is accepted: a rating, a check-in or a goal from before 2000 is a
typo (year 0001 would give a weekly series of 105,710 weeks)."""
EARLIEST_MOMENT = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
ZONE_AHEAD = dt.timedelta(hours=14)
"""The zone furthest ahead of UTC (Line Islands, UTC+14)."""
ZONE_BEHIND = dt.timedelta(hours=12)
"""The zone furthest behind UTC (UTC-12)."""
CLOCK_SKEW = dt.timedelta(days=1)
"""How far ahead of this machine's clock a restored moment may be (another machine's
clock may run fast); beyond it the backup is refused."""
GOAL_YEARS = 10
"""A goal is due at most this many years after it is set."""


def local_day(moment: dt.datetime) -> dt.date:
    """The day a stored moment fell on for the user. Moments are kept in UTC, but days are
    the user's own, like `Clock.today()` and the effective dates they enter: a check-in
    at 08:00 in Tokyo (23:00 UTC the day before) happened today, not yesterday."""
    return moment.astimezone().date()


def latest_day_at(moment: dt.datetime) -> dt.date:
    """The latest date that was "today" somewhere on Earth at `moment`."""
    return (moment.astimezone(dt.UTC) + ZONE_AHEAD).date()


def earliest_day_at(moment: dt.datetime) -> dt.date:
    """The earliest date that was "today" somewhere on Earth at `moment`."""
    return (moment.astimezone(dt.UTC) - ZONE_BEHIND).date()


def years_after(day: dt.date, years: int) -> dt.date:
    """The same day `years` later (28 February for a 29th in a year without one)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def days_between(earlier: dt.date, later: dt.date) -> int:
    """Whole days from `earlier` to `later`, never negative (a clock set back, a date made
    in a zone ahead: "0 days ago", not "-1")."""
    return max(0, (later - earlier).days)
