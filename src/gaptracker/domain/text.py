"""The user's free text (notes, evidence, reasons, plan notes and titles): stored exactly,
shown so that it cannot act on the terminal or the page, refused when it is not text.

Why: a note is the user's own words, so storage keeps it character for character (no
stripping). Printed raw, though, a note could drive the terminal it is shown in (ESC
recolours or retitles it, BEL rings, CR overwrites the line) or reorder what a reader sees
(the bidi overrides, U+202E and friends), and it would make an HTML page invalid. Every
output therefore shows those characters as visible escapes (`\\x1b`, `\\u202e`) instead;
JSON keeps the exact string and only spells them as `\\uXXXX`. A backslash is left as it
is, so the escapes are for reading: the exact text is in the JSON outputs.

Text that Python could not decode (invalid UTF-8 in an argument arrives as lone surrogates,
by `surrogateescape`) cannot be stored or written as UTF-8 at all; it is refused before
anything is written, with the field named (`check_text`, `invalid_text_reason`). So is
text longer than MAX_TEXT_LENGTH: a note is a few sentences and a link, and a 100 KB
"note" is a paste gone wrong that would make every export and backup carry it.
"""

from __future__ import annotations

import re
from functools import cache

from gaptracker.domain.errors import UserInputError

MAX_TEXT_LENGTH = 10_000
"""The most characters a note, evidence, reason or plan text may have (about four pages);
what the commands, the terminal app and a restore all accept."""

BIDI_CONTROLS = (
    "\u061c"  # ARABIC LETTER MARK
    "\u200e\u200f"  # LEFT-TO-RIGHT / RIGHT-TO-LEFT MARK
    "\u202a\u202b\u202c\u202d\u202e"  # embeddings, pop, overrides
    "\u2066\u2067\u2068\u2069"  # isolates
)
"""The invisible characters that reorder the text around them (the "Trojan source" set)."""

_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
)
"""Never meant to be interchanged; an HTML parser reports each one as an error."""

_UNSAFE_CLASS = (
    "\x00-\x1f\x7f-\x9f"  # C0 controls, DEL, C1 controls
    + BIDI_CONTROLS
    + "\u2028\u2029"  # line and paragraph separators: line breaks to some readers
    + _NONCHARACTERS
    + "\ud800-\udfff"  # surrogates: not text (refused on input, escaped if ever met)
)


@cache
def _pattern(which: str) -> re.Pattern[str]:
    """Compiled on first use: most text is printable and never needs them, and every
    start of the app (a shell prompt's `status` too) imports this module."""
    return re.compile(
        {"unsafe": f"[{_UNSAFE_CLASS}]", "surrogate": "[\ud800-\udfff]", "space": "[ \t\n]+"}[which]
    )


def escape_char(char: str) -> str:
    """One character as a Python-style escape: `\\x1b`, `\\u202e`, `\\U0010ffff`."""
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def visible(text: str, keep: str = "") -> str:
    """The text with every control, bidi, separator and non-character shown as an escape.

    `keep` names characters a format needs as they are (HTML and CSV keep newline and
    tab). Everything else is untouched, emoji and right-to-left scripts included.
    """
    if text.isprintable():  # the common case: none of the characters above can be there
        return text
    return _pattern("unsafe").sub(lambda m: m[0] if m[0] in keep else escape_char(m[0]), text)


def one_line(text: str) -> str:
    """A note as a one-line cell shows it: runs of spaces, tabs and newlines as one space,
    ends trimmed, everything else shown with `visible`. Only those three are layout: a
    carriage return (which would overwrite the line on a terminal), the other controls
    and the Unicode line separators show as escapes (`\x0d`, `\u2028`), never as a
    space that hides them."""
    return visible(_pattern("space").sub(" ", text).strip(" "))


def clip(text: str, width: int) -> str:
    """At most `width` characters of `one_line(text)`; a cut one ends in an ellipsis."""
    shown = one_line(text)
    return shown if len(shown) <= width else shown[: width - 1] + "…"


def json_safe(serialized: str) -> str:
    """JSON text with every character `visible` would escape written as `\\uXXXX`.

    Such characters can only stand inside JSON strings, where the escape means the same
    character, so a parser reads exactly the stored text while `cat` shows nothing raw.
    """
    if serialized.isprintable():
        return serialized
    return _pattern("unsafe").sub(_json_escape, serialized)


def _json_escape(match: re.Match[str]) -> str:
    char = match[0]
    if char in "\n\t\r":  # whitespace between JSON tokens (inside strings it is escaped)
        return char
    code = ord(char)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def invalid_text_reason(text: str) -> str | None:
    """Why `text` cannot be stored (it holds surrogates, so it is not valid UTF-8), or None.

    Bytes that were not UTF-8 reach Python as U+DC80-U+DCFF (`surrogateescape`); the
    reason names the byte so the user can find it.
    """
    found = None if text.isprintable() else _pattern("surrogate").search(text)
    if found is None:
        return None
    code = ord(found[0])
    where = f"at character {found.start() + 1}"
    if 0xDC80 <= code <= 0xDCFF:
        return f"is not valid UTF-8 (byte 0x{code - 0xDC00:02x} {where})"
    return f"is not valid text (a lone surrogate U+{code:04X} {where})"


def too_long_reason(text: str) -> str | None:
    """Why `text` is too long to store (over MAX_TEXT_LENGTH characters), or None."""
    if len(text) <= MAX_TEXT_LENGTH:
        return None
    return f"is {len(text):,} characters long, more than the {MAX_TEXT_LENGTH:,} allowed"


def check_text(text: str, field: str) -> str:
    """The text itself, or UserInputError naming `field` when it cannot be stored (not
    valid UTF-8, or longer than MAX_TEXT_LENGTH)."""
    reason = invalid_text_reason(text) or too_long_reason(text)
    if reason is not None:
        raise UserInputError(f"{field} {reason}; nothing was saved")
    return text


def storable_text(text: str) -> str:
    """A pydantic after-validator: the same rule for every model field of user text, so a
    restore or any other path cannot store what the commands refuse."""
    reason = invalid_text_reason(text)
    if reason is not None:
        raise ValueError(f"text {reason}")
    return text


def counted(count: int, noun: str) -> str:
    """`1 problem`, `3 problems`: a count with its noun, for messages."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
