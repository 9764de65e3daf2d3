"""`gaptracker status`: the standing in one transaction, importing no more than it shows.

A shell prompt may run this on every new line, so it stands apart from the Tracker (whose
module brings the plan, the trend and the report along) and reads only current ratings.
"""

from __future__ import annotations

from gaptracker.domain.gap import latest_ratings
from gaptracker.domain.models import Catalog, Role
from gaptracker.domain.ports import Clock, UnitOfWork, UnitOfWorkFactory
from gaptracker.domain.status import StatusSummary, summarize


def read_status(catalog: Catalog, uow_factory: UnitOfWorkFactory, clock: Clock) -> StatusSummary:
    with uow_factory() as uow:
        target = current_target(catalog, uow)
        last = uow.ratings.last_effective_date()
        current = latest_ratings(uow.ratings.latest()) if target else {}
        marks = uow.marks.list(target.id) if target else []
    return summarize(catalog, target, current, marks, last, clock.today())


def current_target(catalog: Catalog, uow: UnitOfWork) -> Role | None:
    """The latest target change naming a role the catalog still has."""
    known = {r.id for r in catalog.roles}
    targets = [c.role_id for c in uow.targets.list() if c.role_id in known]
    return catalog.role(targets[-1]) if targets else None
