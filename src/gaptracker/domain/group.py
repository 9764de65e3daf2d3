"""Group mode: a cohort and its mentors on one PostgreSQL database (storage.group).

Who may see whose rows is the database's to enforce (row-level security), never the
client's: these are only the names the client reads back to show and to choose whom it
is looking at.
"""

from __future__ import annotations

import datetime as dt

from gaptracker.domain.models import Frozen
from gaptracker.domain.numbers import Percent


class Member(Frozen):
    """A person in the group: their PostgreSQL login and the name the owner gave them."""

    login: str
    name: str
    added_at: dt.datetime


class Mentorship(Frozen):
    """`mentor` reads `mentee`'s rows and records reviews for them; nothing else."""

    mentor: str
    mentee: str
    added_at: dt.datetime


class MemberStanding(Frozen):
    """One row of `group members` and of the Mentees screen: a member's figures as their
    own `status` gives them (`domain.status.summarize`), read under their own pack, with
    what a mentor looks at besides (stale ratings, the last check-in)."""

    login: str
    name: str
    role_id: str | None
    role_name: str | None
    readiness: Percent | None
    """Exact; JSON shows it rounded down to one decimal, as `status --json` does."""
    must_met: int
    must_total: int
    last_rating_on: dt.date | None
    days_since_last_rating: int | None
    stale_ratings: int
    """Current ratings older than the stale limit (`domain.progress.stale_skills`)."""
    last_checkin_on: dt.date | None
    """The member's local day the last check-in started on (None: never checked in)."""
    pack: str
    """`id@version` of the pack the figures are about (the member's own choice)."""
