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

from gaptracker.domain.text import visible

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
"""A cell starting with one of these is a formula (or becomes one) in spreadsheets."""
KEPT = "\n\t"
"""Characters both formats carry as text; every other control is shown as an escape."""


def html_text(text: str) -> str:
    """Text for an HTML page: markup escaped, controls and bidi characters as escapes."""
    return html.escape(visible(text, keep=KEPT))


def csv_cell(value: object) -> object:
    """A CSV cell: text made visible and kept from being a formula; other values as given."""
    if not isinstance(value, str):
        return value
    shown = visible(value, keep=KEPT)
    return "'" + shown if value.startswith(FORMULA_TRIGGERS) else shown
