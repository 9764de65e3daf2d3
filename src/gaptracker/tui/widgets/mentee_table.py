"""A mentor's mentees, one row each: readiness, Must met, last rating and check-in, stale.

Read-only like every table: the screen hands it the standings (services.group); Selected
carries the mentee's login."""

from __future__ import annotations

from collections.abc import Sequence

from gaptracker.domain.group import MemberStanding
from gaptracker.domain.numbers import percent_text
from gaptracker.domain.text import one_line
from gaptracker.tui.widgets.row_table import RowTable


def mentee_cells(standing: MemberStanding) -> tuple[str, ...]:
    readiness = standing.readiness
    return (
        f"{one_line(standing.name)} ({one_line(standing.login)})",
        "-" if readiness is None else f"{percent_text(readiness)}%",
        f"{standing.must_met}/{standing.must_total}",
        standing.last_rating_on.isoformat() if standing.last_rating_on else "-",
        standing.last_checkin_on.isoformat() if standing.last_checkin_on else "-",
        str(standing.stale_ratings),
    )


class MenteeTable(RowTable):
    LABELS = ("Mentee", "Ready", "Must", "Last rating", "Check-in", "Stale")
    FLEX = 0  # the name gives way; the figures always show whole

    def show(self, standings: Sequence[MemberStanding]) -> None:
        self.set_rows(
            [s.login for s in standings], [mentee_cells(s) for s in standings], self.cursor_key
        )
