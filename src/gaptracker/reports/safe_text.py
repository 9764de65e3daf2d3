"""How the file formats show user text: HTML that stays valid, CSV that a spreadsheet
will not run.

Both start from domain.text's `visible` (controls and bidi characters as escapes) and keep
newline and tab, which these formats carry as ordinary text. CSV also neutralises formula
injection the way OWASP recommends: a text cell that starts with `=`, `+`, `-`, `@`, a tab
or a carriage return gets a leading `'`, so a spreadsheet shows it as text instead of
evaluating it (`=HYPERLINK(...)`, `=cmd|' /C calc'!A0`). Numbers are left as they are.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

from gaptracker.domain.text import visible

CSV_CELL_CHARACTERS = 32_767
"""The most a spreadsheet cell holds (Excel, LibreOffice); longer text is cut to it, with
an ellipsis. Escapes make text longer: a note of 10,000 BEL characters shows as 40,000."""
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
"""A cell starting with one of these is a formula (or becomes one) in spreadsheets."""
KEPT = "\n\t"
"""Characters both formats carry as text; every other control is shown as an escape."""


def html_text(text: str) -> str:
    """Text for an HTML page: markup escaped, controls and bidi characters as escapes."""
    return html.escape(visible(text, keep=KEPT))


WEB_ADDRESS = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)
"""A candidate web address in a note or evidence: http(s) only, up to a space or a
character that cannot be in one. `javascript:`, `data:`, `file:` never match."""
TRAILING_PUNCTUATION = ".,;:!?)]}"
"""Ends a sentence rather than the address ("see https://x.org/a.")."""


def html_text_with_links(text: str) -> str:
    """`html_text`, with each http(s) address a link (and nothing else: no other
    scheme becomes one, whatever its case or spelling, and the text stays escaped)."""
    pieces, start = [], 0
    for found in WEB_ADDRESS.finditer(text):
        address = found.group().rstrip(TRAILING_PUNCTUATION)
        if not _is_web_address(address):
            continue
        end = found.start() + len(address)
        shown = html_text(address)
        pieces += [
            html_text(text[start : found.start()]),
            f'<a href="{shown}" rel="noopener noreferrer">{shown}</a>',
        ]
        start = end
    pieces.append(html_text(text[start:]))
    return "".join(pieces)


def _is_web_address(address: str) -> bool:
    try:
        parts = urlsplit(address)
    except ValueError:  # a malformed IPv6 host
        return False
    return (
        parts.scheme.lower() in {"http", "https"}
        and bool(parts.hostname)
        and (address.isprintable() and visible(address) == address)
    )


def csv_cell(value: object) -> object:
    """A CSV cell: text made visible, kept from being a formula and cut to what a
    spreadsheet cell holds (CSV_CELL_CHARACTERS, an escape never cut in half); other
    values as given."""
    if not isinstance(value, str):
        return value
    prefix = "'" if value.startswith(FORMULA_TRIGGERS) else ""
    shown = visible(value, keep=KEPT)
    if len(prefix) + len(shown) <= CSV_CELL_CHARACTERS:
        return prefix + shown
    room = CSV_CELL_CHARACTERS - len(prefix) - 1  # one for the ellipsis
    pieces, used = [], 0
    for char in value:
        piece = visible(char, keep=KEPT)
        if used + len(piece) > room:
            break
        pieces.append(piece)
        used += len(piece)
    return prefix + "".join(pieces) + "…"
