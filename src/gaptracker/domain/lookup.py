"""Resolve user-typed ids against the catalog, with a suggestion for near misses."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable

from gaptracker.domain.errors import UserInputError
from gaptracker.domain.models import MAX_LEVEL, MIN_LEVEL, Catalog, Role, Skill


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


def parse_level(text: str | int) -> int:
    try:
        level = int(text)
    except (TypeError, ValueError):
        raise UserInputError(f"level must be a whole number from 0 to 5, not {text!r}") from None
    if not MIN_LEVEL <= level <= MAX_LEVEL:
        raise UserInputError(f"level must be from 0 to 5, not {level}")
    return level


def parse_day(text: str) -> dt.date:
    """A YYYY-MM-DD date (only that form: 20260105 or 2026-W01 are refused)."""
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise UserInputError(f"bad date {text!r}: use YYYY-MM-DD") from None
    if len(text) != 10:
        raise UserInputError(f"bad date {text!r}: use YYYY-MM-DD")
    return day


def parse_date(text: str, today: dt.date) -> dt.date:
    """A YYYY-MM-DD date, not in the future (a rating cannot be made tomorrow)."""
    day = parse_day(text)
    if day > today:
        raise UserInputError(f"date {text} is in the future")
    return day
