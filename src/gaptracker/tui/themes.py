"""Textual's two default themes, tuned where their own colour pairs miss WCAG AA.

The stylesheet uses Textual's contrast-aware variables (`$text-accent`, `$text-muted`),
which read on any background. A few pairs are the theme's own, drawn by Textual's widgets
as much as by ours, and no stylesheet of ours reaches them all (tests/tui/test_contrast.py
measures what is rendered):

- textual-dark: text on `$primary` (#0178D4) is 3.8:1, so the table cursor, primary
  buttons and the command palette's highlighted line all read below 4.5:1. Its primary is
  taken one shade darker (Textual's own `$primary-darken-2`, #0053AA): 6.0:1.
- textual-light: its footer keys are #0178D4 on the footer's #D0D0D0, 2.9:1. They take
  the theme's primary (#004578): 6.4:1.

The variants keep the built-in names, so a saved preference and the palette's theme list
mean the same as before; every other theme is Textual's, as its author made it.
"""

from __future__ import annotations

import dataclasses

from textual.theme import BUILTIN_THEMES, Theme


def _one_shade_darker_primary(theme: Theme) -> Theme:
    darker = theme.to_color_system().generate()["primary-darken-2"]
    return dataclasses.replace(theme, primary=darker)


def _footer_keys_in_primary(theme: Theme) -> Theme:
    variables = {**theme.variables, "footer-key-foreground": theme.primary}
    return dataclasses.replace(theme, variables=variables)


TUNED_THEMES: tuple[Theme, ...] = (
    _one_shade_darker_primary(BUILTIN_THEMES["textual-dark"]),
    _footer_keys_in_primary(BUILTIN_THEMES["textual-light"]),
)
"""Registered by the app over the built-in themes of the same names."""
