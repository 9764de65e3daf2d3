"""What the user typed, ready for the screen: one line, control and bidi characters as
visible escapes (domain.text), and never read as markup.

Textual passes ESC and the bidi controls through to the terminal, and reads a plain
string given to a DataTable cell or a Label as markup, so a note like `[/x]` would stop
the screen with a markup error and `[link=...]` would make a link. Rich `Text` is never
parsed as markup. (Notifications are plain text app-wide: GapTrackerApp.notify.)
"""

from __future__ import annotations

from rich.text import Text

from gaptracker.domain.text import one_line


def plain(text: str) -> Text:
    """A table cell showing `text` as it is (on one line, escapes shown)."""
    return Text(one_line(text))
