"""Alembic migrations. The schema changes only through these scripts."""
