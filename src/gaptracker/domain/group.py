"""Group mode: a cohort and its mentors on one PostgreSQL database (storage.group).

Who may see whose rows is the database's to enforce (row-level security), never the
client's: these are only the names the client reads back to show and to choose whom it
is looking at.
"""

from __future__ import annotations

import datetime as dt

from gaptracker.domain.models import Frozen


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
