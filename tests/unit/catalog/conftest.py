"""A copy of the shipped catalog files to edit, and the real build, counted."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from gaptracker.catalog.loader import FILES, catalog_dir, load_catalog
from gaptracker.domain.models import Catalog


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    copy.mkdir()
    for name in FILES:
        shutil.copy(catalog_dir() / name, copy / name)
    return copy


class Builds:
    """The real build from `folder`, counted: a count that grows means the copy missed."""

    def __init__(self, folder: Path) -> None:
        self.folder, self.count = folder, 0

    def __call__(self) -> Catalog:
        self.count += 1
        return load_catalog.__wrapped__(self.folder)


@pytest.fixture
def build(folder: Path) -> Builds:
    return Builds(folder)
