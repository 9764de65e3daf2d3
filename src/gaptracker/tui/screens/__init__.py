"""Screens: each owns one view's state and asks the app to persist what the user confirms."""
