"""Hostile user text for the tests: controls, bidi overrides, formula prefixes, and a
checker written apart from gaptracker's own (unicodedata), so a test does not grade the
code with the code's own definition."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import strategies as st

BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
FORMULA_PREFIXES = "=+-@\t\r"
HOSTILE_CHARS = (
    [chr(c) for c in range(0x20)]
    + ["\x7f"]
    + [chr(c) for c in range(0x80, 0xA0)]
    + list(BIDI)
    + ["\u2028", "\u2029", "\ufdd0", "\ufffe", "\U0010ffff"]
    + list("=+-@|<>&\"'`*_[]")
)
"""Every kind of character that must never reach an output raw, and markup."""

# Characters that stay text everywhere (no surrogates, no backslash so that a test can
# read the escapes back), mixed with the hostile ones; right-to-left script and emoji too.
hostile_text = st.text(
    st.one_of(
        st.sampled_from(HOSTILE_CHARS),
        st.characters(codec="utf-8", exclude_characters="\\"),
        st.sampled_from(["ש", "ل", "👩", "\u200d", "💻", "\u0301"]),
    ),
    max_size=60,
)
formula_text = st.builds(
    lambda first, rest: first + rest, st.sampled_from(FORMULA_PREFIXES), hostile_text
)


def is_raw_unsafe(char: str) -> bool:
    """A character that would act on a terminal or break a page if printed raw."""
    code = ord(char)
    category = unicodedata.category(char)
    noncharacter = 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE
    return category in ("Cc", "Cs", "Zl", "Zp") or char in BIDI or noncharacter


def raw_unsafe(text: str, allowed: str = "") -> list[str]:
    """The unsafe characters in `text` other than `allowed` (e.g. the newlines of a file)."""
    return sorted({c for c in text if is_raw_unsafe(c) and c not in allowed})


_ESCAPE = re.compile(r"\\(?:x([0-9a-f]{2})|u([0-9a-f]{4})|U([0-9a-f]{8}))")


def read_escapes(shown: str) -> str:
    """The text a display escaped, back (valid for text without backslashes)."""
    return _ESCAPE.sub(lambda m: chr(int(next(g for g in m.groups() if g), 16)), shown)
