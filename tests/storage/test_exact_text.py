"""Text comes back exactly as it went in, on both dialects: PostgreSQL's text cannot hold
U+0000, so storage (tables.UserText) escapes it there, and a backslash with it."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gaptracker.domain.models import Rating
from gaptracker.storage.schema import Database
from tests.conftest import NOW

tricky = st.lists(st.sampled_from(["\x00", "\\", "0", "\\0", "a", "\n", "✓"]), max_size=8).map(
    "".join
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(note=tricky, evidence=tricky)
def test_a_note_with_nul_and_backslashes_reads_back_exactly(
    database: Database, note: str, evidence: str
) -> None:
    rating = Rating.model_construct(
        skill_id="gpu-cuda-programming",
        level=2,
        note=note,
        evidence=evidence,
        effective_date=dt.date(2026, 3, 1),
        created_at=NOW,
        catalog_version="t",
        checkin_id=None,
        pack_id="research-infra",
        rubric_digest=None,
    )
    with database.uow_factory() as uow:
        saved = uow.ratings.add(rating)
        uow.commit()
    with database.uow_factory(reading=True) as uow:
        loaded = next(r for r in uow.ratings.list() if r.id == saved.id)
    assert (loaded.note, loaded.evidence) == (note, evidence)
