"""Exact figures: readiness, paces and shares are Fractions until they are shown.

A float sum of weighted credits whose exact value is 80 comes out as 79.99999999999999,
and a least-squares slope of a flat series as a tiny positive number; either is enough to
turn a verdict. So the domain computes with `fractions.Fraction` and decides on exact
values, and only the text a person reads is rounded.

Percentages are shown rounded *down* (79.96 reads 79.9 or 79, never 80), so a figure on
screen never claims a threshold that the exact verdict says is not met; JSON carries the
same floored figure to one decimal.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Annotated

from pydantic import PlainSerializer

PERCENT_PLACES_JSON = 1
"""Decimals of a percentage in JSON output (rounded down, as on screen)."""


def floor_to(value: Fraction, places: int) -> Fraction:
    """`value` rounded down to `places` decimals, exactly."""
    scale = 10**places
    return Fraction(math.floor(value * scale), scale)


def round_to(value: Fraction, places: int) -> Fraction:
    """`value` rounded to the nearest `places` decimals (halves away from zero), exactly."""
    scale = 10**places
    scaled = abs(value) * scale
    whole = math.floor(scaled + Fraction(1, 2))
    return Fraction(whole if value >= 0 else -whole, scale)


def decimal_text(value: Fraction, places: int) -> str:
    """An exact decimal with `places` digits after the point (value already rounded)."""
    scale = 10**places
    units = value * scale
    if units.denominator != 1:
        raise ValueError(f"{value} has more than {places} decimals")
    sign = "-" if units < 0 else ""
    whole, part = divmod(abs(units.numerator), scale)
    return f"{sign}{whole}.{part:0{places}d}" if places else f"{sign}{whole}"


def percent_text(value: Fraction, places: int = 0) -> str:
    """A percentage for people, rounded down: `79.96` -> "79" (places 0) or "79.9"."""
    return decimal_text(floor_to(value, places), places)


def signed_text(value: Fraction, places: int = 1) -> str:
    """A pace or a difference, rounded to nearest, with its sign: "+1.5", "-0.3", "0.0"."""
    rounded = round_to(value, places)
    text = decimal_text(rounded, places)
    return f"+{text}" if rounded > 0 else text


PACE_PLACES = 2
"""Decimals of a pace on screen: a rise of 0.04 points a week is a rise, not "0.0"."""


def pace_text(value: Fraction, unit: str = "points a week") -> str:
    """A pace for people: "+0.04 points a week", "-1.50 ...", "0.00 ..." when exactly
    flat; one too small for two decimals is "under 0.01 ..." (rising) or "falling by
    under 0.01 ...", never a zero that hides which way it goes."""
    if value != 0 and round_to(value, PACE_PLACES) == 0:
        return f"under 0.01 {unit}" if value > 0 else f"falling by under 0.01 {unit}"
    return f"{signed_text(value, PACE_PLACES)} {unit}"


def json_percent(value: Fraction) -> float:
    return float(floor_to(value, PERCENT_PLACES_JSON))


def json_rounded(value: Fraction) -> float:
    return float(round_to(value, 3))


Percent = Annotated[Fraction, PlainSerializer(json_percent, return_type=float, when_used="json")]
"""A percentage 0-100, exact; JSON shows it rounded down to one decimal."""

Rate = Annotated[Fraction, PlainSerializer(json_rounded, return_type=float, when_used="json")]
"""A pace (levels or points per week), exact; JSON shows it to three decimals."""
