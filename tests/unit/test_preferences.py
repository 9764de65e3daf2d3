"""Reading and writing the preferences file: whatever is in it, reading never fails, and
the app writes over nothing of the user's but the theme."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gaptracker.preferences import MAX_BYTES, Preferences, load_preferences, remember_theme
from tests.hostile import hostile_text

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=20), inner),
    max_leaves=20,
)


@given(content=st.binary(max_size=300))
def test_any_bytes_read_as_preferences(
    tmp_path_factory: pytest.TempPathFactory, content: bytes
) -> None:
    path = tmp_path_factory.mktemp("p") / "preferences.json"
    path.write_bytes(content)
    assert isinstance(load_preferences(path), Preferences)


@given(
    theme=json_values,
    keymap=json_values | st.dictionaries(st.text(max_size=20), json_values, max_size=5),
    rest=st.dictionaries(st.text(max_size=10), json_values, max_size=3),
)
def test_each_entry_is_kept_or_dropped_on_its_own(
    tmp_path_factory: pytest.TempPathFactory, theme: object, keymap: object, rest: dict[str, object]
) -> None:
    path = tmp_path_factory.mktemp("p") / "preferences.json"
    path.write_text(json.dumps({**rest, "theme": theme, "keymap": keymap}))
    loaded = load_preferences(path)
    assert loaded.theme == (theme if isinstance(theme, str) else None)
    expected = {
        k: v
        for k, v in (keymap.items() if isinstance(keymap, dict) else ())
        if isinstance(v, str) and v.strip()
    }
    assert loaded.keymap == expected


@given(theme=hostile_text, keymap=st.dictionaries(hostile_text, hostile_text, max_size=3))
def test_the_theme_is_written_and_everything_else_kept(
    tmp_path_factory: pytest.TempPathFactory, theme: str, keymap: dict[str, str]
) -> None:
    path = tmp_path_factory.mktemp("p") / "preferences.json"
    path.write_text(json.dumps({"keymap": keymap, "later": [1, {"x": None}]}))
    remember_theme(path, theme)
    assert json.loads(path.read_text(encoding="utf-8")) == {
        "keymap": keymap,
        "later": [1, {"x": None}],
        "theme": theme,
    }
    assert load_preferences(path).theme == theme


def test_an_escape_utf8_cannot_hold_is_written_back_as_an_escape(tmp_path: Path) -> None:
    path = tmp_path / "preferences.json"
    path.write_text('{"keymap": {"gaptracker.assess": "\\ud800"}, "note": "Zürich"}')
    remember_theme(path, "textual-light")
    assert json.loads(path.read_text()) == {
        "keymap": {"gaptracker.assess": "\ud800"},
        "note": "Zürich",
        "theme": "textual-light",
    }


def test_a_new_file_is_the_users_only(tmp_path: Path) -> None:
    path = tmp_path / "config" / "gaptracker" / "preferences.json"
    assert load_preferences(path) == Preferences()
    remember_theme(path, "textual-light")
    assert load_preferences(path).theme == "textual-light"
    assert path.stat().st_mode & 0o777 == 0o600
    assert os.listdir(path.parent) == ["preferences.json"]  # no temp file left


def test_a_linked_file_is_written_through_the_link(tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "gaptracker.json"
    real.parent.mkdir()
    real.write_text('{"keymap": {"gaptracker.plan": "P"}}')
    link = tmp_path / "preferences.json"
    link.symlink_to(real)
    remember_theme(link, "nord")
    assert link.is_symlink()
    assert json.loads(real.read_text()) == {"keymap": {"gaptracker.plan": "P"}, "theme": "nord"}


@pytest.mark.parametrize(
    "content",
    [b"{", b"\xff", b"[]", b'"x"', b"[" * 50_000, b'{"a": "' + b"x" * MAX_BYTES + b'"}'],
    ids=["cut short", "not utf-8", "a list", "a string", "nested too deep", "too large"],
)
def test_a_file_the_app_cannot_read_is_never_written_over(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "preferences.json"
    path.write_bytes(content)
    assert load_preferences(path) == Preferences()
    with pytest.raises(OSError):
        remember_theme(path, "textual-light")
    assert path.read_bytes() == content
    assert os.listdir(tmp_path) == ["preferences.json"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this platform")
def test_a_fifo_is_neither_waited_on_nor_replaced(tmp_path: Path) -> None:
    path = tmp_path / "preferences.json"
    os.mkfifo(path)
    assert load_preferences(path) == Preferences()  # returns at once: nobody writes to it
    with pytest.raises(OSError):
        remember_theme(path, "textual-light")
    assert path.is_fifo()


@pytest.mark.parametrize("kind", ["folder", "broken link", "link loop"])
def test_no_file_but_something_else_is_left_alone(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "preferences.json"
    if kind == "folder":
        path.mkdir()
    elif kind == "broken link":
        path.symlink_to(tmp_path / "gone.json")
    else:
        path.symlink_to(path.name)
    assert load_preferences(path) == Preferences()
    with pytest.raises(OSError):
        remember_theme(path, "textual-light")
    assert path.is_dir() if kind == "folder" else path.is_symlink()
    assert not (tmp_path / "gone.json").exists()
