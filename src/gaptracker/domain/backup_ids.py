"""A restored backup's rows are renumbered from 1, so whatever restore accepts can be
backed up and restored again.

Ids only order the rows ("the later entry wins") and link them (a rating to its
check-in, a plan event to the user's own project `own-N`). A backup may carry any ids in
range (a hand-edited file, one made elsewhere), and kept as they are, a last id of
2,147,483,647 would make the next rating 2,147,483,648, an id the next backup could not
carry. So restore keeps the order and every link but not the numbers: ratings and
check-ins become 1..n in their id order (`ratings.checkin_id` follows its check-in), and
the user's own projects own-1..own-k in their number order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from gaptracker.domain.models import PlanKind

if TYPE_CHECKING:
    from gaptracker.domain.backup import BackupDocument

OWN_PROJECT = "own-"
"""The prefix of a project the user added (`own-1`, `own-2`, ...)."""


def own_project_number(item_id: str) -> int | None:
    """N of an `own-N` project id written as the app writes it (no sign, no leading zero,
    ASCII digits), else None."""
    number = item_id.removeprefix(OWN_PROJECT)
    if number == item_id or not (number.isascii() and number.isdigit()):
        return None
    if number.startswith("0") or len(number) > 18:  # 18 digits: int() stays cheap
        return None
    return int(number)


def renumbered(document: BackupDocument) -> BackupDocument:
    """The same history with its ids compact: what a backup of the restored file holds.

    The document must have passed `backup_rules` (unique ids, links that resolve)."""
    checkins = sorted(document.checkins, key=lambda c: c.id or 0)
    checkin_ids = {c.id: new for new, c in enumerate(checkins, start=1)}
    ratings = sorted(document.ratings, key=lambda r: r.id or 0)
    own = sorted(
        {
            e.item_id
            for e in document.plan_events
            if e.kind is PlanKind.PROJECT and own_project_number(e.item_id) is not None
        },
        key=lambda item: own_project_number(item) or 0,
    )
    own_ids = {old: f"{OWN_PROJECT}{new}" for new, old in enumerate(own, start=1)}
    return document.model_copy(
        update={
            "checkins": tuple(c.model_copy(update={"id": checkin_ids[c.id]}) for c in checkins),
            "ratings": tuple(
                r.model_copy(
                    update={
                        "id": new,
                        "checkin_id": None if r.checkin_id is None else checkin_ids[r.checkin_id],
                    }
                )
                for new, r in enumerate(ratings, start=1)
            ),
            "plan_events": tuple(
                e.model_copy(update={"item_id": own_ids[e.item_id]})
                if e.kind is PlanKind.PROJECT and e.item_id in own_ids
                else e
                for e in document.plan_events
            ),
        }
    )
