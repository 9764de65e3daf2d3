"""The one-line standing for a shell prompt, from the current ratings alone.

Kept apart from the report so `gaptracker status` imports only what it shows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from gaptracker.domain.days import days_between
from gaptracker.domain.gap import active_not_applicable, analyse_role
from gaptracker.domain.models import ApplicabilityMark, Catalog, Frozen, Rating, Role
from gaptracker.domain.numbers import Percent, percent_text


class StatusSummary(Frozen):
    """One line for a shell prompt: `gaptracker status [--json]`."""

    role_id: str | None
    role_name: str | None
    readiness: Percent | None
    """Exact; JSON shows it rounded down to one decimal, the line to a whole percent."""
    must_met: int
    must_total: int
    ready: bool
    last_rating_on: dt.date | None
    """The latest day a rating counts on: never after today."""
    days_since_last_rating: int | None
    """Never negative."""
    pack: str = ""
    """`id@version` of the pack the figures are about."""
    built_in_pack: bool = True
    """The line names the pack only when it is not the built-in one (a prompt stays short)."""

    def line(self) -> str:
        if self.role_id is None:
            return "gaptracker: no target role (run: gaptracker target ROLE)"
        if self.days_since_last_rating is None:
            last = "no rating yet"
        elif self.days_since_last_rating == 0:
            last = "last rating today"
        else:
            last = f"last rating {self.days_since_last_rating}d ago"
        verdict = " (ready)" if self.ready else ""
        figure = percent_text(self.readiness) if self.readiness is not None else "-"
        return (
            f"{self.role_name} | readiness {figure}%{verdict}"
            f" | Must {self.must_met}/{self.must_total} met | {last}"
            + ("" if self.built_in_pack else f" | pack {self.pack}")
        )


def summarize(
    catalog: Catalog,
    target: Role | None,
    current: Mapping[str, Rating],
    marks: Iterable[ApplicabilityMark],
    last_rating_on: dt.date | None,
    today: dt.date,
    pack: str = "",
    built_in_pack: bool = True,
) -> StatusSummary:
    """`last_rating_on` as stored (the latest effective date); one ahead of today counts
    as today; `pack`: the `id@version` the figures are about."""
    if last_rating_on is not None:
        last_rating_on = min(last_rating_on, today)
    days = days_between(last_rating_on, today) if last_rating_on else None
    if target is None:
        return StatusSummary(
            role_id=None,
            role_name=None,
            readiness=None,
            must_met=0,
            must_total=len(catalog.must_skill_ids),
            ready=False,
            last_rating_on=last_rating_on,
            days_since_last_rating=days,
            pack=pack,
            built_in_pack=built_in_pack,
        )
    analysis = analyse_role(catalog, target.id, current, active_not_applicable(marks, target.id))
    return StatusSummary(
        role_id=target.id,
        role_name=analysis.role_name,
        readiness=analysis.readiness,
        must_met=analysis.must_met_count,
        must_total=len(analysis.must_rows),
        ready=analysis.ready,
        last_rating_on=last_rating_on,
        days_since_last_rating=days,
        pack=pack,
        built_in_pack=built_in_pack,
    )
