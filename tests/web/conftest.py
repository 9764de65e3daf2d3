"""Fixtures of the browser tests (tests/web/browser.py)."""

from tests.web.browser import chromium, shots

__all__ = ["chromium", "shots"]
