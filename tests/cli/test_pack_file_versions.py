"""A pack file's `format_version` is the integer 1, as a backup's and a review's
`schema_version` are: JSON's `true` and `1.0` equal 1 in Python, so a plain `!=` let
them through. Each is refused in one line, and nothing is installed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.cli.conftest import Run, refused


@pytest.mark.parametrize("version", [True, 1.0, "1", None, [1], 2])
def test_a_format_version_other_than_the_integer_1_is_refused(
    gt: Run, packs: Path, tmp_path: Path, version: object
) -> None:
    assert gt("pack", "init", "shared").status == 0
    exported = tmp_path / "shared.json"
    assert gt("pack", "export", "shared", "--output", str(exported)).status == 0
    shutil.rmtree(packs / "shared")
    document = json.loads(exported.read_text(encoding="utf-8"))
    document["format_version"] = version
    exported.write_text(json.dumps(document), encoding="utf-8")
    assert "format_version" in refused(gt("pack", "import", str(exported)))
    assert not (packs / "shared").exists()
