"""A group of five logins, each with a real SQLite file (tests/group_fakes.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from gaptracker.domain.models import Catalog
from tests.fakes import FixedClock
from tests.group_fakes import Group, seeded_group


@pytest.fixture
def group(tmp_path: Path, catalog: Catalog, clock: FixedClock) -> Iterator[Group]:
    made = seeded_group(tmp_path / "group", catalog, clock)
    yield made
    made.close()
