"""Resolve user-typed ids against the catalog, with a suggestion for near misses."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable

from gaptracker.domain.days import EARLIEST_DATE, GOAL_YEARS, years_after
from gaptracker.domain.errors import UserInputError
from gaptracker.domain.models import MAX_LEVEL, MIN_LEVEL, Catalog, Role, Skill

LEVEL_TEXT = re.compile(r"[0-5]")
"""A level as typed: exactly one ASCII digit (not ' +4 ', '0_4' or an Arabic-Indic three)."""
DATE_TEXT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
"""A date as typed: exactly YYYY-MM-DD in ASCII digits (not 2026-W01-1 or 20260105)."""


def _suggest(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word.lower(), list(choices), n=1, cutoff=0.5)
    return f" (did you mean {close[0]!r}?)" if close else ""


def find_role(catalog: Catalog, role_id: str) -> Role:
    ids = [r.id for r in catalog.roles]
    if role_id in ids:
        return catalog.role(role_id)
    raise UserInputError(f"unknown role {role_id!r}{_suggest(role_id, ids)}")


def find_skill(catalog: Catalog, skill_id: str, known: Iterable[str] = ()) -> str:
    """The skill id if the catalog (or the user's history, for retired skills) knows it."""
    ids = [s.id for s in catalog.skills]
    if skill_id in ids or skill_id in set(known):
        return skill_id
    raise UserInputError(f"unknown skill {skill_id!r}{_suggest(skill_id, ids)}")


def catalog_skill(catalog: Catalog, skill_id: str) -> Skill:
    ids = [s.id for s in catalog.skills]
    if skill_id in ids:
        return catalog.skill(skill_id)
    raise UserInputError(f"unknown skill {skill_id!r}{_suggest(skill_id, ids)}")


def skill_named(catalog: Catalog, text: str) -> Skill:
    """The skill a person typed, by its id or its name (any case); UserInputError with the
    closest name otherwise."""
    wanted = " ".join(text.split()).casefold()
    for skill in catalog.skills:
        if wanted in (skill.id, skill.name.casefold()):
            return skill
    names = {s.name.casefold(): s.name for s in catalog.skills}
    close = difflib.get_close_matches(
        wanted, [*names, *(s.id for s in catalog.skills)], n=1, cutoff=0.5
    )
    hint = f" (did you mean {names.get(close[0], close[0])!r}?)" if close else ""
    raise UserInputError(f"unknown skill {text.strip()!r}{hint}")


def parse_level(text: str | int) -> int:
    """A level 0-5: an int, or exactly one ASCII digit."""
    if isinstance(text, bool) or not isinstance(text, int | str):
        raise UserInputError(f"level must be one digit from 0 to 5, not {text!r}")
    if isinstance(text, str):
        if LEVEL_TEXT.fullmatch(text) is None:
            raise UserInputError(f"level must be one digit from 0 to 5, not {text!r}")
        return int(text)
    if not MIN_LEVEL <= text <= MAX_LEVEL:
        raise UserInputError(f"level must be from 0 to 5, not {text}")
    return text


def parse_day(text: str) -> dt.date:
    """A YYYY-MM-DD date, no earlier than EARLIEST_DATE (only that form: 20260105,
    2026-W01-1 or an empty string are refused)."""
    try:
        if DATE_TEXT.fullmatch(text) is None:
            raise ValueError
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise UserInputError(f"bad date {text!r}: use YYYY-MM-DD") from None
    if day < EARLIEST_DATE:
        raise UserInputError(f"date {text} is before {EARLIEST_DATE.isoformat()}")
    return day


def parse_date(text: str, today: dt.date) -> dt.date:
    """A YYYY-MM-DD date from EARLIEST_DATE to today (a rating cannot be made tomorrow)."""
    return check_past_day(parse_day(text), today)


def check_past_day(day: dt.date, today: dt.date) -> dt.date:
    """`day` if it lies between EARLIEST_DATE and today, else UserInputError."""
    if day > today:
        raise UserInputError(f"date {day.isoformat()} is in the future")
    if day < EARLIEST_DATE:
        raise UserInputError(f"date {day.isoformat()} is before {EARLIEST_DATE.isoformat()}")
    return day


def check_due_day(day: dt.date, today: dt.date) -> dt.date:
    """A goal's due date: from today to GOAL_YEARS ahead."""
    if day < today:
        raise UserInputError(f"due date {day.isoformat()} is in the past")
    latest = years_after(today, GOAL_YEARS)
    if day > latest:
        raise UserInputError(
            f"due date {day.isoformat()} is more than {GOAL_YEARS} years away"
            f" (at most {latest.isoformat()})"
        )
    return day
