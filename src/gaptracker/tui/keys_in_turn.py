"""Keys are handled in the order typed, each after the one before has done its work.

Textual hands a key to the widget that has focus when the app takes it from the terminal,
and runs key bindings only when the key comes back up to the app. Keys typed in one burst
are all handed on before the first has done anything, so a key that moves the focus sent
the keys after it to the wrong place: Tab then `4` typed the 4 into the field being left,
`g` then Tab moved the focus on the screen behind the dialog `g` was opening, a level
chosen on the check-in (which focuses its note) let the next letters run as commands (`h`
opened History from inside a note), `End` then letters replaced the text it was meant to
keep.

So while a key is on its way (handed to a widget, its bindings not yet run) the keys
after it wait here, and each is handed on once the one before has come back up. A
printable key given to a text field is taken by it and never comes back: nothing waits for
it. A printable key that comes back up while a text field has focus (the focus moved there
while it was on its way, as `Widget.focus` moves it a moment later) is typed into that
field, never run as a command.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from textual import events
from textual.widgets import Input

if TYPE_CHECKING:
    from textual.app import App
    from textual.dom import DOMNode

HandOn = Callable[[events.Event], Awaitable[None]]


class KeysInTurn:
    """The app's: every key it receives goes through `handle`."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self._on_its_way: events.Key | None = None
        self._handed_to: DOMNode | None = None
        self._waiting: list[events.Key] = []

    async def handle(self, key: events.Key, hand_on: HandOn) -> None:
        """`hand_on` is the app's own handling (Textual's `App.on_event`)."""
        if not key.is_forwarded:  # from the terminal
            if self._on_its_way is not None and self._lost():
                self._on_its_way = None
            if self._on_its_way is not None:
                self._waiting.append(key)
                return
            await self._hand_on(key, hand_on)
            await self._hand_on_waiting(hand_on)
            return
        # Back up from the widgets: its bindings run now, unless a field took the focus.
        if key.is_printable and isinstance(self.app.focused, Input):
            await self._hand_on(events.Key(key.key, key.character), hand_on)
        else:
            await hand_on(key)
        if key is self._on_its_way:
            self._on_its_way = None
            await self._hand_on_waiting(hand_on)

    async def _hand_on_waiting(self, hand_on: HandOn) -> None:
        while self._waiting and self._on_its_way is None:
            await self._hand_on(self._waiting.pop(0), hand_on)

    async def _hand_on(self, key: events.Key, hand_on: HandOn) -> None:
        into_a_field = key.is_printable and isinstance(self.app.focused, Input)
        target = self.app.focused or self.app.screen
        await hand_on(key)  # to the focused widget, unless a priority binding took it
        if key.is_forwarded and not into_a_field:
            self._on_its_way, self._handed_to = key, target

    def _lost(self) -> bool:
        """The widget the key went to was removed before it got there (a screen closed by
        a write's result): it will not come back, so the next key goes on without it."""
        return self._handed_to is not None and not self._handed_to.is_attached
