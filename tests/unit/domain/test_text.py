"""domain.text: what is shown is safe and loses nothing; what is not UTF-8 is refused."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from gaptracker.catalog import load_catalog
from gaptracker.domain.backup import BackupDocument, parse_backup
from gaptracker.domain.errors import UserInputError
from gaptracker.domain.models import ApplicabilityMark, PlanEvent, PlanKind, Rating
from gaptracker.domain.text import (
    MAX_TEXT_LENGTH,
    check_text,
    clip,
    invalid_text_reason,
    json_safe,
    one_line,
    visible,
)
from tests.hostile import hostile_text, raw_unsafe, read_escapes

NOW = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)
any_text = st.text(st.characters(codec="utf-8"), max_size=80)
with_surrogates = st.text(st.characters(), max_size=40) | st.text(max_size=40)


@given(hostile_text)
def test_visible_shows_every_unsafe_character_as_an_escape_and_loses_none(text: str) -> None:
    shown = visible(text)
    assert raw_unsafe(shown) == []
    assert read_escapes(shown) == text  # nothing dropped, nothing reordered


@given(hostile_text)
def test_visible_keeps_what_a_format_asks_for(text: str) -> None:
    assert raw_unsafe(visible(text, keep="\n\t"), allowed="\n\t") == []
    assert visible(text, keep="\n\t").count("\n") == text.count("\n")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\x1b]0;owned\x07", "\\x1b]0;owned\\x07"),
        ("abc\u202edef", "abc\\u202edef"),
        ("\x85\x9b31m", "\\x85\\x9b31m"),
        ("x\u2066y\u2069", "x\\u2066y\\u2069"),
        ("\U0010ffff", "\\U0010ffff"),
        ("שלום 👩\u200d💻 café", "שלום 👩\u200d💻 café"),  # scripts, emoji, ZWJ untouched
    ],
)
def test_visible_examples(text: str, shown: str) -> None:
    assert visible(text) == shown


@given(hostile_text, st.integers(2, 50))
def test_clip_gives_one_safe_line_no_longer_than_asked(text: str, width: int) -> None:
    clipped = clip(text, width)
    assert len(clipped) <= width
    assert raw_unsafe(clipped) == [] and "\n" not in clipped
    assert clipped == one_line(text) or clipped.endswith("…")


def test_a_long_note_is_clipped_with_an_ellipsis() -> None:
    assert clip("x" * 100_000, 40) == "x" * 39 + "…"
    assert clip("a\n\n b\t c ", 40) == "a b c"


@given(
    st.recursive(
        hostile_text | st.integers(), lambda c: st.lists(c) | st.dictionaries(hostile_text, c)
    )
)
def test_json_safe_parses_to_the_exact_value_and_shows_nothing_raw(value: object) -> None:
    for indent in (None, 2):
        serialized = json.dumps(value, ensure_ascii=False, indent=indent)
        safe = json_safe(serialized)
        assert json.loads(safe) == value
        assert raw_unsafe(safe, allowed="\n") == []


@given(with_surrogates)
def test_text_with_a_surrogate_is_refused_and_all_other_text_is_kept(text: str) -> None:
    has_surrogate = any(0xD800 <= ord(c) <= 0xDFFF for c in text)
    assert (invalid_text_reason(text) is not None) == has_surrogate
    if has_surrogate:
        with pytest.raises(UserInputError, match=r"^--note is not valid"):
            check_text(text, "--note")
    else:
        assert check_text(text, "--note") is text


def test_the_reason_names_the_byte_that_was_not_utf8() -> None:
    text = b"caf\xe9".decode("utf-8", "surrogateescape")
    assert invalid_text_reason(text) == "is not valid UTF-8 (byte 0xe9 at character 4)"


def rating(note: str) -> Rating:
    return Rating(
        skill_id="gpu-cuda-programming",
        level=2,
        note=note,
        effective_date=NOW.date(),
        created_at=NOW,
        catalog_version="1",
        id=1,
    )


@given(any_text)
def test_models_keep_user_text_exactly(text: str) -> None:
    assert rating(text).note == text
    assert PlanEvent(kind=PlanKind.STUDY, item_id="x", text=text, created_at=NOW).text == text


@pytest.mark.parametrize("bad", ["caf\udce9", "\ud800", "ok\udfff"])
def test_no_model_holds_text_that_is_not_utf8(bad: str) -> None:
    with pytest.raises(ValidationError):
        rating(bad)
    with pytest.raises(ValidationError):
        ApplicabilityMark(
            role_id="r", skill_id="s", not_applicable=True, reason=bad, created_at=NOW
        )
    with pytest.raises(ValidationError):
        PlanEvent(kind=PlanKind.PROJECT, item_id="own-1", title=bad, created_at=NOW)


def test_a_backup_holding_text_that_is_not_utf8_is_refused_in_one_line() -> None:
    good = BackupDocument(
        app_version="0",
        created_at=NOW,
        ratings=(rating("ok"),),
        target_changes=(),
        applicability_marks=(),
    )
    text = good.to_json().replace('"note": "ok"', '"note": "caf\\udce9"')
    assert '"caf\\udce9"' in text
    assert parse_backup(good.to_json(), "b.json", load_catalog(), NOW) == good
    with pytest.raises(UserInputError) as refused:
        parse_backup(text, "b.json", load_catalog(), NOW)
    # JSON that holds a lone surrogate is not valid JSON text: refused as it is parsed.
    assert "b.json is not a gaptracker backup: invalid JSON" in str(refused.value)
    assert "\n" not in str(refused.value)


@given(
    length=st.integers(MAX_TEXT_LENGTH - 3, MAX_TEXT_LENGTH + 3),
    char=st.characters(codec="utf-8"),
)
def test_text_up_to_the_limit_is_kept_and_longer_is_refused(length: int, char: str) -> None:
    text = char * length
    if length <= MAX_TEXT_LENGTH:
        assert check_text(text, "--note") is text
    else:
        with pytest.raises(UserInputError, match=f"^--note is {length:,} characters long"):
            check_text(text, "--note")


@given(hostile_text)
def test_one_line_only_folds_spaces_tabs_and_newlines(text: str) -> None:
    """A carriage return shows as `\\x0d` (on main: a space), as every control does;
    only spaces, tabs and newlines become the one space between words."""
    shown = one_line(text)
    assert raw_unsafe(shown) == [] and "\n" not in shown and "\t" not in shown
    folded = re.sub("[ \t\n]+", " ", text).strip(" ")
    assert read_escapes(shown) == folded
    assert shown.count("\\x0d") == text.count("\r")


def test_one_line_examples() -> None:
    assert one_line("line one\r\nline two\r") == "line one\\x0d line two\\x0d"
    assert one_line("  a\tb \n\n c  ") == "a b c"
    assert one_line("a\u2028b\x0bc") == "a\\u2028b\\x0bc"
