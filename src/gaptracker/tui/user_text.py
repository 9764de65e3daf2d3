"""What the user typed, ready for the screen: one line, control and bidi characters as
visible escapes (domain.text), and never read as markup.

Textual passes ESC and the bidi controls through to the terminal, and reads a plain
string given to a DataTable cell, a Label or a notification as markup, so a note like
`[/x]` would stop the screen with a markup error and `[link=...]` would make a link. Rich
`Text` is never parsed as markup; `markup_safe` escapes text bound for a markup string.
"""

from __future__ import annotations

from rich.text import Text
from textual.markup import escape

from gaptracker.domain.text import one_line


def plain(text: str, style: str = "") -> Text:
    """A table cell or a line part showing `text` as it is (on one line, escapes shown)."""
    return Text(one_line(text), style=style)


def markup_safe(text: str) -> str:
    """`text` for a string that is read as markup (notifications, labels)."""
    return escape(one_line(text))
