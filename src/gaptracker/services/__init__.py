"""Use cases over a unit of work; no Textual, no SQLAlchemy.

Modules are imported by name (services.tracker, services.status, ...), so a command
loads only the use cases it runs.
"""
