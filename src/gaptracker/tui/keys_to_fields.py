"""Keys typed for a text field reach it, even when they were sent on before it had focus.

Textual hands each key to the widget that has focus when the app takes the key from the
terminal, and checks key bindings only when the key comes back up to the app. Keys typed
in one burst are all handed on before the first has done anything. So when the first key
moves the focus into a field (a level chosen on the check-in focuses its note; `n` opens
the project dialog), the keys after it were handed to the widget that had focus before,
and come back up to the app as commands: `h` opened History from inside a note, `e` the
export dialog. A field takes every printable key it is given, so a printable key that
comes back up while a field has focus never reached it: it is sent again, to the field,
and so is every key after it until those have arrived, so nothing changes order (an
Enter after the letters submits them all).
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, Any

from textual import events
from textual.widgets import Input

if TYPE_CHECKING:
    from textual.app import App


class KeysToFields:
    """The app's: `redirect` is asked about every key the app receives."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self._sent_again: weakref.WeakSet[events.Key] = weakref.WeakSet()
        self._on_the_way = 0
        """Keys sent again that the app has not yet handed on: the keys after them follow
        them (if it drifts, a key only takes one more turn through the field)."""

    def redirect(self, key: events.Key) -> bool:
        """True when `key` was sent again to the field with focus (drop this one)."""
        if not key.is_forwarded:  # from the terminal, or one sent again: hand it on
            if key in self._sent_again:
                self._on_the_way = max(0, self._on_the_way - 1)
            return False
        if key in self._sent_again:  # it has been through the field: its binding runs
            return False
        if not isinstance(self.app.focused, Input):
            return False
        if not (key.is_printable or self._on_the_way):
            return False
        again = events.Key(key.key, key.character)
        self._sent_again.add(again)
        self._on_the_way += 1
        self.app.post_message(again)
        return True
