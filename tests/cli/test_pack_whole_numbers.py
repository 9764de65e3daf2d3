"""Every number in a pack file is an integer as written. TOML has `true`, `4.0` and
`"4"`, and pydantic's lax mode read them as 1 and 4: a pack whose target was `true`
validated and set the target to 1. Each is now a problem of `pack validate` on its own
line naming the field, exit 2."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.cli.conftest import PROBLEM_LINE, Run

PLACES = {
    "a target": (
        "requirements.toml",
        "inference-optimization-engineer = 4,",
        "inference-optimization-engineer = {},",
        ".target",
    ),
    "a skill's source line": (
        "skills.toml",
        "source_line = 70\n",
        "source_line = {}\n",
        "source_line",
    ),
    "a role's layer": ("roles.toml", "layer = 3\n", "layer = {}\n", "layer"),
}


@pytest.mark.parametrize("value", ["true", "4.0", '"4"'])
@pytest.mark.parametrize("place", PLACES.values(), ids=PLACES.keys())
def test_a_number_that_is_not_a_whole_number_as_written_is_a_problem(
    gt: Run, packs: Path, place: tuple[str, str, str, str], value: str
) -> None:
    file, old, new, field = place
    assert gt("pack", "init", "loose").status == 0
    path = packs / "loose" / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new.format(value), 1), encoding="utf-8")
    result = gt("pack", "validate", "loose")
    assert result.status == 2 and "Traceback" not in result.err
    problems = [line for line in result.out.splitlines() if re.match(PROBLEM_LINE, line)]
    assert len(problems) == 1, result.out
    assert problems[0].startswith(f"{file}:") and field in problems[0]
    assert problems[0].endswith("Input should be a valid integer")


def test_the_same_pack_with_integers_validates(gt: Run, packs: Path) -> None:
    assert gt("pack", "init", "loose").status == 0
    assert gt("pack", "validate", "loose").status == 0
