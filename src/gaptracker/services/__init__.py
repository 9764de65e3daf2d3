"""Use cases over a unit of work; no Textual, no SQLAlchemy."""

from gaptracker.services.tracker import Tracker

__all__ = ["Tracker"]
