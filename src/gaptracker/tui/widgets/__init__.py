"""Widgets: show what they are given, post messages about what the user did. No I/O."""
