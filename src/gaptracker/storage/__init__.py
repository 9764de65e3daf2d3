"""SQLite storage: SQLAlchemy models, migrations, repositories and the unit of work.

The only package that imports SQLAlchemy or Alembic.
"""
