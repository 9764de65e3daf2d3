"""A text field with its name beside it: a placeholder is gone once one types, and a
field's name should not be."""

from __future__ import annotations

from textual.containers import Horizontal
from textual.widgets import Input, Label


def named_field(name: str, field: Input) -> Horizontal:
    """The row for `field`, sized and spaced by app.tcss's `.field-row` rules."""
    return Horizontal(Label(name, classes="field-name"), field, classes="field-row")
