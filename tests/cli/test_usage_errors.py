"""Usage errors (argparse's own) are one line on stderr with the hint in it, exit 2."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gaptracker.cli import _COMMANDS
from tests.cli.conftest import Run

NEEDS_ARGUMENTS = {
    "target": ("ROLE",),
    "rate": ("SKILL", "LEVEL"),
    "not-applicable": ("SKILL",),
    "goal": ("SKILL", "LEVEL", "--by"),
    "backup": ("PATH",),
    "restore": ("PATH",),
    "pack": ("SUBCOMMAND",),
    "group": ("SUBCOMMAND",),
    "share": ("--output",),
    "review": ("BUNDLE", "--output"),
    "import-review": ("REVIEW",),
}
WITH_VALUES = {  # an option at the end of the line, its value missing
    "rate": ("rate", "gpu-cuda-programming", "2", "--note"),
    "skills": ("skills", "--role"),
    "export": ("export", "--output"),
    "history": ("history", "--role"),
    "goal": ("goal", "gpu-cuda-programming", "3", "--by"),
}


def assert_one_usage_line(result: object, command: str) -> None:
    status, out, err = result.status, result.out, result.err  # type: ignore[attr-defined]
    assert status == 2, err
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("gaptracker: error: ")
    assert lines[0].endswith(f"(see '{f'gaptracker {command}'.strip()} --help')")


@pytest.mark.parametrize("command", sorted(_COMMANDS))
def test_an_unknown_option_on_every_command(gt: Run, command: str) -> None:
    result = gt(command, *_required(command), "--no-such-option")
    assert_one_usage_line(result, command)
    assert "unrecognized arguments: --no-such-option" in result.err


@pytest.mark.parametrize("command", sorted(NEEDS_ARGUMENTS))
def test_missing_arguments(gt: Run, command: str) -> None:
    result = gt(command)
    assert_one_usage_line(result, command)
    assert "required" in result.err
    for name in NEEDS_ARGUMENTS[command]:
        assert name in result.err


@pytest.mark.parametrize("argv", sorted(WITH_VALUES.values()))
def test_an_option_without_its_value(gt: Run, argv: tuple[str, ...]) -> None:
    result = gt(*argv)
    assert_one_usage_line(result, argv[0])
    assert "expected one argument" in result.err


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (("frobnicate",), ""),
        (("export", "--format", "pdf"), "export"),
        (("--bogus",), ""),
        (("status", "extra", "words"), "status"),
    ],
)
def test_bad_choices_and_stray_words(gt: Run, argv: tuple[str, ...], command: str) -> None:
    assert_one_usage_line(gt(*argv), command)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(word=st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30))
def test_a_stray_word_with_control_characters_stays_one_line(gt: Run, word: str) -> None:
    # `status` takes no words: whatever the word holds (a newline, ESC), one line.
    result = gt("status", "--json", "--", word)
    assert_one_usage_line(result, "status")
    assert "\x1b" not in result.err


def _required(command: str) -> tuple[str, ...]:
    """Valid-looking arguments so that only the unknown option is wrong."""
    return {
        "target": ("ROLE",),
        "rate": ("SKILL", "1"),
        "not-applicable": ("SKILL",),
        "goal": ("SKILL", "1", "--by", "2030-01-01"),
        "backup": ("PATH",),
        "restore": ("PATH",),
        "pack": ("list",),
        "group": ("members",),
        "share": ("--output", "B"),
        "review": ("B", "--output", "R"),
        "import-review": ("R",),
    }.get(command, ())
